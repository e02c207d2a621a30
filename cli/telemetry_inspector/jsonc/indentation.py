"""How VS Code guesses a file's indentation when it opens it (editor.detectIndentation).

Tabs or spaces: whichever indents more lines. The indent size: the most common change in
indentation from one non-blank line to the next, among 2, 4, 6, 8, 3, 5, 7, where 2 wins over 4
when it is at least two thirds as common. Only the first 10,000 lines count. VS Code's defaults
(4, spaces) apply when the file says nothing.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import compress, repeat
from operator import gt, sub

from telemetry_inspector.jsonc.formatter import Formatting

DEFAULT_TAB_SIZE = 4
_LINES_LOOKED_AT = 10_000
_SIZE_PREFERENCE = (2, 4, 6, 8, 3, 5, 7)
_FIRST_LINE_BREAK = re.compile(r"\r\n?|\n")


def detect_formatting(text: str, default_eol: str = "\n") -> Formatting:
    """VS Code's formatting options for `text`: guessed indentation and the first line break."""
    insert_spaces, tab_size = guess_indentation(text)
    found = _FIRST_LINE_BREAK.search(text)
    return Formatting(insert_spaces, tab_size, found.group() if found else default_eol)


def guess_indentation(text: str) -> tuple[bool, int]:
    """(insert_spaces, tab_size) as VS Code guesses them with its defaults (spaces, 4)."""
    lines, widths = _indented_lines(text)
    # Whether a line counts for tabs or for spaces does not depend on the lines around it.
    tabbed = []
    if "\t" in text:
        tabbed = [width for line, width in zip(lines, widths, strict=True) if "\t" in line[:width]]
    lines_with_tabs = len(tabbed)
    lines_with_spaces = _wider_than_one(widths) - _wider_than_one(tabbed)
    insert_spaces = True
    if lines_with_tabs != lines_with_spaces:
        insert_spaces = lines_with_tabs < lines_with_spaces
    if not insert_spaces:
        return False, DEFAULT_TAB_SIZE  # tabs: the steps between lines do not matter
    steps = (_spaces_steps(lines, widths) if not tabbed else None) or _steps(lines, widths)
    return True, _tab_size(steps)


def _wider_than_one(widths: list[int]) -> int:
    return len(widths) - widths.count(0) - widths.count(1)


def _spaces_steps(lines: list[str], widths: list[int]) -> list[int] | None:
    """How often the indentation changed by 0..8 columns, where no indentation holds a tab and
    no line is taken for alignment (else None): the common case, at the speed of counting."""
    changes = list(map(sub, widths, [0, *widths[:-1]]))
    for index in compress(range(len(changes)), map(gt, changes, repeat(0))):
        above = lines[index - 1] if index else ""
        if above[-1:] == ",":
            above_width, below_width = widths[index - 1], widths[index]
            below = lines[index]
            if _step(above, above[:above_width], below[:below_width], below)[1]:
                return None  # alignment: a line is skipped, the one after it compared further up
    counted = Counter(map(abs, changes))
    return [counted[step] for step in range(9)]


def _steps(lines: list[str], widths: list[int]) -> list[int]:
    """How often the indentation changed by 0..8 columns, line by line."""
    steps = [0] * 9
    previous, previous_indent = "", ""
    for line, width in zip(lines, widths, strict=True):
        indent = line[:width]
        step, aligned = _step(previous, previous_indent, indent, line)
        if aligned and step != DEFAULT_TAB_SIZE:
            continue  # `a = 1,\n    b = 2` style alignment is not indentation
        if step < len(steps):
            steps[step] += 1
        previous, previous_indent = line, indent
    return steps


def _indented_lines(text: str) -> tuple[list[str], list[int]]:
    """The lines that are not blank among the first 10,000 (the lines VS Code looks at; blank
    lines say nothing), without their line breaks, and how wide each one's indentation is (in
    spaces and tabs)."""
    # One kind of line break (the common case): split at it, counting in C. Most texts have no
    # CR at all, which `in` finds out at memchr's speed (count() takes 8 M instructions on 1 MB).
    for line_break in ("\n", "\r\n"):
        if "\r" not in text if line_break == "\n" else _only_crlf(text):
            lines = text.split(line_break, _LINES_LOOKED_AT)[:_LINES_LOOKED_AT]
            rests = list(map(str.lstrip, lines, repeat(" \t")))
            lines = list(compress(lines, rests))
            rests = list(filter(None, rests))
            return lines, list(map(sub, map(len, lines), map(len, rests)))
    first_lines, line = _mixed_breaks_patterns()
    found = first_lines.match(text)
    head = found.group() if found is not None else text
    pairs = [pair for pair in line.findall(head) if pair[1]]
    return [indent + rest for indent, rest in pairs], [len(indent) for indent, _ in pairs]


def _only_crlf(text: str) -> bool:
    """Every CR and every LF of `text` is part of a CRLF."""
    crlf = text.count("\r\n")
    return text.count("\r") == crlf and text.count("\n") == crlf


@functools.cache
def _mixed_breaks_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The first lines, and one line, where line breaks are mixed: compiled on first use (a
    text seldom mixes them, and every set-level would compile them at start-up)."""
    return (
        re.compile(rf"(?:[^\r\n]*+(?>\r\n|\r|\n)){{{_LINES_LOOKED_AT}}}"),
        re.compile(r"([ \t]*)([^\r\n]*)(?:\r\n|\r|\n|\Z)"),
    )


def _tab_size(steps: list[int]) -> int:
    size, score = DEFAULT_TAB_SIZE, 0
    for candidate in _SIZE_PREFERENCE:
        if steps[candidate] > score:
            size, score = candidate, steps[candidate]
    if size == 4 and steps[4] > 0 and steps[2] > 0 and steps[2] >= steps[4] * 2 / 3:
        size = 2
    return size


def _step(above: str, above_indent: str, below_indent: str, below: str) -> tuple[int, bool]:
    if "\t" in below_indent or "\t" in above_indent:
        return _indent_step(above, len(above_indent), below, len(below_indent))
    # Spaces only, the common case: the step is the difference in length.
    step = abs(len(below_indent) - len(above_indent))
    below_spaces = len(below_indent) - min(len(below_indent), len(above_indent))
    return step, step > 0 and _looks_aligned(above, below, below_spaces)


def _indent_step(above: str, above_indent: int, below: str, below_indent: int) -> tuple[int, bool]:
    """How many columns the indentation changes between two lines, and whether that looks like
    alignment under a line ending in a comma rather than indentation."""
    same = 0
    limit = min(above_indent, below_indent)
    while same < limit and above[same] == below[same]:
        same += 1
    above_spaces = above.count(" ", same, above_indent)
    above_tabs = above_indent - same - above_spaces
    below_spaces = below.count(" ", same, below_indent)
    below_tabs = below_indent - same - below_spaces
    if (above_spaces and above_tabs) or (below_spaces and below_tabs):
        return 0, False
    tabs_step, spaces_step = abs(above_tabs - below_tabs), abs(above_spaces - below_spaces)
    if tabs_step == 0:
        return spaces_step, spaces_step > 0 and _looks_aligned(above, below, below_spaces)
    if spaces_step % tabs_step == 0:
        return spaces_step // tabs_step, False
    return 0, False


def _looks_aligned(above: str, below: str, spaces: int) -> bool:
    # VS Code indexes lines in UTF-16 code units; only characters beyond U+FFFF make that differ.
    above_units, below_units = _utf16_units(above), _utf16_units(below)
    if not (0 <= spaces - 1 < len(above_units) and spaces < len(below_units)):
        return False
    return below_units[spaces] != " " and above_units[spaces - 1] == " " and above_units[-1] == ","


def _utf16_units(line: str) -> str | list[str]:
    if line.isascii() or max(line) <= "\uffff":
        return line
    data = line.encode("utf-16-le", "surrogatepass")
    return [data[at : at + 2].decode("utf-16-le", "surrogatepass") for at in range(0, len(data), 2)]

"""How VS Code guesses a file's indentation when it opens it (editor.detectIndentation).

Tabs or spaces: whichever indents more lines. The indent size: the most common change in
indentation from one non-blank line to the next, among 2, 4, 6, 8, 3, 5, 7, where 2 wins over 4
when it is at least two thirds as common. Only the first 10,000 lines count. VS Code's defaults
(4, spaces) apply when the file says nothing.
"""

from __future__ import annotations

import re

from telemetry_inspector.jsonc.formatter import Formatting

DEFAULT_TAB_SIZE = 4
_LINES_LOOKED_AT = 10_000
_SIZE_PREFERENCE = (2, 4, 6, 8, 3, 5, 7)
_LINE = re.compile(r"([ \t]*)([^\r\n]*)(?:\r\n|\r|\n|\Z)")
_FIRST_LINES = re.compile(rf"(?:[^\r\n]*+(?>\r\n|\r|\n)){{{_LINES_LOOKED_AT}}}")
_FIRST_LINE_BREAK = re.compile(r"\r\n?|\n")


def detect_formatting(text: str, default_eol: str = "\n") -> Formatting:
    """VS Code's formatting options for `text`: guessed indentation and the first line break."""
    insert_spaces, tab_size = guess_indentation(text)
    found = _FIRST_LINE_BREAK.search(text)
    return Formatting(insert_spaces, tab_size, found.group() if found else default_eol)


def guess_indentation(text: str) -> tuple[bool, int]:
    """(insert_spaces, tab_size) as VS Code guesses them with its defaults (spaces, 4)."""
    lines_with_tabs = lines_with_spaces = 0
    steps = [0] * 9  # how often the indentation changed by 0..8 columns
    previous, previous_indent = "", ""
    for indent, content in _LINE.findall(_head(text)):
        if not content:
            continue  # blank lines say nothing
        if "\t" in indent or "\t" in previous_indent:
            lines_with_tabs += "\t" in indent
            lines_with_spaces += "\t" not in indent and len(indent) > 1
            step, aligned = _step(previous, previous_indent, indent, indent + content)
        else:  # spaces only, the common case, inline: the step is the difference in length
            lines_with_spaces += len(indent) > 1
            step = len(indent) - len(previous_indent)
            # alignment under a line ending in a comma is only possible one column further in
            aligned = (
                step > 0
                and previous[-1:] == ","
                and _step(previous, previous_indent, indent, indent + content)[1]
            )
            step = abs(step)
        if aligned and step != DEFAULT_TAB_SIZE:
            continue  # `a = 1,\n    b = 2` style alignment is not indentation
        if step < len(steps):
            steps[step] += 1
        previous, previous_indent = indent + content, indent
    insert_spaces = True
    if lines_with_tabs != lines_with_spaces:
        insert_spaces = lines_with_tabs < lines_with_spaces
    return insert_spaces, _tab_size(steps) if insert_spaces else DEFAULT_TAB_SIZE


def _head(text: str) -> str:
    """The lines VS Code looks at: the first 10,000."""
    found = _FIRST_LINES.match(text)
    return found.group() if found is not None else text


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

"""The formatting pass VS Code runs over the lines around an edit (jsonc-parser 2.3.1's `format`).

The pass looks at each pair of neighbouring tokens in the window (comments count as tokens) and
decides what the gap between them should be: a line break and indent after `{`, `[` and `,`,
one space after `:` and before a comment on the same line, nothing between a key and its colon.
Only gaps that overlap the requested range change, and none next to a token the scanner faults.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from telemetry_inspector.jsonc.scanner import Token, TokenKind, iter_tokens
from telemetry_inspector.records import record

Edit = tuple[int, int, str]  # start, end, replacement


@record
class Formatting:
    """How VS Code indents and breaks lines in a file: its `FormattingOptions`."""

    insert_spaces: bool = True
    tab_size: int = 4
    eol: str = "\n"

    @property
    def indent_unit(self) -> str:
        return " " * (self.tab_size or 4) if self.insert_spaces else "\t"


_TRIVIA = (TokenKind.TRIVIA, TokenKind.LINE_BREAK)
_COMMENTS = (TokenKind.LINE_COMMENT, TokenKind.BLOCK_COMMENT, TokenKind.OPEN_COMMENT)
_OPENERS = (TokenKind.OPEN_BRACE, TokenKind.OPEN_BRACKET)
_CLOSER_OF = {
    TokenKind.CLOSE_BRACE: TokenKind.OPEN_BRACE,
    TokenKind.CLOSE_BRACKET: TokenKind.OPEN_BRACKET,
}
# After these a token on the same line must be a comma, a comment or the end, or the pass gives up
# on that gap.
_VALUE_ENDS = frozenset(
    {
        TokenKind.STRING,
        TokenKind.BAD_STRING,
        TokenKind.NUMBER,
        TokenKind.BAD_NUMBER,
        TokenKind.TRUE,
        TokenKind.FALSE,
        TokenKind.NULL,
        TokenKind.CLOSE_BRACE,
        TokenKind.CLOSE_BRACKET,
    }
)
_FAULTY = frozenset(
    {TokenKind.UNKNOWN, TokenKind.BAD_STRING, TokenKind.BAD_NUMBER, TokenKind.OPEN_COMMENT}
)
_FIRST_LINE_BREAK = re.compile(r"\r\n?|\n")


def line_start(text: str, offset: int) -> int:
    """The offset just after the last CR or LF before `offset` (0 if none)."""
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def line_end(text: str, offset: int) -> int:
    """The offset of the first CR or LF at or after `offset` (the end of the text if none)."""
    found = [at for at in (text.find("\n", offset), text.find("\r", offset)) if at >= 0]
    return min(found) if found else len(text)


class _Overgrown(Exception):
    """The edits would add more than the growth limit."""


def format_range(
    text: str, start: int, end: int, formatting: Formatting, *, growth_limit: int | None = None
) -> list[Edit] | None:
    """The formatting edits, in document order, for the whole lines holding text[start:end];
    None when they would add more than `growth_limit` characters (a huge one-line file)."""
    try:
        return _format_range(text, start, end, formatting, growth_limit)
    except _Overgrown:
        return None


def _format_range(
    text: str, start: int, end: int, formatting: Formatting, growth_limit: int | None
) -> list[Edit]:
    window_start, window_end = line_start(text, start), line_end(text, end)
    tokens, breaks = _window_tokens(text, window_start, window_end)
    layout = _Layout(text, start, end, formatting, window_start, growth_limit)
    if len(tokens) > 1:
        first = tokens[0]
        layout.gap(layout.indent(0), window_start, first.start, first.kind in _FAULTY)
    index = 0
    while index < len(tokens) - 1:
        index = layout.after(tokens, breaks, index)
    return layout.edits


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits given in document order."""
    pieces, kept = [], 0
    for start, end, replacement in edits:
        pieces += (text[kept:start], replacement)
        kept = end
    pieces.append(text[kept:])
    return "".join(pieces)


def _window_tokens(text: str, start: int, end: int) -> tuple[list[Token], list[bool]]:
    """The tokens of the window other than blanks, ending with an EOF token at its end, and for
    each one whether a line break separates it from the one before."""
    tokens, breaks, after_break = [], [], False
    for token in iter_tokens(text, start, end):
        kind = token.kind
        if kind in _TRIVIA:
            after_break = after_break or kind == TokenKind.LINE_BREAK
            continue
        tokens.append(token)
        breaks.append(after_break)
        after_break = False
    tokens.append(Token(TokenKind.EOF, end, end))
    breaks.append(after_break)
    return tokens, breaks


class _Layout:
    """The state of one pass: the indent level so far and the edits collected."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        formatting: Formatting,
        window: int,
        growth_limit: int | None = None,
    ):
        self.text = text
        self.room = growth_limit  # characters the edits may still add (None: no limit)
        self.range = (start, end)
        self.unit = formatting.indent_unit
        self.base = _indent_level(text, window, formatting.tab_size or 4)
        found = _FIRST_LINE_BREAK.search(text)
        self.eol = found.group() if found else (formatting.eol or "\n")
        self.level = 0
        self.edits: list[Edit] = []

    def indent(self, level: int) -> str:
        return self.unit * (self.base + level)

    def newline(self) -> str:
        return self.eol + self.indent(self.level)

    def gap(self, content: str, start: int, end: int, faulty: bool) -> None:
        """Make text[start:end] read `content` if the gap touches the range and is safe to touch."""
        low, high = self.range
        if faulty or start >= high or end <= low or self.text[start:end] == content:
            return
        if self.room is not None:
            self.room -= len(content) - (end - start)
            if self.room < 0:
                raise _Overgrown
        self.edits.append((start, end, content))

    def after(self, tokens: list[Token], breaks: list[bool], index: int) -> int:
        """Lay out the gap after tokens[index] (not the last, EOF); return the index of the next
        token to consider."""
        first = tokens[index]
        first_end, pending = first.end, ""
        index += 1
        # Comments on the same line stay there, one space away; what follows is laid out after them.
        while tokens[index].kind in _COMMENTS and not breaks[index]:
            comment = tokens[index]
            self.gap(" ", first_end, comment.start, comment.kind in _FAULTY)
            first_end = comment.end
            pending = self.newline() if comment.kind == TokenKind.LINE_COMMENT else ""
            index += 1
        second, second_after_break = tokens[index], breaks[index]
        content, faulty = self._between(first.kind, second.kind, second_after_break, pending)
        self.gap(content, first_end, second.start, faulty or second.kind in _FAULTY)
        return index

    def _between(
        self, first: int, second: int, after_break: bool, pending: str
    ) -> tuple[str, bool]:
        """What goes between tokens of kinds `first` and `second` (`after_break`: a line break
        separates them), and whether the pair is beyond repair."""
        opener = _CLOSER_OF.get(second)
        if opener is not None:
            if first == opener:
                return pending, False
            self.level -= 1
            return self.newline(), False
        content, faulty = pending, False
        if first in _OPENERS:
            self.level += 1
            content = self.newline()
        elif first in (TokenKind.COMMA, TokenKind.LINE_COMMENT):
            content = self.newline()
        elif first in (TokenKind.BLOCK_COMMENT, TokenKind.OPEN_COMMENT):
            content = self.newline() if after_break else " "
        elif first == TokenKind.COLON:
            content = " "
        elif first in (TokenKind.STRING, TokenKind.BAD_STRING) and second == TokenKind.COLON:
            content = ""
        elif first in _VALUE_ENDS:
            if second in _COMMENTS:
                content = " "
            elif second not in (TokenKind.COMMA, TokenKind.EOF):
                faulty = True
        elif first == TokenKind.UNKNOWN:
            faulty = True
        if after_break and second in _COMMENTS:
            content = self.newline()
        return content, faulty


_LEADING_BLANKS = re.compile("[ \t]*")


def _indent_level(text: str, start: int, tab_size: int) -> int:
    """floor(leading columns / tab size) of the line at `start`, a tab counting tab_size."""
    blanks = _LEADING_BLANKS.match(text, start).group()
    return (blanks.count(" ") + blanks.count("\t") * tab_size) // tab_size

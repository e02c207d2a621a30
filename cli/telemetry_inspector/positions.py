"""Offsets in a text as 1-based line and column numbers: the one place that counts lines.

A leaf module, like `errors`: anyone may import it, it imports nothing of the project.

Two ideas of a line break are in use, and a caller picks the one its numbers must agree with:
`BREAKS` (`\\r\\n`, `\\r` and `\\n`, as VS Code's JSONC reader and the extractor's messages count
lines) and `NEWLINES` (`\\n` alone, as Python's json module numbers a JSONDecodeError, so a
position found by hand agrees with the ones it reports). A column counts characters from 1.
"""

from __future__ import annotations

import bisect
import re

# Patterns, compiled on first use (re caches them): importing this costs nothing at start-up.
BREAKS = r"\r\n|\r|\n"
NEWLINES = r"\n"


class LineIndex:
    """The line starts of a text, found once, for many lookups."""

    __slots__ = ("_starts",)

    def __init__(self, text: str, breaks: str = BREAKS) -> None:
        self._starts = [0, *(match.end() for match in re.finditer(breaks, text))]

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def line_column(text: str, offset: int, breaks: str = BREAKS) -> tuple[int, int]:
    """The line and column of one offset; only the text before it is read."""
    return LineIndex(text[:offset], breaks).line_column(offset)

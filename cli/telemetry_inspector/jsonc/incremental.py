"""A text made by an edit, read again only around the edit.

set-level and lockdown edit a settings file and then read the result back, to check that VS Code
reads what was asked for; reading a 1 MB file whole again costs as much as the first read. But an
edit changes one stretch of the text, and what lies before and after it reads as it did. So, when
the text before the edit was read by the fast road (fast.py), the top-level members the edit
touched are walked again, from the start of the first one, with the same walk; the walk stops
where it reaches, just after a member and its comma, the start of a member that lay wholly after
the edit. From there on the text is the same as before and the walk is in the same state, so it
would read the same rows: the rows read before are kept. An edit that opened a comment or a
string running on, closed the object early or broke anything else makes the walk fail or never
meet such a member: then the caller reads the whole text (which also finds the problems). Either
way the tree is the one a whole read builds (tests/jsonc compares them).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from telemetry_inspector.jsonc import fast, scanner
from telemetry_inspector.jsonc.nodes import Node

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from telemetry_inspector.jsonc.fast import Grammar, Row

# Edits in a row read this way before a whole read: the rows kept hold on to the texts they were
# read from, so this bounds the memory a run of edits keeps (lockdown may make thousands).
MAX_GENERATIONS = 8


def reparse(before: Node, text: str, start: int, before_end: int, after_end: int) -> Node | None:
    """The root of `text`, which is the text `before` (a root) was read from with its characters
    [start, before_end) replaced by text[start:after_end]; None when the text must be read whole.
    """
    table = before.source
    if not isinstance(table, fast.ObjectTable) or table.generation >= MAX_GENERATIONS:
        return None
    if not before.offset < start <= before_end < before.end:
        return None  # the edit reaches the braces, or outside them
    count = table.count()
    indices = range(count)
    # The first row to read again: the one the edit starts in (rows before it end with their
    # comma, before the edit). Rows that may resume: those starting at or after its end.
    first = max(bisect_right(indices, start, key=table.row_start) - 1, 0)
    resumable = bisect_left(indices, before_end, key=table.row_start)
    delta = after_end - before_end
    resumed_at = []

    def resumes(position: int) -> bool:
        if position < after_end:
            return False
        index = bisect_left(indices, position - delta, resumable, count, key=table.row_start)
        if index < count and table.row_start(index) == position - delta:
            resumed_at.append(index)
            return True
        return False

    position = table.row_start(first) if count else before.offset + 1
    try:
        walked = fast.walk(text, before.offset, table.grammar, position=position, until=resumes)
    except RecursionError:
        return None
    if walked is None:
        return None
    fresh, end = walked
    rows, shifts = table.rows[:first] + fresh, table.shifts()[:first] + [0] * len(fresh)
    keys = table.keys[:first] + [scanner.string_value(row[0].group(1)) for row in fresh]
    if resumed_at:
        kept = resumed_at[0]
        rows += table.rows[kept:]
        shifts += [shift + delta for shift in table.shifts()[kept:]]
        keys += table.keys[kept:]
        end = before.end + delta
    elif not table.grammar.empty.match(text, end):
        return None  # the object closed early
    generation = table.generation + 1
    edited = EditedTable(text, before.offset, table.grammar, rows, shifts, keys, generation)
    return Node("object", before.offset, end - before.offset, source=edited)


class EditedTable(fast.ObjectTable):
    """The rows of a top-level object read again around an edit.

    The rows the edit did not touch are the ones read before, in the text they were read from,
    `shifts[index]` characters from where they now are: their keys and values are right, and a
    node is made from such a row once it is read again where it now is."""

    __slots__ = ("_shifts", "generation")

    def __init__(
        self,
        text: str,
        start: int,
        grammar: Grammar,
        rows: list[Row],
        shifts: list[int],
        keys: list[str],
        generation: int,
    ) -> None:
        super().__init__(text, start, grammar, rows)
        self._shifts = shifts
        self._keys = keys
        self.generation = generation

    def shifts(self) -> list[int]:
        return self._shifts

    def row_start(self, index: int) -> int:
        return self.rows[index][0].start() + self._shifts[index]

    def row(self, index: int) -> Row:
        row = self.rows[index]
        if row[0].string is not self.text:
            row = self.rows[index] = self.member_row(self.row_start(index))
            self._shifts[index] = 0
        return row

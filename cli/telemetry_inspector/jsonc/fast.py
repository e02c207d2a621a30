"""The fast road for the common case: a clean settings file whose top level is one object.

Python walks objects member by member and arrays element by element, each member with ONE
regular-expression match that takes the blanks and comments before it, the key, the colon, a plain
value and the comma or closing bracket after it. Nested objects and arrays are walked the same way.
The rows found are kept, and nodes are built from them only when asked for: editing one key of a
large file builds a handful of nodes. Anything the walk does not expect (any parse problem, and a
few legal but odd shapes) gives up with FAILED, and the caller runs the exact parser, which also
finds the problems. What the walk accepts is exactly what VS Code reads without complaint.

A text made by an edit of a text read this way is read again only around the edit: see
incremental.py, which reuses the walk below.
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import itemgetter

from telemetry_inspector.jsonc import scanner
from telemetry_inspector.jsonc.nodes import Node, Source
from telemetry_inspector.jsonc.scanner import (
    BLANK_OR_BREAK_RUN,
    LINE_COMMENT,
    MAX_DEPTH,
    NUMBER,
    STRING,
)

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

FAILED = object()  # parse_clean's answer when the exact parser must read the text

_BLOCK_COMMENT = r"/\*(?:[^*]++|\*(?!/))*+\*/"
# No check that the word ends here (`truex`): every pattern below wants a blank, a comment or
# a separator next, which is where VS Code's scanner ends a word too.
_WORD = r"(?:true|false|null)"
_PLAIN = rf"(?:({STRING})|({NUMBER})|({_WORD}))"
# Without capturing groups, for use inside repetitions (which must not capture).
_ANY_PLAIN = rf"(?:{STRING}|{NUMBER}|{_WORD})"

# The shallow patterns (Grammar.shallow) take ~7 ms to compile (the object one is ~2 KB), which
# every run that reads a settings file would pay at start-up. Below this size the walk row by row
# costs less than that (measured: +1 ms at 64 KB, +20 ms at 256 KB, +170 ms at 1 MB), so only a
# large file compiles them, on first use.
SHALLOW_FROM = 64 * 1024


class Grammar:
    """The walk's patterns, for one way of writing the blanks between tokens."""

    def __init__(self, blanks: str) -> None:
        self.blanks = blanks
        key = rf"{blanks}({STRING}){blanks}(:){blanks}"
        self.empty = re.compile(blanks + r"\Z")
        self.root_open = re.compile(blanks + r"\{")
        # One member and what follows it. Groups: key, colon, then for a plain value: string,
        # number, word and `,` or `}`; for an object or array value: its `{` or `[`.
        member = re.compile(rf"{key}(?:{_PLAIN}{blanks}([,}}])|([{{\[]))")
        # One element. Groups: string, number, word and `,` or `]`; or `{` or `[`.
        element = re.compile(rf"{blanks}(?:{_PLAIN}{blanks}([,\]])|([{{\[]))")
        self.rows = {"{": (member, 6), "[": (element, 4)}  # the pattern, its separator group
        self.after = {"{": re.compile(blanks + r"([,}])"), "[": re.compile(blanks + r"([,\]])")}
        self.close = {"{": re.compile(blanks + r"\}"), "[": re.compile(blanks + r"\]")}
        self._shallow: dict[str, re.Pattern[str]] = {}

    def shallow(self) -> dict[str, re.Pattern[str]]:
        """The patterns (by opener) of a whole object nested at most two deep and of a whole
        array of plain values. An array holding objects or arrays is walked instead: settings
        seldom have one, and its pattern would cost as much to compile as the object's."""
        if not self._shallow:
            objects, arrays = self._whole(1)
            self._shallow.update({"{": re.compile(objects[1]), "[": re.compile(arrays[0])})
        return self._shallow

    def _whole(self, levels: int) -> tuple[list[str], list[str]]:
        """Patterns of a whole object and a whole array nested at most 1, 2 ... `levels` + 1
        deep, without capturing groups (they sit inside repetitions): one match checks such a
        value."""
        blanks, value = self.blanks, _ANY_PLAIN
        objects, arrays = [], []
        for _ in range(levels + 1):
            member = rf"{blanks}{STRING}{blanks}:{blanks}{value}{blanks}"
            element = rf"{blanks}{value}{blanks}"
            objects.append(rf"\{{(?:{member}(?:,|(?={blanks}\}})))*+{blanks}\}}")
            arrays.append(rf"\[(?:{element}(?:,|(?={blanks}\])))*+{blanks}\]")
            value = rf"(?:{_ANY_PLAIN}|{objects[-1]}|{arrays[-1]})"
        return objects, arrays


# Almost every settings file separates its tokens with spaces, tabs, CR, LF and comments only;
# VS Code also takes a dozen rarer blanks (NBSP, VT, U+2028 ...), which make every pattern longer
# to compile and slower to run. So the walk first tries the common blanks: where it reads a text
# through, the text has no rarer blank between tokens, and the patterns with every blank would
# read it the same (a comment ends at U+2028 in both). Where it fails and the text may hold a
# rarer blank, the patterns with every blank are compiled and tried. Written as a run of spaces
# then comments each with the run after it: the regex engine goes round its loop only for a
# comment, not once more after every run of spaces (a tenth of a large file's reading).
# Both are compiled on first use: a small file is read token by token (parser.FAST_FROM).
_COMMON: list[Grammar] = []
_EVERY: list[Grammar] = []


def common_blanks() -> Grammar:
    if not _COMMON:
        _COMMON.append(Grammar(rf"[ \t\r\n]*+(?:(?:{LINE_COMMENT}|{_BLOCK_COMMENT})[ \t\r\n]*+)*+"))
    return _COMMON[0]


def _every_blank() -> Grammar:
    if not _EVERY:
        _EVERY.append(Grammar(rf"(?:{BLANK_OR_BREAK_RUN}|{LINE_COMMENT}|{_BLOCK_COMMENT})*+"))
    return _EVERY[0]


_KEYWORDS = {"true": ("boolean", True), "false": ("boolean", False), "null": ("null", None)}
# For ObjectTable.keys: a row's match, its key's literal, a key without its quotes.
_MATCH = itemgetter(0)
_KEY_GROUP = re.Match.group
_UNQUOTED = itemgetter(slice(1, -1))

# One member or element: its match, and for an object or array value where it ends and its rows
# (or the class of its table, when a large file's walk checked the value whole: thousands of
# values are never asked for, so their tables are made only when one is).
Row = tuple[re.Match[str], int, "Table | type[Table] | None"]


def parse_clean(text: str) -> Node | object | None:
    """The root of a clean document whose top level is an object or nothing; FAILED otherwise."""
    root = _parse(text, common_blanks())
    if root is FAILED and (not text.isascii() or "\x0b" in text or "\x0c" in text):
        root = _parse(text, _every_blank())  # it may hold a rarer blank
    return root


def _parse(text: str, grammar: Grammar) -> Node | object | None:
    if grammar.empty.match(text):
        return None
    opened = grammar.root_open.match(text)
    if opened is None:
        return FAILED
    start = opened.end() - 1
    try:
        walked = walk(text, start, grammar)
    except RecursionError:
        return FAILED  # very deep nesting: the exact parser reports where the limit is passed
    if walked is None or not grammar.empty.match(text, walked[1]):
        return FAILED
    rows, end = walked
    return Node("object", start, end - start, source=ObjectTable(text, start, grammar, rows))


def walk(
    text: str,
    start: int,
    grammar: Grammar,
    depth: int = 1,
    *,
    position: int | None = None,
    until: Callable[[int], bool] | None = None,
) -> tuple[list[Row], int] | None:
    """The rows of the object or array opening at `start`, and the offset after it closes.

    From `position` on (the start of a row) instead of the first row, and up to the first
    position after a row and its comma that `until` accepts, where the walk stops (the caller
    tells a stop from a close by the `,` before the offset)."""
    opener = text[start]
    pattern, separator_group = grammar.rows[opener]
    row_match, after = pattern.match, grammar.after[opener].match
    # A value checked whole nests two levels below this one unseen by the depth check: only
    # where both are within MAX_DEPTH (deeper, the walk finds the level that passes it).
    whole_checks = len(text) >= SHALLOW_FROM and depth + 2 <= MAX_DEPTH
    shallow = grammar.shallow() if whole_checks else None
    rows: list[Row] = []
    position = start + 1 if position is None else position
    while (row := row_match(text, position)) is not None:
        if row.lastindex == separator_group:
            rows.append((row, -1, None))
            position = row.end()
            if row.group(separator_group) != ",":
                return rows, position
        else:
            value_start = row.end() - 1
            bracket = text[value_start]
            whole = shallow[bracket].match(text, value_start) if shallow is not None else None
            if whole is not None:  # checked whole: a table made and walked only if asked for
                table, end = (ObjectTable if bracket == "{" else ArrayTable), whole.end()
            else:
                child = _nested(text, value_start, grammar, depth + 1)
                if child is None:
                    return None
                table, end = child
            rows.append((row, end, table))
            separator = after(text, end)
            if separator is None:
                return None
            position = separator.end()
            if separator.group(1) != ",":
                return rows, position
        if until is not None and until(position):
            return rows, position
    closing = grammar.close[opener].match(text, position)  # empty, or after a trailing comma
    return (rows, closing.end()) if closing is not None else None


def _nested(text: str, start: int, grammar: Grammar, depth: int) -> tuple[Table, int] | None:
    """The table of the object or array opening at `start`, walked, and where it ends."""
    kind = ObjectTable if text[start] == "{" else ArrayTable
    if depth > MAX_DEPTH:
        return None  # the exact parser reports it, at this bracket
    walked = walk(text, start, grammar, depth)
    return (kind(text, start, grammar, walked[0]), walked[1]) if walked is not None else None


def _stop(position: int) -> bool:
    return True


class Table(Source):
    """The rows of one object or array, turned into nodes only when asked for."""

    # Slotted: a large file has thousands, which the garbage collector walks at every full pass.
    __slots__ = ("_nodes", "_rows", "grammar", "start", "text")

    def __init__(
        self, text: str, start: int, grammar: Grammar, rows: list[Row] | None = None
    ) -> None:
        self.text = text
        self.start = start
        self.grammar = grammar  # the patterns that read it
        self._rows = rows
        self._nodes: list[Node | None] | None = None

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            self._rows = walk(self.text, self.start, self.grammar)[0]  # checked clean already
        return self._rows

    def member_row(self, position: int) -> Row:
        """The row of the member or element starting at `position`, as the walk read it."""
        walked = walk(self.text, self.start, self.grammar, position=position, until=_stop)
        assert walked is not None and len(walked[0]) == 1, "a row the walk read before"
        return walked[0][0]

    def count(self) -> int:
        return len(self.rows)

    def member_at(self, owner: Node, index: int) -> Node:
        if self._nodes is None:
            self._nodes = [None] * len(self.rows)
        index = index if index >= 0 else index + len(self.rows)
        made = self._nodes[index]
        if made is None:
            made = self._nodes[index] = self._node(owner, index)
        return made

    def expand(self, owner: Node) -> list[Node]:
        return [self.member_at(owner, index) for index in range(len(self.rows))]

    def row(self, index: int) -> Row:
        """rows[index], with its offsets in this table's text."""
        return self.rows[index]

    def _value_node(self, index: int, first_value_group: int) -> Node:
        """The node of the value of rows[index], whose plain value groups start at the given one."""
        match, end, table = self.row(index)
        if table is not None:
            start = match.end() - 1
            if isinstance(table, type):
                table = table(match.string, start, self.grammar)
                self.rows[index] = (match, end, table)
            node_type = "object" if isinstance(table, ObjectTable) else "array"
            return Node(node_type, start, end - start, source=table)
        group = _value_group(match, first_value_group)
        start, end = match.span(group)
        node_type, value = _plain_value(match, group, first_value_group)
        return Node(node_type, start, end - start, value)

    def _values(self, first_value_group: int) -> list[Any]:
        values = []
        for match, _, table in self.rows:
            if isinstance(table, type):
                values.append(table(match.string, match.end() - 1, self.grammar).python_value(None))
            elif table is not None:
                values.append(table.python_value(None))
            else:
                group = _value_group(match, first_value_group)
                values.append(_plain_value(match, group, first_value_group)[1])
        return values

    def _node(self, owner: Node, index: int) -> Node:
        raise NotImplementedError

    # The members by key: an array has none (nodes.Node asks only an object's source).

    def member_keys(self) -> list[str]:
        return []

    def first_index(self, key: str) -> int | None:
        return None

    def indices_of(self, key: str) -> list[int]:
        return []


class ObjectTable(Table):
    __slots__ = ("_first", "_keys")
    generation = 0  # edits read again around the edit (incremental.py) since a whole read

    def __init__(
        self, text: str, start: int, grammar: Grammar, rows: list[Row] | None = None
    ) -> None:
        super().__init__(text, start, grammar, rows)
        self._keys: list[str] | None = None
        self._first: dict[str, int] | None = None

    @property
    def keys(self) -> list[str]:
        if self._keys is None:
            # Mapped in C, not looped in Python: a large file has tens of thousands of keys.
            literals = list(map(_KEY_GROUP, map(_MATCH, self.rows), repeat(1)))
            if any(map(str.__contains__, literals, repeat("\\"))):  # an escape in a key: rare
                self._keys = [scanner.string_value(key) for key in literals]
            else:
                self._keys = list(map(_UNQUOTED, literals))
        return self._keys

    @property
    def first(self) -> dict[str, int]:
        """The index of the first member with each key."""
        if self._first is None:
            keys = self.keys  # the last written wins: walked backwards, the first one
            self._first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        return self._first

    @property
    def repeated(self) -> bool:
        return len(self.first) != len(self.keys)

    def row_start(self, index: int) -> int:
        """Where rows[index] starts: after the comma of the one before (its blanks are its own)."""
        return self.rows[index][0].start()

    def shifts(self) -> list[int]:
        """How far each row's offsets are from where the row is (incremental.py)."""
        return [0] * len(self.rows)

    def member_keys(self) -> list[str]:
        return list(self.keys)

    def first_index(self, key: str) -> int | None:
        return self.first.get(key)

    def indices_of(self, key: str) -> list[int]:
        if not self.repeated:
            return [self.first[key]] if key in self.first else []
        return [index for index, other in enumerate(self.keys) if other == key]

    def python_value(self, owner: Node | None) -> dict[str, Any]:
        # dict() keeps a later duplicate's value at the first one's place, as JSON.parse does.
        return dict(zip(self.keys, self._values(3), strict=True))

    def _node(self, owner: Node, index: int) -> Node:
        match = self.row(index)[0]
        key_start, key_end = match.span(1)
        value = self._value_node(index, 3)
        key = self.keys[index]
        member = Node("property", key_start, value.end - key_start, parent=owner, key=key)
        member.colon_offset = match.start(2)
        member.children.extend((Node("string", key_start, key_end - key_start, key), value))
        for child in member.children:
            child.parent = member
        return member


class ArrayTable(Table):
    __slots__ = ()

    def python_value(self, owner: Node | None) -> list[Any]:
        return self._values(1)

    def _node(self, owner: Node, index: int) -> Node:
        element = self._value_node(index, 1)
        element.parent = owner
        return element


def _value_group(match: re.Match[str], first: int) -> int:
    """Which group holds a plain value: first (string), first + 1 (number) or first + 2 (word)."""
    if match.start(first) >= 0:
        return first
    return first + 1 if match.start(first + 1) >= 0 else first + 2


def _plain_value(match: re.Match[str], group: int, first: int) -> tuple[str, Any]:
    if group == first:
        return "string", scanner.string_value(match.group(group))
    if group == first + 1:
        return "number", scanner.number_value(match.group(group))
    return _KEYWORDS[match.group(group)]

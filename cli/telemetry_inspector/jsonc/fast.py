"""The fast road for the common case: a clean settings file whose top level is one object.

Python walks objects member by member and arrays element by element, each member with ONE
regular-expression match that takes the blanks and comments before it, the key, the colon, a plain
value and the comma or closing bracket after it. Nested objects and arrays are walked the same way.
The rows found are kept, and nodes are built from them only when asked for: editing one key of a
large file builds a handful of nodes. Anything the walk does not expect (any parse problem, and a
few legal but odd shapes) gives up with FAILED, and the caller runs the exact parser, which also
finds the problems. What the walk accepts is exactly what VS Code reads without complaint.
"""

from __future__ import annotations

import re

from telemetry_inspector.jsonc import scanner
from telemetry_inspector.jsonc.nodes import Node, Source
from telemetry_inspector.jsonc.scanner import (
    BLANK_OR_BREAK_RUN,
    LINE_COMMENT,
    MAX_DEPTH,
    NUMBER,
    STRING,
    WORD_ENDS,
)

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FAILED = object()  # parse_clean's answer when the exact parser must read the text

_BLANKS = rf"(?:{BLANK_OR_BREAK_RUN}|{LINE_COMMENT}|/\*(?:[^*]++|\*(?!/))*+\*/)*+"
_WORD = rf"(?:true|false|null){WORD_ENDS}"
_PLAIN = rf"(?:({STRING})|({NUMBER})|({_WORD}))"
# Without capturing groups, for use inside repetitions (which must not capture).
_ANY_PLAIN = rf"(?:{STRING}|{NUMBER}|{_WORD})"
_KEY = rf"{_BLANKS}({STRING}){_BLANKS}(:){_BLANKS}"

_EMPTY = re.compile(_BLANKS + r"\Z")
_ROOT_OPEN = re.compile(_BLANKS + r"\{")
# One member and what follows it. Groups: key, colon, then for a plain value: string, number,
# word and `,` or `}`; for an object or array value: its `{` or `[`.
_MEMBER = re.compile(rf"{_KEY}(?:{_PLAIN}{_BLANKS}([,}}])|([{{\[]))")
# One element. Groups: string, number, word and `,` or `]`; or `{` or `[`.
_ELEMENT = re.compile(rf"{_BLANKS}(?:{_PLAIN}{_BLANKS}([,\]])|([{{\[]))")
_ROW = {"{": (_MEMBER, 6), "[": (_ELEMENT, 4)}  # the pattern and its separator group
_AFTER = {"{": re.compile(_BLANKS + r"([,}])"), "[": re.compile(_BLANKS + r"([,\]])")}
_CLOSE = {"{": re.compile(_BLANKS + r"\}"), "[": re.compile(_BLANKS + r"\]")}


def _shallow(levels: int) -> tuple[str, str]:
    """Patterns of a whole object and a whole array nested at most `levels` deep, without
    capturing groups (they sit inside repetitions): one match checks such a value."""
    value = _ANY_PLAIN
    for _ in range(levels + 1):
        member = rf"{_BLANKS}{STRING}{_BLANKS}:{_BLANKS}{value}{_BLANKS}"
        element = rf"{_BLANKS}{value}{_BLANKS}"
        whole_object = rf"\{{(?:{member}(?:,|(?={_BLANKS}\}})))*+{_BLANKS}\}}"
        whole_array = rf"\[(?:{element}(?:,|(?={_BLANKS}\])))*+{_BLANKS}\]"
        value = rf"(?:{_ANY_PLAIN}|{whole_object}|{whole_array})"
    return whole_object, whole_array


# The shallow patterns are ~3.5 KB each and cost 10-15 ms to compile, which every run that reads a
# settings file would pay at start-up. Below this size the walk row by row costs less than that
# (measured: +1 ms at 64 KB, +20 ms at 256 KB, +170 ms at 1 MB), so only a large file compiles
# them, on first use.
SHALLOW_FROM = 64 * 1024
_SHALLOW: dict[str, re.Pattern[str]] = {}


def _shallow_pattern(opener: str) -> re.Pattern[str]:
    if not _SHALLOW:
        _SHALLOW.update(zip("{[", map(re.compile, _shallow(1)), strict=True))
    return _SHALLOW[opener]


_KEYWORDS = {"true": ("boolean", True), "false": ("boolean", False), "null": ("null", None)}

# One member or element: its match, and for an object or array value where it ends and its rows.
Row = tuple[re.Match[str], int, "Table | None"]


def parse_clean(text: str) -> Node | object | None:
    """The root of a clean document whose top level is an object or nothing; FAILED otherwise."""
    if _EMPTY.match(text):
        return None
    opened = _ROOT_OPEN.match(text)
    if opened is None:
        return FAILED
    start = opened.end() - 1
    try:
        walked = _walk(text, start)
    except RecursionError:
        return FAILED  # very deep nesting: the exact parser reports where the limit is passed
    if walked is None or not _EMPTY.match(text, walked[1]):
        return FAILED
    rows, end = walked
    return Node("object", start, end - start, source=ObjectTable(text, start, rows))


def _walk(text: str, start: int, depth: int = 1) -> tuple[list[Row], int] | None:
    """The rows of the object or array opening at `start`, and the offset after it closes."""
    opener = text[start]
    pattern, separator_group = _ROW[opener]
    row_match, after = pattern.match, _AFTER[opener].match
    rows: list[Row] = []
    position = start + 1
    while (row := row_match(text, position)) is not None:
        if row.lastindex == separator_group:
            rows.append((row, -1, None))
            position = row.end()
            if row.group(separator_group) != ",":
                return rows, position
            continue
        child = _nested(text, row.end() - 1, depth + 1)
        if child is None:
            return None
        rows.append((row, child[1], child[0]))
        separator = after(text, child[1])
        if separator is None:
            return None
        position = separator.end()
        if separator.group(1) != ",":
            return rows, position
    closing = _CLOSE[opener].match(text, position)  # empty, or after a trailing comma
    return (rows, closing.end()) if closing is not None else None


def _nested(text: str, start: int, depth: int) -> tuple[Table, int] | None:
    """The table of the object or array opening at `start`, and where it ends."""
    opener = text[start]
    kind = ObjectTable if opener == "{" else ArrayTable
    if len(text) >= SHALLOW_FROM:
        whole = _shallow_pattern(opener).match(text, start)
        if whole is not None:
            return kind(text, start), whole.end()  # its rows are walked if ever needed
    if depth > MAX_DEPTH:
        return None  # the exact parser reports it, at this bracket
    walked = _walk(text, start, depth)
    return (kind(text, start, walked[0]), walked[1]) if walked is not None else None


class Table(Source):
    """The rows of one object or array, turned into nodes only when asked for."""

    def __init__(self, text: str, start: int, rows: list[Row] | None = None) -> None:
        self.text = text
        self.start = start
        self._rows = rows
        self._nodes: list[Node | None] | None = None

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            self._rows = _walk(self.text, self.start)[0]  # checked clean already
        return self._rows

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

    def _value_node(self, index: int, first_value_group: int) -> Node:
        """The node of the value of rows[index], whose plain value groups start at the given one."""
        match, end, table = self.rows[index]
        if table is not None:
            start = match.end() - 1
            node_type = "object" if isinstance(table, ObjectTable) else "array"
            return Node(node_type, start, end - start, source=table)
        group = _value_group(match, first_value_group)
        start, end = match.span(group)
        node_type, value = _plain_value(match, group, first_value_group)
        return Node(node_type, start, end - start, value)

    def _values(self, first_value_group: int) -> list[Any]:
        values = []
        for match, _, table in self.rows:
            if table is not None:
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
    _keys: list[str] | None = None
    _first: dict[str, int]

    @property
    def keys(self) -> list[str]:
        if self._keys is None:
            self._keys = [scanner.string_value(row[0].group(1)) for row in self.rows]
            self._first = {}
            for index, key in enumerate(self._keys):
                self._first.setdefault(key, index)
        return self._keys

    @property
    def first(self) -> dict[str, int]:
        self.keys  # noqa: B018 - builds the index
        return self._first

    @property
    def repeated(self) -> bool:
        return len(self.first) != len(self.keys)

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
        match = self.rows[index][0]
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

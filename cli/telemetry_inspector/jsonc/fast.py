"""The fast road for the common case: a clean settings file whose top level is one object.

Python only walks the members of the top-level object, each with one regular-expression match;
a nested object or array is checked and skipped by the standard library's C JSON scanner (strict
JSON is a subset of what VS Code accepts, so what it accepts is clean). A nested value that it
refuses (comments or trailing commas inside, unusual blanks) is read by the exact parser instead.
Anything else unusual gives up (returns FAILED) and the caller runs the exact parser on the whole
text, which also finds the problems. Nodes below the top level are built only when asked for.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from telemetry_inspector.jsonc import exact, scanner
from telemetry_inspector.jsonc.nodes import Node, to_value
from telemetry_inspector.jsonc.scanner import LINE_BREAKS, WHITESPACE

FAILED: Final = object()

_BLANKS = (
    rf"(?:[{WHITESPACE}{LINE_BREAKS}]++"
    r"|//[^\r\n\u2028\u2029]*+"
    r"|/\*(?:[^*]++|\*(?!/))*+\*/)*+"
)
_STRING = r'"[^"\\\x00-\x1f]*+(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*+)*+"'
_NUMBER = r"-?(?:0|[1-9][0-9]*+)(?:\.[0-9]++|(?!\.))(?:[eE][+-]?[0-9]++|(?![eE]))"
_WORD_STOP = WHITESPACE + LINE_BREAKS + r'{}\[\]":,/'
_EMPTY = re.compile(_BLANKS + r"\Z")
_ROOT_OPEN = re.compile(_BLANKS + r"\{")
_KEY = rf"{_BLANKS}({_STRING}){_BLANKS}(:){_BLANKS}"
# A member with a plain value and what follows it: groups key, colon, string, number, word, `,`/`}`.
_PLAIN_MEMBER = re.compile(
    rf"{_KEY}(?:({_STRING})|({_NUMBER})|(true|false|null)(?![^{_WORD_STOP}])){_BLANKS}([,}}])"
)
# A member whose value is an object or an array: groups key, colon, `{`/`[`.
_NESTED_MEMBER = re.compile(rf"{_KEY}([{{\[])")
_AFTER_VALUE = re.compile(_BLANKS + r"([,}])")
_ROOT_CLOSE = re.compile(_BLANKS + r"\}")
_STRICT = json.JSONDecoder(parse_constant=lambda name: _refuse(name))
_KEYWORDS = {"true": ("boolean", True), "false": ("boolean", False), "null": ("null", None)}

# One member of the top-level object: its regex match, and for an object or array value where
# the value ends and (if the exact parser had to read it) its node.
Row = tuple[re.Match[str], int, Node | None]


def parse_clean(text: str) -> Node | object | None:
    """The root of a clean document whose top level is an object or nothing; FAILED otherwise."""
    if _EMPTY.match(text):
        return None
    opened = _ROOT_OPEN.match(text)
    if opened is None:
        return FAILED
    rows = _member_rows(text, opened.end())
    if rows is None:
        return FAILED
    rows, position = rows
    if not _EMPTY.match(text, position):
        return FAILED
    start = opened.end() - 1
    return Node("object", start, position - start, source=MemberTable(text, rows))


def _member_rows(text: str, position: int) -> tuple[list[Row], int] | None:
    """The members after the root's `{` and the offset after its `}`; None if anything is odd."""
    rows: list[Row] = []
    plain, nested, after = _PLAIN_MEMBER.match, _NESTED_MEMBER.match, _AFTER_VALUE.match
    while True:
        member = plain(text, position)
        if member is not None:
            rows.append((member, -1, None))
            position = member.end()
            if member.group(6) == "}":
                return rows, position
            continue
        member = nested(text, position)
        if member is None:
            break
        end, node = _nested_value(text, member.start(3))
        if end < 0:
            return None
        rows.append((member, end, node))
        separator = after(text, end)
        if separator is None:
            return None
        position = separator.end()
        if separator.group(1) == "}":
            return rows, position
    closing = _ROOT_CLOSE.match(text, position)  # an empty object, or a trailing comma
    return (rows, closing.end()) if closing is not None else None


def _nested_value(text: str, start: int) -> tuple[int, Node | None]:
    """Where the object or array at `start` ends (-1 if it has problems), and its node when the
    exact parser had to read it."""
    try:
        return _STRICT.scan_once(text, start)[1], None
    except (StopIteration, ValueError, RecursionError):
        pass  # not strict JSON: comments, trailing commas, unusual blanks... or broken
    node, end, problems = exact.parse_value_at(text, start)
    return (end, node) if node is not None and not problems else (-1, None)


def _refuse(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _strict_value(text: str, start: int) -> Any:
    return _STRICT.scan_once(text, start)[0]


def string_value(literal: str) -> str:
    """The value of a well-formed string literal."""
    return literal[1:-1] if "\\" not in literal else json.decoder.scanstring(literal, 1)[0]


class MemberTable:
    """The members of the top-level object, kept as regex matches until nodes are asked for."""

    def __init__(self, text: str, rows: list[Row]) -> None:
        self.text = text
        self.rows = rows
        self.nodes: list[Node | None] = [None] * len(rows)
        self.keys = [string_value(row[0].group(1)) for row in rows]
        self.first: dict[str, int] = {}
        for index, key in enumerate(self.keys):
            self.first.setdefault(key, index)
        self.repeated = len(self.first) != len(self.keys)

    def count(self) -> int:
        return len(self.rows)

    def first_index(self, key: str) -> int | None:
        return self.first.get(key)

    def indices_of(self, key: str) -> list[int]:
        if not self.repeated:
            return [self.first[key]] if key in self.first else []
        return [index for index, other in enumerate(self.keys) if other == key]

    def member_at(self, owner: Node, index: int) -> Node:
        index = index if index >= 0 else index + len(self.rows)
        made = self.nodes[index]
        if made is None:
            made = self.nodes[index] = self._member(owner, index)
        return made

    def expand(self, owner: Node) -> list[Node]:
        return [self.member_at(owner, index) for index in range(len(self.rows))]

    def python_value(self, owner: Node) -> Any:
        result = {}
        for key, (match, end, node) in zip(self.keys, self.rows, strict=True):
            if node is not None:
                result[key] = to_value(node)
            elif end >= 0:
                result[key] = _strict_value(self.text, match.start(3))
            else:
                result[key] = _plain_value(match)[1]  # a later duplicate wins, as in JSON.parse
        return result

    def _member(self, owner: Node, index: int) -> Node:
        match, end, node = self.rows[index]
        key = self.keys[index]
        key_start, key_end = match.span(1)
        if node is None and end >= 0:
            start = match.start(3)
            node_type = "object" if match.group(3) == "{" else "array"
            node = Node(node_type, start, end - start, source=StrictSpan(self.text))
        elif node is None:
            node_type, value = _plain_value(match)
            start, end = match.span(_value_group(match))
            node = Node(node_type, start, end - start, value)
        member = Node("property", key_start, end - key_start, parent=owner, key=key)
        member.colon_offset = match.start(2)
        node.parent = member
        member.children.extend((Node("string", key_start, key_end - key_start, key), node))
        member.children[0].parent = member
        return member


def _value_group(match: re.Match[str]) -> int:
    """Which group of a _PLAIN_MEMBER match holds the value: 3 string, 4 number, 5 word."""
    return 3 if match.start(3) >= 0 else 4 if match.start(4) >= 0 else 5


def _plain_value(match: re.Match[str]) -> tuple[str, Any]:
    """(node type, value) of a member matched by _PLAIN_MEMBER."""
    group = _value_group(match)
    if group == 3:
        return "string", string_value(match.group(3))
    if group == 4:
        return "number", scanner.number_value(match.group(4))
    return _KEYWORDS[match.group(5)]


class StrictSpan:
    """An object or array known to be strict JSON: children are parsed when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text

    def expand(self, owner: Node) -> list[Node]:
        node, _, _ = exact.parse_value_at(self.text, owner.offset)
        children = node.children if node is not None else []
        for child in children:
            child.parent = owner
        return children

    def python_value(self, owner: Node) -> Any:
        return _strict_value(self.text, owner.offset)

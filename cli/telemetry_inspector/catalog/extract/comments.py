"""`__GDPR__` comment declarations: found by text search, as the reference finds them, and
parsed as strict JSON with every failure located at file:line:column.

    /* __GDPR__ "event" : { ... } */            an event
    /* __GDPR__FRAGMENT__ "Name" : { ... } */   a reusable group of properties
    // __GDPR__COMMON__ "common.x" : { ... }    one common property per line
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from telemetry_inspector import positions
from telemetry_inspector.catalog.extract.js_semantics import JS_LINE_END, JS_SPACE, parse_json
from telemetry_inspector.catalog.extract.model import Location, Problem, Severity
from telemetry_inspector.jsonc import js_ordered, quote


class Kind(StrEnum):
    event = "__GDPR__"
    fragment = "__GDPR__FRAGMENT__"
    common = "__GDPR__COMMON__"


# The reference's own patterns (JavaScript regexes applied to the whole file); a block
# comment's `([\s\S]*?)\*/` is found with str.find: Python's engine grows a lazy body one
# character at a time, from every opening, so unclosed openings took quadratic time.
_OPENING = {
    Kind.event: re.compile(rf"/\*[{JS_SPACE}]*__GDPR__\b", re.ASCII),
    Kind.fragment: re.compile(rf"/\*[{JS_SPACE}]*__GDPR__FRAGMENT__", re.ASCII),
}
_COMMON = re.compile(rf"//[{JS_SPACE}]*__GDPR__COMMON__([^{JS_LINE_END}]*)", re.ASCII)
# ripgrep picks the files first, one line at a time (its \s cannot cross a line end).
_RG_SPACE = "\t\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_FILE_FILTER = {
    Kind.event: re.compile(rf"/\*[{_RG_SPACE}]*__GDPR__(?!\w)"),
    Kind.fragment: re.compile(rf"/\*[{_RG_SPACE}]*__GDPR__FRAGMENT__"),
    Kind.common: re.compile(rf"//[{_RG_SPACE}]*__GDPR__COMMON__"),
}


class SourceText:
    """A file's text, locating offsets as 1-based line:column (\\r\\n, \\r and \\n break lines)."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._lines = positions.LineIndex(text, positions.BREAKS)

    def locate(self, offset: int) -> Location:
        return Location(self.path, *self._lines.line_column(offset))


@dataclass(frozen=True, slots=True)
class Declaration:
    """One comment's declaration: the name (its first key) and that key's JSON value."""

    kind: Kind
    name: str
    value: Any
    location: Location
    places: dict[str, Location]  # where each key (and fragment reference) is written

    def locate(self, key: str) -> Location:
        """Where `"key"` is written in the comment (its start when it cannot be found)."""
        return self.places.get(key, self.location)


def _places(value: dict[str, Any], lines: SourceText, span: tuple[int, int]) -> dict[str, Location]:
    wanted = list(value)
    for entry in value.values():
        references = entry.get("${inline}") if isinstance(entry, dict) else entry
        if isinstance(references, list):
            wanted.extend(r for r in references if isinstance(r, str))
    # a find per key scans the comment from its start: with many keys, one pass instead
    firsts = first_quoted(lines.text, span) if len(wanted) > _MANY_KEYS else None
    places = {}
    for key in wanted:
        quoted = quote(key)
        if firsts is not None and quoted.count('"') == 2:
            offset = firsts.get(quoted, -1)
        else:
            offset = lines.text.find(quoted, *span)
        if offset >= 0:
            places[key] = lines.locate(offset)
    return places


_MANY_KEYS = 32


def first_quoted(text: str, span: tuple[int, int]) -> dict[str, int]:
    """Where each text from one double quote to the next first occurs in text[start:end]:
    text.find(s, start, end) for every s with no quote between its two ends."""
    start, end = span
    firsts: dict[str, int] = {}
    opening = text.find('"', start, end)
    while opening >= 0:
        closing = text.find('"', opening + 1, end)
        if closing < 0:
            break
        firsts.setdefault(text[opening : closing + 1], opening)
        opening = closing
    return firsts


FileDeclarations = dict[Kind, tuple[list[Declaration], list[Problem]]]


def scan_file(path: str, text: str) -> FileDeclarations:
    """The declarations of every kind the reference would look for in this file."""
    lines = SourceText(path, text)
    return {kind: scan(kind, text, lines) for kind in Kind if mentions(kind, text)}


def mentions(kind: Kind, text: str) -> bool:
    """Would the reference's ripgrep pass pick this file for this kind of declaration?"""
    return _FILE_FILTER[kind].search(text) is not None


def scan(kind: Kind, text: str, lines: SourceText) -> tuple[list[Declaration], list[Problem]]:
    """Every `kind` declaration in a file's text, in order, and the problems met on the way."""
    found: list[Declaration] = []
    problems: list[Problem] = []
    for start, body in _matches(kind, text):
        where = lines.locate(start)
        parsed = _parse_body(kind, text, body, lines, problems)
        if parsed is None:
            continue
        keys = list(js_ordered(parsed))
        if not keys:
            problems.append(Problem(where, f"{kind} comment declares nothing"))
            continue
        if len(keys) > 1:
            ignored = ", ".join(json.dumps(k) for k in keys[1:])
            problems.append(
                Problem(
                    where,
                    f"{kind} comment declares more than one name; only {json.dumps(keys[0])} "
                    f"counts ({ignored} ignored, as the reference tool does)",
                    Severity.warning,
                )
            )
        name = keys[0]
        value = parsed[name]
        if not isinstance(value, dict):
            what = "event" if kind is Kind.event else "fragment" if kind is Kind.fragment else ""
            label = f"{what} {json.dumps(name)}".strip() if what else json.dumps(name)
            problems.append(
                Problem(where, f"{kind} {label}: the declaration must be a JSON object")
            )
            continue
        places = _places(value, lines, body)
        found.append(Declaration(kind, name, value, where, places))
    return found, problems


def _matches(kind: Kind, text: str) -> Iterator[tuple[int, tuple[int, int]]]:
    """Where each declaration starts and its body's span, as the reference's regex finds them."""
    if kind is Kind.common:
        for match in _COMMON.finditer(text):
            yield match.start(), match.span(1)
        return
    opening = _OPENING[kind]
    position = 0
    while (match := opening.search(text, position)) is not None:
        end = text.find("*/", match.end())
        if end < 0:
            return  # no later opening is closed either
        yield match.start(), (match.end(), end)
        position = end + 2


def _parse_body(
    kind: Kind, text: str, body: tuple[int, int], lines: SourceText, problems: list[Problem]
) -> dict[str, Any] | None:
    body_start, body_end = body
    try:
        return parse_json("{ " + text[body_start:body_end] + " }")
    except json.JSONDecodeError as exc:
        offset = min(max(body_start + exc.pos - 2, body_start), body_end)
        problems.append(
            Problem(lines.locate(offset), f"malformed {kind} comment: {_lower_first(exc.msg)}")
        )
    except (ValueError, RecursionError) as exc:
        problems.append(Problem(lines.locate(body_start), f"malformed {kind} comment: {exc}"))
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]

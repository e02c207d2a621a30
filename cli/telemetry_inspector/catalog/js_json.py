"""JSON exactly as VS Code reads and writes it: `JSON.parse(buffer.toString())` and
`JSON.stringify(value, null, 4)` in JavaScript, reproduced byte for byte.

What JavaScript does differently from Python's defaults, and what this module does about it:
- numbers are doubles: `1.0` prints `1`, `1e21` prints `1e+21`, `-0` prints `0`,
  integers beyond 2**53 lose precision, `1e400` is Infinity and prints `null`. Non-integer and large
  numbers are kept as `JsNumber`, holding the text JavaScript would print;
- object keys that are array indices ("0" ... "4294967294") come first, in ascending order, then the
  rest in insertion order; a repeated key keeps its first position and its last value;
- strings escape `"` `\\` \\b \\f \\n \\r \\t, other control characters as lowercase \\u00xx,
  lone surrogates as \\udxxx; everything else is written as is (U+2028, DEL, non-ASCII);
- bytes are decoded as UTF-8 with U+FFFD for invalid sequences (Buffer#toString).
A leading UTF-8 BOM makes JSON.parse fail; `loads` reads the file without it and says so.

The fast path is C all the way (msgspec decodes, orjson encodes, msgspec indents); the rare inputs
it cannot take (invalid UTF-8, lone surrogates, integers past 2**53, very deep nesting) are read by
the standard library with JavaScript's rules applied by hand, and written by jsonc.json_writer, the
project's one pure-Python writer of JavaScript's JSON (key order, number text, string quoting).
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import msgspec
import orjson

from telemetry_inspector.errors import ParseError
from telemetry_inspector.jsonc import JsNumber, js_ordered, number_text, stringify
from telemetry_inspector.positions import NEWLINES, line_column
from telemetry_inspector.records import record

BOM = b"\xef\xbb\xbf"
_MAX_SAFE_DIGITS = 15  # every integer of 15 digits or fewer is exact as a double
# A key that might be an array index, in raw JSON text: digits, perhaps written as \u00XX escapes.
_MAYBE_INDEX_KEY = re.compile(rb'"[0-9\\][0-9A-Fa-fu\\]*"[ \t\r\n]*:')
_DEEP = 6000  # nesting the slow paths accept; node's own stringify gives up at a few thousand
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)


@record
class Loaded:
    value: Any
    had_bom: bool


class Infinite(JsNumber):
    """A number past the largest double: JSON writes it as null, String() as (-)Infinity."""

    __slots__ = ("negative",)

    def __init__(self, negative: bool) -> None:
        super().__init__("null")
        self.negative = negative


def _number_from_text(text: str) -> JsNumber:
    number = float(text)
    if math.isinf(number):
        return Infinite(number < 0)
    return JsNumber(number_text(number))


def _int_from_text(text: str) -> int | JsNumber:
    if len(text.lstrip("-")) <= _MAX_SAFE_DIGITS:
        return int(text)
    return _number_from_text(text)


_DECODER = msgspec.json.Decoder(float_hook=_number_from_text)


def loads(data: bytes, path: os.PathLike[str] | str | None = None) -> Loaded:
    """Parse `data` as JSON.parse(buffer.toString()) would; ParseError names line and column."""
    had_bom = data.startswith(BOM)
    if had_bom:
        data = data[len(BOM) :]
    try:
        value = _DECODER.decode(data)  # integers past 2**53 stay exact here; dumps() rounds them
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        value = _slow_loads(data, path)
    if _MAYBE_INDEX_KEY.search(data):
        with _deep_recursion():  # as deep as the value was read
            value = order_keys(value)
    return Loaded(value, had_bom)


@contextmanager
def _deep_recursion() -> Iterator[None]:
    """Deeply nested values are legal JSON; give the recursive slow paths the room they need."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, 3 * _DEEP))
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


def _slow_loads(data: bytes, path: os.PathLike[str] | str | None) -> Any:
    text = data.decode("utf-8", "replace")
    if _depth_exceeds(text, _DEEP):
        raise ParseError(f"nested deeper than {_DEEP} levels", path=path, line=1, column=1)
    try:
        with _deep_recursion():
            return json.loads(
                text,
                parse_float=_number_from_text,
                parse_int=_int_from_text,
                parse_constant=_refuse,
            )
    except json.JSONDecodeError as exc:
        raise ParseError(exc.msg, path=path, line=exc.lineno, column=exc.colno) from None
    except _Refused:
        line, column = _constant_position(text)
        raise ParseError(
            "NaN and Infinity are not JSON", path=path, line=line, column=column
        ) from None


def _depth_exceeds(text: str, limit: int) -> bool:
    """A quick bound: brackets outside strings never go deeper than `limit` when this is False."""
    opening = text.count("[") + text.count("{")
    if opening <= limit:
        return False
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False


class _Refused(Exception):
    pass


def _refuse(_name: str) -> Any:
    raise _Refused


def _constant_position(text: str) -> tuple[int, int]:
    for match in _CONSTANT.finditer(text):
        if match.group(1):
            return line_column(text, match.start(1), NEWLINES)  # as JSONDecodeError counts
    return 1, 1


def order_keys(value: Any) -> Any:
    """`value` with every object's keys in JavaScript's property order."""
    if isinstance(value, list):
        return [order_keys(item) for item in value]
    if not isinstance(value, dict):
        return value
    ordered = {key: order_keys(item) for key, item in value.items()}
    return js_ordered(ordered)


def _fragment(value: Any) -> orjson.Fragment:
    if isinstance(value, JsNumber):
        return orjson.Fragment(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


_ORJSON_OPTIONS = orjson.OPT_STRICT_INTEGER | orjson.OPT_PASSTHROUGH_DATACLASS


def dumps(value: Any, *, compact: bool = False) -> bytes:
    """JSON.stringify(value, null, 4) (or JSON.stringify(value)) plus console.log's newline."""
    return _encode(value, compact) + b"\n"


@record
class Encoded:
    """A value already written by orjson as compact JSON, inside a one-element array: the form
    msgspec indents a level in, as a member's value is (the brackets are cut off by a view)."""

    listed: bytes


def encoded(value: Any) -> Any:
    """`value` as `Encoded` JSON when the C writer takes it; else `value` itself, left to the
    Python writer when its object is written (lone surrogates, exact big integers)."""
    try:
        return Encoded(_fast([value]))
    except _NeedsPython:
        return value


def object_parts(members: dict[str, Any], *, compact: bool = False) -> Iterator[bytes | memoryview]:
    """dumps() of an object (the merged catalog), without the newline, in parts: member by
    member, values `Encoded` or not. A catalog kept as each file's compact JSON is written
    without building one document of tens of megabytes, twice (compact, then indented), and
    each file's objects are freed before the next is read: the pages first touched by a run
    cost a page fault each (some 5 us on a virtual machine), and `report` on 21 MB of catalogs
    touched 41,800 pages this way where it now touches 24,800."""
    if not members:
        yield b"{}"
        return
    separator, opening, indent, colon, closing = (
        (b",", b"{", b"", b":", b"}") if compact else (b",\n", b"{\n", b"    ", b": ", b"\n}")
    )
    before = opening
    for key, value in js_ordered(members).items():
        yield before + indent + _encode(key, True) + colon
        yield _member_value(value, compact)
        before = separator
    yield closing


def _member_value(value: Any, compact: bool) -> bytes | memoryview:
    """JSON.stringify's text of a member's value, indented one level below the object's."""
    if compact:
        if isinstance(value, Encoded):
            return memoryview(value.listed)[1:-1]
        return _encode(value, True)
    # Inside brackets, a value comes out one level in: the text between "[\n    " and "\n]".
    if isinstance(value, Encoded):
        listed = msgspec.json.format(value.listed, indent=4)
    else:
        listed = _encode([value], False)
    return memoryview(listed)[6:-2]


def _encode(value: Any, compact: bool) -> bytes:
    try:
        text = _fast(value)
        return text if compact else msgspec.json.format(text, indent=4)
    except _NeedsPython:  # lone surrogates or exact big integers: the pure-Python writer
        with _deep_recursion():
            text = stringify(value, None if compact else 4)
        return text.encode("utf-8")


class _NeedsPython(Exception):
    pass


def _fast(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=_ORJSON_OPTIONS, default=_fragment)
    except orjson.JSONEncodeError:
        raise _NeedsPython from None

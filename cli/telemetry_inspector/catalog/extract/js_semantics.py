"""JavaScript value semantics the reference extractor's output depends on.

The reference is a Node program: its key order, string sorting, truthiness, JSON.parse and
TypeScript's way of printing a string literal type all show in the catalog it writes, so the
same rules are spelled out here once.
"""

from __future__ import annotations

import json
import re
from typing import Any

from telemetry_inspector.jsonc import JsNumber, js_ordered, number_text


class _Absent:
    """JavaScript's `undefined`: a field that was never given (JSON.stringify leaves it out)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Any = _Absent()

# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator), for the reference's own regexes.
JS_SPACE = "\t\n\x0b\x0c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Line terminators as JavaScript's `.` and `$` (multiline) know them.
JS_LINE_END = "\n\r\u2028\u2029"


def truthy(value: Any) -> bool:
    """JavaScript truthiness: undefined, null, false, 0, NaN and "" are false, the rest true
    (a JsNumber from parse_json is never zero)."""
    if value is None or value is ABSENT or value is False:
        return False
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return value == value and value != 0  # NaN is falsy
    if isinstance(value, str):
        return value != ""
    return True


def js_sort_key(text: str) -> bytes:
    """Array.prototype.sort's default order: by UTF-16 code units."""
    return text.encode("utf-16-be", "surrogatepass")


def deep_sorted(value: Any) -> Any:
    """Objects with their keys sorted as JavaScript sorts strings, at every depth, and in the
    order a JavaScript object then holds them (array-index keys first)."""
    if isinstance(value, dict):
        ordered = js_ordered({k: value[k] for k in sorted(value, key=js_sort_key)})
        return {k: deep_sorted(item) for k, item in ordered.items()}
    if isinstance(value, list):
        return [deep_sorted(v) for v in value]
    return value


def catalog_name(name: str) -> str:
    """How the reference spells a comment-declared property in the catalog: lower-cased, with the
    first `<number>` placeholder written `<NUMBER>`."""
    return name.lower().replace("<number>", "<NUMBER>", 1)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _number(text: str) -> int | JsNumber:
    """One JavaScript number, in one spelling: an int when integral and safe (so 1.0 == 1 and 0.0
    is falsy, as in JavaScript), else the JsNumber JSON.stringify would write (never zero)."""
    value = float(text)  # 1e400 is inf, written null
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return JsNumber(number_text(value))


_STRICT_JSON = json.JSONDecoder(
    parse_constant=_reject_constant, parse_float=_number, parse_int=_number
)


# Not js_json.loads: there 1.0 is JsNumber("1") (!= 1, truthy even for 0.0) and errors lack .pos
def parse_json(text: str) -> Any:
    """JSON.parse: strict JSON (no NaN/Infinity), each number as JavaScript holds and prints it.

    Raises json.JSONDecodeError (with .pos) on malformed text."""
    return _STRICT_JSON.decode(text)


# TypeScript prints a string literal type inside double quotes, escaping these characters.
_TS_ESCAPED = re.compile('[\\\\"\x00-\x1f\u2028\u2029\u0085]')
_TS_ESCAPES = {
    "\t": "\\t",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\b": "\\b",
    "\r": "\\r",
    "\n": "\\n",
    "\\": "\\\\",
    '"': '\\"',
}


def _ts_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\x00":
        following = match.string[match.end() : match.end() + 1]
        return "\\x00" if following.isdigit() and following.isascii() else "\\0"
    return _TS_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def ts_literal_text(value: str) -> str:
    """The text between the quotes when TypeScript prints the string literal type of `value`
    (what the reference stores for typed declarations: quotes and backslashes stay escaped)."""
    return _TS_ESCAPED.sub(_ts_escape, value)

"""Python values written as JavaScript's JSON.stringify writes them: the one writer of JavaScript's
JSON, for the settings VS Code edits and the catalogs `code --telemetry` prints.

What JavaScript does differently from Python's json module (docs/vscode.md, "JavaScript's JSON"):
object keys that are array indices come first, in ascending order (`js_ordered`); numbers are
doubles, printed as Number.prototype.toString prints them (`number_text`: `1` for 1.0, `1e+21`;
integers past 2**53 rounded, `null` past the largest double); strings escape only `"`, `\\`
and control characters, in lowercase `\\u00xx`, with lone surrogates escaped (`quote`). A number
read from a file whose JavaScript text differs from Python's is carried as a `JsNumber`.
"""

from __future__ import annotations

import functools
import math
import re

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r"}
_SHORT_ESCAPES["\t"] = "\\t"
_ARRAY_INDEX = re.compile("0|[1-9][0-9]{0,9}")
_SAFE_INTEGER = 2**53


class JsNumber:
    """A number whose JavaScript text differs from what Python would print for it.

    A value, compared by its text. A plain class, not a dataclass: set-level loads this module,
    and defining a dataclass costs a millisecond of start-up."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, JsNumber) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return f"JsNumber({self.text!r})"

    def __str__(self) -> str:
        return self.text


def stringify(value: Any, indent: int | None = None) -> str:
    """JSON.stringify(value, null, indent): compact without an indent (no spaces at all), else
    one member per line, `indent` spaces deeper per level, `": "` after keys."""
    out: list[str] = []
    _write(value, out, "\n" if indent else None, " " * (indent or 0))
    return "".join(out)


def _write(value: Any, out: list[str], newline: str | None, step: str) -> None:
    """SerializeJSONProperty; `newline` is a line break plus the current indentation."""
    if isinstance(value, str):
        out.append(quote(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(integer_text(value))
    elif isinstance(value, float):
        out.append(number_text(value))
    elif isinstance(value, JsNumber):
        out.append(value.text)
    elif isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise TypeError(f"cannot write an object key of type {type(key).__name__} as JSON")
        colon = ": " if newline else ":"
        members = [(quote(key) + colon, item) for key, item in js_ordered(value).items()]
        _write_members(members, "{}", out, newline, step)
    elif isinstance(value, list | tuple):
        _write_members([("", item) for item in value], "[]", out, newline, step)
    else:
        raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def _write_members(
    members: list[tuple[str, Any]], brackets: str, out: list[str], newline: str | None, step: str
) -> None:
    out.append(brackets[0])
    inner = newline + step if newline else None
    for index, (prefix, item) in enumerate(members):
        out.append(("," if index else "") + (inner or "") + prefix)
        _write(item, out, inner, step)
    if members and newline:
        out.append(newline)
    out.append(brackets[1])


def quote(text: str) -> str:
    """A JSON string literal: lowercase \\u00xx for control characters, lone surrogates escaped."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # the common case, told by C string methods without a pattern
    needs_escape = _needs_escape()
    if needs_escape.search(text) is None:
        return f'"{text}"'
    if re.search("[\ud800-\udfff]", text):
        # A high and a low surrogate side by side are one character, as in a JavaScript string.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return '"' + needs_escape.sub(_escape, text) + '"'


@functools.cache
def _needs_escape() -> re.Pattern[str]:
    """Compiled on first use: its class reaches past Latin-1, which costs the regex compiler a
    64K-entry table (a millisecond of set-level's start, whose strings need no escape)."""
    return re.compile('["\\\\\x00-\x1f\ud800-\udfff]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def js_ordered(mapping: dict[str, Any]) -> dict[str, Any]:
    """The same dict in a JavaScript object's key order (this level only): array-index keys
    first, in ascending order, then the rest as inserted. The same dict when nothing moves."""
    indices = sorted((key for key in mapping if is_array_index(key)), key=int)
    if not indices:
        return mapping
    ordered = {key: mapping[key] for key in indices}
    ordered.update((key, item) for key, item in mapping.items() if key not in ordered)
    return ordered


def is_array_index(key: str) -> bool:
    """A canonical decimal integer below 2**32 - 1: JavaScript lists such keys first."""
    return _ARRAY_INDEX.fullmatch(key) is not None and int(key) < 2**32 - 1


def integer_text(value: int) -> str:
    """An integer as a JavaScript number prints: exact up to 2**53, rounded to a double beyond,
    `null` past the largest double."""
    if -_SAFE_INTEGER <= value <= _SAFE_INTEGER:
        return str(value)
    try:
        return number_text(float(value))
    except OverflowError:
        return "null"


def number_text(number: float) -> str:
    """Number.prototype.toString of a double; JSON.stringify writes null for NaN/Infinity."""
    if not math.isfinite(number):
        return "null"
    if number == 0:
        return "0"  # -0 too
    sign = "-" if number < 0 else ""
    digits, exponent = _shortest_digits(abs(number))
    count = len(digits)
    if count <= exponent <= 21:
        return sign + digits + "0" * (exponent - count)
    if 0 < exponent <= 21:
        return sign + digits[:exponent] + "." + digits[exponent:]
    if -6 < exponent <= 0:
        return sign + "0." + "0" * -exponent + digits
    power = exponent - 1
    mark = "+" if power >= 0 else "-"
    mantissa = digits if count == 1 else digits[0] + "." + digits[1:]
    return f"{sign}{mantissa}e{mark}{abs(power)}"


def _shortest_digits(number: float) -> tuple[str, int]:
    """(digits, n) with number == 0.digits * 10**n and the fewest digits that round-trip."""
    text = repr(number)
    mantissa, _, power = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    exponent = len(whole) + int(power or 0) - (len(whole + fraction) - len(digits))
    return digits.rstrip("0"), exponent

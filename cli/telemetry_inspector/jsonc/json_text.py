"""Python values written as JavaScript's JSON.stringify writes them (VS Code writes settings so)."""

from __future__ import annotations

import math
import re

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\ud800-\udfff]')
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r"}
_SHORT_ESCAPES["\t"] = "\\t"
_ARRAY_INDEX = re.compile("0|[1-9][0-9]{0,9}")
_SAFE_INTEGER = 2**53


def to_json_text(value: Any) -> str:
    """JSON.stringify(value): no spaces, non-ASCII as is, JS number text (1e+21, 1 for 1.0)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, int):
        return str(value) if -_SAFE_INTEGER <= value <= _SAFE_INTEGER else _big_integer(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dict):
        return _object_text(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(to_json_text(item) for item in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


def quote(text: str) -> str:
    """A JSON string literal: lowercase \\u00xx for control characters, lone surrogates escaped."""
    if _NEEDS_ESCAPE.search(text) is None:
        return f'"{text}"'
    if re.search("[\ud800-\udfff]", text):
        # A high and a low surrogate side by side are one character, as in a JavaScript string.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _object_text(value: dict[Any, Any]) -> str:
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"cannot write an object key of type {type(key).__name__} as JSON")
    # JavaScript objects list integer-like keys first, in increasing order, then the rest in order.
    indices = sorted((int(key), key) for key in value if is_array_index(key))
    keys = [key for _, key in indices] + [key for key in value if not is_array_index(key)]
    return "{" + ",".join(f"{quote(key)}:{to_json_text(value[key])}" for key in keys) + "}"


def is_array_index(key: str) -> bool:
    """A canonical decimal integer below 2**32 - 1: JavaScript lists such keys first."""
    return _ARRAY_INDEX.fullmatch(key) is not None and int(key) < 2**32 - 1


def _big_integer(value: int) -> str:
    try:
        return number_text(float(value))  # a JavaScript number cannot hold it exactly either
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

"""Text read from files is data: make it safe to put in front of a terminal.

Rich markup is never interpreted because views build `rich.text.Text` objects rather than markup
strings; what remains are characters a terminal would act on (escape sequences, carriage returns,
bidirectional overrides), which `literal()` spells out instead.
"""

from __future__ import annotations

import re
from functools import cache


# C0 controls, DEL, C1 controls, and the bidi embedding/override/isolate characters that can
# make text display in a different order than it is stored ("Trojan Source").
# Also the invisible direction marks (U+061C, U+200E, U+200F), the line and paragraph separators
# (U+2028, U+2029: a line break to some terminals), and the lone surrogates that stand for the
# bytes of a file name that is not UTF-8 (shown as those bytes: \xe9).
# Compiled on first use: a run that shows no text (a JSON status) does not pay for it.
@cache
def _unsafe() -> re.Pattern[str]:
    return re.compile(
        "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\udc80-\udcff]"
    )


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def literal(text: str) -> str:
    """`text` with every terminal-active character written as a visible escape."""
    return _unsafe().sub(_escape, text)

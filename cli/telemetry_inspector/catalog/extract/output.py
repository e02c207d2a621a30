"""The catalog as bytes: the reference's compact JSON, or 4-space `code --telemetry` style."""

from __future__ import annotations

import json
import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def serialize(catalog: dict[str, Any], *, indent: int | None = None) -> bytes:
    """JSON.stringify's text: compact (or indented), non-ASCII kept, a final newline."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(catalog, ensure_ascii=False, indent=indent, separators=separators)
    text = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return (text + "\n").encode("utf-8")

"""Machine output on stdout: one JSON document, or NDJSON records flushed one per line."""

from __future__ import annotations

import sys
from typing import Any

import orjson

from telemetry_inspector.render.console import closed_stdout

_PRETTY = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS
_COMPACT = orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS


def write_bytes(data: bytes) -> None:
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise closed_stdout() from None


def write_json(value: Any, *, pretty: bool = True) -> None:
    """One JSON document followed by a newline (2-space indented unless `pretty` is False)."""
    write_bytes(orjson.dumps(value, option=_PRETTY if pretty else _COMPACT))


def write_text(text: str) -> None:
    write_bytes(text.encode("utf-8", "surrogateescape"))

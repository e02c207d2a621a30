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


def write_record(value: Any) -> None:
    """One NDJSON record, flushed at once so a reader in a pipeline sees it immediately."""
    write_bytes(orjson.dumps(value, option=_COMPACT))


def write_text(text: str) -> None:
    write_bytes(text.encode("utf-8", "surrogateescape"))


def write_csv(header: list[str], rows: list[list[Any]]) -> None:
    """RFC 4180 CSV (CRLF line ends, quoted where needed), header first."""
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    write_text(text.getvalue())

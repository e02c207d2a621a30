"""Machine output on stdout: one JSON document, or NDJSON records flushed one per line.

Two things a plain orjson dump gets wrong are handled here. A file name that is not valid UTF-8
(Python holds its bytes as lone surrogates, U+DC80-U+DCFF) cannot be encoded at all: it is
written as the JSON escape of that surrogate (`\\udce9`), valid JSON that Python reads back to the
same name. And when a terminal is the reader, characters it would act on (C1 controls such as
U+009B, bidirectional overrides such as U+202E, line separators) are written as `\\u` escapes:
the same JSON to a parser, inert on the screen.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any

import orjson

from telemetry_inspector.render.console import stdout_is_terminal, write_bytes, write_text

__all__ = [
    "escape_terminal_active",
    "for_reader",
    "json_bytes",
    "write_bytes",
    "write_csv",
    "write_json",
    "write_text",
]

_PRETTY = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS
_COMPACT = orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS


# The patterns are compiled on first use: most runs write to a pipe, with no lone surrogate.
@cache
def _terminal_active() -> re.Pattern[bytes]:
    """U+0080-U+009F, U+061C, U+200E-U+200F, U+2028-U+202E, U+2066-U+2069 as UTF-8 bytes;
    inside JSON they can only stand in strings, where a \\u escape means the same."""
    return re.compile(rb"\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


# orjson reads values nested 1024 levels deep (a log's payload may be) but writes fewer than 255:
# a deeper value is written in pieces this deep, by a recursion as deep as the value
_PIECE_DEPTH = 200
_DEEPEST_WRITTEN = 10_000

# Stand-ins while orjson encodes what it cannot: U+10FFFF (a noncharacter) and what it stands for,
# a lone surrogate (4 hex digits), U+10FFFF itself ("h"), or a piece written apart ("p", its number)
_HOLE = "\U0010ffff"


@cache
def _surrogate() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff\U0010ffff]")


@cache
def _hole_bytes() -> re.Pattern[bytes]:
    hole = _HOLE.encode()
    return re.compile(
        b'"' + hole + rb'p(\d+)"|' + hole + rb"(h|d[c-f][0-9a-f]{2}|d[89ab][0-9a-f]{2})"
    )


def json_bytes(value: Any, *, pretty: bool = True) -> bytes:
    """`value` as JSON; names that are not valid UTF-8 as their surrogate escapes."""
    option = _PRETTY if pretty else _COMPACT
    try:
        return orjson.dumps(value, option=option)
    except TypeError:  # a lone surrogate, or nesting orjson refuses (else: raised again below)
        before = sys.getrecursionlimit()
        sys.setrecursionlimit(max(before, _DEEPEST_WRITTEN))  # _writable recurses as deep
        try:
            return _written(value, option)
        finally:
            sys.setrecursionlimit(before)


def json_text(value: Any) -> str:
    """`value` as compact JSON on one line, for a table cell or a CSV field."""
    return json_bytes(value, pretty=False)[:-1].decode()


def _written(value: Any, option: int) -> bytes:
    pieces: list[bytes] = []
    data = orjson.dumps(_writable(value, option, 0, pieces), option=option)
    return _hole_bytes().sub(lambda match: _filled(match, pieces), data)


def _filled(match: re.Match[bytes], pieces: list[bytes]) -> bytes:
    if match[1] is not None:
        return pieces[int(match[1])]
    return _HOLE.encode() if match[2] == b"h" else b"\\u" + match[2]


def _writable(value: Any, option: int, depth: int, pieces: list[bytes]) -> Any:
    """`value` with stand-ins (see _HOLE) for each lone surrogate and U+10FFFF in its strings
    (keys too), for each number orjson does not write as JavaScript does, and for each
    container _PIECE_DEPTH levels down, written apart into `pieces` (indented for its depth
    when `option` indents)."""
    if isinstance(value, str):
        return _surrogate().sub(_stand_in, value)
    if type(value) is int and not -(2**63) <= value < 2**64:  # past what orjson writes
        pieces.append(str(value).encode())
        return f"{_HOLE}p{len(pieces) - 1}"
    if isinstance(value, float) and type(value) is not float:  # settings.model.PlainDigits
        from decimal import Decimal

        pieces.append(format(Decimal(repr(value)), "f").encode())
        return f"{_HOLE}p{len(pieces) - 1}"
    if not isinstance(value, dict | list | tuple):
        return value
    if depth == _PIECE_DEPTH:
        piece = _written(value, option & ~orjson.OPT_APPEND_NEWLINE)
        if option & orjson.OPT_INDENT_2:
            piece = piece.replace(b"\n", b"\n" + b"  " * depth)
        pieces.append(piece)
        return f"{_HOLE}p{len(pieces) - 1}"
    depth += 1
    if isinstance(value, dict):
        return {
            _writable(k, option, depth, pieces): _writable(v, option, depth, pieces)
            for k, v in value.items()
        }
    return [_writable(item, option, depth, pieces) for item in value]


def _stand_in(match: re.Match[str]) -> str:
    character = match.group()
    return _HOLE + ("h" if character == _HOLE else f"{ord(character):04x}")


def write_json(value: Any, *, pretty: bool = True) -> None:
    """One JSON document followed by a newline (2-space indented unless `pretty` is False)."""
    write_bytes(for_reader(json_bytes(value, pretty=pretty)))


def escape_terminal_active(data: bytes | memoryview) -> bytes:
    """JSON bytes with every terminal-active character as its \\u escape."""
    return _terminal_active().sub(lambda m: b"\\u%04x" % ord(m.group().decode()), data)


def for_reader(data: bytes | memoryview) -> bytes | memoryview:
    """JSON bytes as they may be shown to stdout's reader (a terminal gets the escapes)."""
    return escape_terminal_active(data) if stdout_is_terminal() else data


def write_csv(header: list[str], rows: list[list[Any]]) -> None:
    """RFC 4180 CSV (CRLF line ends, quoted where needed), header first."""
    import csv
    import io

    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    write_text(text.getvalue())

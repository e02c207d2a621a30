"""Reading only the lines that can start a named event: `tail --event NAME` over a large log.

A line that starts a core or endpoint event named NAME holds `telemetry/NAME`, an extension's
event holds its whole name `publisher.name/event`; either is followed by whitespace, as a logged
name is `\\S+` (see lines.py). A search at C speed (bytes.find) finds those lines; the line reader
reads them and the lines that continue a message they open; every other line is counted (its
number is part of the records) but never read. The events are exactly those that reading every
line and then keeping the named ones gives. Lines that are not events are noticed only among the
lines read."""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from telemetry_inspector.logs.lines import LineReader
from telemetry_inspector.logs.model import Event, Unparsed

_PIECE = 1 << 16
_WHITESPACE = frozenset(b" \t\n\r\x0b\x0c")  # what ends a logged name (`\S` in bytes patterns)
# a pattern with these is a glob, never a name (whitespace), or not findable byte for byte
_NOT_LITERAL = frozenset("*?[\ufffd" + bytes(_WHITESPACE).decode())


@dataclass(frozen=True, slots=True)
class Needles:
    """What every line that starts a wanted event holds, one text per --event NAME."""

    texts: tuple[bytes, ...]


def needles_for(patterns: Sequence[str]) -> Needles | None:
    """The needles of literal event names; None when there is none, or a pattern is a glob or
    cannot be found byte for byte (a name with whitespace never matches; U+FFFD stands for bytes
    that were not UTF-8). `NAME` and `telemetry/NAME` mean a core or endpoint event, logged as
    `telemetry/NAME` (the longer the needle, the faster the search); a name with a slash may also
    be an extension's, `publisher.name/event`, and is its own needle."""
    if not patterns:
        return None
    texts = []
    for pattern in patterns:
        if _NOT_LITERAL.intersection(pattern):
            return None
        name = pattern.removeprefix("telemetry/").encode("utf-8", "surrogateescape")
        texts.append(name if b"/" in name else b"telemetry/" + name)
    return Needles(tuple(dict.fromkeys(texts)))


def feed_matching(
    reader: LineReader,
    data: bytes,
    number: int,
    needles: Needles,
    out: list[Event | Unparsed],
    size: int | None = None,
    start: int = 0,
) -> int:
    """Like `reader.feed_lines`: reads the complete lines of `data[start:size]` (it ends with a
    newline), the first being line `number`, and returns the number of the next line; but only
    the lines holding a needle (and those continuing a message they open) are read."""
    size = len(data) if size is None else size
    find, rfind, feed_found = data.find, data.rfind, reader.feed_found
    line = start  # the first line not yet read or counted
    if reader.waiting:
        line, number = _continue_open(reader, data, line, number, out, size)
    for hit in _hits(data, needles.texts, start, size):
        if hit < line:
            continue  # in a line already read
        begin = rfind(b"\n", line, hit) + 1 or line  # the hit's line
        if begin - line <= _PIECE:  # count_newlines(), inline: most gaps are a few lines
            gap = data[line:begin]
            number += len(gap) - len(gap.replace(b"\n", b""))
        else:
            number += count_newlines(data, line, begin)
        end = find(b"\n", hit)
        if feed_found(data, begin, end, number, out):
            line, number = _continue_open(reader, data, end + 1, number + 1, out, size)
        else:
            line, number = end + 1, number + 1
    return number + count_newlines(data, line, size)


def count_newlines(data: bytes, start: int, end: int) -> int:
    """The newlines in `data[start:end]`. bytes.count() tests byte after byte; replace() finds
    them with memchr: several times faster on long lines, best on pieces that stay in cache."""
    if end - start <= _PIECE:
        part = data[start:end]
        return len(part) - len(part.replace(b"\n", b""))
    return sum(count_newlines(data, at, min(end, at + _PIECE)) for at in range(start, end, _PIECE))


def _continue_open(
    reader: LineReader, data: bytes, line: int, number: int, out: list, size: int
) -> tuple[int, int]:
    """Read the lines from `line` on while a message is still open."""
    while reader.waiting and line < size:
        end = data.find(b"\n", line, size)
        reader.feed(data[line:end], number, out)
        line, number = end + 1, number + 1
    return line, number


def _hits(data: bytes, texts: tuple[bytes, ...], start: int, size: int) -> Iterator[int]:
    """Where the needles occur in `data[start:size]` followed by whitespace, in order."""
    if len(texts) == 1:
        return _occurrences(data, texts[0], start, size)
    return heapq.merge(*(_occurrences(data, text, start, size) for text in texts))


def _occurrences(data: bytes, text: bytes, start: int, size: int) -> Iterator[int]:
    find = data.find
    after = len(text)
    at = find(text, start, size)
    while at >= 0:
        if at + after >= size or data[at + after] in _WHITESPACE:
            yield at
        at = find(text, at + 1, size)

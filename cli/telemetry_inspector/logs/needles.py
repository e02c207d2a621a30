"""Reading only the lines that can start a named event: `tail --event NAME` over a large log.

A line that starts a core or endpoint event named NAME holds `telemetry/NAME`, an extension's
event holds its whole name `publisher.name/event`; either is followed by whitespace, as a logged
name is `\\S+` (see lines.py). A search finds those lines and their numbers (`lines_holding`: in
C, _speedups.c, when the package was built with it; else with bytes methods, memchr() for the
needle's rarest byte when it is rare in the log, bytes.find() otherwise); the line reader reads
them and the lines that continue a message they open; every other line is counted (its number is
part of the records) but never read. The events are exactly those that reading every line and
then keeping the named ones gives. Lines that are not events are noticed only among the lines
read."""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from telemetry_inspector.logs.lines import LineReader
from telemetry_inspector.logs.model import Event, Unparsed

try:  # built with the package where a C compiler was at hand (pyproject.toml: optional)
    from telemetry_inspector.logs._speedups import lines_holding as _native
except ImportError:
    _native = None

_PIECE = 1 << 16
_SHORT_LINE = 32  # lines shorter than this on average: newlines counted byte after byte
_SAMPLE = 1 << 16  # the bytes a needle's probe is chosen on
# a probe that leads to a wrong place more often than once in this many bytes costs more than
# it saves: bytes.find() of the whole needle then does the search
_MISS_SPACING = 8192
_WHITESPACE = frozenset(b" \t\n\r\x0b\x0c")  # what ends a logged name (`\S` in bytes patterns)
# a pattern with these is a glob, never a name (whitespace), or not findable byte for byte
_NOT_LITERAL = frozenset("*?[\ufffd" + bytes(_WHITESPACE).decode())


@dataclass(frozen=True, slots=True)
class Needles:
    """What every line that starts a wanted event holds, one text per --event NAME."""

    texts: tuple[bytes, ...]
    # per text, the byte to look for first and its place in the text, or None to look for the
    # whole text: chosen on the first data searched (see _probe)
    probes: dict[bytes, tuple[bytes, int] | None] = field(
        default_factory=dict, compare=False, repr=False
    )


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
    line = start  # the first line not yet read
    if reader.waiting:
        line, _ = reader.read_open(data, line, number, out, size)
    found, newlines = lines_holding(data, needles, start, size)
    reader.read_found(data, found, line, number, out, size)
    return number + newlines


def lines_holding(
    data: bytes, needles: Needles, start: int, size: int
) -> tuple[list[tuple[int, int, int]], int]:
    """The lines of `data[start:size]` (complete lines) holding a needle followed by whitespace:
    for each, (begin, end, newlines before begin), `end` being its newline and the newlines
    counted from `start`; and the newlines of the whole range. One needle is searched in C when
    the package was built with it (_speedups.c: the same answers, several times faster)."""
    if _native is not None and len(needles.texts) == 1:
        [text] = needles.texts
        probe = _probe_of(needles, text, data, start)
        return _native(data, text, -1 if probe is None else probe[1], start, size)
    found = []
    find, rfind, append = data.find, data.rfind, found.append
    line = start  # the first line not yet looked at
    newlines = 0  # in data[start:line]
    for hit in _hits(data, needles, start, size):
        if hit < line:
            continue  # in a line already found
        begin = rfind(b"\n", line, hit) + 1 or line  # the hit's line
        if begin - line <= _PIECE:  # count_newlines(), inline: most gaps are a few lines
            gap = data[line:begin]
            newlines += len(gap) - len(gap.replace(b"\n", b""))
        else:
            newlines += count_newlines(data, line, begin)
        end = find(b"\n", hit)
        append((begin, end, newlines))
        newlines += 1
        line = end + 1
    return found, newlines + count_newlines(data, line, size)


def count_newlines(data: bytes, start: int, end: int) -> int:
    """The newlines in `data[start:end]`. bytes.count() tests byte after byte; replace() finds
    them with memchr: several times faster on long lines, best on pieces that stay in cache, but
    many times slower where newlines are dense (blank lines): a piece that proves dense has the
    next one counted."""
    if end - start <= _PIECE:
        part = data[start:end]
        return len(part) - len(part.replace(b"\n", b""))
    total = 0
    dense = False
    for at in range(start, end, _PIECE):
        stop = min(end, at + _PIECE)
        found = data.count(b"\n", at, stop) if dense else count_newlines(data, at, stop)
        dense = found * _SHORT_LINE > stop - at
        total += found
    return total


def _hits(data: bytes, needles: Needles, start: int, size: int) -> Iterator[int]:
    """Where the needles occur in `data[start:size]` followed by whitespace, in order."""
    found = []
    for text in needles.texts:
        _probe_of(needles, text, data, start)
        found.append(_occurrences(data, text, needles.probes, start, size))
    return found[0] if len(found) == 1 else heapq.merge(*found)


def _probe_of(needles: Needles, text: bytes, data: bytes, start: int) -> tuple[bytes, int] | None:
    """The probe of a needle, chosen on the first data searched."""
    probes = needles.probes
    if text not in probes:
        probes[text] = _probe(text, data[start : start + _SAMPLE])
    return probes[text]


def _probe(text: bytes, sample: bytes) -> tuple[bytes, int] | None:
    """The byte of `text` that leads to the fewest wrong places in `sample`, and its place in
    `text`; None when each leads to one every _MISS_SPACING bytes or more often."""
    found = sample.count(text)
    misses, byte = min(
        (len(sample) - len(sample.replace(byte, b"")) - found, byte)
        for byte in (bytes([value]) for value in dict.fromkeys(text))
    )
    if misses * _MISS_SPACING > len(sample):
        return None
    return byte, text.index(byte)


def _occurrences(data: bytes, text: bytes, probes: dict, start: int, size: int) -> Iterator[int]:
    """Where `text` occurs followed by whitespace. bytes.find() of a whole needle tests most
    bytes (two-way search); memchr() jumps from one probe byte to the next in a few cycles a
    line, and the whole is compared only there. A probe that proves not rare in this data gives
    way to the whole search."""
    find = data.find
    after = len(text)
    position = start
    if probes[text] is not None:
        byte, offset = probes[text]
        startswith = data.startswith
        misses = 0
        at = find(byte, start + offset, size)
        while at >= 0:
            begin = at - offset
            if not startswith(text, begin, size):
                misses += 1
                if misses > 16 and misses * _MISS_SPACING > at - start:
                    probes[text] = None
                    position = begin + 1
                    break
            elif begin + after >= size or data[begin + after] in _WHITESPACE:
                yield begin
            at = find(byte, at + 1, size)
        else:
            return
    at = find(text, position, size)
    while at >= 0:
        if at + after >= size or data[at + after] in _WHITESPACE:
            yield at
        at = find(text, at + 1, size)

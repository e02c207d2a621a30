"""What the logs already hold: every entry (`--no-follow`, `stats`), or the last N events (the
start of `tail`).

The last N are found in two passes, so that memory holds a block and one record, whatever N is:
backwards from the end, block by block, each non-blank line is looked at once and each record
(a line with a time, and the lines continuing it) read and counted until N kept events are
found; then forwards from the first of them, streamed as every other read is. When N is at
least the number of lines, every event is in view and the backward pass is skipped. A large
file also costs one pass over its bytes counting newlines: records carry absolute line numbers
(`line`), and following goes on numbering from the end (at memchr speed, see _count_lines)."""

from __future__ import annotations

import heapq
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from telemetry_inspector.errors import FileReadError, os_reason
from telemetry_inspector.logs import lines as reading
from telemetry_inspector.logs.lines import LineReader, starts_record
from telemetry_inspector.logs.model import Event, RecordFormat, Unparsed
from telemetry_inspector.logs.needles import Needles, count_newlines, feed_matching
from telemetry_inspector.logs.sessions import rotated
from telemetry_inspector.records import record

if TYPE_CHECKING:  # following is imported where it is needed: `--no-follow` reads without it
    from telemetry_inspector.logs.follow_state import FollowState

Entry = Event | Unparsed
# a record maker for a file's reader (see records.py): its events come as their output records
Records = Callable[[str], RecordFormat]
Keep = Callable[[Event], bool]
NameTest = Callable[[str], bool]
Feed = Callable[..., int]
Select = Callable[[list[Entry]], list[Entry]]
# a batch of lines and the events made of them stay in the CPU's caches; and the memory a batch
# takes is reused by the next (256 KiB batches had glibc give it back and fault it in again,
# block after block: a tenth of `tail --json`'s time, measured)
CHUNK = 64 << 10
BLOCK = 1 << 20  # what the backward pass reads at a time
_MERGE_BATCH = 4096
_NONBLANK = re.compile(rb"\S")  # the whitespace bytes.strip() removes; found at C speed


def read_file(
    path: Path,
    wanted: NameTest | None = None,
    needles: Needles | None = None,
    records: Records | None = None,
) -> Iterator[list[Entry]]:
    """The entries of one file from start to end, in batches; its last line ends the file.
    With `needles`, only the lines that can start a wanted event are read (see needles.py);
    with `records`, events come as their records (see records.py)."""
    reader = line_reader(str(path), wanted, records)
    feed = reader.feed_lines if needles is None else partial(feed_matching, reader, needles=needles)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    try:
        yield from read_range(fd, 0, None, 1, reader, feed, final=True)
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    finally:
        os.close(fd)


def line_reader(
    path: str, wanted: NameTest | None, records: Records | None, mid_file: bool = False
) -> LineReader:
    """A file's line reader; a RecordReader when its events are to come as records. records.py
    is imported only then (msgspec at its first payload check): `stats` and following make no
    records."""
    if records is None:
        return LineReader(path, mid_file=mid_file, wanted=wanted)
    from telemetry_inspector.logs.records import RecordReader

    return RecordReader(path, records(path), mid_file=mid_file, wanted=wanted)


def read_range(
    fd: int, start: int, end: int | None, number: int, reader: LineReader, feed: Feed, final: bool
) -> Iterator[list[Entry]]:
    """The entries of the lines of `fd` from byte `start` (a line's start; line `number`) to
    `end` (None: to the end of the file), in batches. final: the file ends there, so a last line
    without its newline is a line, and an open message ends. A line longer than MAX_LINE is
    skipped as it is read (never held whole), so a file without newlines costs linear time."""
    os.lseek(fd, start, os.SEEK_SET)
    left = -1 if end is None else end - start
    carry: list[bytes] = []  # the start of a line cut by a read
    carried = 0
    skipping = False  # the carried line is longer than MAX_LINE: its bytes are dropped
    while left:
        chunk = os.read(fd, CHUNK if left < 0 else min(CHUNK, left))
        if not chunk:
            break
        left = left - len(chunk) if left > 0 else left
        out: list[Entry] = []
        begin = 0
        if carried or skipping:
            newline = chunk.find(b"\n")
            if newline < 0:
                carried += len(chunk)
                skipping = skipping or carried > reading.MAX_LINE
                if skipping:
                    carry = []
                else:
                    carry.append(chunk)  # not a new list each time: that is quadratic
                continue
            begin = newline + 1
            if skipping or carried + newline > reading.MAX_LINE:
                reader.too_long(number, out)
                number += 1
            else:
                carry.append(chunk[:begin])
                number = feed(data=b"".join(carry), number=number, out=out)
            carry, carried, skipping = [], 0, False
        last = chunk.rfind(b"\n") + 1
        if last > begin:
            number = feed(data=chunk, number=number, out=out, size=last, start=begin)
        rest = max(last, begin)
        if rest < len(chunk):
            carry, carried = [chunk[rest:]], len(chunk) - rest
        yield out
    out = []
    if final:
        if skipping:
            reader.too_long(number, out)
        elif carried:
            reader.feed(b"".join(carry), number, out)
        reader.finish(out)
    yield out


def read_logs(
    paths: Sequence[Path],
    wanted: NameTest | None = None,
    needles: Needles | None = None,
    records: Records | None = None,
) -> Iterator[list[Entry]]:
    """Several logs as one stream of batches, merged in time order (each log is in time order).
    `records` serves one log alone: merging needs the events' times."""
    if len(paths) == 1:
        yield from read_file(paths[0], wanted, needles, records)
        return
    streams = [_timed(read_file(path, wanted, needles), n) for n, path in enumerate(paths)]
    batch: list[Entry] = []
    for _, _, _, entry in heapq.merge(*streams):
        batch.append(entry)
        if len(batch) >= _MERGE_BATCH:
            yield batch
            batch = []
    yield batch


def _timed(batches: Iterator[list[Entry]], stream: int) -> Iterator[tuple[str, int, int, Entry]]:
    """Entries keyed for merging: by time; an unreadable line keeps the time of the event before."""
    time = ""
    position = 0
    for batch in batches:
        for entry in batch:
            if isinstance(entry, Event):
                time = entry.time
            position += 1
            yield time, stream, position, entry


@record
class Span:
    """Where the last kept events of a file begin: byte `start`, line `line`; `kept` of them
    (None: not counted, every line of the file is read)."""

    start: int
    line: int
    kept: int | None


# one stretch of a log to read: how to read it (batches of entries), and where it begins
Piece = tuple[Callable[[], Iterator[list[Entry]]], Span]


def read_last(
    fd: int,
    path: str,
    count: int,
    keep: Keep,
    wanted: NameTest | None = None,
    exact: bool = True,
    final: bool = False,
) -> tuple[Span, int, FollowState]:
    """Where the last `count` kept events of the open file `fd` begin, where to read them to,
    and the follow state at its end. A final line without its newline is not read, unless
    `final` (the file ends there: nothing follows it): it may still be being written.
    exact=False: when `count` is at least the number of lines, do not count the events (the
    caller reads them all, whatever their number)."""
    from telemetry_inspector.logs.follow_state import TAIL_BYTES, state_at_end

    info = os.fstat(fd)
    size = info.st_size
    end, skipped = _last_newline(fd, size)
    lines = _count_lines(fd, end)
    stop = size if final else end
    span = Span(0, 1, None)  # not counted: every line is read
    if exact or count < lines + (stop > end):
        # cut while read back: what is there is read, and following starts over
        with suppress(_Shrank):
            span = last_span(fd, path, count, keep, wanted, stop, lines, final=final)
    partial = b"" if skipped else os.pread(fd, size - end, end)
    tail = os.pread(fd, min(TAIL_BYTES, size), size - min(TAIL_BYTES, size))
    head = os.pread(fd, TAIL_BYTES, 0)
    state = state_at_end(size, (info.st_dev, info.st_ino), lines, partial, tail, head, skipped)
    return span, stop, state


class _Shrank(Exception):
    """The file was cut (truncated, rewritten) while it was read backwards."""


def _last_newline(fd: int, size: int) -> tuple[int, bool]:
    """The offset just after the file's last newline (0: none), and whether the bytes after it
    are more than MAX_LINE (a line that long is skipped, not held)."""
    position = size
    while position > 0:
        low = max(0, position - BLOCK)
        found = os.pread(fd, position - low, low).rfind(b"\n")
        if found >= 0:
            return low + found + 1, size - (low + found + 1) > reading.MAX_LINE
        position = low
    return 0, size > reading.MAX_LINE


def last_span(
    fd: int,
    path: str,
    count: int,
    keep: Keep,
    wanted: NameTest | None,
    end: int,
    lines: int,
    final: bool,
) -> Span:
    """The backward pass over the first `end` bytes of `fd` (`lines` newlines): where the
    `count`-th last kept event begins, or the file's start when there are fewer. final: the
    file ends at `end` (its last message is complete); else the last one may still go on, and
    is not counted while it is open, as a forward read would not yet have made it."""
    if count <= 0:
        return Span(end, lines + 1, 0)
    reader = LineReader(path, mid_file=True, wanted=wanted)
    kept = 0
    continued: list[bytes] = []  # the lines after a record's first, last first
    still_open = not final
    for offset, number, line in _lines_backward(fd, end, lines):
        if line is not None and not starts_record(line):
            continued.append(line)
            continue
        out: list[Entry] = []
        if line is None:
            reader.too_long(number, out)
        else:
            reader.feed(line, number, out)
        for more in reversed(continued):
            reader.feed(more, number, out)
        continued.clear()
        reader.finish([] if still_open else out)
        still_open = False
        kept += sum(1 for entry in out if entry.__class__ is Event and keep(entry))
        if kept >= count:
            return Span(offset, number, kept)
    return Span(0, 1, kept)


def _lines_backward(fd: int, end: int, lines: int) -> Iterator[tuple[int, int, bytes | None]]:
    """The non-blank lines of the first `end` bytes of `fd` (`lines` newlines), last first:
    (offset, number, line without its newline), or None for a line longer than MAX_LINE. Blank
    lines are passed over at C speed; memory holds a block and one line."""
    position = end
    below = lines  # newlines before `position`
    carry: list[bytes] = []  # the line that goes on at `position`: its later pieces, last first
    carried = 0
    skipping = False
    while position > 0:
        low = max(0, position - BLOCK)
        block = os.pread(fd, position - low, low)
        if len(block) != position - low:
            raise _Shrank
        first = block.find(b"\n") if low > 0 else -1
        if low > 0 and first < 0:  # the middle of a line
            carried += len(block)
            skipping = skipping or carried > reading.MAX_LINE
            if skipping:
                carry = []
            else:
                carry.append(block)  # not a new list each time: that is quadratic
            position = low
            continue
        newlines = count_newlines(block, 0, len(block))
        last = block.rfind(b"\n")
        if skipping or len(block) - last - 1 + carried > reading.MAX_LINE:
            yield low + last + 1, below + 1, None
        elif len(block) - last - 1 + carried:
            line = block[last + 1 :] + b"".join(reversed(carry))
            if _NONBLANK.search(line) is not None:
                yield low + last + 1, below + 1, line
        below -= newlines
        found = []
        search, find = _NONBLANK.search, block.find
        at = first + 1  # the block's first whole line: line number `number`
        number = below + (low > 0) + 1
        while (nonblank := search(block, at, last)) is not None:
            start = block.rfind(b"\n", at, nonblank.start()) + 1 or at
            number += count_newlines(block, at, start)
            stop = find(b"\n", nonblank.start())
            found.append((low + start, number, block[start:stop]))
            at, number = stop + 1, number + 1
        yield from reversed(found)
        carry, carried, skipping = [block[:first]], first, False
        position = low


def read_last_rotated(path: Path, count: int, keep: Keep, wanted: NameTest | None) -> list:
    """The rotated pieces to read for the last `count` kept events of a log whose live file had
    too few, oldest first: (path, span, size) each."""
    pieces: list[tuple[Path, Span, int]] = []
    for piece in reversed(rotated(path)):
        if count <= 0:
            break
        try:
            fd = os.open(piece, os.O_RDONLY)
        except OSError as exc:
            raise FileReadError(f"cannot read: {os_reason(exc)}", path=piece) from None
        try:
            size = os.fstat(fd).st_size
            lines = _count_lines(fd, size)
            span = last_span(fd, str(piece), count, keep, wanted, size, lines, final=True)
        except _Shrank:
            span = Span(0, 1, None)
        except OSError as exc:
            raise FileReadError(f"cannot read: {os_reason(exc)}", path=piece) from None
        finally:
            os.close(fd)
        pieces.insert(0, (piece, span, size))
        count -= span.kept or 0
    return pieces


def _count_lines(fd: int, size: int) -> int:
    """The newlines of the file's first `size` bytes: the number of the last line read from the
    end. No record can say its line without it, and nothing on disk keeps it, so it is counted;
    count_newlines() is the fastest way found (plain pread + bytes.count() is 2x slower, an mmap
    about the same)."""
    lines = 0
    offset = 0
    while offset < size:
        chunk = os.pread(fd, min(CHUNK, size - offset), offset)
        if not chunk:
            break
        lines += count_newlines(chunk, 0, len(chunk))
        offset += len(chunk)
    return lines


def read_piece(path: Path, span: Span, wanted: NameTest | None) -> Iterator[list[Entry]]:
    """A rotated piece from `span` to its end."""
    reader = LineReader(str(path), mid_file=span.start > 0, wanted=wanted)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    try:
        yield from read_range(fd, span.start, None, span.line, reader, reader.feed_lines, True)
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    finally:
        os.close(fd)


def last_of(logs: list[list[Piece]], select: Select, count: int) -> Iterator[list[Entry]]:
    """The pieces' entries that `select` keeps, the logs merged in time order, from the
    `count`-th last kept event on (each piece's span says how many it keeps; when one does not
    know, or there are fewer than `count` in all, all of them)."""
    spans = [span for pieces in logs for _, span in pieces]
    total = None if any(s.kept is None for s in spans) else sum(s.kept or 0 for s in spans)
    streams = [
        (select(batch) for read, _ in pieces for batch in read()) for pieces in logs if pieces
    ]
    if len(streams) > 1:
        merged = heapq.merge(*(_timed(stream, n) for n, stream in enumerate(streams)))
        streams = [_batched(entry for *_, entry in merged)]
    # the events passed over before the first shown (-1: none, show all)
    skip = -1 if total is None or total < count else total - count
    for stream in streams:
        for batch in stream:
            if skip >= 0:
                batch, skip = _pass_over(batch, skip)
            yield batch


def _pass_over(batch: list[Entry], skip: int) -> tuple[list[Entry], int]:
    """The batch from its (skip+1)-th event on, and -1; or nothing, and what is left to skip.
    (Events may come as records: bytes, one record or several, each ending with a newline.)"""
    for index, entry in enumerate(batch):
        if entry.__class__ is bytes:
            records = entry.count(b"\n")
            if skip < records:
                kept = entry.split(b"\n", skip)[-1] if skip else entry
                return [kept, *batch[index + 1 :]], -1
            skip -= records
        elif entry.__class__ is not Unparsed:
            if skip == 0:
                return batch[index:], -1
            skip -= 1
    return [], skip


def _batched(entries: Iterator[Entry]) -> Iterator[list[Entry]]:
    batch: list[Entry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) >= _MERGE_BATCH:
            yield batch
            batch = []
    yield batch

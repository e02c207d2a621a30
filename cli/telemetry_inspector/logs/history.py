"""What the logs already hold: every entry (`--no-follow`, `stats`), or the last N events (the
start of `tail`), read from the end: only the lines needed for what is shown are read as events.
A large file still costs one pass over all its bytes at the start of `tail`, counting its newlines:
records carry absolute line numbers (`line`), and following goes on numbering from the end (at
memchr speed, a fraction of a second for hundreds of megabytes, see _count_lines)."""

from __future__ import annotations

import gc
import heapq
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from telemetry_inspector.errors import FileReadError, os_reason
from telemetry_inspector.logs.lines import LineReader
from telemetry_inspector.logs.model import Event, Unparsed
from telemetry_inspector.logs.needles import Needles, count_newlines, feed_matching
from telemetry_inspector.logs.sessions import Targets, rotated

if TYPE_CHECKING:  # following is imported where it is needed: `--no-follow` reads without it
    from telemetry_inspector.logs.follow import FollowState, TrackedFile

Entry = Event | Unparsed
Keep = Callable[[Event], bool]
NameTest = Callable[[str], bool]
CHUNK = 256 << 10  # a batch of lines and the events made of them stay in the CPU's caches
_FIRST_WINDOW = 1 << 16
_MERGE_BATCH = 4096


def read_file(
    path: Path, wanted: NameTest | None = None, needles: Needles | None = None
) -> Iterator[list[Entry]]:
    """The entries of one file from start to end, in batches; its last line ends the file.
    With `needles`, only the lines that can start a wanted event are read (see needles.py)."""
    reader = LineReader(str(path), wanted=wanted)
    feed = reader.feed_lines if needles is None else partial(feed_matching, reader, needles=needles)
    number = 1
    rest = b""
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(CHUNK):
                out: list[Entry] = []
                start = 0
                if rest:  # the line cut by the last read: read it alone, not by copying chunks
                    start = chunk.find(b"\n") + 1
                    if start == 0:
                        rest += chunk
                        continue
                    cut = rest + chunk[:start]
                    number = feed(data=cut, number=number, out=out)
                end = chunk.rfind(b"\n") + 1
                if end > start:
                    number = feed(data=chunk, number=number, out=out, size=end, start=start)
                rest = chunk[max(end, start) :]
                yield out
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    out = []
    if rest:
        reader.feed(rest, number, out)
    reader.finish(out)
    yield out


@contextmanager
def paused_cyclic_gc() -> Iterator[None]:
    """For a whole read: events are acyclic (dicts of strings) and freed by reference counting;
    the cyclic collector would only walk every live record again and again (a fifth of a
    300k-line run)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_logs(
    paths: Sequence[Path],
    wanted: NameTest | None = None,
    needles: Needles | None = None,
) -> Iterator[list[Entry]]:
    """Several logs as one stream of batches, merged in time order (each log is in time order)."""
    if len(paths) == 1:
        yield from read_file(paths[0], wanted, needles)
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


def read_last(
    fd: int, path: str, count: int, keep: Keep, wanted: NameTest | None = None
) -> tuple[list[Entry], FollowState, LineReader]:
    """The last `count` kept events of the open file `fd` (with any unreadable lines among them),
    the follow state at its end, and the line reader to go on with (it may hold an open message).
    A final line without its newline is not read: it may still be being written."""
    from telemetry_inspector.logs.follow import TAIL_BYTES, state_at_end

    info = os.fstat(fd)
    size = info.st_size
    total_lines = _count_lines(fd, size)
    window = _FIRST_WINDOW
    while True:
        start = max(0, size - window)
        data = os.pread(fd, size - start, start)
        skip = data.find(b"\n") + 1 if start > 0 else 0  # the first line may be cut: skip it
        if start > 0 and skip == 0:
            window *= 4
            continue
        end = data.rfind(b"\n")
        reader = LineReader(path, mid_file=start > 0, wanted=wanted)
        out: list[Entry] = []
        if end >= skip:  # the complete lines of the window, the last being line `total_lines`
            first = total_lines + 1 - count_newlines(data, skip, end + 1)
            reader.feed_lines(data, first, out, size=end + 1, start=skip)
        picked = _last_kept(out, count, keep)
        if picked is not None or start == 0:
            head = data[:TAIL_BYTES] if start == 0 else os.pread(fd, TAIL_BYTES, 0)
            state = state_at_end(size, (info.st_dev, info.st_ino), total_lines, data, head)
            return (picked if picked is not None else _all_kept(out, keep)), state, reader
        window *= 4


def _last_kept(out: list[Entry], count: int, keep: Keep) -> list[Entry] | None:
    """The entries from the `count`-th last kept event on, or None when there are fewer."""
    if count <= 0:
        return []
    seen = 0
    for index in range(len(out) - 1, -1, -1):
        entry = out[index]
        if isinstance(entry, Event) and keep(entry):
            seen += 1
            if seen == count:
                return _all_kept(out[index:], keep)
    return None


def _all_kept(out: list[Entry], keep: Keep) -> list[Entry]:
    return [entry for entry in out if not isinstance(entry, Event) or keep(entry)]


def read_last_rotated(
    path: Path, count: int, keep: Keep, wanted: NameTest | None = None
) -> list[Entry]:
    """The last `count` kept events of a log's rotated pieces (when the live file had too few)."""
    if count <= 0:
        return []
    found: list[Entry] = []
    for piece in reversed(rotated(path)):
        entries = [e for batch in read_file(piece, wanted) for e in batch]
        picked = _last_kept(entries, count, keep)
        if picked is not None:
            return _trim(picked + found, count, keep)
        found = _all_kept(entries, keep) + found
    return _trim(found, count, keep)


def _trim(entries: list[Entry], count: int, keep: Keep) -> list[Entry]:
    picked = _last_kept(entries, count, keep)
    return entries if picked is None else picked


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


def start_following(
    targets: Targets, count: int, keep: Keep
) -> tuple[list[Entry], dict[Path, TrackedFile]]:
    """Open every live log of the targets at its end, and the last `count` kept events of them
    all (from rotated pieces too when a session's live log has too few), in time order."""
    from telemetry_inspector.logs.follow import TrackedFile

    wanted = getattr(keep, "name_test", None)
    tracked: dict[Path, TrackedFile] = {}
    per_log: list[list[Entry]] = []
    named = set(targets.files)
    for path in targets.live_logs():
        file = tracked[path] = TrackedFile(str(path), wanted=wanted)
        fd = file.open()
        if fd is None:
            continue  # not there (yet): followed from its first byte when it appears
        entries, file.state, file.reader = read_last(fd, str(path), count, keep, wanted)
        missing = count - sum(1 for e in entries if isinstance(e, Event))
        if missing > 0 and path not in named:
            entries = read_last_rotated(path, missing, keep, wanted) + entries
        per_log.append(entries)
    merged = heapq.merge(*(_timed(iter([entries]), n) for n, entries in enumerate(per_log)))
    return _trim([entry for *_, entry in merged], count, keep), tracked

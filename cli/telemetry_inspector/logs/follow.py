"""Following the logs like `tail -F`: the last N events, then every new line, without losing
or repeating one; logs that appear later (a new window, a new session) are followed from byte 0.

`follow()` is the whole of it. A `TrackedFile` is one followed path: it seeds itself (the last
events of its file, and its follow state at the end) and then reads what is new, deciding with
the pure step in `follow_state.py`; on rotation it drains the renamed file through the
descriptor it still holds before it opens the new one. The complete lines of a step are handed
on as one block of bytes, read by `LineReader.feed_lines` like every other block.

The `Follower` loop wakes on file-system change (watchfiles: inotify and kin) or on a timer when
polling, then lets every followed file read what is new. A wake-up only says "look now": each
followed file decides from its own stat what changed, so a missed or coalesced notification
costs latency, never a line. A periodic look runs anyway.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Protocol

from telemetry_inspector.collector import collector_paused
from telemetry_inspector.logs.filters import EventFilter
from telemetry_inspector.logs.follow_state import (
    READ_LIMIT,
    TAIL_BYTES,
    FollowState,
    Look,
    Step,
    needs_head,
    read_start,
    step,
)
from telemetry_inspector.logs.history import (
    Piece,
    Records,
    last_of,
    line_reader,
    read_last,
    read_last_rotated,
    read_piece,
    read_range,
)
from telemetry_inspector.logs.lines import LineReader
from telemetry_inspector.logs.model import Event, Unparsed
from telemetry_inspector.logs.sessions import Targets, rotated
from telemetry_inspector.logs.silence import Notice, server_session_notice

TICK = 0.2  # seconds between looks when nothing is notified (idle flush, safety net)
POLL_INTERVAL = 0.1  # seconds between looks when polling
RESCAN = 1.0  # seconds between looks for new logs when no folder change was notified
IDLE = 0.25  # an incomplete multi-line message is given up after this much silence
_DEBOUNCE_MS = 10  # group a burst of changes at most this long...
_STEP_MS = 1  # ...and report them once the file system is quiet this long


Entry = Event | Unparsed
Entries = list[Entry]
Say = Callable[[str, str], None]  # (text, kind: "note" or "warning") on stderr


class Sink(Protocol):
    """Where the events go (render.logs.EventSink)."""

    def write(self, entries: Entries, *, flush: bool) -> None: ...

    def flush(self) -> None: ...


def follow(
    targets: Targets,
    keep: EventFilter,
    count: int,
    sink: Sink,
    *,
    poll: bool,
    say: Say,
    on_idle: Callable[[], None],
) -> None:
    """Write the last `count` kept events of the targets' live logs, then follow them (and the
    logs that appear) until interrupted. `say` gives the notes (a log not there yet, a server
    session that appeared); `on_idle` runs at each look that found nothing new."""
    if not poll:
        _load_watcher()
    with collector_paused():
        batches, tracked = start_following(targets, count, keep)
        for path, file in tracked.items():
            if not file.seeded:
                waiting = "cannot read it yet" if path.exists() else "not there yet"
                say(f"{path}: {waiting}; waiting for it", "note")
        if not tracked and not targets.sessions_now():
            for root in targets.roots:
                say(f"{root}: no session yet; waiting for VS Code to start one", "note")
        for batch in batches:
            sink.write(batch, flush=False)
    sink.flush()

    note_new_sessions = SessionNotes(targets, say)

    def emit(out: Entries) -> None:
        note_new_sessions()
        sink.write(keep.select(out), flush=True)

    def idle() -> None:
        note_new_sessions()
        on_idle()

    follower = Follower(targets, tracked, keep.name_test)
    try:
        follower.run(emit, poll=poll, warn=lambda text: say(text, "warning"), on_idle=idle)
    finally:
        follower.close()


def start_following(
    targets: Targets,
    count: int,
    keep: EventFilter,
    records: Records | None = None,
    final: bool = False,
) -> tuple[Iterator[Entries], dict[Path, TrackedFile]]:
    """Open every live log of the targets at its end; and the last `count` kept events of them
    all (from rotated pieces too when a session's live log has too few), in time order, read as
    the batches are taken (the files stay open until then). `records` serves one live log
    without rotated pieces (merging needs the events' times); its reader then goes on making
    records. final: nothing will be followed, each log ends where it ends now (its last line
    is read even without its newline)."""
    wanted = keep.name_test
    tracked: dict[Path, TrackedFile] = {}
    logs: list[list[Piece]] = []
    named = set(targets.files)
    live = targets.live_logs()
    for path in live:
        file = tracked[path] = TrackedFile(str(path), wanted=wanted)
        history = [] if path in named else rotated(path)
        one = records if len(live) == 1 and not history else None
        exact = len(live) > 1 or bool(history)
        piece = file.seed(count, keep, exact=exact, records=one, final=final)
        if piece is None:
            continue  # not there (yet): followed from its first byte when it appears
        pieces = [piece]
        missing = count - (piece[1].kept or 0)
        if history and missing > 0:
            older = read_last_rotated(path, missing, keep, wanted)
            pieces[:0] = [(partial(read_piece, p, s, wanted), s) for p, s, _ in older]
        logs.append(pieces)
    return last_of(logs, keep.select, count), tracked


class SessionNotes:
    """While following logs folders, says once for each server session that appears (code-server
    starts one when a browser connects) that its window's log lives in the browser; the
    sessions there at the start are noted before following begins."""

    EVERY = 1.0  # seconds between looks: a scan of the logs folder, kept off the hot path

    def __init__(self, targets: Targets, say: Say) -> None:
        self.targets = targets
        self.say = say
        self.known = set(targets.sessions_now())
        self.last = 0.0

    def __call__(self) -> None:
        if not self.targets.roots or time.monotonic() - self.last < self.EVERY:
            return
        self.last = time.monotonic()
        for session in self.targets.sessions_now():
            if session in self.known:
                continue
            notice: Notice | None = server_session_notice(session, "followed")
            if notice is not None:  # else not yet known: its logs are still being created
                self.known.add(session)
                self.say(notice.text, notice.kind)


class TrackedFile:
    """One followed path: the descriptor we read, the follow state, and its line reader."""

    def __init__(
        self,
        path: str,
        state: FollowState | None = None,
        wanted: Callable[[str], bool] | None = None,
    ) -> None:
        self.path = path
        self.wanted = wanted
        self.state = state or FollowState()
        self.reader = LineReader(path, wanted=wanted)
        self.last_data = 0.0  # monotonic time of the last bytes read
        self._fd: int | None = None
        self._mtime = 0

    @property
    def seeded(self) -> bool:
        """Whether its file has been read (when following began, or since)."""
        return self.state.identity is not None

    def seed(
        self,
        count: int,
        keep: EventFilter,
        *,
        exact: bool,
        records: Records | None = None,
        final: bool = False,
    ) -> Piece | None:
        """Open the file at its end, to follow from there; and how to read its last `count` kept
        events (the file stays open until they are read). None: the file is not there (yet).
        exact=False: the caller reads every event when there are fewer lines than `count`;
        `records`: the reader makes output records (see records.py); final: the file ends
        where it ends now (see start_following)."""
        fd = self.open()
        if fd is None:
            return None
        span, end, self.state = read_last(fd, self.path, count, keep, self.wanted, exact, final)
        self.reader = line_reader(self.path, self.wanted, records, mid_file=span.start > 0)
        reading = partial(read_range, fd, span.start, end, span.line, self.reader)
        return partial(reading, self.reader.feed_lines, final=final), span

    def poll(self, out: list[Event | Unparsed], now: float) -> None:
        """Read whatever is new at the path, following rotation and replacement."""
        try:
            at_path = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            at_path = None
        if self._fd is not None and (
            at_path is None or not _same_file(at_path, os.fstat(self._fd))
        ):
            self._read(out, now)  # the renamed or deleted file: drain it through our descriptor
            if at_path is None:
                return
            self.close()
        if self._fd is None and (at_path is None or self.open() is None):
            return
        self._read(out, now)

    def flush_if_idle(self, out: list[Event | Unparsed], now: float, idle: float) -> None:
        if self.reader.waiting and now - self.last_data >= idle:
            self.reader.finish(out)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def open(self) -> int | None:
        """The descriptor of the file now at the path (opened if needed), or None when absent."""
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDONLY)
            except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
                return None
        return self._fd

    def _read(self, out: list[Event | Unparsed], now: float) -> None:
        while True:
            info = os.fstat(self._fd)
            identity = (info.st_dev, info.st_ino)
            state = self.state
            unchanged = identity == state.identity and info.st_size == state.offset
            if unchanged and info.st_mtime_ns == self._mtime:
                return
            self._mtime = info.st_mtime_ns
            start = read_start(state) if state.identity is not None else 0
            size = max(0, min(READ_LIMIT, info.st_size - start))
            data = os.pread(self._fd, size, start) if size else b""
            head = b""
            if needs_head(state, identity, info.st_size):
                head = os.pread(self._fd, TAIL_BYTES, 0)
            moved = step(state, Look(identity, info.st_size, start, data, head))
            self._emit(moved, out, now)
            if not moved.reset and start + len(data) >= info.st_size:
                return

    def _emit(self, moved: Step, out: list[Event | Unparsed], now: float) -> None:
        self.state = moved.state
        if moved.too_long:
            self.reader.too_long(moved.too_long, out)
        if moved.data:
            self.reader.feed_lines(moved.data, moved.first_line, out)
        if moved.reset:
            self.reader.finish(out)
            self._mtime = 0
        if moved.data or moved.state.partial:
            self.last_data = now


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return a.st_ino == b.st_ino and a.st_dev == b.st_dev


class Follower:
    """Follows the targets' logs; `tracked` holds the files being read (already positioned)."""

    def __init__(
        self,
        targets: Targets,
        tracked: dict[Path, TrackedFile],
        wanted: Callable[[str], bool] | None = None,
    ) -> None:
        self.targets = targets
        self.tracked = tracked
        self.wanted = wanted

    def run(
        self,
        emit: Callable[[Entries], None],
        *,
        poll: bool = False,
        warn: Callable[[str], None] = lambda text: None,
        on_idle: Callable[[], None] = lambda: None,
    ) -> None:
        """Follow until interrupted (KeyboardInterrupt), or until `emit` or `on_idle` raises.
        `on_idle` runs at each look that found nothing new (at least every TICK)."""
        last_scan = time.monotonic()
        for changed in self._wakeups(poll, warn):
            now = time.monotonic()
            if changed or now - last_scan >= RESCAN:
                self.discover()
                last_scan = now
            out: Entries = []
            for tracked in list(self.tracked.values()):
                tracked.poll(out, now)
                tracked.flush_if_idle(out, now, IDLE)
            if out:
                emit(out)
            else:
                on_idle()

    def discover(self) -> None:
        """Start following logs that appeared since (a new window, a new session): from byte 0."""
        for path in self.targets.live_logs():
            if path not in self.tracked:
                self.tracked[path] = TrackedFile(str(path), wanted=self.wanted)

    def close(self) -> None:
        for tracked in self.tracked.values():
            tracked.close()

    def _wakeups(self, poll: bool, warn: Callable[[str], None]) -> Iterator[bool]:
        folders, recursive = self.targets.folders_to_watch()
        folders = [folder for folder in folders if folder.is_dir()]
        if not poll and folders:
            notified = _notified(folders, recursive)
            try:
                first = next(notified)
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # no inotify (limits, odd file systems): poll instead
                warn(f"cannot watch for changes ({exc}); polling every {POLL_INTERVAL}s instead")
            else:
                yield first
                yield from notified
                return
        yield from _polled()


def _load_watcher() -> None:
    """Import the file watcher before the first event is shown, not after: once events are on
    the screen, a user's Ctrl-C should find the program waiting, not importing (see signals.py).
    If it cannot be imported, following polls instead (Follower._wakeups says so)."""
    with contextlib.suppress(ImportError):
        import watchfiles  # noqa: F401


def _notified(folders: list[Path], recursive: bool) -> Iterator[bool]:
    """True when something was created or removed (a new log may be there), else False."""
    from watchfiles import Change, watch  # only a follow needs it

    for changes in watch(
        *folders,
        watch_filter=None,
        debounce=_DEBOUNCE_MS,
        step=_STEP_MS,
        rust_timeout=int(TICK * 1000),
        yield_on_timeout=True,
        recursive=recursive,
        ignore_permission_denied=True,
    ):
        yield any(change != Change.modified for change, _ in changes)


def _polled() -> Iterator[bool]:
    while True:
        time.sleep(POLL_INTERVAL)
        yield False

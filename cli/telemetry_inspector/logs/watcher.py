"""The follow loop: wake on file-system change (watchfiles: inotify and kin) or on a timer when
polling, then let every followed file read what is new; pick up logs that appear later.

A wake-up only says "look now": each followed file decides from its own stat what changed, so a
missed or coalesced notification costs latency, never a line. A periodic look runs anyway.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from telemetry_inspector.logs.follow import TrackedFile
from telemetry_inspector.logs.model import Event, Unparsed
from telemetry_inspector.logs.sessions import Targets

TICK = 0.2  # seconds between looks when nothing is notified (idle flush, safety net)
POLL_INTERVAL = 0.1  # seconds between looks when polling
RESCAN = 1.0  # seconds between looks for new logs when no folder change was notified
IDLE = 0.25  # an incomplete multi-line message is given up after this much silence
_DEBOUNCE_MS = 10  # group a burst of changes at most this long...
_STEP_MS = 1  # ...and report them once the file system is quiet this long

Entries = list[Event | Unparsed]


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

"""Which files hold telemetry: session folders, the telemetry logs in them, their rotated pieces.

A user-data-dir keeps one folder per launch, `logs/<YYYYMMDDTHHMMSS>/` (local time, so names sort
in time order). In it: `telemetry.log` (core events), `remoteTelemetry.log` (a VS Code server), and
each window's extension telemetry log under `window<N>/exthost/` under one of the names the
versions used. spdlog rotates `telemetry.log` to `telemetry.1.log` ...; the web logger keeps
`telemetry.log_1` ... `_5`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SESSION_NAME = re.compile(r"\d{8}T\d{6}")
CORE_LOGS = ("telemetry.log", "remotetelemetry.log")
EXTENSION_LOGS = (
    "extensiontelemetry.log",
    "exthosttelemetry.log",
    "remoteexthosttelemetry.log",
    "workerexthosttelemetry.log",
)
KNOWN_LOGS = frozenset(CORE_LOGS + EXTENSION_LOGS)
_SEARCH_DEPTH = 3  # session/window1/exthost/<log>
_SKIP_DIRS = ("output_", "node_modules")  # output channels' logs are not telemetry


def find_sessions(logs_root: Path) -> list[Path]:
    """The session folders under a logs folder, oldest first."""
    try:
        entries = list(os.scandir(logs_root))
    except OSError:
        return []
    names = sorted(e.name for e in entries if SESSION_NAME.fullmatch(e.name) and e.is_dir())
    return [logs_root / name for name in names]


def newest_session(logs_root: Path) -> Path | None:
    sessions = find_sessions(logs_root)
    return sessions[-1] if sessions else None


def session_logs(session: Path) -> list[Path]:
    """The live telemetry logs of a session: core logs first, then each window's, by path."""
    found: list[Path] = []
    _collect(session, 0, found)
    return sorted(found, key=lambda p: (p.name.lower() not in CORE_LOGS, str(p)))


def _collect(folder: Path, depth: int, found: list[Path]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if depth < _SEARCH_DEPTH and not entry.name.startswith(_SKIP_DIRS):
                _collect(Path(entry.path), depth + 1, found)
        elif entry.name.lower() in (KNOWN_LOGS if depth == 0 else EXTENSION_LOGS):
            found.append(Path(entry.path))  # core logs live at the session's top


def rotated(path: Path) -> list[Path]:
    """The older pieces of a log (`telemetry.1.log`, `telemetry.log_1`), oldest first."""
    stem, suffix = os.path.splitext(path.name)
    pieces = re.compile(
        re.escape(stem) + r"\.\d+" + re.escape(suffix) + "|" + re.escape(path.name) + r"_\d+"
    )
    try:
        entries = [e for e in os.scandir(path.parent) if pieces.fullmatch(e.name) and e.is_file()]
    except OSError:
        return []
    # spdlog's higher numbers and the web logger's cycling numbers are both explained by age
    entries.sort(key=lambda e: (e.stat().st_mtime_ns, -_number(e.name)))
    return [Path(e.path) for e in entries]


def _number(name: str) -> int:
    digits = re.findall(r"\d+", name)
    return int(digits[-1]) if digits else 0


@dataclass(frozen=True, slots=True)
class Targets:
    """What the user asked to read: files by name, session folders, and logs folders whose
    newest session is read (and, while following, each session that appears later)."""

    files: tuple[Path, ...] = ()
    sessions: tuple[Path, ...] = ()
    roots: tuple[Path, ...] = field(default=())

    def live_logs(self) -> list[Path]:
        """The files to read now: the named files, then the logs of each session."""
        found = list(self.files)
        for session in self.sessions:
            found.extend(session_logs(session))
        for root in self.roots:
            session = newest_session(root)
            if session is not None:
                found.extend(session_logs(session))
        return _unique(found)

    def logs_with_history(self) -> list[Path]:
        """Every file that holds the targets' events: named files as they are; for sessions,
        each log's rotated pieces too."""
        named = set(self.files)
        found = []
        for path in self.live_logs():
            if path not in named:
                found.extend(rotated(path))
            found.append(path)
        return found

    def folders_to_watch(self) -> tuple[list[Path], bool]:
        """Folders whose changes matter, and whether they must be watched recursively."""
        recursive = list(self.sessions) + list(self.roots)
        parents = [path.parent for path in self.files]
        return _unique(recursive + parents), bool(recursive)


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for path in paths:
        if path not in seen:
            seen.add(path)
            unique.append(path)
    return unique


def classify_arguments(paths: Sequence[Path]) -> Targets:
    """Named paths: a folder is a session folder, or a logs folder holding sessions; else a file."""
    files, sessions, roots = [], [], []
    for path in paths:
        if path.is_dir():
            if SESSION_NAME.fullmatch(path.name) or not find_sessions(path):
                sessions.append(path)
            else:
                roots.append(path)
        else:
            files.append(path)
    return Targets(tuple(files), tuple(sessions), tuple(roots))

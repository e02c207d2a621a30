"""Which files hold telemetry: session folders, the telemetry logs in them, their rotated pieces.

A user-data-dir keeps one folder per launch, `logs/<YYYYMMDDTHHMMSS>/` (local time, so names sort
in time order). Each telemetry logger writes its own file, named by one rule (docs/vscode.md,
"Telemetry log files"): `<origin>Telemetry.log`, one camel-case word ending in `Telemetry`
(`telemetry.log`, `remoteTelemetry.log`, `agentHostTelemetry.log`, `window1/exthost/
extHostTelemetry.log`, `exthost1/remoteExtHostTelemetry.log`...). Logs are found by that rule, not
by a list, so a logger a new version adds is read too. Extensions' own output channels live in
folders named by extension id (`vscode.git/`) and output channels in `output_*`: never telemetry.
spdlog rotates `telemetry.log` to `telemetry.1.log` ...; the web logger keeps `telemetry.log_1`
... `_5`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from telemetry_inspector.records import record

SESSION_NAME = re.compile(r"\d{8}T\d{6}")
# a telemetry logger's file: one camel-case word ending in Telemetry (a rotated piece has a dot
# or a suffix more, an output channel's name may have spaces: neither matches)
_TELEMETRY_LOG = re.compile(r"[A-Za-z]*telemetry\.log", re.IGNORECASE)
_SEARCH_DEPTH = 3  # session/window1/exthost/<log>
_SKIP_DIRS = ("output_", "node_modules")  # output channels' logs are not telemetry


def is_telemetry_log(name: str) -> bool:
    """Whether VS Code names a telemetry logger's file so (docs/vscode.md)."""
    return _TELEMETRY_LOG.fullmatch(name) is not None


def _may_hold_telemetry_logs(folder: str) -> bool:
    """Not an output channel's folder, nor an extension's own (`vscode.git`: ids have a dot)."""
    return not folder.startswith(_SKIP_DIRS) and "." not in folder


def is_server_session(session: Path) -> bool:
    """A VS Code server's session (code-server, openvscode-server, a remote's): the server's own
    logs, and no `telemetry.log`, which the window writes on a desktop (docs/vscode.md)."""
    if (session / "telemetry.log").exists():
        return False
    return (session / "remoteagent.log").exists() or (session / "remoteTelemetry.log").exists()


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
    """The live telemetry logs of a session: those at its top first, then each window's and
    extension host's, by path."""
    found: list[Path] = []
    _collect(session, 0, found)
    return sorted(found, key=lambda p: (p.parent != session, str(p)))


def _collect(folder: Path, depth: int, found: list[Path]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if depth < _SEARCH_DEPTH and _may_hold_telemetry_logs(entry.name):
                _collect(Path(entry.path), depth + 1, found)
        elif is_telemetry_log(entry.name) and _regular(entry):
            found.append(Path(entry.path))


def _regular(entry: os.DirEntry[str]) -> bool:
    # A FIFO or a device (or a link to one) in a log's place would block or never end the read.
    try:
        return entry.is_file()
    except OSError:
        return False


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


@record
class Targets:
    """What the user asked to read: files by name, session folders, and logs folders whose
    newest session is read (and, while following, each session that appears later)."""

    files: tuple[Path, ...] = ()
    sessions: tuple[Path, ...] = ()
    roots: tuple[Path, ...] = ()

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

    def sessions_now(self) -> list[Path]:
        """The session folders read now: the named ones, and each logs folder's newest."""
        newest = (newest_session(root) for root in self.roots)
        return [*self.sessions, *(session for session in newest if session is not None)]

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

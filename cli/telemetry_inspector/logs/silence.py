"""Why a telemetry log may stay silent, said before the user waits for nothing.

VS Code writes telemetry.log only while the telemetry logger is at Trace (`code --log trace`,
argv.json `"log-level": "trace"`, "Developer: Show Telemetry"), and only for what the telemetry
level lets through (reference §4-5): with the level `off`, silence is the correct result.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from telemetry_inspector.logs.sessions import session_logs
from telemetry_inspector.vscode.levels import Effective, Level

TRACE_HINT = 'in VS Code run "Developer: Show Telemetry", or start it with `code --log trace`'
_PEEK = 256 * 1024
_TRACE_LINE = re.compile(
    rb"^\[?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\]?(?: \[[^\]\n]*\])? \[trace\]", re.M
)
_SESSION_LOGS = ("main.log", "sharedprocess.log", "renderer.log", "exthost.log")
# argv.json is JSON with comments: strings are kept whole, comments and trailing commas dropped
_JSONC_NOISE = re.compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.S)


@dataclass(frozen=True, slots=True)
class Notice:
    kind: str  # "warning" or "note"
    text: str
    hint: str | None = None


def argv_log_levels(text: str) -> list[str] | None:
    """The `log-level` values of an argv.json text ([] when absent), or None when unreadable."""
    try:
        value = json.loads(_JSONC_NOISE.sub(lambda m: m.group(1) or "", text))
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    levels = value.get("log-level", [])
    levels = [levels] if isinstance(levels, str) else levels
    return [level for level in levels if isinstance(level, str)] if isinstance(levels, list) else []


def session_shows_trace(session: Path) -> bool:
    """Whether the session's own logs show Trace-level lines (telemetry logs included)."""
    candidates = list(session_logs(session))
    candidates += [session / name for name in _SESSION_LOGS]
    candidates += [window / name for window in session.glob("window*") for name in _SESSION_LOGS]
    return any(_has_trace_line(path) for path in candidates)


def _has_trace_line(path: Path) -> bool:
    try:
        with open(path, "rb") as stream:
            head = stream.read(_PEEK)
    except OSError:
        return False
    return _TRACE_LINE.search(head) is not None


def silence_notices(
    level: Effective | None, argv_levels: Iterable[list[str] | None], sessions: Iterable[Path]
) -> list[Notice]:
    """What to tell the user before following: the level forbids events, or nothing is at Trace."""
    notices = []
    if level is not None and level.level is Level.off:
        notices.append(
            Notice(
                "warning",
                f"the telemetry level in force is off (from {level.source}): VS Code logs no "
                "telemetry events, so none will come; that is the correct result",
            )
        )
        return notices
    if level is not None and level.level in (Level.error, Level.crash):
        notices.append(
            Notice("note", f"the telemetry level is {level.level}: usage events are not logged")
        )
    if not _trace_is_on(argv_levels, sessions):
        notices.append(
            Notice(
                "warning",
                "nothing in argv.json or the session's logs shows VS Code logging at Trace; "
                "telemetry events are logged only at Trace",
                TRACE_HINT,
            )
        )
    return notices


def _trace_is_on(argv_levels: Iterable[list[str] | None], sessions: Iterable[Path]) -> bool:
    for levels in argv_levels:
        if levels and any(level.strip().lower() == "trace" for level in levels):
            return True
    return any(session_shows_trace(session) for session in sessions)

"""Why a telemetry log may stay silent, said before the user waits for nothing.

VS Code writes telemetry.log only while the telemetry logger is at Trace (`code --log trace`,
argv.json `"log-level": "trace"`, "Developer: Show Telemetry"), and only for what the telemetry
level lets through (docs/vscode.md, "Telemetry logs"): at level `off`, silence is correct.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from telemetry_inspector.logs.sessions import Targets, is_server_session, session_logs
from telemetry_inspector.records import record
from telemetry_inspector.vscode.model import Effective, Flavor, Level

TRACE_HINT = 'in VS Code run "Developer: Show Telemetry", or start it with `code --log trace`'
_PEEK = 256 * 1024
_TRACE_LINE = re.compile(
    rb"^\[?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\]?(?: \[[^\]\n]*\])? \[trace\]", re.M
)
_SESSION_LOGS = ("main.log", "sharedprocess.log", "renderer.log", "exthost.log")


@record
class Installation:
    """What one flavor's settings say: the level in force, and argv.json's `log-level`."""

    name: str
    level: Effective | None  # None: not known (its settings could not be read)
    log_levels: list[str] | None  # None: argv.json could not be read


@record
class Notice:
    kind: str  # "warning" or "note"
    text: str
    hint: str | None = None


def log_levels(value: object) -> list[str]:
    """argv.json's `log-level` (a string, or a list such as ["trace", "vscode.git:debug"])."""
    values = [value] if isinstance(value, str) else value
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


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
    installations: Iterable[Installation], sessions: Iterable[Path]
) -> list[Notice]:
    """What to tell the user before following: a level that forbids events, or no Trace."""
    installations = list(installations)
    notices = []
    for each in installations:
        if each.level is not None and each.level.level is Level.off:
            notices.append(
                Notice(
                    "warning",
                    f"{each.name}: the telemetry level in force is off (from "
                    f"{each.level.source}): it logs no telemetry events, so none will come; "
                    "that is the correct result",
                )
            )
        elif each.level is not None and each.level.level in (Level.error, Level.crash):
            notices.append(
                Notice(
                    "note",
                    f"{each.name}: the telemetry level is {each.level.level}: "
                    "usage events are neither sent nor logged",
                )
            )
    if len(notices) == len(installations) and all(n.kind == "warning" for n in notices):
        return notices  # every flavor is off: whether it is at Trace does not matter
    sessions = list(sessions)
    if sessions and not _trace_is_on(installations, sessions):  # none yet: nothing to judge
        notices.append(
            Notice(
                "warning",
                "nothing in argv.json or the session's logs shows VS Code logging at Trace; "
                "telemetry events are logged only at Trace",
                TRACE_HINT,
            )
        )
    return notices


def _trace_is_on(installations: list[Installation], sessions: Iterable[Path]) -> bool:
    for each in installations:
        if each.log_levels and any(level.strip().lower() == "trace" for level in each.log_levels):
            return True
    return any(session_shows_trace(session) for session in sessions)


def server_session_notice(session: Path, verb: str) -> Notice | None:
    """The note for one session, if it is a server's (None: not, or not yet known to be)."""
    if not is_server_session(session):
        return None
    return Notice(
        "note",
        f"{session}: a VS Code server's session (code-server, openvscode-server, a remote): "
        "the window's own telemetry log lives in the browser (or on the desktop that "
        f"connects), not on this disk, so only server-side events can be {verb}",
    )


def server_session_notices(
    targets: Targets, verb: str, flavors: Iterable[Flavor] = ()
) -> list[Notice]:
    """For each server's session read: the window's own telemetry log is not in it (a web
    client keeps it in the browser's storage, docs/vscode.md), so only the server's events can
    be `verb` (followed, counted). Before a web flavor's first session: the same, said ahead."""
    sessions = targets.sessions_now()
    notices = [server_session_notice(session, verb) for session in sessions]
    notices = [notice for notice in notices if notice is not None]
    for flavor in flavors:
        if flavor.web and not sessions:
            notices.append(
                Notice(
                    "note",
                    f"{flavor.display_name} serves its window to a browser: the window's own "
                    "telemetry log lives in the browser, not on this disk, so only server-side "
                    f"events can be {verb}",
                )
            )
    return notices

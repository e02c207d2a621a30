"""Views for status and set-level: a rich table, plain lines, unified diffs and JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.render import console
from telemetry_inspector.render.text import literal
from telemetry_inspector.settings.model import (
    Argv,
    Failed,
    Policy,
    PolicyScope,
    ServerLevel,
    Status,
    Target,
    as_javascript,
    not_utf8_note,
    policy_for,
    succeeded,
)
from telemetry_inspector.vscode.model import (
    LEVEL_POLICY,
    LEVEL_SETTING,
    UNSET,
    Level,
    Sends,
)

if TYPE_CHECKING:  # set-level and policy records: `status` does not load them
    from pathlib import Path

    from telemetry_inspector.settings.lockdown_model import Backup
    from telemetry_inspector.settings.write_model import Change, FileEdit

_LEVEL_STYLE = {"off": "green", "crash": "yellow", "error": "yellow", "all": "red"}


def shown(value: Any) -> str:
    """A setting value as the user wrote it in JSON (false, not False); absent is a dash."""
    if value is UNSET:
        return "—"
    if isinstance(value, str):
        return literal(value)
    from telemetry_inspector.render.machine import json_text  # orjson: seldom needed here

    return literal(json_text(as_javascript(value)))


def json_value(value: Any) -> Any:
    return None if value is UNSET else as_javascript(value)


def _sends_dict(sends: Sends | None) -> dict[str, bool] | None:
    if sends is None:
        return None
    return {
        "crash_reports": sends.crash_reports,
        "error_telemetry": sends.error_telemetry,
        "usage_data": sends.usage_data,
    }


def _status_record(status: Status) -> dict[str, Any]:
    target, policy, argv = status.target, status.policy, status.argv
    return {
        "settings": str(target.settings),
        "flavor": target.flavor.id if target.flavor else None,
        "kind": target.kind,
        "exists": status.exists,
        "configured": json_value(status.telemetry.configured),
        "deprecated": as_javascript(status.telemetry.deprecated),
        "policy": policy_record(policy),
        "crash_reporter": _argv_record(argv),
        "effective": status.effective.level.value if status.effective.level else None,
        "effective_source": status.effective.source,
        "sends": _sends_dict(status.sends),
        "server": _server_record(status.server),
        "notes": status.notes(),
    }


def _server_record(server: ServerLevel | None) -> dict[str, Any] | None:
    """A web flavor's server process: the machine settings it reads and the level it uses."""
    if server is None:
        return None
    return {
        "settings": str(server.target.settings),
        "exists": server.exists,
        "configured": json_value(server.telemetry.configured),
        "deprecated": as_javascript(server.telemetry.deprecated),
        "effective": server.effective.level.value if server.effective.level else None,
    }


def _argv_record(argv: Argv | None) -> dict[str, Any] | None:
    if argv is None:
        return None
    record = {"file": str(argv.path), "enable-crash-reporter": json_value(argv.crash_reporter)}
    if argv.problem is not None:
        record["ignored"] = argv.problem.one_line()
    return record


def policy_record(policy: Policy | None) -> dict[str, Any] | None:
    if policy is None or not policy.exists:
        return None
    record: dict[str, Any] = {
        "file": str(policy.path) if policy.path is not None else None,
        "source": policy.where,  # the file, the registry key or the managed preferences
        "TelemetryLevel": json_value(policy.level),
    }
    if policy.origins:
        record["sources"] = dict(policy.origins)  # where each value was found (Windows, macOS)
    if policy.problem is not None:
        record["ignored"] = policy.problem.one_line()
    return record


def policies_of(policy: Policy | PolicyScope | None) -> list[Policy]:
    """Every policy a command read: one, or one per flavor (a PolicyScope on Windows and macOS)."""
    if policy is None:
        return []
    return policy.all() if isinstance(policy, PolicyScope) else [policy]


def status_json(results: Sequence[Status | Failed]) -> None:
    from telemetry_inspector.render.machine import write_json  # orjson: JSON output only

    write_json(
        [
            error_record(result) if isinstance(result, Failed) else _status_record(result)
            for result in results
        ]
    )


def error_record(failed: Failed) -> dict[str, Any]:
    """A settings file that could not be read, in a JSON list of per-file records."""
    return {
        "settings": str(failed.target.settings),
        "flavor": flavor_id(failed.target),
        "error": failed.error.one_line(),
    }


def flavor_id(target: Target | None) -> str | None:
    return target.flavor.id if target is not None and target.flavor is not None else None


_STATUS_COLUMNS = (
    "flavor",
    "settings",
    "configured",
    "deprecated",
    "policy",
    "crash reporter",
    "effective",
    "sends",
)


def status_table(results: Sequence[Status | Failed]) -> None:
    from rich.text import Text

    from telemetry_inspector.render.layout import Column, fitted

    statuses = succeeded(results)
    if not statuses:  # every file failed: its error says it all, an empty table says nothing
        return
    servers = any(status.server is not None for status in statuses)  # a web flavor's column
    columns = [Column(name) for name in _STATUS_COLUMNS]
    columns[1] = Column("settings", free_text=True)  # a long path: its own line when stacked
    columns[-2] = Column("effective", heading=True)
    if servers:
        columns.insert(-2, Column("server"))
    rows = []
    notes: list[str] = []
    for status in statuses:
        effective = status.effective.level.value if status.effective.level else "invalid"
        server = [Text(_server_cell(status.server))] if servers else []
        rows.append(
            [
                Text(_flavor_name(status)),
                Text(literal(str(status.target.settings))),
                Text(shown(status.telemetry.configured) + ("" if status.exists else " (no file)")),
                Text(_deprecated_cell(status.telemetry.deprecated)),
                Text(
                    shown(status.policy.level)
                    if status.policy and not status.policy.problem
                    else "—"
                ),
                Text(shown(status.crash_reporter)),
                *server,
                Text(effective, style=f"bold {_LEVEL_STYLE.get(effective, 'magenta')}"),
                Text(_sends_words(status.sends)),
            ]
        )
        notes += [f"{literal(str(status.target.settings))}: {note}" for note in status.notes()]
    console.show(fitted(columns, rows, title="VS Code telemetry"))
    for note in notes:
        console.say(note, kind="note")


def _server_cell(server: ServerLevel | None) -> str:
    """The level a web flavor's server process uses, from its machine settings."""
    if server is None:
        return "—"
    level = server.effective.level.value if server.effective.level else "invalid"
    return level if server.exists else f"{level} (no file)"


def _deprecated_cell(deprecated: dict[str, Any]) -> str:
    # the column says "deprecated", and every such key starts with "telemetry.": show the rest
    return (
        "\n".join(f"{k.removeprefix('telemetry.')}={shown(v)}" for k, v in deprecated.items())
        or "—"
    )


def _flavor_name(status: Status) -> str:
    return status.target.flavor.display_name if status.target.flavor else "file"


def _sends_words(sends: Sends | None) -> str:
    if sends is None:
        return "unknown (invalid level)"
    parts = [
        name
        for name, on in (
            ("crash reports", sends.crash_reports),
            ("errors", sends.error_telemetry),
            ("usage", sends.usage_data),
        )
        if on
    ]
    return ", ".join(parts) or "nothing"


def report_errors(results: Iterable[object]) -> bool:
    """Each failed file's error on stderr; whether there was any."""
    errors = [result.error for result in results if isinstance(result, Failed)]
    for error in errors:
        console.error(error.one_line())
    return bool(errors)


def warn_about_policy(policy: Policy | PolicyScope | None) -> None:
    seen: set[str] = set()
    for each in policies_of(policy):
        ignored = [each.problem.one_line()] if each.problem else []
        lines = [f"VS Code ignores this policy file: {line}" for line in ignored]
        for line in [*lines, *each.notes]:
            if line not in seen:
                seen.add(line)
                console.warn(line)


def warn_about_bytes(errors: Iterable[TelemetryError | None]) -> None:
    """Files read that hold bytes that are not UTF-8 (see settings.files.read_text), once each."""
    seen: set[str] = set()
    for error in errors:
        line = not_utf8_note(error) if error is not None else None
        if line is not None and line not in seen:
            seen.add(line)
            console.warn(line)


def warn_about_ignored(problems: Iterable[TelemetryError]) -> None:
    """Files VS Code ignores (argv.json, an extension's package.json), each said once."""
    seen: set[str] = set()
    for problem in problems:
        line = problem.one_line()
        if line not in seen:
            seen.add(line)
            console.warn(f"ignored as VS Code ignores it: {line}")


def warn_about_files(
    results: Sequence[Status | Failed], policy: Policy | PolicyScope | None
) -> None:
    """The policy file and argv.json, when VS Code would ignore them (flavors may share one);
    argv.json with bytes that are not UTF-8."""
    warn_about_policy(policy)
    argvs = [status.argv for status in succeeded(results) if status.argv is not None]
    warn_about_ignored(argv.problem for argv in argvs if argv.problem is not None)
    warn_about_bytes(argv.invalid for argv in argvs)


def change_record(change: Change) -> dict[str, Any]:
    old, new = as_javascript(change.old), as_javascript(change.new)
    record = {"key": change.key, "action": change.action, "old": old, "new": new}
    if change.comments:
        record["comments_removed"] = list(change.comments)
    return record


def set_level_json(
    edits: Sequence[FileEdit], *, written: bool, backups: dict[Path, Backup] | None = None
) -> None:
    from telemetry_inspector.render.machine import write_json  # orjson: JSON output only

    backups = backups or {}
    write_json(
        [
            {
                "settings": str(edit.path),
                "flavor": flavor_id(edit.target),
                "kind": edit.target.kind if edit.target is not None else None,  # "server": machine
                "created": edit.created,
                "changed": edit.changed,
                "written": written and edit.changed,
                "changes": [change_record(change) for change in edit.changes],
                **_backup_fields(backups.get(edit.path)),
                # the preview, when nothing was written (a diff of a large file costs time)
                **({} if written else {"diff": edit.diff()}),
            }
            for edit in edits
        ]
    )


def _backup_fields(backup: Backup | None) -> dict[str, Any]:
    if backup is None:
        return {}
    return {
        "backup": str(backup.copy) if backup.copy else None,  # None: the file is new
        "record": str(backup.record),
    }


def say_backups(backups: dict[Path, Backup]) -> None:
    """Where each written file's backup is, and how to put them all back."""
    for path, backup in backups.items():
        kept = backup.copy if backup.copy is not None else "none (the file is new)"
        console.say(f"{path}: backup {kept}")
    if backups:
        console.hint("`telemetry set-level --undo` puts the files back as they were")


def show_diffs(edits: Sequence[FileEdit]) -> None:
    text = "".join(edit.diff() for edit in edits)
    if not console.color_enabled(sys.stdout):
        console.write_text(text)
        return
    from rich.text import Text

    colored = Text()
    for line in text.splitlines(keepends=True):
        style = {"+": "green", "-": "red", "@": "cyan"}.get(line[:1])
        if line.startswith(("+++", "---")):
            style = "bold"
        colored.append(literal(line.rstrip("\r\n")) + "\n", style=style)
    console.show(colored)


def set_level_lines(edits: Sequence[FileEdit], level: Level, *, written: bool) -> None:
    from rich.text import Text

    verb = "" if written else "would be "
    lines = Text()
    for edit in edits:
        where = literal(str(edit.path))
        if edit.target is not None and edit.target.kind == "server":
            where += " (the server's own level)"
        if not edit.changed:
            lines.append(f"{where}: already {level.value}\n", style="dim")
            continue
        lines.append(f"{where}", style="bold")
        lines.append(f" ({verb}created)\n" if edit.created else "\n")
        for change in edit.changes:  # one change per line, under its file
            lines.append(f"  {verb}{describe_change(change)}\n")
    console.show(lines, soft_wrap=True)  # paths stay whole: let the terminal wrap them


def describe_change(change: Change) -> str:
    from telemetry_inspector.settings.write_model import Action

    if change.action is Action.remove:
        return f"removed {change.key} ({shown(change.old)}){_lost_comments(change.comments)}"
    if change.action is Action.add:
        return f"set {change.key} to {shown(change.new)}"
    return f"changed {change.key} from {shown(change.old)} to {shown(change.new)}"


def _lost_comments(comments: tuple[str, ...]) -> str:
    """The comments that went with a removed key's lines, each quoted (on one line)."""
    if not comments:
        return ""
    quoted = "; ".join(literal(" ".join(comment.split())) for comment in comments)
    return f", and with it the comment{'s' if len(comments) > 1 else ''} in its lines: {quoted}"


def say_created(edits: Sequence[FileEdit], *, written: bool) -> None:
    for edit in edits:
        if edit.target is not None and not edit.target.found:
            verb = "creating" if written else "would create"
            console.say(f"no VS Code settings found for this user; {verb} {edit.path}")


def warn_about_overrides(
    edits: Sequence[FileEdit], policy: Policy | PolicyScope | None, level: Level
) -> None:
    """Say when something outside the file will keep VS Code from using the level just set, and
    when VS Code ignores the policy file (as status, audit and lockdown say)."""
    warn_about_policy(policy)
    said: set[str] = set()
    for edit in edits:
        if edit.target is not None and edit.target.kind == "server":
            continue  # a web flavor's server process reads no policy
        forcing = policy_for(policy, edit.target.flavor if edit.target is not None else None)
        forced = forcing is not None and forcing.problem is None and forcing.level is not UNSET
        line = (
            f"{forcing.origin(LEVEL_POLICY)} sets the level to {shown(forcing.level)} by policy; "
            "it overrides user settings for every user on this machine"
            if forced and forcing.level != level.value
            else ""
        )
        if line and line not in said:
            said.add(line)
            console.warn(line)
    for edit in edits:
        if edit.level_members > 1:
            console.say(
                f"{edit.path}: {LEVEL_SETTING} was spelled {edit.level_members} times; "
                "every occurrence is set (VS Code would edit only the first, and the last wins)",
                kind="note",
            )

"""Views for audit and lockdown: a rich table per settings file, JSON, lines, diffs, notes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from telemetry_inspector.render import console
from telemetry_inspector.render.layout import Column, fitted
from telemetry_inspector.render.level import (
    change_record,
    describe_change,
    error_record,
    flavor_id,
    json_value,
    policy_record,
    show_diffs,
    shown,
    warn_about_bytes,
    warn_about_ignored,
    warn_about_policy,
)
from telemetry_inspector.render.machine import json_text, write_csv, write_json
from telemetry_inspector.render.text import literal
from telemetry_inspector.settings.audit_model import Audit, Finding
from telemetry_inspector.settings.model import Failed, Policy, PolicyScope, succeeded
from telemetry_inspector.vscode.model import Level
from telemetry_inspector.vscode.switch_model import Switch

if TYPE_CHECKING:
    from pathlib import Path

    from rich.table import Table

    # lockdown's records: `audit` does not load them
    from telemetry_inspector.settings.lockdown_model import (
        Backup,
        Listed,
        Lockdown,
        PolicyExport,
        Restore,
        Written,
    )

_OFF_WORDS = {True: ("yes", "green"), False: ("NO", "bold red"), None: ("?", "yellow")}
Backups = dict[int, "Backup"]  # by id() of the FileWork each backup was made for


def off_value_words(switch: Switch) -> str:
    if switch.off_when_absent:
        return "absent or false"
    if not switch.off_known:
        return "?"
    extra = "".join(f" (or {shown(value)})" for value in switch.also_off)
    return shown(switch.off) + extra


def _off_value_json(switch: Switch) -> Any:
    if switch.off_when_absent:
        return False
    return switch.off if switch.off_known else None


def _path(path: PurePath | None) -> str | None:
    return str(path) if path is not None else None


def _finding_record(finding: Finding) -> dict[str, Any]:
    switch = finding.switch
    return {
        "id": switch.id,
        "scope": switch.scope,
        "kind": switch.kind,
        "file": switch.file,
        "value": json_value(finding.value),
        "source": finding.source,
        "off_value": _off_value_json(switch),
        "off": finding.off,
        "note": "; ".join(n for n in (finding.note, switch.note) if n),
    }


def _policy_record(policy: Policy | None) -> dict[str, Any] | None:
    record = policy_record(policy)
    if record is not None and policy is not None:
        record["values"] = policy.values
    return record


def audit_json(results: Sequence[Audit | Failed], level: Level) -> None:
    records = []
    for result in results:
        if isinstance(result, Failed):
            records.append(error_record(result))
            continue
        target = result.target
        records.append(
            {
                "flavor": flavor_id(target),
                "settings": str(target.settings),
                "argv": str(target.argv) if target.argv else None,
                "builtin_extensions_dir": _path(result.sources.builtin_dir),
                "extensions_dir": _path(result.sources.extensions_dir),
                "policy": _policy_record(result.policy),
                "level": level.value,
                "passed": result.passed,
                "switches": [_finding_record(finding) for finding in result.findings],
                "problems": [problem.one_line() for problem in result.problems],
            }
        )
    write_json(records)


_CSV_FIELDS = ("flavor", "settings", "id", "scope", "kind", "value", "source", "off_value", "off")


def audit_csv(results: Sequence[Audit | Failed]) -> None:
    """One row per switch and settings file; values as JSON text (`false`, `"off"`)."""
    rows = []
    for audit in succeeded(results):
        flavor = audit.target.flavor.id if audit.target.flavor else ""
        for finding in audit.findings:
            record = _finding_record(finding)
            rows.append(
                [
                    flavor,
                    str(audit.target.settings),
                    *(record[key] for key in ("id", "scope", "kind")),
                    _json_text(record["value"]),
                    record["source"],
                    _json_text(record["off_value"]),
                    {True: "yes", False: "no", None: "unknown"}[record["off"]],
                    record["note"],
                ]
            )
    write_csv([*_CSV_FIELDS, "note"], rows)


def _json_text(value: Any) -> str:
    return "" if value is None else json_text(value)


def audit_tables(results: Sequence[Audit | Failed]) -> None:
    for audit in succeeded(results):
        console.show(_table(audit))


_AUDIT_COLUMNS = (
    Column("switch", whole=True),  # ids stay whole: they are what --keep takes
    Column("off?", heading=True),
    Column("scope", style="dim"),
    Column("value"),
    Column("source"),
    Column("off value"),
    Column("note", free_text=True, style="dim"),
)


def _table(audit: Audit) -> Table:
    from rich.text import Text

    target = audit.target
    flavor = target.flavor.display_name if target.flavor else "settings file"
    rows = []
    for finding in audit.findings:
        word, style = _OFF_WORDS[finding.off]
        note = "; ".join(n for n in (finding.note, finding.switch.note) if n)
        rows.append(
            [
                Text(literal(finding.switch.id)),
                Text(word, style=style),
                Text(literal(finding.switch.scope)),
                Text(shown(finding.value)),
                Text(finding.source),
                Text(off_value_words(finding.switch)),
                Text(literal(note)),
            ]
        )
    title = f"{flavor}: {literal(str(target.settings))}"
    return fitted(_AUDIT_COLUMNS, rows, title=title, caption=_caption(audit) or None)


def _caption(audit: Audit) -> str:
    sources = audit.sources
    parts = [
        f"{name}: {literal(str(folder))}"
        for name, folder in (
            ("built-in", sources.builtin_dir),
            ("extensions", sources.extensions_dir),
        )
        if folder is not None
    ]
    policy = audit.policy
    if policy is not None and policy.exists and policy.problem is None:
        where = sorted(set(policy.origins.values())) or [policy.where]
        parts.append("policy: " + ", ".join(literal(each) for each in where))
    return "; ".join(parts)


def warn_about_files(
    results: Sequence[Audit | Failed], policy: Policy | PolicyScope | None
) -> None:
    """Files VS Code ignores (a bad policy, argv.json, an extension's package.json), once each;
    settings files and argv.json with bytes that are not UTF-8."""
    warn_about_policy(policy)
    warn_about_ignored(problem for audit in succeeded(results) for problem in audit.problems)
    warn_about_bytes(error for audit in succeeded(results) for error in audit.not_utf8)


def say_verdict(results: Sequence[Audit | Failed]) -> None:
    """One line per settings file on stderr: how many switches are on, or that none is."""
    for audit in succeeded(results):
        on = [f for f in audit.findings if f.off is False]
        where = literal(str(audit.target.settings))
        if not audit.passed:
            console.say(
                f"{where}: {len(on)} switch{'es are' if len(on) > 1 else ' is'} on; "
                "`telemetry lockdown` turns them off (try --dry-run first)"
            )
        else:
            console.say(f"{where}: every switch is off", kind="ok")


def show_lockdown(plan: Lockdown, written: Sequence[Written], *, json: bool, dry_run: bool) -> None:
    from telemetry_inspector.render.console import wants_machine_output

    backups = {id(item.work): item.backup for item in written}
    if json or (not dry_run and wants_machine_output(json)):
        _lockdown_json(plan, backups)
    elif dry_run:
        show_diffs([work.edit for work in plan.files])
    else:
        _lockdown_lines(plan, backups)
    _notes(plan, backups)


def _lockdown_json(plan: Lockdown, backups: Backups) -> None:
    files = []
    for work in plan.files:
        backup = backups.get(id(work))
        files.append(
            {
                "file": str(work.edit.path),
                "role": work.role,
                "flavors": list(work.flavors),
                "created": work.edit.created,
                "changed": work.edit.changed,
                "written": backup is not None,
                "backup": str(backup.copy) if backup and backup.copy else None,  # None: a new file
                "record": str(backup.record) if backup else None,
                "changes": [change_record(change) for change in work.edit.changes],
                # the preview, when nothing was written (a diff of a large file costs time)
                **({} if backup else {"diff": work.edit.diff()}),
            }
        )
    skipped = [
        {
            "id": item.switch.id,
            "scope": item.switch.scope,
            "value": json_value(item.value),
            "why": item.why,
            "settings": str(item.where),
        }
        for item in plan.skipped
    ]
    write_json({"changed": plan.changed, "files": files, "skipped": skipped})


def _lockdown_lines(plan: Lockdown, backups: Backups) -> None:
    from rich.text import Text

    lines = Text()
    for work in plan.files:
        where = literal(str(work.edit.path))
        if not work.edit.changed:
            lines.append(f"{where}: nothing to change\n", style="dim")
            continue
        verb = "" if id(work) in backups else "would be "
        lines.append(f"{where}", style="bold")
        lines.append(f" ({'would be ' if verb else ''}created)\n" if work.edit.created else "\n")
        for change in work.edit.changes:  # one change per line, under its file
            lines.append(f"  {verb}{describe_change(change)}\n")
    if not plan.files:
        lines.append("nothing to change\n", style="dim")
    console.show(lines, soft_wrap=True)


def _notes(plan: Lockdown, backups: Backups) -> None:
    from telemetry_inspector.settings.lockdown_model import Role

    said: set[str] = set()
    for item in plan.skipped:  # once, however many flavors list the switch
        line = f"left alone: {item.switch.id} ({shown(item.value)}): {item.why}"
        if line not in said:
            said.add(line)
            console.say(line, kind="note")
    for work in plan.files:
        backup = backups.get(id(work))
        if backup is None:
            continue
        kept = backup.copy if backup.copy is not None else "none (the file is new)"
        console.say(f"{work.edit.path}: backup {kept}")
        if work.role is Role.argv:
            console.say(f"{work.edit.path} is read at start-up: restart VS Code", kind="note")
    if backups:
        console.hint("`telemetry audit` checks the result; `telemetry lockdown --undo` reverts it")


def show_undo(
    restores: Sequence[Restore], paths: Sequence[Path], *, json: bool, command: str = "lockdown"
) -> None:
    from rich.text import Text

    from telemetry_inspector.render.console import wants_machine_output

    if not restores:
        console.say(f"nothing to undo: no {command} backup beside " + ", ".join(map(str, paths)))
    if wants_machine_output(json):
        write_json([_undo_record(item) for item in restores])
        return
    lines = Text()
    for item in restores:
        if item.removes:
            lines.append(f"removed {literal(str(item.path))} ({command} had created it)\n")
        else:
            lines.append(
                f"restored {literal(str(item.path))} from {literal(str(item.backup.copy))} "
                f"(as it was before the {command} of {item.backup.written_at})\n"
            )
    if restores:
        console.show(lines, soft_wrap=True)


def show_backups(listed: Sequence[Listed], paths: Sequence[Path], *, json: bool) -> None:
    """lockdown --backups: every record, newest first, and what undoing it would do now."""
    from rich.text import Text

    from telemetry_inspector.render.console import wants_machine_output

    if not listed:
        console.say("no lockdown backup beside " + ", ".join(map(str, paths)))
    if wants_machine_output(json):
        write_json([_listed_record(item) for item in listed])
        return
    lines = Text()
    for item in listed:
        lines.append(f"{item.stamp}  {literal(str(item.path))}: {item.state}\n")
    if listed:
        console.show(lines, soft_wrap=True)


def _listed_record(item: Listed) -> dict[str, Any]:
    backup = item.backup
    return {
        "file": str(item.path),
        "stamp": item.stamp,
        "record": str(item.record),
        "backup": str(backup.copy) if backup is not None and backup.copy else None,
        "lockdown_at": backup.written_at if backup is not None else None,
        "state": item.state,
    }


def _undo_record(item: Restore) -> dict[str, Any]:
    return {
        "file": str(item.path),
        "action": "removed" if item.removes else "restored",
        "backup": str(item.backup.copy) if item.backup.copy else None,
        "lockdown_at": item.backup.written_at,  # the key lockdown --undo has always had
        "written_at": item.backup.written_at,  # the same, for either command's undo
    }


def show_export(export: PolicyExport, fmt: str, output: Path | None) -> None:
    """On stderr: what the export sets, for whom, and what it cannot reach."""
    names = ", ".join(f"{name}={shown(value)}" for name, value in export.values.items())
    flavors = ", ".join(flavor.display_name for flavor in export.flavors)
    where = "stdout" if output is None or str(output) == "-" else literal(str(output))
    whom = "" if fmt == "json" else f" for {flavors}"
    console.say(f"{fmt} policy{whom} written to {where}: {names}", kind="ok")
    if export.needs_settings:
        ids = ", ".join(literal(switch.id) for switch in export.needs_settings)
        console.say(
            f"needs settings, no policy reaches them ({len(export.needs_settings)}): {ids}",
            kind="note",
        )
        console.hint("`telemetry lockdown` on each machine sets them (examples/ansible: a fleet)")


def show_registry_changes(changes: list, *, written: bool) -> None:
    """Windows `lockdown --policy`: the HKLM values set (or that would be)."""
    verb = "set" if written else "would set"
    for change in changes:
        was = "" if change.old is None else f" (was {shown(change.old)})"
        console.say(f"{change.key}: {verb} {change.name} to {shown(change.new)}{was}")
    if not changes:
        console.say("registry policies: nothing to change", kind="ok")

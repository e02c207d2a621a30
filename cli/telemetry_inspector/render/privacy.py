"""Views for audit and lockdown: a rich table per settings file, JSON, lines, diffs, notes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from telemetry_inspector.render import console
from telemetry_inspector.render.level import (
    change_record,
    describe_change,
    error_record,
    flavor_id,
    json_value,
    policy_record,
    show_diffs,
    shown,
    warn_about_ignored,
    warn_about_policy,
)
from telemetry_inspector.render.machine import write_json
from telemetry_inspector.render.text import literal
from telemetry_inspector.settings.audit_model import Audit, Finding
from telemetry_inspector.settings.model import Failed, Policy, succeeded
from telemetry_inspector.vscode.model import Level
from telemetry_inspector.vscode.switch_model import Switch

if TYPE_CHECKING:
    from rich.table import Table

    # lockdown's records: `audit` does not load them
    from telemetry_inspector.settings.lockdown_model import Backup, Lockdown, Restore, Written

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


def audit_tables(results: Sequence[Audit | Failed]) -> None:
    for audit in succeeded(results):
        console.show(_table(audit))


def _table(audit: Audit) -> Table:
    from rich.table import Table
    from rich.text import Text

    target = audit.target
    flavor = target.flavor.display_name if target.flavor else "settings file"
    table = Table(title=f"{flavor}: {literal(str(target.settings))}", title_justify="left")
    table.add_column("switch", no_wrap=True)  # ids stay whole: they are what --keep takes
    for column in ("scope", "value", "source", "off value", "off?", "note"):
        table.add_column(column, overflow="fold")
    for finding in audit.findings:
        word, style = _OFF_WORDS[finding.off]
        note = "; ".join(n for n in (finding.note, finding.switch.note) if n)
        table.add_row(
            Text(literal(finding.switch.id)),
            Text(literal(finding.switch.scope), style="dim"),
            Text(shown(finding.value)),
            Text(finding.source),
            Text(off_value_words(finding.switch)),
            Text(word, style=style),
            Text(literal(note), style="dim"),
        )
    table.caption = _caption(audit)
    table.caption_justify = "left"
    return table


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
    if audit.policy is not None and audit.policy.exists and audit.policy.problem is None:
        parts.append(f"policy: {literal(str(audit.policy.path))}")
    return "; ".join(parts)


def warn_about_files(results: Sequence[Audit | Failed], policy: Policy | None) -> None:
    """Files VS Code ignores (a bad policy, argv.json, an extension's package.json), once each."""
    warn_about_policy(policy)
    warn_about_ignored(problem for audit in succeeded(results) for problem in audit.problems)


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
        lines.append(f"{where}: ", style="bold")
        lines.append(("created, " if work.edit.created else "") + verb)
        lines.append("; ".join(describe_change(c) for c in work.edit.changes) + "\n")
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


def show_undo(restores: Sequence[Restore], paths: Sequence[Path], *, json: bool) -> None:
    from rich.text import Text

    from telemetry_inspector.render.console import wants_machine_output

    if not restores:
        console.say("nothing to undo: no lockdown backup beside " + ", ".join(map(str, paths)))
    if wants_machine_output(json):
        write_json([_undo_record(item) for item in restores])
        return
    lines = Text()
    for item in restores:
        if item.removes:
            lines.append(f"removed {literal(str(item.path))} (lockdown had created it)\n")
        else:
            lines.append(
                f"restored {literal(str(item.path))} from {literal(str(item.backup.copy))} "
                f"(as it was before the lockdown of {item.backup.written_at})\n"
            )
    if restores:
        console.show(lines, soft_wrap=True)


def _undo_record(item: Restore) -> dict[str, Any]:
    return {
        "file": str(item.path),
        "action": "removed" if item.removes else "restored",
        "backup": str(item.backup.copy) if item.backup.copy else None,
        "lockdown_at": item.backup.written_at,
    }

"""lockdown: every switch the audit lists set to its off value, one atomic write per file.

The plan is made from audits before anything is written: the key edits each file needs (user
settings, argv.json, and with --policy the machine policy), applied with VS Code's own edits and
re-read as VS Code reads them. A file that cannot be read or parsed stops the whole run before the
first write. Every file written gets a backup beside it (backups.py) so `--undo` can put it back.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from telemetry_inspector.errors import FileWriteError, ParseError, RefusedError, UsageError
from telemetry_inspector.records import record
from telemetry_inspector.settings.audit_model import Audit, Finding, Source
from telemetry_inspector.settings.backups import discard, save_backup
from telemetry_inspector.settings.document import load_settings, parse_settings
from telemetry_inspector.settings.edits import edit_settings, level_edits
from telemetry_inspector.settings.files import read_text
from telemetry_inspector.settings.lockdown_model import (
    Backup,
    FileWork,
    Lockdown,
    Role,
    Skipped,
    Written,
)
from telemetry_inspector.settings.plan import formatting_for, write_all
from telemetry_inspector.settings.policy import parse_policy, strict_loads
from telemetry_inspector.settings.telemetry import hidden_by_a_member, misread
from telemetry_inspector.settings.values import as_json
from telemetry_inspector.settings.write_model import FileEdit
from telemetry_inspector.vscode.locations import Platform
from telemetry_inspector.vscode.model import DEPRECATED_SETTINGS, LEVEL_SETTING, Level
from telemetry_inspector.vscode.switch_model import ARGV, ONLINE, Switch
from telemetry_inspector.vscode.switches import CORE_SWITCHES, is_off_value

ROOT_HINT = "the machine-wide policy file needs root: run it with sudo"


@record
class Options:
    keep: frozenset[str] = frozenset()  # switch ids or extension ids, lower-cased
    only_telemetry: bool = False
    policy: Path | None = None  # also write this policy file
    platform: Platform = "linux"


class _Wanted:
    """What lockdown will write into one file, gathered from every audit that names it."""

    __slots__ = ("edits", "flavors", "path", "role")

    def __init__(self, role: Role, path: Path) -> None:
        self.role = role
        self.path = path
        self.flavors: list[str] = []
        self.edits: dict[str, Any] = {}


def check_keep(keep: Iterable[str], audits: Iterable[Audit]) -> None:
    """Every --keep must name a switch or an extension the audit knows; say which ones are close."""
    known = {f.switch.id for a in audits for f in a.findings}
    known |= {f.switch.scope for a in audits for f in a.findings if "." in f.switch.scope}
    lowered = {name.lower(): name for name in known}
    for wanted in keep:
        if wanted.lower() not in lowered:
            close = difflib.get_close_matches(wanted, sorted(known), n=3, cutoff=0.6)
            also = f" (did you mean {', '.join(close)}?)" if close else ""
            raise UsageError(
                f"--keep {wanted!r} names no switch or extension{also}",
                hint="`telemetry audit` lists them",
            )


def plan_lockdown(audits: Iterable[Audit], options: Options) -> Lockdown:
    wanted: dict[str, _Wanted] = {}
    skipped: list[Skipped] = []
    for audit in audits:
        flavor = audit.target.flavor.id if audit.target.flavor else "file"
        for finding in audit.findings:
            why = _left_alone(finding, options)
            if why is not None and finding.off is not True:
                skipped.append(Skipped(finding.switch, finding.value, why, audit.target.settings))
            edits = _edits(finding, options) if _editable(finding, options) else []
            if edits:
                role = Role.argv if finding.switch.file == ARGV else Role.settings
                path = _file_of(finding.switch, audit)
                _want(wanted, role, path, flavor, edits)
    if options.policy is not None:
        _want(wanted, Role.policy, options.policy, "machine", _policy_edits(options))
    files = tuple(_work(item, options.platform) for item in wanted.values())
    return Lockdown(files, tuple(skipped))


def _file_of(switch: Switch, audit: Audit) -> Path | None:
    """The file that sets a switch: argv.json, a web flavor's machine settings, or the user's."""
    if switch.file == ARGV:
        return audit.target.argv
    if switch.file == Source.machine:
        return audit.target.machine
    return audit.target.settings


def _left_alone(finding: Finding, options: Options) -> str | None:
    """Why this switch stays as it is after the run, if it does."""
    switch = finding.switch
    if not _editable(finding, options):
        return _chosen(switch, options) or "no off value can be derived: check it by hand"
    forced = finding.source is Source.policy and is_off_value(switch, finding.value) is False
    if forced and options.policy is None:
        # The user's own value is still set off below, for the day the policy goes.
        return f"a policy sets it to {as_json(finding.value)}; only --policy (as root) changes that"
    return None


def _editable(finding: Finding, options: Options) -> bool:
    return _chosen(finding.switch, options) is None and finding.switch.off_known


def _chosen(switch: Switch, options: Options) -> str | None:
    """Why the user's options leave this switch alone, if they do."""
    if switch.id.lower() in options.keep or switch.scope.lower() in options.keep:
        return "kept (--keep)"
    if options.only_telemetry and switch.kind == ONLINE:
        return "an online service (--only telemetry)"
    return None


def _edits(finding: Finding, options: Options) -> list[tuple[str, Any]]:
    """The key edits that turn this switch off in its file (none when it already is)."""
    switch = finding.switch
    if is_off_value(switch, finding.own_or_default):
        return []
    if switch.id == LEVEL_SETTING:
        kept = {key for key in DEPRECATED_SETTINGS if key.lower() in options.keep}
        return [(key, value) for key, value in level_edits(Level.off) if key not in kept]
    return [(switch.id, switch.off)]


def _policy_edits(options: Options) -> list[tuple[str, Any]]:
    return [
        (switch.policy, switch.off)
        for switch in CORE_SWITCHES
        if switch.policy and _chosen(switch, options) is None
    ]


def _want(
    wanted: dict[str, _Wanted],
    role: Role,
    path: Path | None,
    flavor: str,
    edits: list[tuple[str, Any]],
) -> None:
    if path is None:
        return
    key = os.path.normcase(os.path.realpath(path))
    item = wanted.setdefault(key, _Wanted(role, path))
    if flavor not in item.flavors:
        item.flavors.append(flavor)
    item.edits.update(edits)


def _work(item: _Wanted, platform: Platform) -> FileWork:
    if item.role is Role.policy:
        edit = _policy_edit(item.path, item.edits, platform)
    else:
        edit = _settings_edit(item.path, item.edits, platform)
    return FileWork(item.role, tuple(item.flavors), edit)


def _settings_edit(path: Path, edits: dict[str, Any], platform: Platform) -> FileEdit:
    before = load_settings(path, keep_bytes=True)
    formatting = formatting_for(before, platform)
    text, changes = edit_settings(before.file.text, edits.items(), formatting, path)
    wrong = misread(text, edits)
    if wrong:
        raise hidden_by_a_member(wrong[0], "off", path)
    return FileEdit(path, before.file, text, tuple(changes))


def _policy_edit(path: Path, edits: dict[str, Any], platform: Platform) -> FileEdit:
    """Merge into the policy file, which VS Code reads as strict JSON: no comments, no commas."""
    file = read_text(path, keep_bytes=True)  # once: the strict check and the edit see the same
    values: dict[str, Any] = {}
    try:
        if file.text.strip() or file.bom:
            values = parse_policy(file.text, path, bom=file.bom)
    except ParseError:
        parse_policy(file.as_vscode_reads(), path, bom=file.bom)  # the place as VS Code counts it
        raise
    before = parse_settings(file)
    formatting = formatting_for(before, platform)
    text, changes = edit_settings(before.file.text, edits.items(), formatting, path)
    if strict_loads(text) != {**values, **edits}:
        raise RefusedError(
            "the merged policy would not read back as written; nothing was written", path=path
        )
    return FileEdit(path, before.file, text, tuple(changes))


def write_lockdown(lockdown: Lockdown) -> list[Written]:
    """Back up and write every changed file; checks that each can be written before the first."""
    changed = [work for work in lockdown.files if work.edit.changed]
    backups: dict[Path, Backup] = {}

    def back_up(edit: FileEdit) -> Callable[[], None]:
        before = None if edit.created else edit.before.encode(edit.before.text)
        backup = backups[edit.path] = save_backup(edit.path, before, edit.data)
        return lambda: discard(backup)

    try:
        write_all([work.edit for work in changed], before_write=back_up)
    except FileWriteError as exc:
        if any(work.role is Role.policy and work.edit.path == exc.path for work in changed):
            exc.hint = ROOT_HINT
        raise
    return [Written(work, backups[work.edit.path]) for work in changed]

"""set-level: telemetry.telemetryLevel written into settings files, keeping every other byte."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from telemetry_inspector.actions.selection import output_to, policy_of, targets_of
from telemetry_inspector.errors import UsageError
from telemetry_inspector.render import level as views
from telemetry_inspector.render.console import wants_machine_output
from telemetry_inspector.settings.atomic import exclusive, retrying
from telemetry_inspector.settings.plan import plan_set_level, write_backed_up
from telemetry_inspector.settings.targets import with_servers
from telemetry_inspector.settings.write_model import FileEdit
from telemetry_inspector.vscode.model import Level

if TYPE_CHECKING:  # a type only: its module defines lockdown's records (tests/test_startup.py)
    from telemetry_inspector.settings.lockdown_model import Backup


def set_level(
    level: Level | None,
    settings: list[Path] | None,
    user_data_dir: Path | None,
    flavor: list[str] | None,
    policy_file: Path | None,
    *,
    dry_run: bool,
    check: bool,
    undo: bool,
    json: bool,
    output: Path | None,
) -> int:
    """Each file set to `level` (or previewed, checked, undone); 1 when --check finds a change."""
    _check_level_or_undo(level, undo, dry_run or check)
    output_to(output)
    targets, host = targets_of(settings, user_data_dir, flavor)
    targets = with_servers(targets)  # a web flavor's server reads its level from elsewhere
    if undo:
        _undo([target.settings for target in targets], json)
        return 0
    assert level is not None
    written = not (dry_run or check)
    backups: dict[Path, Backup] = {}

    def attempt() -> list[FileEdit]:
        edits = [plan_set_level(target, level, host.platform) for target in targets]
        if written:
            backups.update(write_backed_up(edits, "set-level"))
        return edits

    with exclusive(target.settings for target in targets):
        edits = retrying(attempt)  # a file changed meanwhile: planned again on its new content
    views.say_created(edits, written=written)
    if json or (not dry_run and wants_machine_output(json)):
        views.set_level_json(edits, written=written, backups=backups)
    elif dry_run:
        views.show_diffs(edits)  # a plain unified diff when piped, so `| patch -p0` works
    else:
        views.set_level_lines(edits, level, written=written)
    views.say_backups(backups)
    views.warn_about_bytes(edit.before.invalid for edit in edits)
    views.warn_about_overrides(edits, policy_of(policy_file, host, targets), level)
    return 1 if check and any(edit.changed for edit in edits) else 0


def _check_level_or_undo(level: Level | None, undo: bool, preview: bool) -> None:
    if undo and (level is not None or preview):
        raise UsageError("--undo takes no LEVEL, --dry-run or --check", hint="only the targets")
    if not undo and level is None:
        raise UsageError("missing LEVEL", hint="all, error, crash or off; or --undo")


def _undo(paths: list[Path], json: bool) -> None:
    # Here, not at the top: the undo views define the audit records, which a plain set-level
    # does not pay for at start-up (tests/test_startup.py).
    from telemetry_inspector.render.privacy import show_undo
    from telemetry_inspector.settings.backups import plan_undo, restore

    restores = plan_undo(paths, "set-level")
    for item in restores:
        restore(item)
    show_undo(restores, paths, json=json, command="set-level")

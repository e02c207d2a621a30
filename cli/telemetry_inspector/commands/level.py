"""status and set-level: the telemetry level in VS Code's settings, read and written."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from telemetry_inspector.commands.options import (
    Flavors,
    Json,
    OutputFile,
    PolicyFile,
    SettingsFiles,
    UserDataDir,
    output_format,
    output_to,
    policy_of,
    targets_of,
)
from telemetry_inspector.vscode.model import Level

if TYPE_CHECKING:
    from telemetry_inspector.settings.lockdown_model import Backup
    from telemetry_inspector.settings.write_model import FileEdit


class StatusFormat(StrEnum):
    table = "table"
    json = "json"


def status(
    settings: SettingsFiles = None,
    user_data_dir: UserDataDir = None,
    flavor: Flavors = None,
    policy_file: PolicyFile = None,
    json: Json = False,
    view: Annotated[
        StatusFormat | None,
        typer.Option(
            "--format",
            metavar="table|json",
            case_sensitive=False,
            help="The view to print (default: a table on a terminal, json when piped).",
            show_default=False,
        ),
    ] = None,
    output: OutputFile = None,
) -> None:
    """Show the telemetry level each settings file sets, what overrides it, and what VS Code sends.

    Exit code 1 when a settings file cannot be read or parsed.
    """
    from telemetry_inspector.render import level as views
    from telemetry_inspector.settings.status import read_statuses

    output_to(output)
    targets, host = targets_of(settings, user_data_dir, flavor)
    policy = policy_of(policy_file, host, targets)
    results = read_statuses(targets, policy)
    views.warn_about_files(results, policy)
    if output_format(view, json, "table") == "json":
        views.status_json(results)
    else:
        views.status_table(results)
    if views.report_errors(results):
        raise typer.Exit(1)


def set_level(
    level: Annotated[
        Level | None,
        typer.Argument(
            metavar="LEVEL",
            help="all, error, crash or off (not with --undo).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    settings: SettingsFiles = None,
    user_data_dir: UserDataDir = None,
    flavor: Flavors = None,
    policy_file: PolicyFile = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", metavar="", help="Print the change as a unified diff; write nothing."
        ),
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", metavar="", help="Write nothing; exit 0 if every file is at LEVEL, 1 if not."
        ),
    ] = False,
    undo: Annotated[
        bool,
        typer.Option(
            "--undo",
            metavar="",
            help="Restore each file from the backup the last set-level kept beside it.",
        ),
    ] = False,
    json: Json = False,
    output: OutputFile = None,
) -> None:
    """Set telemetry.telemetryLevel in VS Code's user settings, keeping every other byte.

    Deprecated switches that would force telemetry off are removed in the same write, with the
    comments inside their lines (each is named). A file that does not parse is never touched;
    writes are atomic, each file is backed up beside itself first, and --undo puts it back.
    """
    from telemetry_inspector.render import level as view
    from telemetry_inspector.render.console import wants_machine_output
    from telemetry_inspector.settings.atomic import exclusive, retrying
    from telemetry_inspector.settings.plan import plan_set_level, write_backed_up
    from telemetry_inspector.settings.targets import with_servers

    _check_level_or_undo(level, undo, dry_run or check)
    output_to(output)
    targets, host = targets_of(settings, user_data_dir, flavor)
    targets = with_servers(targets)  # a web flavor's server reads its level from elsewhere
    if undo:
        _undo([target.settings for target in targets], json)
        return
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
    view.say_created(edits, written=written)
    if json or (not dry_run and wants_machine_output(json)):
        view.set_level_json(edits, written=written, backups=backups)
    elif dry_run:
        view.show_diffs(edits)  # a plain unified diff when piped, so `| patch -p0` works
    else:
        view.set_level_lines(edits, level, written=written)
    view.say_backups(backups)
    view.warn_about_overrides(edits, policy_of(policy_file, host, targets), level)
    if check and any(edit.changed for edit in edits):
        raise typer.Exit(1)


def _check_level_or_undo(level: Level | None, undo: bool, preview: bool) -> None:
    from telemetry_inspector.errors import UsageError

    if undo and (level is not None or preview):
        raise UsageError("--undo takes no LEVEL, --dry-run or --check", hint="only the targets")
    if not undo and level is None:
        raise UsageError("missing LEVEL", hint="all, error, crash or off; or --undo")


def _undo(paths: list[Path], json: bool) -> None:
    from telemetry_inspector.render.privacy import show_undo
    from telemetry_inspector.settings.backups import plan_undo, restore

    restores = plan_undo(paths, "set-level")
    for item in restores:
        restore(item)
    show_undo(restores, paths, json=json, command="set-level")

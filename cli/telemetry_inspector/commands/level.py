"""status and set-level: the telemetry level in VS Code's settings, read and written."""

from __future__ import annotations

from typing import Annotated

import typer

from telemetry_inspector.commands.options import (
    Flavors,
    Json,
    PolicyFile,
    SettingsFiles,
    UserDataDir,
    policy_of,
    targets_of,
)
from telemetry_inspector.vscode.model import Level


def status(
    settings: SettingsFiles = None,
    user_data_dir: UserDataDir = None,
    flavor: Flavors = None,
    policy_file: PolicyFile = None,
    json: Json = False,
) -> None:
    """Show the telemetry level each settings file sets, what overrides it, and what VS Code sends.

    Exit code 1 when a settings file cannot be read or parsed.
    """
    from telemetry_inspector.render import level as view
    from telemetry_inspector.render.console import wants_machine_output
    from telemetry_inspector.settings.status import read_statuses

    targets, host = targets_of(settings, user_data_dir, flavor)
    policy = policy_of(policy_file, host)
    results = read_statuses(targets, policy)
    view.warn_about_files(results, policy)
    if wants_machine_output(json):
        view.status_json(results)
    else:
        view.status_table(results)
    if view.report_errors(results):
        raise typer.Exit(1)


def set_level(
    level: Annotated[
        Level,
        typer.Argument(help="all, error, crash or off.", case_sensitive=False, show_default=False),
    ],
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
    json: Json = False,
) -> None:
    """Set telemetry.telemetryLevel in VS Code's user settings, keeping every other byte.

    Deprecated switches that would force telemetry off are removed in the same write. A file that
    does not parse is never touched; writes are atomic.
    """
    from telemetry_inspector.render import level as view
    from telemetry_inspector.render.console import wants_machine_output
    from telemetry_inspector.settings.plan import plan_set_level, write_all

    targets, host = targets_of(settings, user_data_dir, flavor)
    edits = [plan_set_level(target, level, host.platform) for target in targets]
    written = not (dry_run or check)
    if written:
        write_all(edits)
    view.say_created(edits, written=written)
    if json or (not dry_run and wants_machine_output(json)):
        view.set_level_json(edits, written=written)
    elif dry_run:
        view.show_diffs(edits)  # a plain unified diff when piped, so `| patch -p0` works
    else:
        view.set_level_lines(edits, level, written=written)
    view.warn_about_overrides(edits, policy_of(policy_file, host), level)
    if check and any(edit.changed for edit in edits):
        raise typer.Exit(1)

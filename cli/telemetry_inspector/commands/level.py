"""status and set-level: the telemetry level in VS Code's settings, read and written."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from telemetry_inspector.commands.options import (
    Flavors,
    Json,
    OutputFile,
    PolicyFile,
    SettingsFiles,
    UserDataDir,
)
from telemetry_inspector.vscode.model import Level


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
) -> int:
    """Show the telemetry level each settings file sets, what overrides it, and what VS Code sends.

    Exit code 1 when a settings file cannot be read or parsed.
    """
    from telemetry_inspector.actions.status import show_status

    return show_status(settings, user_data_dir, flavor, policy_file, json, view, output)


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
) -> int:
    """Set telemetry.telemetryLevel in VS Code's user settings, keeping every other byte.

    Deprecated switches that would force telemetry off are removed in the same write, with the
    comments inside their lines (each is named). A file that does not parse is never touched;
    writes are atomic, each file is backed up beside itself first, and --undo puts it back.
    """
    from telemetry_inspector.actions.set_level import set_level as run

    return run(
        level,
        settings,
        user_data_dir,
        flavor,
        policy_file,
        dry_run=dry_run,
        check=check,
        undo=undo,
        json=json,
        output=output,
    )

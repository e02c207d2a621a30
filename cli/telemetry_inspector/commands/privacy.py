"""audit and lockdown: every switch that lets VS Code send telemetry or go online, checked and
turned off."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from telemetry_inspector.commands.options import (
    AppRoot,
    ExtensionsDir,
    Flavors,
    Json,
    OutputFile,
    PolicyFile,
    SettingsFiles,
    UserDataDir,
)
from telemetry_inspector.vscode.model import Level


class Only(StrEnum):
    telemetry = "telemetry"


class ExportFormat(StrEnum):
    json = "json"
    mobileconfig = "mobileconfig"
    reg = "reg"


class AuditFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


AtMost = Annotated[
    Level,
    typer.Option(
        "--level",
        help="The most the level-related switches may let through (all, error, crash, off).",
        case_sensitive=False,
    ),
]
Keep = Annotated[
    list[str] | None,
    typer.Option(
        "--keep",
        metavar="ID",
        help="Leave this switch (or every switch of this extension) alone; repeatable.",
        show_default=False,
    ),
]
OnlyKind = Annotated[
    Only | None, typer.Option("--only", help="telemetry: leave online-service switches alone.")
]
WritePolicy = Annotated[
    bool,
    typer.Option(
        "--policy",
        metavar="",
        help="Also write the machine policies (TelemetryLevel off, EnableFeedback false, "
        "UpdateMode none), for every user: policy.json on Linux (needs root), the registry on "
        "Windows (needs an administrator); on macOS use --export mobileconfig.",
    ),
]
DryRun = Annotated[
    bool,
    typer.Option(
        "--dry-run", metavar="", help="Print the changes as unified diffs; write nothing."
    ),
]
Check = Annotated[
    bool,
    typer.Option("--check", metavar="", help="Write nothing; exit 1 if anything would change."),
]
Export = Annotated[
    ExportFormat | None,
    typer.Option(
        "--export",
        help="Write the policies that turn the audited switches off, for deployment: json "
        "(Linux policy.json), mobileconfig (macOS profile, for Jamf or Intune) or reg (Windows); "
        "switches no policy reaches are listed on stderr.",
        case_sensitive=False,
    ),
]
Undo = Annotated[
    bool,
    typer.Option(
        "--undo", metavar="", help="Restore the files the last lockdown changed from backups."
    ),
]

Backups = Annotated[
    bool,
    typer.Option(
        "--backups",
        metavar="",
        help="List the backups lockdown kept beside each file, newest first, with what undoing "
        "each would do now; write nothing.",
    ),
]
PickBackup = Annotated[
    str | None,
    typer.Option(
        "--backup",
        metavar="STAMP",
        help="With --undo: restore the backup with this time stamp (as --backups lists it; a "
        "prefix will do) instead of the newest.",
    ),
]


def audit(
    settings: SettingsFiles = None,
    user_data_dir: UserDataDir = None,
    flavor: Flavors = None,
    extensions_dir: ExtensionsDir = None,
    app_root: AppRoot = None,
    policy_file: PolicyFile = None,
    level: AtMost = Level.off,
    json: Json = False,
    view: Annotated[
        AuditFormat | None,
        typer.Option(
            "--format",
            metavar="table|json|csv",
            case_sensitive=False,
            help="The view to print (default: a table on a terminal, json when piped; csv: one "
            "row per switch and settings file).",
            show_default=False,
        ),
    ] = None,
    output: OutputFile = None,
) -> int:
    """List every telemetry and online-service switch, its value and source, and whether it is off.

    Exit code 0 when every switch is off (the level-related ones at most at --level), 1 when not
    or when a settings file cannot be read.
    """
    from telemetry_inspector.actions.audit import Where, show_audit

    where = Where(settings, user_data_dir, flavor, extensions_dir, app_root)
    return show_audit(where, policy_file, level, json, view, output)


def lockdown(
    settings: SettingsFiles = None,
    user_data_dir: UserDataDir = None,
    flavor: Flavors = None,
    extensions_dir: ExtensionsDir = None,
    app_root: AppRoot = None,
    keep: Keep = None,
    only: OnlyKind = None,
    policy: WritePolicy = False,
    policy_file: PolicyFile = None,
    dry_run: DryRun = False,
    check: Check = False,
    undo: Undo = False,
    export: Export = None,
    backups: Backups = False,
    backup: PickBackup = None,
    json: Json = False,
    output: OutputFile = None,
) -> int:
    """Turn off every switch `telemetry audit` lists: one atomic write per file, with backups.

    A file that does not parse stops the run before anything is written. `--undo` puts back the
    newest backup of each file, unless the file changed since lockdown wrote it. `--export`
    writes the policies for an MDM or Group Policy instead, and changes nothing here.
    """
    from telemetry_inspector.actions.lockdown import Where, lock_down

    return lock_down(
        Where(settings, user_data_dir, flavor, extensions_dir, app_root),
        keep=keep,
        only_telemetry=only is Only.telemetry,
        policy=policy,
        policy_file=policy_file,
        dry_run=dry_run,
        check=check,
        undo=undo,
        export=None if export is None else export.value,
        backups=backups,
        backup=backup,
        json=json,
        output=output,
    )

"""audit and lockdown: every switch that lets VS Code send telemetry or go online, checked and
turned off."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    output_format,
    output_to,
    policy_of,
    policy_path,
    targets_of,
)
from telemetry_inspector.vscode.model import Level

if TYPE_CHECKING:
    from telemetry_inspector.settings.audit_model import Audit
    from telemetry_inspector.settings.lockdown import Options
    from telemetry_inspector.settings.model import Failed, Policy, PolicyScope
    from telemetry_inspector.settings.policy_sources import RegistryChange, WindowsRegistry
    from telemetry_inspector.vscode.locations import Host


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


@dataclass(frozen=True)
class _Where:
    """The target options audit and lockdown share."""

    settings: list[Path] | None
    user_data_dir: Path | None
    flavor: list[str] | None
    extensions_dir: Path | None
    app_root: Path | None

    def audits(
        self, policy_file: Path | None, allowed: Level
    ) -> tuple[list[Audit | Failed], Policy | PolicyScope | None, Host]:
        from telemetry_inspector.settings.audit import audit_all

        targets, host = targets_of(self.settings, self.user_data_dir, self.flavor)
        policy = policy_of(policy_file, host, targets)
        found = audit_all(
            targets,
            host,
            policy,
            extensions_dir=self.extensions_dir,
            app_root=self.app_root,
            allowed=allowed,
        )
        return found, policy, host


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
) -> None:
    """List every telemetry and online-service switch, its value and source, and whether it is off.

    Exit code 0 when every switch is off (the level-related ones at most at --level), 1 when not
    or when a settings file cannot be read.
    """
    from telemetry_inspector.render import privacy as views
    from telemetry_inspector.render.level import report_errors
    from telemetry_inspector.settings.audit import all_off

    output_to(output)
    where = _Where(settings, user_data_dir, flavor, extensions_dir, app_root)
    results, policy, _ = where.audits(policy_file, level)
    views.warn_about_files(results, policy)
    chosen = output_format(view, json, "table")
    if chosen == "json":
        views.audit_json(results, level)
    elif chosen == "csv":
        views.audit_csv(results)
    else:
        views.audit_tables(results)
    failed = report_errors(results)
    views.say_verdict(results)
    if failed or not all_off(results):
        raise typer.Exit(1)


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
) -> None:
    """Turn off every switch `telemetry audit` lists: one atomic write per file, with backups.

    A file that does not parse stops the run before anything is written. `--undo` puts back the
    newest backup of each file, unless the file changed since lockdown wrote it. `--export`
    writes the policies for an MDM or Group Policy instead, and changes nothing here.
    """
    from telemetry_inspector.errors import UsageError

    if (undo or backups) and (keep or only or dry_run or check or export):
        raise UsageError("--undo and --backups take only the target options, --policy and --json")
    if backup is not None and not undo:
        raise UsageError("--backup picks what --undo restores: give --undo too")
    if backups:
        _list_backups(settings, user_data_dir, flavor, policy_file, policy, json)
        return
    if export is None:
        output_to(output)  # with --export, -o names the export file itself
    if undo:
        _undo(settings, user_data_dir, flavor, policy_file, policy, json, backup)
        return
    if export is not None:
        if policy or dry_run or check:
            raise UsageError(
                "--export writes a file to deploy; it takes no --policy, --dry-run or --check"
            )
        where = _Where(settings, user_data_dir, flavor, extensions_dir, app_root)
        _export(where, policy_file, keep, only, export, output)
        return
    from telemetry_inspector.render import privacy as view
    from telemetry_inspector.settings import lockdown as domain
    from telemetry_inspector.settings.atomic import exclusive, retrying
    from telemetry_inspector.settings.audit import audits_or_raise

    where = _Where(settings, user_data_dir, flavor, extensions_dir, app_root)

    def attempt():
        results, in_force, host = where.audits(policy_file, Level.off)
        audits = audits_or_raise(results)
        domain.check_keep(keep or [], audits)
        in_registry = policy and policy_file is None and host.platform == "win32"
        options = domain.Options(
            keep=frozenset(name.lower() for name in keep or []),
            only_telemetry=only is Only.telemetry,
            policy=None if in_registry else _policy_target(policy, policy_file, host),
            platform=host.platform,
        )
        plan = domain.plan_lockdown(audits, options)
        registry = _registry_plan(audits, options) if in_registry else None
        if registry is not None and not (dry_run or check):
            from telemetry_inspector.settings.policy_sources import write_registry_policy

            # First: without an administrator's rights it fails, and then no file is written.
            write_registry_policy(registry[0], registry[1])
        written = [] if dry_run or check else domain.write_lockdown(plan)
        return results, in_force, plan, written, registry

    # Our runs take turns; a file another program changes meanwhile is read and planned again.
    with exclusive(_files(settings, user_data_dir, flavor, policy_file, policy)):
        results, in_force, plan, written, registry = retrying(attempt)
    view.warn_about_files(results, in_force)  # after planning: a file that stops us is an error
    view.show_lockdown(plan, written, json=json, dry_run=dry_run)
    if registry is not None:
        view.show_registry_changes(registry[1], written=not (dry_run or check))
    if check and (plan.changed or (registry is not None and registry[1])):
        raise typer.Exit(1)


def _registry_plan(
    audits: list[Audit], options: Options
) -> tuple[WindowsRegistry, list[RegistryChange]]:
    """On Windows, --policy sets HKLM values for each audited flavor (VS Code's own key each)."""
    from telemetry_inspector.settings.policy_export import plan_export
    from telemetry_inspector.settings.policy_sources import WindowsRegistry, plan_registry_policy

    export = plan_export(audits, options.keep, options.only_telemetry)
    registry = WindowsRegistry()
    changes = [
        change
        for flavor in export.flavors
        for change in plan_registry_policy(registry, flavor.win32_policy_key, export.values)
    ]
    return registry, changes


def _export(
    where: _Where,
    policy_file: Path | None,
    keep: list[str] | None,
    only: Only | None,
    fmt: ExportFormat,
    output: Path | None,
) -> None:
    from telemetry_inspector.render import privacy as view
    from telemetry_inspector.settings import lockdown as domain
    from telemetry_inspector.settings.audit import audits_or_raise
    from telemetry_inspector.settings.policy_export import plan_export, render

    results, in_force, _ = where.audits(policy_file, Level.off)
    audits = audits_or_raise(results)
    domain.check_keep(keep or [], audits)
    kept = frozenset(name.lower() for name in keep or [])
    export = plan_export(audits, kept, only is Only.telemetry)
    view.warn_about_files(results, in_force)
    if not export.values:
        from telemetry_inspector.errors import RefusedError

        raise RefusedError(
            "nothing to export: no switch left to turn off has a policy",
            hint="policies exist for " + ", ".join(_policy_names()),
        )
    data = render(export, fmt.value)
    if output is None or str(output) == "-":
        from telemetry_inspector.render.machine import write_bytes

        write_bytes(data)
    else:
        from telemetry_inspector.settings.atomic import write_atomic

        write_atomic(output, data)
    view.show_export(export, fmt.value, output)


def _policy_names() -> list[str]:
    from telemetry_inspector.vscode.policies import POLICIES

    return [f"{policy.setting} ({policy.name})" for policy in POLICIES]


def _policy_target(policy: bool, policy_file: Path | None, host: Host) -> Path | None:
    from telemetry_inspector.errors import UsageError

    if not policy:
        return None
    path = policy_path(policy_file, host)
    if path is None and host.platform == "darwin":
        raise UsageError(
            "--policy: on macOS VS Code reads policies from managed preferences, which only a "
            "configuration profile installs (from an MDM such as Jamf or Intune, or by hand in "
            "System Settings > Device Management)",
            hint="`telemetry lockdown --export mobileconfig -o vscode.mobileconfig` writes one",
        )
    if path is None:
        raise UsageError(
            "--policy: on this system VS Code reads policies from the registry, not a JSON file",
            hint="give --policy-file FILE to write a JSON policy file anyway",
        )
    return path


def _files(
    settings: list[Path] | None,
    user_data_dir: Path | None,
    flavor: list[str] | None,
    policy_file: Path | None,
    policy: bool,
) -> list[Path]:
    """Every file lockdown may write for these options."""
    targets, host = targets_of(settings, user_data_dir, flavor)
    paths = [p for t in targets for p in (t.settings, t.argv, t.machine) if p is not None]
    policy_target = _policy_target(policy, policy_file, host)
    if policy_target is not None:
        paths.append(policy_target)
    return paths


def _list_backups(
    settings: list[Path] | None,
    user_data_dir: Path | None,
    flavor: list[str] | None,
    policy_file: Path | None,
    policy: bool,
    json: bool,
) -> None:
    from telemetry_inspector.render import privacy as view
    from telemetry_inspector.settings.backups import list_backups

    paths = _files(settings, user_data_dir, flavor, policy_file, policy)
    view.show_backups(list_backups(paths), paths, json=json)


def _undo(
    settings: list[Path] | None,
    user_data_dir: Path | None,
    flavor: list[str] | None,
    policy_file: Path | None,
    policy: bool,
    json: bool,
    stamp: str | None,
) -> None:
    from telemetry_inspector.render import privacy as view
    from telemetry_inspector.settings.atomic import exclusive
    from telemetry_inspector.settings.backups import plan_undo, restore

    paths = _files(settings, user_data_dir, flavor, policy_file, policy)
    with exclusive(paths):
        restores = plan_undo(paths, stamp=stamp)
        for item in restores:
            restore(item)
    view.show_undo(restores, paths, json=json)

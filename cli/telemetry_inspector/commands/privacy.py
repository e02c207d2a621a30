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
    PolicyFile,
    SettingsFiles,
    UserDataDir,
    policy_of,
    policy_path,
    targets_of,
)
from telemetry_inspector.vscode.model import Level

if TYPE_CHECKING:
    from telemetry_inspector.settings.audit_model import Audit
    from telemetry_inspector.settings.model import Failed, Policy
    from telemetry_inspector.vscode.locations import Host


class Only(StrEnum):
    telemetry = "telemetry"


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
        help="Also write TelemetryLevel off and EnableFeedback false into the machine policy "
        "file, for every user and flavor (needs root).",
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
Undo = Annotated[
    bool,
    typer.Option(
        "--undo", metavar="", help="Restore the files the last lockdown changed from backups."
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
    ) -> tuple[list[Audit | Failed], Policy | None, Host]:
        from telemetry_inspector.settings.audit import audit_all

        targets, host = targets_of(self.settings, self.user_data_dir, self.flavor)
        policy = policy_of(policy_file, host)
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
) -> None:
    """List every telemetry and online-service switch, its value and source, and whether it is off.

    Exit code 0 when every switch is off (the level-related ones at most at --level), 1 when not
    or when a settings file cannot be read.
    """
    from telemetry_inspector.render import privacy as view
    from telemetry_inspector.render.console import wants_machine_output
    from telemetry_inspector.render.level import report_errors
    from telemetry_inspector.settings.audit import all_off

    where = _Where(settings, user_data_dir, flavor, extensions_dir, app_root)
    results, policy, _ = where.audits(policy_file, level)
    view.warn_about_files(results, policy)
    if wants_machine_output(json):
        view.audit_json(results, level)
    else:
        view.audit_tables(results)
    failed = report_errors(results)
    view.say_verdict(results)
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
    json: Json = False,
) -> None:
    """Turn off every switch `telemetry audit` lists: one atomic write per file, with backups.

    A file that does not parse stops the run before anything is written. `--undo` puts back the
    newest backup of each file, unless the file changed since lockdown wrote it.
    """
    from telemetry_inspector.errors import UsageError

    if undo and (keep or only or dry_run or check):
        raise UsageError("--undo takes only the target options, --policy and --json")
    if undo:
        _undo(settings, user_data_dir, flavor, policy_file, policy, json)
        return
    from telemetry_inspector.render import privacy as view
    from telemetry_inspector.settings import lockdown as domain
    from telemetry_inspector.settings.audit import audits_or_raise

    where = _Where(settings, user_data_dir, flavor, extensions_dir, app_root)
    results, in_force, host = where.audits(policy_file, Level.off)
    audits = audits_or_raise(results)
    domain.check_keep(keep or [], audits)
    options = domain.Options(
        keep=frozenset(name.lower() for name in keep or []),
        only_telemetry=only is Only.telemetry,
        policy=_policy_target(policy, policy_file, host),
        platform=host.platform,
    )
    plan = domain.plan_lockdown(audits, options)
    view.warn_about_files(results, in_force)  # after planning: a file that stops us is an error
    written = [] if dry_run or check else domain.write_lockdown(plan)
    view.show_lockdown(plan, written, json=json, dry_run=dry_run)
    if check and plan.changed:
        raise typer.Exit(1)


def _policy_target(policy: bool, policy_file: Path | None, host: Host) -> Path | None:
    from telemetry_inspector.errors import UsageError

    if not policy:
        return None
    path = policy_path(policy_file, host)
    if path is None:
        raise UsageError(
            "--policy: on this system VS Code reads policies from the registry or managed "
            "preferences, not a JSON file",
            hint="give --policy-file FILE to write a JSON policy file anyway",
        )
    return path


def _undo(
    settings: list[Path] | None,
    user_data_dir: Path | None,
    flavor: list[str] | None,
    policy_file: Path | None,
    policy: bool,
    json: bool,
) -> None:
    from telemetry_inspector.render import privacy as view
    from telemetry_inspector.settings.backups import plan_undo, restore

    targets, host = targets_of(settings, user_data_dir, flavor)
    paths = [p for t in targets for p in (t.settings, t.argv) if p is not None]
    policy_target = _policy_target(policy, policy_file, host)
    if policy_target is not None:
        paths.append(policy_target)
    restores = plan_undo(paths)
    for item in restores:
        restore(item)
    view.show_undo(restores, paths, json=json)

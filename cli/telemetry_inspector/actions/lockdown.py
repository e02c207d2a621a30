"""lockdown: every switch audit lists turned off, one atomic write per file with backups; its
--export, --backups and --undo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from telemetry_inspector.actions.audit import Where
from telemetry_inspector.actions.selection import output_to, policy_path, targets_of
from telemetry_inspector.errors import RefusedError, UsageError
from telemetry_inspector.render import privacy as views
from telemetry_inspector.render.machine import write_bytes
from telemetry_inspector.settings import lockdown as domain
from telemetry_inspector.settings.atomic import exclusive, retrying, write_atomic
from telemetry_inspector.settings.audit import audits_or_raise
from telemetry_inspector.settings.audit_model import Audit
from telemetry_inspector.settings.backups import list_backups, plan_undo, restore
from telemetry_inspector.settings.policy_export import plan_export, render
from telemetry_inspector.settings.policy_sources import (
    RegistryChange,
    WindowsRegistry,
    plan_registry_policy,
    write_registry_policy,
)
from telemetry_inspector.vscode.model import Level
from telemetry_inspector.vscode.policies import POLICIES

if TYPE_CHECKING:
    from telemetry_inspector.vscode.locations import Host


def lock_down(
    where: Where,
    *,
    keep: list[str] | None,
    only_telemetry: bool,
    policy: bool,
    policy_file: Path | None,
    dry_run: bool,
    check: bool,
    undo: bool,
    export: str | None,
    backups: bool,
    backup: str | None,
    json: bool,
    output: Path | None,
) -> int:
    """The options checked, then one of: list backups, undo, export, or lock down (or preview);
    1 when --check finds something to change."""
    if (undo or backups) and (keep or only_telemetry or dry_run or check or export):
        raise UsageError("--undo and --backups take only the target options, --policy and --json")
    if backup is not None and not undo:
        raise UsageError("--backup picks what --undo restores: give --undo too")
    if backups:
        paths = _files(where, policy_file, policy)
        views.show_backups(list_backups(paths), paths, json=json)
        return 0
    if export is None:
        output_to(output)  # with --export, -o names the export file itself
    if undo:
        _undo(_files(where, policy_file, policy), json, backup)
        return 0
    if export is not None:
        if policy or dry_run or check:
            raise UsageError(
                "--export writes a file to deploy; it takes no --policy, --dry-run or --check"
            )
        _export(where, policy_file, keep, only_telemetry, export, output)
        return 0

    def attempt():
        results, in_force, host = where.audits(policy_file, Level.off)
        audits = audits_or_raise(results)
        domain.check_keep(keep or [], audits)
        in_registry = policy and policy_file is None and host.platform == "win32"
        options = domain.Options(
            keep=frozenset(name.lower() for name in keep or []),
            only_telemetry=only_telemetry,
            policy=None if in_registry else _policy_target(policy, policy_file, host),
            platform=host.platform,
        )
        plan = domain.plan_lockdown(audits, options)
        registry = _registry_plan(audits, options) if in_registry else None
        if registry is not None and not (dry_run or check):
            # First: without an administrator's rights it fails, and then no file is written.
            write_registry_policy(registry[0], registry[1])
        written = [] if dry_run or check else domain.write_lockdown(plan)
        return results, in_force, plan, written, registry

    # Our runs take turns; a file another program changes meanwhile is read and planned again.
    with exclusive(_files(where, policy_file, policy)):
        results, in_force, plan, written, registry = retrying(attempt)
    views.warn_about_files(results, in_force)  # after planning: a file that stops us is an error
    views.show_lockdown(plan, written, json=json, dry_run=dry_run)
    if registry is not None:
        views.show_registry_changes(registry[1], written=not (dry_run or check))
    return 1 if check and (plan.changed or (registry is not None and registry[1])) else 0


def _registry_plan(
    audits: list[Audit], options: domain.Options
) -> tuple[WindowsRegistry, list[RegistryChange]]:
    """On Windows, --policy sets HKLM values for each audited flavor (VS Code's own key each)."""

    export = plan_export(audits, options.keep, options.only_telemetry)
    registry = WindowsRegistry()
    changes = [
        change
        for flavor in export.flavors
        for change in plan_registry_policy(registry, flavor.win32_policy_key, export.values)
    ]
    return registry, changes


def _export(
    where: Where,
    policy_file: Path | None,
    keep: list[str] | None,
    only_telemetry: bool,
    fmt: str,
    output: Path | None,
) -> None:
    results, in_force, _ = where.audits(policy_file, Level.off)
    audits = audits_or_raise(results)
    domain.check_keep(keep or [], audits)
    kept = frozenset(name.lower() for name in keep or [])
    export = plan_export(audits, kept, only_telemetry)
    views.warn_about_files(results, in_force)
    if not export.values:
        raise RefusedError(
            "nothing to export: no switch left to turn off has a policy",
            hint="policies exist for " + ", ".join(_policy_names()),
        )
    data = render(export, fmt)
    if output is None or str(output) == "-":
        write_bytes(data)
    else:
        write_atomic(output, data)
    views.show_export(export, fmt, output)


def _policy_names() -> list[str]:
    return [f"{policy.setting} ({policy.name})" for policy in POLICIES]


def _policy_target(policy: bool, policy_file: Path | None, host: Host) -> Path | None:
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


def _files(where: Where, policy_file: Path | None, policy: bool) -> list[Path]:
    """Every file lockdown may write for these options (what --backups and --undo look beside)."""
    targets, host = targets_of(where.settings, where.user_data_dir, where.flavor)
    paths = [p for t in targets for p in (t.settings, t.argv, t.machine) if p is not None]
    policy_target = _policy_target(policy, policy_file, host)
    if policy_target is not None:
        paths.append(policy_target)
    return paths


def _undo(paths: list[Path], json: bool, stamp: str | None) -> None:
    with exclusive(paths):
        restores = plan_undo(paths, stamp=stamp)
        for item in restores:
            restore(item)
    views.show_undo(restores, paths, json=json)

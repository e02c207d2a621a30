"""audit: every telemetry and online-service switch, its value and source, and whether it is off."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from telemetry_inspector.actions.selection import output_format, output_to, policy_of, targets_of
from telemetry_inspector.render import privacy as views
from telemetry_inspector.render.level import report_errors
from telemetry_inspector.settings.audit import all_off, audit_all
from telemetry_inspector.settings.audit_model import Audit
from telemetry_inspector.settings.model import Failed, Policy, PolicyScope
from telemetry_inspector.vscode.model import Level

if TYPE_CHECKING:
    from telemetry_inspector.vscode.locations import Host


@dataclass(frozen=True)
class Where:
    """The target options audit and lockdown share."""

    settings: list[Path] | None
    user_data_dir: Path | None
    flavor: list[str] | None
    extensions_dir: Path | None
    app_root: Path | None

    def audits(
        self, policy_file: Path | None, allowed: Level
    ) -> tuple[list[Audit | Failed], Policy | PolicyScope | None, Host]:
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


def show_audit(
    where: Where,
    policy_file: Path | None,
    level: Level,
    json: bool,
    view: str | None,
    output: Path | None,
) -> int:
    """The audit on stdout; 0 when every switch is off, 1 when not or a file cannot be read."""
    output_to(output)
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
    return 1 if failed or not all_off(results) else 0

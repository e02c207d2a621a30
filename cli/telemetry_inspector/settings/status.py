"""The telemetry status of one settings file: configured level, what overrides it, what it sends."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.settings.argv import Argv, read_argv
from telemetry_inspector.settings.document import load_settings
from telemetry_inspector.settings.policy import Policy
from telemetry_inspector.settings.policy_sources import PolicyScope, policy_for
from telemetry_inspector.settings.targets import Target
from telemetry_inspector.settings.telemetry import TelemetrySettings, read_telemetry
from telemetry_inspector.settings.values import shown
from telemetry_inspector.vscode.levels import (
    LEVEL_POLICY,
    LEVEL_SETTING,
    UNSET,
    Effective,
    Sends,
    effective_level,
)


@dataclass(frozen=True, slots=True)
class Status:
    target: Target
    exists: bool
    telemetry: TelemetrySettings
    policy: Policy | None
    argv: Argv | None
    effective: Effective

    @property
    def sends(self) -> Sends | None:
        """What VS Code sends; crash reports also need argv.json's crash reporter switch."""
        sends = self.effective.sends
        if sends is not None and self.crash_reporter is False:
            return replace(sends, crash_reports=False)
        return sends

    @property
    def crash_reporter(self) -> Any:
        return self.argv.crash_reporter if self.argv is not None else UNSET

    def notes(self) -> list[str]:
        """Things a careful reader should know about this file."""
        notes = []
        if self.target.kind == "file" and not self.exists:  # named with --settings: a typo?
            notes.append("no such file: VS Code's defaults apply (set-level would create it)")
        if self.telemetry.level_members > 1:
            notes.append(
                f"{LEVEL_SETTING} is spelled {self.telemetry.level_members} times; "
                "VS Code uses the last one"
            )
        if self.effective.level is None:
            value = (
                self.policy.level
                if self.effective.source == "policy"
                else self.telemetry.configured
            )
            notes.append(f"{shown(value)} is not a telemetry level (all, error, crash or off)")
        if self.effective.source == "policy" and self.policy is not None:
            notes.append(f"the level is set by policy: {self.policy.origin(LEVEL_POLICY)}")
        if self.target.kind == "workspace":
            notes.append("workspace settings: VS Code ignores telemetry settings here")
        if self.target.kind in ("profile", "machine"):
            notes.append(f"{self.target.kind} settings: VS Code ignores telemetry settings here")
        return notes


def read_status(target: Target, policy: Policy | PolicyScope | None) -> Status:
    """Raises a TelemetryError when the settings file cannot be read or parsed."""
    policy = policy_for(policy, target.flavor)  # on Windows and macOS, each flavor has its own
    loaded = load_settings(target.settings)
    telemetry = read_telemetry(loaded.document)
    ignored = target.kind in ("workspace", "profile", "machine")
    in_force = policy if policy is not None and policy.problem is None else None
    effective = effective_level(
        configured=UNSET if ignored else telemetry.configured,
        deprecated={} if ignored else telemetry.deprecated,
        policy=in_force.level if in_force is not None else UNSET,
    )
    argv = read_argv(target.argv) if target.argv is not None else None
    return Status(target, loaded.file.exists, telemetry, policy, argv, effective)


def read_statuses(
    targets: list[Target], policy: Policy | PolicyScope | None
) -> list[Status | tuple[Target, TelemetryError]]:
    """One status per target; a file that can't be read yields its error in its place."""
    results: list[Status | tuple[Target, TelemetryError]] = []
    for target in targets:
        try:
            results.append(read_status(target, policy))
        except TelemetryError as exc:
            results.append((target, exc))
    return results

"""The telemetry status of one settings file: configured level, what overrides it, what it sends."""

from __future__ import annotations

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.settings.argv import read_argv
from telemetry_inspector.settings.document import load_settings
from telemetry_inspector.settings.model import (
    IGNORED_KINDS,
    Failed,
    Policy,
    PolicyScope,
    Status,
    Target,
    policy_for,
)
from telemetry_inspector.settings.telemetry import read_telemetry
from telemetry_inspector.vscode.levels import effective_level
from telemetry_inspector.vscode.model import UNSET


def read_status(target: Target, policy: Policy | PolicyScope | None) -> Status:
    """Raises a TelemetryError when the settings file cannot be read or parsed."""
    policy = policy_for(policy, target.flavor)  # on Windows and macOS, each flavor has its own
    loaded = load_settings(target.settings)
    telemetry = read_telemetry(loaded.document)
    ignored = target.kind in IGNORED_KINDS
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
) -> list[Status | Failed]:
    """One status per target; a file that can't be read yields its error in its place."""
    results: list[Status | Failed] = []
    for target in targets:
        try:
            results.append(read_status(target, policy))
        except TelemetryError as exc:
            results.append(Failed(target, exc))
    return results

"""The telemetry status of one settings file: configured level, what overrides it, what it sends.

A web flavor (code-server, openvscode-server) has two levels: the window's, from the user settings,
and its server process's own, from the machine settings, which decides whether the server logs
its start events (docs/vscode.md, "What the real VS Code server showed"). Such a flavor sends
nothing only when both are off, so its effective level is the higher of the two.
"""

from __future__ import annotations

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.settings.argv import read_argv
from telemetry_inspector.settings.document import load_settings
from telemetry_inspector.settings.model import (
    IGNORED_KINDS,
    SERVER_SOURCE,
    Failed,
    Policy,
    PolicyScope,
    ServerLevel,
    Status,
    Target,
    policy_for,
)
from telemetry_inspector.settings.telemetry import read_telemetry
from telemetry_inspector.vscode.levels import effective_level
from telemetry_inspector.vscode.model import UNSET, Effective, Level

_RANK = {Level.off: 0, Level.crash: 1, Level.error: 2, Level.all: 3}


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
    server = read_server_level(target)
    bad = loaded.file.invalid
    if server is None:
        return Status(target, loaded.file.exists, telemetry, policy, argv, effective, not_utf8=bad)
    combined = higher(effective, server.effective)
    exists = loaded.file.exists
    return Status(target, exists, telemetry, policy, argv, combined, server, effective, bad)


def read_server_level(target: Target) -> ServerLevel | None:
    """A web flavor's server level, from its machine settings; None for other targets. Raises a
    TelemetryError when the machine settings cannot be read or parsed."""
    server = target.server_target()
    if server is None:
        return None
    loaded = load_settings(server.settings)
    telemetry = read_telemetry(loaded.document)
    effective = effective_level(configured=telemetry.configured, deprecated=telemetry.deprecated)
    if effective.source == "settings":
        effective = Effective(effective.level, SERVER_SOURCE)
    return ServerLevel(server, loaded.file.exists, telemetry, effective)


def higher(window: Effective, server: Effective) -> Effective:
    """What a web flavor sends: the window's level, unless the server's is higher (a level that
    is not one leaves it unknown, whichever it is)."""
    if window.level is None:
        return window
    if server.level is None or _RANK[server.level] > _RANK[window.level]:
        return Effective(server.level, SERVER_SOURCE)
    return window


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

"""The telemetry status of one settings file: configured level, what overrides it, what it sends.

A web flavor (code-server, openvscode-server) has two levels: the window's, from the user settings,
and its server process's own, from the machine settings, which decides whether the server logs
its start events (docs/vscode.md, "What the real VS Code server showed"). Such a flavor sends
nothing only when both are off, so its effective level is the higher of the two.
"""

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
    Level,
    Sends,
    effective_level,
)

SERVER_SOURCE = "machine settings"  # Effective.source when the server's level is the higher
_RANK = {Level.off: 0, Level.crash: 1, Level.error: 2, Level.all: 3}


@dataclass(frozen=True, slots=True)
class ServerLevel:
    """A web flavor's server process: its machine settings and the level it takes from them (it
    reads no policy: its configuration has none)."""

    target: Target
    exists: bool
    telemetry: TelemetrySettings
    effective: Effective


@dataclass(frozen=True, slots=True)
class Status:
    target: Target
    exists: bool
    telemetry: TelemetrySettings
    policy: Policy | None
    argv: Argv | None
    effective: Effective  # for a web flavor, the higher of the window's and the server's
    server: ServerLevel | None = None  # a web flavor's server; None for the others
    window: Effective | None = None  # the level from the user settings (and policy) alone

    @property
    def server_still_sends(self) -> bool:
        """The window's level is lower than the server's: the server still logs its start."""
        return self.server is not None and self.effective.source == SERVER_SOURCE

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
                else self.server.telemetry.configured
                if self.server is not None and self.effective.source == SERVER_SOURCE
                else self.telemetry.configured
            )
            notes.append(f"{shown(value)} is not a telemetry level (all, error, crash or off)")
        if self.effective.source == "policy" and self.policy is not None:
            notes.append(f"the level is set by policy: {self.policy.origin(LEVEL_POLICY)}")
        if self.target.kind == "workspace":
            notes.append("workspace settings: VS Code ignores telemetry settings here")
        if self.target.kind in ("profile", "machine"):
            notes.append(f"{self.target.kind} settings: VS Code ignores telemetry settings here")
        if self.server is not None and self.server_still_sends and self.effective.level:
            window = self.window.level.value if self.window and self.window.level else "?"
            notes.append(
                f"the window's level is {window}, but the server process takes its own from "
                f"{self.server.target.settings} ({self.effective.level.value}"
                f"{'' if self.server.exists else ', no file'}): it still sends its start events "
                "(serverStart, serverPlatformInfo); `telemetry set-level` sets both"
            )
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
    server = read_server_level(target)
    if server is None:
        return Status(target, loaded.file.exists, telemetry, policy, argv, effective)
    combined = higher(effective, server.effective)
    return Status(target, loaded.file.exists, telemetry, policy, argv, combined, server, effective)


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
) -> list[Status | tuple[Target, TelemetryError]]:
    """One status per target; a file that can't be read yields its error in its place."""
    results: list[Status | tuple[Target, TelemetryError]] = []
    for target in targets:
        try:
            results.append(read_status(target, policy))
        except TelemetryError as exc:
            results.append((target, exc))
    return results

"""The telemetry levels, what each lets VS Code send, and the effective level VS Code computes.

The rule is getTelemetryLevel() in src/vs/platform/telemetry/common/telemetryUtils.ts: a deprecated
switch set to false forces off; otherwise the level setting (a policy replaces the user's value),
defaulting to all. A value that is not one of the four is no level at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LEVEL_SETTING = "telemetry.telemetryLevel"
DEPRECATED_SETTINGS = ("telemetry.enableTelemetry", "telemetry.enableCrashReporter")
LEVEL_POLICY = "TelemetryLevel"
FEEDBACK_POLICY = "EnableFeedback"


class Level(StrEnum):
    all = "all"
    error = "error"
    crash = "crash"
    off = "off"


@dataclass(frozen=True, slots=True)
class Sends:
    crash_reports: bool
    error_telemetry: bool
    usage_data: bool


SENDS: dict[Level, Sends] = {
    Level.all: Sends(True, True, True),
    Level.error: Sends(True, True, False),
    Level.crash: Sends(True, False, False),
    Level.off: Sends(False, False, False),
}


@dataclass(frozen=True, slots=True)
class Effective:
    """The level VS Code will use, or None when the value in force is not a level."""

    level: Level | None
    source: str  # "default", "settings", "policy", or the deprecated setting that forced off

    @property
    def sends(self) -> Sends | None:
        return SENDS[self.level] if self.level is not None else None


UNSET = object()  # a setting that is absent (distinct from JSON null)


def as_level(value: object) -> Level | None:
    """The Level a setting value names, or None when it names none (VS Code is then undefined)."""
    return Level(value) if isinstance(value, str) and value in Level.__members__ else None


def effective_level(
    *,
    configured: object = UNSET,
    deprecated: dict[str, object] | None = None,
    policy: object = UNSET,
) -> Effective:
    """What VS Code computes from the user's value, the deprecated switches and the policy."""
    for key, value in (deprecated or {}).items():
        if value is False:  # only the JSON boolean false counts, as in VS Code (`=== false`)
            return Effective(Level.off, key)
    if policy is not UNSET:
        return Effective(as_level(policy), "policy")
    if configured is UNSET or configured is None:  # `?? 'all'`: null counts as unset
        return Effective(Level.all, "default")
    return Effective(as_level(configured), "settings")

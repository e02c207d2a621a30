"""The records of VS Code's telemetry rules: levels, what each sends, setting and policy names.

A leaf module (docs/architecture.md): render and everyone else may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

UNSET = object()  # a setting that is absent (distinct from JSON null)

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


def as_level(value: object) -> Level | None:
    """The Level a setting value names, or None when it names none (VS Code is then undefined)."""
    return Level(value) if isinstance(value, str) and value in Level.__members__ else None

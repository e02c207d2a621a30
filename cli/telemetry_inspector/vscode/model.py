"""The records of VS Code's telemetry rules: flavors, levels, what each sends, setting and policy
names, the switches that let VS Code send or go online, and the extensions that declare more.

A leaf module (docs/architecture.md): render and everyone else may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

UNSET = object()  # a setting that is absent (distinct from JSON null)

LEVEL_SETTING = "telemetry.telemetryLevel"
DEPRECATED_SETTINGS = ("telemetry.enableTelemetry", "telemetry.enableCrashReporter")
LEVEL_POLICY = "TelemetryLevel"
FEEDBACK_POLICY = "EnableFeedback"


@dataclass(frozen=True, slots=True)
class Flavor:
    id: str  # what --flavor takes
    display_name: str
    name_short: str  # product.json nameShort: the user-data-dir folder name
    data_folder_name: str  # ~/<this>: extensions/ and argv.json
    server_data_folder_name: str  # ~/<this>/data on a remote server
    darwin_bundle_identifier: str
    win32_policy_key: str  # Software\Policies\Microsoft\<this>
    ships_catalog: bool  # Microsoft builds ship telemetry-core.json / telemetry-extensions.json


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


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


REMOVE = _Marker("REMOVE")  # the off state is the key's absence (deprecated keys)
UNKNOWN = _Marker("UNKNOWN")  # no value can be derived that turns it off: check by hand

SETTINGS = "settings"  # where a switch is set: settings.json ...
ARGV = "argv"  # ... or argv.json

TELEMETRY = "telemetry"  # kinds: what `--only telemetry` keeps to
ONLINE = "online"


@dataclass(frozen=True, slots=True)
class Switch:
    id: str  # the setting id, or the argv.json key
    scope: str  # "core", "built-in <folder>", an extension id, or "argv"
    kind: str  # TELEMETRY or ONLINE
    default: Any  # what VS Code uses when nothing sets it (UNSET: nothing)
    off: Any  # the value that turns it off; REMOVE or UNKNOWN
    file: str = SETTINGS
    also_off: tuple[Any, ...] = ()  # other values that send nothing either
    level: bool = False  # judged against `--level` rather than off alone
    policy: str | None = None  # the policy that overrides it
    note: str = ""

    @property
    def off_known(self) -> bool:
        return self.off is not UNKNOWN

    @property
    def off_when_absent(self) -> bool:
        return self.off is REMOVE


@dataclass(frozen=True, slots=True)
class Extension:
    id: str  # publisher.name, or the folder name of a built-in extension
    version: str
    folder: str  # where it was found (for messages)
    builtin: bool
    switches: tuple[Switch, ...]

    @property
    def scope(self) -> str:
        return f"built-in {self.id}" if self.builtin else self.id

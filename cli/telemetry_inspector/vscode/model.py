"""The records of VS Code's telemetry rules: flavors, levels, what each sends, setting and policy
names (the switches are in switch_model.py).

A leaf module (docs/architecture.md): render and everyone else may import it.
"""

from __future__ import annotations

from enum import StrEnum

from telemetry_inspector.records import record

UNSET = object()  # a setting that is absent (distinct from JSON null)

LEVEL_SETTING = "telemetry.telemetryLevel"
DEPRECATED_SETTINGS = ("telemetry.enableTelemetry", "telemetry.enableCrashReporter")
LEVEL_POLICY = "TelemetryLevel"
FEEDBACK_POLICY = "EnableFeedback"


DEFAULT_FLAVOR = "code"  # the flavor assumed where none is named (vscode.flavors.DEFAULT)

# where a flavor keeps its user data (vscode.locations.layout follows it)
DESKTOP = "desktop"  # <app data>/<nameShort>; ~/<dataFolderName>/extensions and argv.json
DATA_HOME = "data home"  # <XDG data home>/<nameShort>, extensions/ in it (code-server)
SERVER = "server"  # ~/<serverDataFolderName>/data, and extensions/ beside data/


@record
class Flavor:
    id: str  # what --flavor takes
    display_name: str
    name_short: str  # product.json nameShort: the user-data-dir folder name
    data_folder_name: str  # ~/<this>: extensions/ and argv.json
    server_data_folder_name: str  # ~/<this>/data on a remote server
    darwin_bundle_identifier: str
    win32_policy_key: str  # Software\Policies\Microsoft\<this>
    ships_catalog: bool  # Microsoft builds ship telemetry-core.json / telemetry-extensions.json
    keeps: str = DESKTOP
    # a web flavor's app root (the folder holding product.json) inside its package folder
    app_root_in_package: str | None = None

    @property
    def web(self) -> bool:
        """Served to a browser: the window's own telemetry log is kept there, not on disk."""
        return self.keeps != DESKTOP


class Level(StrEnum):
    all = "all"
    error = "error"
    crash = "crash"
    off = "off"


@record
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


@record
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

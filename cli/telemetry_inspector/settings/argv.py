"""argv.json: VS Code's start-up switches (JSON with comments): crash reporter and log level."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.jsonc.parser import to_value
from telemetry_inspector.settings.document import load_settings
from telemetry_inspector.vscode.levels import UNSET

CRASH_REPORTER = "enable-crash-reporter"
LOG_LEVEL = "log-level"


@dataclass(frozen=True, slots=True)
class Argv:
    path: Path
    exists: bool
    values: dict[str, Any]
    problem: TelemetryError | None = None  # VS Code falls back to defaults when it can't parse it

    @property
    def crash_reporter(self) -> Any:
        return self.values.get(CRASH_REPORTER, UNSET)

    @property
    def log_level(self) -> Any:
        return self.values.get(LOG_LEVEL, UNSET)


def read_argv(path: Path) -> Argv:
    try:
        loaded = load_settings(path)
    except TelemetryError as exc:
        return Argv(path, path.exists(), {}, exc)
    root = loaded.document.root
    value = to_value(root) if root is not None else {}
    return Argv(path, loaded.file.exists, value if isinstance(value, dict) else {})

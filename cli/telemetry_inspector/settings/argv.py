"""argv.json: VS Code's start-up switches (JSON with comments): crash reporter and log level."""

from __future__ import annotations

from pathlib import Path

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.jsonc import to_value
from telemetry_inspector.settings.document import load_settings
from telemetry_inspector.settings.model import Argv


def read_argv(path: Path) -> Argv:
    try:
        loaded = load_settings(path)
    except TelemetryError as exc:
        return Argv(path, path.exists(), {}, exc)
    root = loaded.document.root
    value = to_value(root) if root is not None else {}
    values = value if isinstance(value, dict) else {}
    return Argv(path, loaded.file.exists, values, invalid=loaded.file.invalid)

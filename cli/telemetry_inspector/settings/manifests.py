"""Installed extensions read from disk: each folder's package.json, parsed as VS Code parses it.

A manifest VS Code could not parse means VS Code does not load that extension, so it is a
warning naming the file, line and column, never a reason to stop.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from telemetry_inspector.errors import (
    FileReadError,
    ParseError,
    RefusedError,
    TelemetryError,
    os_reason,
)
from telemetry_inspector.jsonc import parse, to_value
from telemetry_inspector.records import record
from telemetry_inspector.settings.files import read_text
from telemetry_inspector.vscode.extensions import (
    Extension,
    extension_id,
    manifest_switches,
    newest_of_each,
)

MANIFEST = "package.json"
OBSOLETE = ".obsolete"  # folders VS Code has uninstalled and will delete at its next start


@record
class Scan:
    folder: Path
    extensions: tuple[Extension, ...]
    problems: tuple[TelemetryError, ...]  # manifests VS Code would not load


def scan_extensions(folder: Path, *, builtin: bool = False) -> Scan:
    """Every extension installed in `folder` (newest version of each); a missing folder is empty."""
    found: list[Extension] = []
    problems: list[TelemetryError] = []
    obsolete = _obsolete(folder)
    for child in _children(folder):
        if child.name.startswith(".") or child.name in obsolete or not child.is_dir():
            continue
        path = child / MANIFEST
        if not path.is_file():
            continue
        try:
            found.append(read_extension(path, builtin=builtin))
        except TelemetryError as exc:
            problems.append(exc)
    return Scan(folder, tuple(newest_of_each(found)), tuple(problems))


def read_extension(path: Path, *, builtin: bool = False) -> Extension:
    manifest = read_manifest(path)
    name = manifest.get("name") if builtin else extension_id(manifest)
    if not isinstance(name, str) or not name:
        raise RefusedError("no publisher and name: VS Code does not load this extension", path=path)
    version = manifest.get("version")
    version = version if isinstance(version, str) else ""
    scope = f"built-in {name}" if builtin else name
    switches = tuple(manifest_switches(manifest, scope))
    return Extension(name, version, str(path.parent), builtin, switches)


def read_manifest(path: Path) -> dict[str, Any]:
    file = read_text(path, missing_ok=False)
    document = parse(file.text)
    if document.issues:
        issue = document.issues[0]
        raise ParseError(
            issue.message,
            path=path,
            line=issue.line,
            column=issue.column,
            hint="VS Code does not load this extension",
        )
    value = to_value(document.root) if document.root is not None else None
    if not isinstance(value, dict):
        raise RefusedError("not a JSON object: VS Code does not load this extension", path=path)
    return value


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise FileReadError(f"cannot list: {os_reason(exc)}", path=folder) from None


def _obsolete(folder: Path) -> set[str]:
    try:
        value = json.loads((folder / OBSOLETE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name, gone in value.items() if gone} if isinstance(value, dict) else set()

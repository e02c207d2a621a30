"""Small VS Code worlds on disk for the audit and lockdown tests: a home, settings, extensions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from telemetry_inspector.jsonc.parser import parse, to_value
from tests.conftest import EXAMPLES, Run


def settings_of(home: Path, folder: str = "Code") -> Path:
    return home / ".config" / folder / "User" / "settings.json"


def argv_of(home: Path, data_folder: str = ".vscode") -> Path:
    return home / data_folder / "argv.json"


def extensions_of(home: Path, data_folder: str = ".vscode") -> Path:
    return home / data_folder / "extensions"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def values(path: Path) -> dict:
    """A JSONC file's value, as the JSONC core parses it."""
    return to_value(parse(path.read_text(encoding="utf-8-sig")).root)


def copy_examples(home: Path) -> Path:
    shutil.copytree(EXAMPLES / "home", home, symlinks=True, dirs_exist_ok=True)
    return home


def install(
    extensions: Path, ident: str, version: str, properties: dict, *, as_array: bool = False
) -> Path:
    publisher, name = ident.split(".", 1)
    section = {"title": name, "properties": properties}
    manifest = {
        "name": name,
        "publisher": publisher,
        "version": version,
        "engines": {"vscode": "^1.80.0"},
        "contributes": {"configuration": [section] if as_array else section},
    }
    return write(extensions / f"{ident}-{version}" / "package.json", json.dumps(manifest, indent=2))


def records(run: Run) -> list[dict]:
    assert "Traceback" not in run.err, run.err
    return json.loads(run.out)


def switches(record: dict) -> dict[str, dict]:
    return {switch["id"]: switch for switch in record["switches"]}


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, by relative path: to show that nothing was written anywhere."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


# Every core switch at its off value, typed in from docs/vscode.md ("Switches that let VS Code go
# online"), not from our catalogue.
ALL_OFF = {
    "telemetry.telemetryLevel": "off",
    "telemetry.feedback.enabled": False,
    "telemetry.editStats.enabled": False,
    "update.mode": "none",
    "update.showReleaseNotes": False,
    "extensions.autoUpdate": "off",
    "extensions.autoCheckUpdates": False,
    "extensions.gallery.useUnpkgResourceApi": False,
    "workbench.settings.enableNaturalLanguageSearch": False,
    "workbench.enableExperiments": False,
    "workbench.cloudChanges.autoResume": "off",
    "workbench.cloudChanges.continueOn": "off",
    "git.autofetch": False,
    "json.schemaDownload.enable": False,
    "npm.fetchOnlinePackageInfo": False,
    "typescript.disableAutomaticTypeAcquisition": True,
}


def all_off_world(home: Path, **more) -> Path:
    """A home whose one flavor (VS Code) has every core switch off; `more` adds settings."""
    write(argv_of(home), '{\n\t"enable-crash-reporter": false\n}\n')
    return write(settings_of(home), json.dumps({**ALL_OFF, **more}, indent=4) + "\n")

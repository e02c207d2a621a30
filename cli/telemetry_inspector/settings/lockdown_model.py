"""The records of lockdown: its plan (a file edit per file, and the switches left alone), what
was written, the backups kept (set-level's too) and what undo restores. A leaf module (see
model.py).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from telemetry_inspector.records import record
from telemetry_inspector.settings.write_model import FileEdit
from telemetry_inspector.vscode.model import Flavor
from telemetry_inspector.vscode.switch_model import Switch


class Role(StrEnum):
    """What a file lockdown writes is to VS Code."""

    settings = "settings"
    argv = "argv"
    policy = "policy"


@record
class FileWork:
    role: Role
    flavors: tuple[str, ...]
    edit: FileEdit


@record
class Skipped:
    switch: Switch
    value: Any
    why: str
    where: Path  # the settings file of the audit that listed it


@record
class Lockdown:
    files: tuple[FileWork, ...]
    skipped: tuple[Skipped, ...]

    @property
    def changed(self) -> bool:
        return any(work.edit.changed for work in self.files)


@record
class Backup:
    file: Path  # the file lockdown wrote (symbolic links resolved)
    record: Path
    copy: Path | None  # the file as it was; None: lockdown created the file
    written_sha256: str
    written_at: str  # ISO 8601, UTC
    before_sha256: str | None = None  # None: lockdown created the file


@record
class Written:
    work: FileWork
    backup: Backup


@record
class Restore:
    path: Path  # as the user's target names it
    backup: Backup
    stale: tuple[Path, ...] = ()  # newer records this restore makes moot

    @property
    def removes(self) -> bool:
        return self.backup.copy is None


@record
class Listed:
    """One backup as `lockdown --backups` shows it."""

    path: Path
    record: Path
    stamp: str  # the record's UTC time stamp, what `--undo --backup` takes
    backup: Backup | None  # None: the record cannot be used (state says why)
    state: str


@record
class PolicyExport:
    """What `lockdown --export` writes: policies, the switches they reach and those they don't."""

    values: dict[str, Any]  # policy name: the value that turns its switch off
    covered: tuple[Switch, ...]  # the audited switches those values reach
    needs_settings: tuple[Switch, ...]  # audited switches no policy reaches
    flavors: tuple[Flavor, ...]  # whose bundle ids and registry keys the profile and .reg name

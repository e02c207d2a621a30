"""Writes as plans per file: everything is read, edited and checked before anything is written.

A plan that cannot be made (a file that does not parse, a workspace file) stops the whole command
before the first write, and so does a file that could not be written (`write_all` checks every one
first), so a run either changes every target or none, barring what no check foresees (a disk
that fills up midway).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from telemetry_inspector.jsonc.edit import Formatting, detect_formatting
from telemetry_inspector.settings.atomic import check_unchanged, check_writable, write_atomic
from telemetry_inspector.settings.document import SettingsFile, load_settings
from telemetry_inspector.settings.edits import Change, level_edits, set_level
from telemetry_inspector.settings.files import TextFile
from telemetry_inspector.settings.targets import Target, refuse_unwritable
from telemetry_inspector.settings.telemetry import (
    hidden_by_a_member,
    line_break_setting,
    misread,
    read_telemetry,
)
from telemetry_inspector.vscode.levels import Level
from telemetry_inspector.vscode.locations import Platform

if TYPE_CHECKING:
    from telemetry_inspector.settings.backups import Backup


@dataclass(frozen=True, slots=True)
class FileEdit:
    """One planned write: a file's text before and after (both without BOM)."""

    path: Path
    before: TextFile
    text: str
    changes: tuple[Change, ...]

    @property
    def created(self) -> bool:
        return not self.before.exists

    @property
    def changed(self) -> bool:
        return self.created or self.text != self.before.text

    @property
    def data(self) -> bytes:
        """The bytes to write: the new text with the file's BOM, if it had one."""
        return self.before.encode(self.text)

    def diff(self) -> str:
        """A unified diff of the planned write (empty when nothing changes)."""
        name = str(self.path)
        before = self.before.text.splitlines(keepends=True)
        after = self.text.splitlines(keepends=True)
        lines = difflib.unified_diff(
            before, after, "/dev/null" if self.created else f"a{name}", f"b{name}"
        )
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)

    def write(self) -> None:
        if self.changed:
            write_atomic(self.path, self.data, expected=self.before.snapshot)


@dataclass(frozen=True, slots=True)
class FilePlan:
    """set-level's plan for one target: the edit, and the parsed file it was planned from."""

    target: Target
    before: SettingsFile
    edit: FileEdit

    @property
    def text(self) -> str:
        return self.edit.text

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.edit.changes

    @property
    def created(self) -> bool:
        return self.edit.created

    @property
    def changed(self) -> bool:
        return self.edit.changed

    @property
    def level_members(self) -> int:
        """How many members spelled the level before the edit (more than one: duplicates)."""
        return read_telemetry(self.before.document).level_members

    def diff(self) -> str:
        return self.edit.diff()


# Called just before an edit is written; what it returns (if anything) is called when that write
# fails, e.g. to discard the backup it made.
BeforeWrite = Callable[[FileEdit], Callable[[], None] | None]


def write_all(
    edits: Sequence[FileEdit], *, before_write: BeforeWrite | None = None
) -> list[FileEdit]:
    """Write every edit that changes its file, after checking that each one can be written, so a
    file that cannot be (a read-only folder) stops the run before the first write. Returns the
    edits written."""
    changed = [edit for edit in edits if edit.changed]
    for edit in changed:
        check_writable(edit.path)
        check_unchanged(edit.path, edit.before.snapshot)
    for edit in changed:
        undo = None
        try:
            undo = before_write(edit) if before_write is not None else None
            edit.write()
        except BaseException:
            if undo is not None:
                undo()
            raise
    return changed


def plan_set_level(target: Target, level: Level, platform: Platform) -> FilePlan:
    refuse_unwritable(target)
    before = load_settings(target.settings)
    text, changes = set_level(before.file.text, level, formatting_for(before, platform))
    wrong = misread(text, dict(level_edits(level)))
    if wrong:  # `{"telemetry": 5}`: the member in the way is named, not reported as our bug
        raise hidden_by_a_member(wrong[0], level.value, target.settings)
    return FilePlan(target, before, FileEdit(target.settings, before.file, text, tuple(changes)))


def formatting_for(before: SettingsFile, platform: Platform) -> Formatting:
    """VS Code's choice: indentation guessed from the file (tabs for a new one); the line break
    from `files.eol`, else the platform's."""
    eol = line_break_setting(before.document)
    if eol not in ("\n", "\r\n"):
        eol = "\r\n" if platform == "win32" else "\n"
    if not before.file.exists:
        return Formatting(insert_spaces=False, tab_size=4, eol=eol)  # VS Code's new files: tabs
    return detect_formatting(before.file.text, eol)


def write_backed_up(edits: Sequence[FileEdit], command: str) -> dict[Path, Backup]:
    """`write_all`, each file first backed up beside itself (for `command --undo`); returns the
    backup of each file written, by path."""
    from telemetry_inspector.settings.backups import discard, save_backup

    backups: dict[Path, Backup] = {}

    def back_up(edit: FileEdit) -> Callable[[], None]:
        before = None if edit.created else edit.before.encode(edit.before.text)
        backup = backups[edit.path] = save_backup(edit.path, before, edit.data, command)
        return lambda: discard(backup)

    write_all(edits, before_write=back_up)
    return backups

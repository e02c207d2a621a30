"""Writes as plans per file: everything is read, edited and checked before anything is written.

A plan that cannot be made (a file that does not parse, a workspace file) stops the whole command
before the first write, and so does a file that could not be written (`write_all` checks every one
first), so a run either changes every target or none, barring what no check foresees (a disk
that fills up midway).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from telemetry_inspector.jsonc import Formatting, detect_formatting
from telemetry_inspector.settings.atomic import check_unchanged, check_writable, write_atomic
from telemetry_inspector.settings.document import SettingsFile, load_settings
from telemetry_inspector.settings.edits import level_edits, set_level
from telemetry_inspector.settings.model import Target
from telemetry_inspector.settings.targets import refuse_unwritable
from telemetry_inspector.settings.telemetry import (
    EOL_SETTING,
    READ,
    hidden_by_a_member,
    line_break_setting,
    misread,
    read_telemetry,
)
from telemetry_inspector.settings.values import settings_for
from telemetry_inspector.settings.write_model import FileEdit
from telemetry_inspector.vscode.locations import Platform
from telemetry_inspector.vscode.model import Level

if TYPE_CHECKING:
    from telemetry_inspector.settings.lockdown_model import Backup

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
            write_atomic(edit.path, edit.data, expected=edit.before.snapshot)
        except BaseException:
            if undo is not None:
                undo()
            raise
    return changed


def plan_set_level(target: Target, level: Level, platform: Platform) -> FileEdit:
    """set-level's edit of one target's settings file (refused where VS Code would not read it)."""
    refuse_unwritable(target)
    before = load_settings(target.settings, keep_bytes=True)
    # Everything read from the file before the edit, found in one walk over its members.
    read = settings_for(before.document.root, (*READ, EOL_SETTING))
    formatting = formatting_for(before, platform, read)
    text, changes = set_level(before.file.text, level, formatting, target.settings)
    # Read back as VS Code will read it, every spelling and duplicate of each key included.
    wrong = misread(text, dict(level_edits(level)))
    if wrong:  # `{"telemetry": 5}`: the member in the way is named, not reported as our bug
        raise hidden_by_a_member(wrong[0], level.value, target.settings)
    members = read_telemetry(before.document, read).level_members
    return FileEdit(target.settings, before.file, text, tuple(changes), target, members)


def formatting_for(
    before: SettingsFile, platform: Platform, settings: dict[str, Any] | None = None
) -> Formatting:
    """VS Code's choice: indentation guessed from the file (tabs for a new one); the line break
    from `files.eol`, else the platform's (`settings`: the file's members for it, if at hand)."""
    eol = line_break_setting(before.document, settings)
    if eol not in ("\n", "\r\n"):
        eol = "\r\n" if platform == "win32" else "\n"
    if not before.file.exists:
        return Formatting(insert_spaces=False, tab_size=4, eol=eol)  # VS Code's new files: tabs
    return detect_formatting(before.file.as_vscode_reads(), eol)


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

"""The records of writing: key changes and planned file edits (set-level's and lockdown's).
A leaf module (see model.py); lockdown's plan, backups and undo are in lockdown_model.py.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from pathlib import Path
from typing import Any

from telemetry_inspector.records import record
from telemetry_inspector.settings.model import BOM, Target, TextFile


class Action(StrEnum):
    """What an edit did to a key."""

    set = "set"  # an existing value replaced
    add = "add"
    remove = "remove"


@record
class Change:
    key: str
    action: Action
    old: Any = None
    new: Any = None
    comments: tuple[str, ...] = ()  # comments that stood inside a removed member's lines


@record
class FileEdit:
    """One planned write: a file's text before and after (both without BOM), and for set-level
    the target it was planned for."""

    path: Path
    before: TextFile
    text: str
    changes: tuple[Change, ...]
    target: Target | None = None  # set-level's target (lockdown's files serve several)
    level_members: int = 0  # how many members spelled the level before the edit

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
        bom = BOM if self.before.bom else ""  # patch matches the first line with it
        before, after = _lines(bom + self.before.text), _lines(bom + self.text)
        lines = difflib.unified_diff(
            before, after, "/dev/null" if self.created else f"a{name}", f"b{name}"
        )
        return "".join(line if line.endswith("\n") else line + _NO_NEWLINE for line in lines)


# What diff(1) and patch(1) write after a last line that has no line break.
_NO_NEWLINE = "\n\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    """The lines as diff(1) and patch(1) read them: each up to and with its LF (a CR, U+2028 or a
    form feed is part of a line, as str.splitlines would not have it)."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])

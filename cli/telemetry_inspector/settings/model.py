"""The records the settings domain hands on: read files, statuses, audits, planned edits,
lockdown plans, backups. A leaf module: render and commands may import it, and it imports nothing
of the project but other leaves.

A command that works on several settings files gets one result per file: the record, or a
`Failed` naming the file and the error that stopped it there.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.vscode.model import (
    FEEDBACK_POLICY,
    LEVEL_POLICY,
    LEVEL_SETTING,
    UNSET,
    Effective,
    Extension,
    Flavor,
    Sends,
    Switch,
)

BOM = "\ufeff"
CRASH_REPORTER = "enable-crash-reporter"  # argv.json keys
LOG_LEVEL = "log-level"


@dataclass(frozen=True, slots=True)
class TextFile:
    """A file's text without its BOM, and what is needed to write it back as it was."""

    path: Path
    text: str
    exists: bool
    bom: bool = False

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode("utf-8", "surrogatepass")


@dataclass(frozen=True, slots=True)
class Target:
    settings: Path
    flavor: Flavor | None  # None: a file named with --settings, of no known flavor
    argv: Path | None  # the flavor's argv.json (crash reporter switch)
    kind: str  # "user", "workspace", "profile", "machine" or "file"
    found: bool = True  # False: nothing of this flavor exists yet; the default we fall back on


@dataclass(frozen=True, slots=True)
class Failed:
    """A target whose file could not be used, in place of its result."""

    target: Target
    error: TelemetryError


Result = TypeVar("Result")


def succeeded(results: Iterable[Result | Failed]) -> list[Result]:
    """The results that are not failures, in order."""
    return [result for result in results if not isinstance(result, Failed)]


@dataclass(frozen=True, slots=True)
class Policy:
    path: Path
    exists: bool
    values: dict[str, Any] = field(default_factory=dict)
    problem: TelemetryError | None = None  # why VS Code would ignore the file

    @property
    def level(self) -> Any:
        return self.values.get(LEVEL_POLICY, UNSET)

    @property
    def feedback(self) -> Any:
        return self.values.get(FEEDBACK_POLICY, UNSET)


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


@dataclass(frozen=True, slots=True)
class TelemetrySettings:
    configured: Any  # what VS Code reads for telemetry.telemetryLevel, or UNSET
    deprecated: dict[str, Any]  # deprecated switches present, with the value VS Code reads
    level_members: int  # how many members spell the level: duplicates, nested objects


IGNORED_KINDS = ("workspace", "profile", "machine")  # VS Code reads no telemetry setting there


@dataclass(frozen=True, slots=True)
class Status:
    target: Target
    exists: bool
    telemetry: TelemetrySettings
    policy: Policy | None
    argv: Argv | None
    effective: Effective

    @property
    def sends(self) -> Sends | None:
        """What VS Code sends; crash reports also need argv.json's crash reporter switch."""
        sends = self.effective.sends
        if sends is not None and self.crash_reporter is False:
            return replace(sends, crash_reports=False)
        return sends

    @property
    def crash_reporter(self) -> Any:
        return self.argv.crash_reporter if self.argv is not None else UNSET

    def notes(self) -> list[str]:
        """Things a careful reader should know about this file."""
        notes = []
        if self.target.kind == "file" and not self.exists:  # named with --settings: a typo?
            notes.append("no such file: VS Code's defaults apply (set-level would create it)")
        if self.telemetry.level_members > 1:
            notes.append(
                f"{LEVEL_SETTING} is spelled {self.telemetry.level_members} times; "
                "VS Code uses the last one"
            )
        if self.effective.level is None:
            in_policy = self.effective.source == "policy" and self.policy is not None
            value = self.policy.level if in_policy else self.telemetry.configured
            notes.append(f"{json.dumps(value)} is not a telemetry level (all, error, crash or off)")
        if self.target.kind == "workspace":
            notes.append("workspace settings: VS Code ignores telemetry settings here")
        if self.target.kind in ("profile", "machine"):
            notes.append(f"{self.target.kind} settings: VS Code ignores telemetry settings here")
        return notes


class Action(StrEnum):
    """What an edit did to a key."""

    set = "set"  # an existing value replaced
    add = "add"
    remove = "remove"


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    action: Action
    old: Any = None
    new: Any = None
    comments: tuple[str, ...] = ()  # comments that stood inside a removed member's lines


@dataclass(frozen=True, slots=True)
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
        before = self.before.text.splitlines(keepends=True)
        after = self.text.splitlines(keepends=True)
        lines = difflib.unified_diff(
            before, after, "/dev/null" if self.created else f"a{name}", f"b{name}"
        )
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


class Source(StrEnum):
    """Where the value VS Code uses for a switch comes from."""

    user = "user settings"
    default = "default"
    policy = "policy"
    argv = "argv.json"


@dataclass(frozen=True, slots=True)
class Finding:
    switch: Switch
    value: Any  # what VS Code uses
    source: Source
    off: bool | None  # None: no off value is known, check it by hand
    own: Any = UNSET  # what the user's file says (settings.json or argv.json), UNSET if nothing
    note: str = ""

    @property
    def own_or_default(self) -> Any:
        """What VS Code would use without a policy: the file's value or the default."""
        return self.switch.default if self.own is UNSET else self.own


@dataclass(frozen=True, slots=True)
class Sources:
    """Where a target's extension switches come from."""

    builtin_dir: Path | None = None  # <app root>/extensions, when an installation was found
    extensions_dir: Path | None = None
    extensions: tuple[Extension, ...] = ()  # built-ins first
    problems: tuple[TelemetryError, ...] = ()  # manifests VS Code would not load


@dataclass(frozen=True, slots=True)
class Audit:
    target: Target
    sources: Sources  # the extension folders read, and what they hold
    policy: Policy | None
    findings: tuple[Finding, ...]
    problems: tuple[TelemetryError, ...]  # files VS Code ignores: bad manifests, argv.json

    @property
    def passed(self) -> bool:
        return all(finding.off is not False for finding in self.findings)


class Role(StrEnum):
    """What a file lockdown writes is to VS Code."""

    settings = "settings"
    argv = "argv"
    policy = "policy"


@dataclass(frozen=True, slots=True)
class FileWork:
    role: Role
    flavors: tuple[str, ...]
    edit: FileEdit


@dataclass(frozen=True, slots=True)
class Skipped:
    switch: Switch
    value: Any
    why: str
    where: Path  # the settings file of the audit that listed it


@dataclass(frozen=True, slots=True)
class Lockdown:
    files: tuple[FileWork, ...]
    skipped: tuple[Skipped, ...]

    @property
    def changed(self) -> bool:
        return any(work.edit.changed for work in self.files)


@dataclass(frozen=True, slots=True)
class Backup:
    file: Path  # the file lockdown wrote (symbolic links resolved)
    record: Path
    copy: Path | None  # the file as it was; None: lockdown created the file
    written_sha256: str
    written_at: str  # ISO 8601, UTC


@dataclass(frozen=True, slots=True)
class Written:
    work: FileWork
    backup: Backup


@dataclass(frozen=True, slots=True)
class Restore:
    path: Path  # as the user's target names it
    backup: Backup

    @property
    def removes(self) -> bool:
        return self.backup.copy is None

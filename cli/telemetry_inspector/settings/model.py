"""The records the settings domain hands on when it reads: files, targets, policies, statuses.
Audits are in audit_model.py, edits, lockdown plans and backups in write_model.py: three leaf
modules (render and commands may import them; they import nothing of the project but other
leaves), split so that `status` does not pay for records it never makes.

A command that works on several settings files gets one result per file: the record, or a
`Failed` naming the file and the error that stopped it there.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.fileio import ABSENT, Snapshot
from telemetry_inspector.records import field, record, replace
from telemetry_inspector.vscode.model import (
    DEFAULT_FLAVOR,
    FEEDBACK_POLICY,
    LEVEL_POLICY,
    LEVEL_SETTING,
    UNSET,
    Effective,
    Flavor,
    Sends,
)

BOM = "\ufeff"
CRASH_REPORTER = "enable-crash-reporter"  # argv.json keys
LOG_LEVEL = "log-level"


@record
class TextFile:
    """A file's text without its BOM, and what is needed to write it back as it was."""

    path: Path
    text: str
    exists: bool
    bom: bool = False
    snapshot: Snapshot = ABSENT  # the file as read: a write checks it is still so
    # where the file's first byte that is not UTF-8 is (see files.read_text)
    invalid: TelemetryError | None = None

    def encode(self, text: str) -> bytes:
        # a file read with keep_bytes holds its bytes that are not UTF-8 as surrogateescapes
        errors = "surrogatepass" if self.invalid is None else "surrogateescape"
        return ((BOM if self.bom else "") + text).encode("utf-8", errors)

    def as_vscode_reads(self) -> str:
        """The text as VS Code reads it: kept bytes as U+FFFD, one for a truncated sequence
        (`\\xe2\\x82`) that keeps two lone surrogates here. What VS Code counts in characters
        (the indentation it guesses, a column) is counted on this."""
        if self.invalid is None:
            return self.text
        return self.text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def not_utf8_note(error: TelemetryError, *, location: bool = True) -> str:
    """What a file's bytes that are not UTF-8 mean (see files.read_text); `location`: with the
    file's name (a note of a status is shown under the file's name already)."""
    where = error.one_line() if location else error.one_line().removeprefix(f"{error.path}:")
    return f"{where}: VS Code reads such bytes as U+FFFD; edits here keep them as they are"


class PlainDigits(float):
    """A double JavaScript writes in plain digits (0.000001) where orjson writes 1e-6: the
    JSON writer (render/machine) spells it as JavaScript does."""

    __slots__ = ()


def as_javascript(value: Any) -> Any:
    """A value read from JSON as VS Code holds it: numbers are doubles, and a whole one is
    written without a fraction (`1E2` and `100.0` are `100`), past 2**53 in its shortest digits
    (`123456789012345678901` is `123456789012345680000`), past the largest double as `null`
    (docs/vscode.md, "JavaScript's JSON"). Values nest at most jsonc.scanner.MAX_DEPTH deep."""
    if type(value) is int and abs(value) > 2**53:
        try:
            value = float(value)
        except OverflowError:
            return None  # Infinity, which JSON.stringify writes as null
    if isinstance(value, float):
        if 1e-6 <= abs(value) < 1e-5:
            return PlainDigits(value)
        if not value.is_integer() or abs(value) >= 1e21:
            return value
        if abs(value) < 2**53:
            return int(value)
        from decimal import Decimal  # rare: a whole number past 2**53

        return int(Decimal(repr(value)))  # the shortest digits, then zeros, as JavaScript
    if isinstance(value, dict):
        return {key: as_javascript(each) for key, each in value.items()}
    if isinstance(value, list):
        return [as_javascript(each) for each in value]
    return value


SERVER_KIND = "server"  # a web flavor's machine settings, which its server process reads


@record
class Target:
    settings: Path
    flavor: Flavor | None  # None: a file named with --settings, of no known flavor
    argv: Path | None  # the flavor's argv.json (crash reporter switch); None for web flavors
    kind: str  # "user", "workspace", "profile", "machine", "file" or SERVER_KIND
    found: bool = True  # False: nothing of this flavor exists yet; the default we fall back on
    # a web flavor's extensions folder, which follows its user-data-dir (code-server's does)
    extensions: Path | None = None
    # a web flavor's machine settings (<user-data-dir>/Machine/settings.json): its server process
    # takes its own telemetry level from there, not from the user's (docs/vscode.md)
    machine: Path | None = None

    def server_target(self) -> Target | None:
        """The machine settings as a target of their own, for a web flavor's server."""
        if self.machine is None:
            return None
        return Target(self.machine, self.flavor, None, SERVER_KIND, self.found)


@record
class Failed:
    """A target whose file could not be used, in place of its result."""

    target: Target
    error: TelemetryError


Result = TypeVar("Result")


def succeeded(results: Iterable[Result | Failed]) -> list[Result]:
    """The results that are not failures, in order."""
    return [result for result in results if not isinstance(result, Failed)]


@record
class Policy:
    path: Path | None  # None: not a file (the Windows registry)
    exists: bool
    values: dict[str, Any] = field(default_factory=dict)
    problem: TelemetryError | None = None  # why VS Code would ignore the file
    # Where policies come from the OS (policy_sources.py): what it is, where each value was
    # found, and the values or files VS Code passes over.
    source: str = ""
    origins: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """What to call this policy's source: the file, or the registry key."""
        return self.source or str(self.path)

    def origin(self, name: str) -> str:
        return self.origins.get(name) or self.where

    @property
    def level(self) -> Any:
        return self.values.get(LEVEL_POLICY, UNSET)

    @property
    def feedback(self) -> Any:
        return self.values.get(FEEDBACK_POLICY, UNSET)


@record
class PolicyScope:
    """The policy each flavor sees: one file for all (Linux, --policy-file), or one registry key
    or bundle id per flavor (Windows, macOS)."""

    shared: Policy | None = None
    by_flavor: dict[str, Policy] = field(default_factory=dict)

    def for_flavor(self, flavor: Flavor | None) -> Policy | None:
        if self.shared is not None or not self.by_flavor:
            return self.shared
        return self.by_flavor.get(flavor.id if flavor is not None else DEFAULT_FLAVOR)

    def all(self) -> list[Policy]:
        policies = [self.shared] if self.shared is not None else []
        return policies + list(self.by_flavor.values())


def policy_for(policy: Policy | PolicyScope | None, flavor: Flavor | None) -> Policy | None:
    """The policy a flavor's settings are judged against, given one policy or a scope."""
    return policy.for_flavor(flavor) if isinstance(policy, PolicyScope) else policy


@record
class Argv:
    path: Path
    exists: bool
    values: dict[str, Any]
    problem: TelemetryError | None = None  # VS Code falls back to defaults when it can't parse it
    invalid: TelemetryError | None = None  # its first byte that is not UTF-8 (files.read_text)

    @property
    def crash_reporter(self) -> Any:
        return self.values.get(CRASH_REPORTER, UNSET)

    @property
    def log_level(self) -> Any:
        return self.values.get(LOG_LEVEL, UNSET)


@record
class TelemetrySettings:
    configured: Any  # what VS Code reads for telemetry.telemetryLevel, or UNSET
    deprecated: dict[str, Any]  # deprecated switches present, with the value VS Code reads
    level_members: int  # how many members spell the level: duplicates, nested objects


IGNORED_KINDS = ("workspace", "profile", "machine")  # VS Code reads no telemetry setting there


@record
class ServerLevel:
    """A web flavor's server process: its machine settings and the level it takes from them (it
    reads no policy: its configuration has none)."""

    target: Target
    exists: bool
    telemetry: TelemetrySettings
    effective: Effective


SERVER_SOURCE = "machine settings"  # Effective.source when the server's level is the higher


@record
class Status:
    target: Target
    exists: bool
    telemetry: TelemetrySettings
    policy: Policy | None
    argv: Argv | None
    effective: Effective  # for a web flavor, the higher of the window's and the server's
    server: ServerLevel | None = None  # a web flavor's server; None for the others
    window: Effective | None = None  # the level from the user settings (and policy) alone
    not_utf8: TelemetryError | None = None  # the file's first byte that is not UTF-8, if any

    @property
    def server_still_sends(self) -> bool:
        """The window's level is lower than the server's: the server still logs its start."""
        return self.server is not None and self.effective.source == SERVER_SOURCE

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
        if self.not_utf8 is not None:
            notes.append(not_utf8_note(self.not_utf8, location=False))
        if self.telemetry.level_members > 1:
            notes.append(
                f"{LEVEL_SETTING} is spelled {self.telemetry.level_members} times; "
                "VS Code uses the last one"
            )
        if self.effective.level is None:
            in_policy = self.effective.source == "policy" and self.policy is not None
            in_server = self.server is not None and self.effective.source == SERVER_SOURCE
            value = (
                self.policy.level
                if in_policy and self.policy is not None
                else self.server.telemetry.configured
                if in_server and self.server is not None
                else self.telemetry.configured
            )
            import json  # here: only a level VS Code does not know is quoted

            shown = json.dumps(as_javascript(value))  # 1E2 as VS Code holds it: 100
            notes.append(f"{shown} is not a telemetry level (all, error, crash or off)")
        if self.effective.source == "policy" and self.policy is not None:
            notes.append(f"the level is set by policy: {self.policy.origin(LEVEL_POLICY)}")
        if self.target.kind == "workspace":
            notes.append("workspace settings: VS Code ignores telemetry settings here")
        if self.target.kind in ("profile", "machine"):
            notes.append(f"{self.target.kind} settings: VS Code ignores telemetry settings here")
        if self.server is not None and self.server_still_sends and self.effective.level:
            window = self.window.level.value if self.window and self.window.level else "?"
            notes.append(
                f"the window's level is {window}, but the server process takes its own from "
                f"{self.server.target.settings} ({self.effective.level.value}"
                f"{'' if self.server.exists else ', no file'}): it still sends its start events "
                "(serverStart, serverPlatformInfo); `telemetry set-level` sets both"
            )
        return notes

"""The records of an audit: each switch's finding, and where a target's switches come from.
A leaf module (see model.py).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from telemetry_inspector.errors import TelemetryError
from telemetry_inspector.records import record
from telemetry_inspector.settings.model import Policy, Target
from telemetry_inspector.vscode.extension_model import Extension
from telemetry_inspector.vscode.model import UNSET
from telemetry_inspector.vscode.switch_model import Switch


class Source(StrEnum):
    """Where the value VS Code uses for a switch comes from."""

    user = "user settings"
    default = "default"
    policy = "policy"
    argv = "argv.json"
    machine = "machine settings"  # a web flavor's Machine/settings.json, its server's level


@record
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


@record
class Sources:
    """Where a target's extension switches come from."""

    builtin_dir: Path | None = None  # <app root>/extensions, when an installation was found
    extensions_dir: Path | None = None
    extensions: tuple[Extension, ...] = ()  # built-ins first
    problems: tuple[TelemetryError, ...] = ()  # manifests VS Code would not load


@record
class Audit:
    target: Target
    sources: Sources  # the extension folders read, and what they hold
    policy: Policy | None
    findings: tuple[Finding, ...]
    problems: tuple[TelemetryError, ...]  # files VS Code ignores: bad manifests, argv.json
    # the first byte that is not UTF-8 of the settings file and of argv.json, where there is one
    not_utf8: tuple[TelemetryError, ...] = ()

    @property
    def passed(self) -> bool:
        return all(finding.off is not False for finding in self.findings)

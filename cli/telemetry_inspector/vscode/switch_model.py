"""The switches that let VS Code send telemetry or go online: the record and its markers. A leaf
module (docs/architecture.md), for render to show them.
"""

from __future__ import annotations

from typing import Any

from telemetry_inspector.records import record


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


REMOVE = _Marker("REMOVE")  # the off state is the key's absence (deprecated keys)
UNKNOWN = _Marker("UNKNOWN")  # no value can be derived that turns it off: check by hand

SETTINGS = "settings"  # where a switch is set: settings.json ...
ARGV = "argv"  # ... or argv.json

TELEMETRY = "telemetry"  # kinds: what `--only telemetry` keeps to
ONLINE = "online"


@record
class Switch:
    id: str  # the setting id, or the argv.json key
    scope: str  # "core", "built-in <folder>", an extension id, or "argv"
    kind: str  # TELEMETRY or ONLINE
    default: Any  # what VS Code uses when nothing sets it (UNSET: nothing)
    off: Any  # the value that turns it off; REMOVE or UNKNOWN
    file: str = SETTINGS
    also_off: tuple[Any, ...] = ()  # other values that send nothing either
    level: bool = False  # judged against `--level` rather than off alone
    policy: str | None = None  # the policy that overrides it
    note: str = ""

    @property
    def off_known(self) -> bool:
        return self.off is not UNKNOWN

    @property
    def off_when_absent(self) -> bool:
        return self.off is REMOVE

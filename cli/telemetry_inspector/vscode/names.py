"""How VS Code names events and extension folders: the rules the catalog (report, diff) and the
logs (tail's filters and annotations) share.

Events: how a user's globs on event names match, for `report --event` and `tail --event`.

Event names are case-sensitive: VS Code logs an event under the exact name it was sent with
(`telemetry/editorOpened`, `publisher.name/event`) and the catalog keys it by the same text
(docs/vscode.md, "The catalog": event names keep their case). A glob is an fnmatch glob
matched case-sensitively against the whole name (`*` crosses `/`), as a shell matches file
names. A core event is logged `telemetry/<name>` while the catalog keys it `<name>`, so a glob
that begins `telemetry/` means the rest of it: both `editorOpened` and `telemetry/editorOpened`
name that event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fnmatch import translate

CORE_PREFIX = "telemetry/"  # what the log writes before a core (or endpoint) event's name
# An extension folder (and a catalog source) `publisher.name-version[-targetPlatform]`: VS Code's
# ExtensionKey.parse (extensionManagementUtil.ts), /^([^.]+\..+)-(\d+\.\d+\.\d+)(-(.+))?$/,
# its greedy id included; JavaScript's \d is ASCII, so [0-9].
_EXTENSION_KEY = re.compile(r"([^.]+\..+)-([0-9]+\.[0-9]+\.[0-9]+)(?:-(.+))?")


def event_pattern(pattern: str) -> str:
    """The glob on catalog and logged names that a user's `pattern` means."""
    return pattern.removeprefix(CORE_PREFIX)


def event_glob(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One regex whose `match` tells whether any of `patterns` matches a whole event name;
    None when there are no patterns (everything is wanted)."""
    if not patterns:
        return None
    parts = dict.fromkeys(translate(event_pattern(pattern)) for pattern in patterns)
    return re.compile("|".join(f"(?:{part})" for part in parts))


def extension_identity(key: str) -> str:
    """The extension id `publisher.name` of a folder name or catalog key, lower-cased (VS Code
    compares ids ignoring case): `contoso.sql-notebooks-0.9.0-linux-x64` and
    `Contoso.SQL-Notebooks-0.10.0` are `contoso.sql-notebooks`. A key VS Code would not parse as
    `publisher.name-x.y.z[-target]` (`vscode-core`, `foo.bar-1.2`) is its own id."""
    match = _EXTENSION_KEY.fullmatch(key)
    return (match.group(1) if match else key).lower()

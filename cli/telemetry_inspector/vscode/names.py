"""How VS Code names events, and how a user's globs on those names match: the one rule that
`report --event` (the catalog) and `tail --event` (the logs) share.

Event names are case-sensitive: VS Code logs an event under the exact name it was sent with
(`telemetry/editorOpened`, `publisher.name/event`) and the catalog keys it by the same text
(reference §2: event names keep their case). A glob is an fnmatch glob matched case-sensitively
against the whole name (`*` crosses `/`), as a shell matches file names. A core event is logged
`telemetry/<name>` while the catalog keys it `<name>`, so a glob that begins `telemetry/` means
the rest of it: both `editorOpened` and `telemetry/editorOpened` name that event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fnmatch import translate

CORE_PREFIX = "telemetry/"  # what the log writes before a core (or endpoint) event's name


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

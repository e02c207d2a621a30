"""`extract --check FILE`: is the committed catalog what the sources declare?

Equal means the same JSON value (key order and layout do not matter: a telemetry.json written
compact or 4-space indented checks the same). When they differ the changes are the catalog
diff's (events and properties added or removed, properties reclassified), and events whose
other details differ (owner, comment, expiration...) are named too, so no difference goes
unexplained.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telemetry_inspector.catalog.diff import diff
from telemetry_inspector.catalog.extract.model import CheckOutcome
from telemetry_inspector.catalog.model import COMMON, SINGLE_CATALOG
from telemetry_inspector.catalog.saved import read_saved
from telemetry_inspector.errors import EXIT_USAGE, RefusedError, TelemetryError

NOT_ONE_CATALOG = "not a catalog (an object with events and commonProperties)"


def read_committed(path: Path) -> dict[str, Any]:
    """The catalog saved at `path`. Any failure is bad input (exit 2): a gate must not read
    a file it cannot trust as 'differs'."""
    try:
        sources = read_saved(path)
        if set(sources) != {SINGLE_CATALOG}:
            raise RefusedError(NOT_ONE_CATALOG, path=path)
    except TelemetryError as error:
        error.exit_code = EXIT_USAGE
        if isinstance(error, RefusedError):
            error.hint = "give the telemetry.json that extract writes"
        raise
    return sources[SINGLE_CATALOG]


def compare(committed: dict[str, Any], declared: dict[str, Any]) -> CheckOutcome:
    if committed == declared:
        return CheckOutcome([], [])
    changes = diff({SINGLE_CATALOG: committed}, {SINGLE_CATALOG: declared})
    whole = {c.event for c in changes if c.kind in ("event-added", "event-removed")}
    explained = {(c.event, c.property) for c in changes}
    other = []
    for name, (was, now) in _paired_entries(committed, declared).items():
        if was == now or name in whole:
            continue
        keys = [k for k in _differing_keys(was, now) if (name, k) not in explained]
        if keys or not any(event == name for event, _ in explained):
            other.append((name, keys))
    return CheckOutcome(changes, other)


def _differing_keys(was: Any, now: Any) -> list[str]:
    if not isinstance(was, dict) or not isinstance(now, dict):
        return []
    return sorted(key for key in {*was, *now} if was.get(key) != now.get(key))


def _paired_entries(committed: dict[str, Any], declared: dict[str, Any]) -> dict[str, Any]:
    """Event name (COMMON for the common properties) -> (committed, declared) value."""
    pairs: dict[str, Any] = {COMMON: (committed.get(COMMON), declared.get(COMMON))}
    old_events = _events(committed)
    new_events = _events(declared)
    for name in (*new_events, *old_events):
        pairs.setdefault(name, (old_events.get(name), new_events.get(name)))
    return pairs


def _events(catalog: dict[str, Any]) -> dict[str, Any]:
    events = catalog.get("events")
    return events if isinstance(events, dict) else {}

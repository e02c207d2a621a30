"""Filters that keep the catalog's JSON shape: fewer sources, events and properties, same layout.

- sources: a key exactly, a glob, or an extension id without its version (`ms-python.python`,
  vscode.names.extension_identity);
- events: globs on the event name, case-sensitive, `telemetry/NAME` meaning the core event NAME
  (vscode.names: the rule `tail --event` follows too); a source stays only if one of its events
  matched;
- classification / purpose / endpoint: keep the properties (event, wildcard and common) that match
  every given kind of filter (any of its values); an event left without properties goes.
Event details (owner, comment, expiration) stay with a kept event. Values compare ignoring case;
a property without an endpoint counts as `none`.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Any

from telemetry_inspector.catalog.model import (
    COMMON,
    EVENT_DETAILS,
    EVENTS,
    WILDCARD,
    WILDCARD_CLASSIFICATION,
)
from telemetry_inspector.catalog.query import endpoint_of
from telemetry_inspector.records import record
from telemetry_inspector.vscode.names import event_glob, extension_identity


@record
class Filter:
    events: tuple[str, ...] = ()
    classifications: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    endpoints: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return any((self.events, self.sources, self.filters_properties))

    @property
    def filters_properties(self) -> bool:
        return any((self.classifications, self.purposes, self.endpoints))


def source_matches(key: str, wanted: str) -> bool:
    folded, pattern = key.lower(), wanted.lower()
    return folded == pattern or fnmatchcase(folded, pattern) or extension_identity(key) == pattern


def apply(merged: dict[str, Any], wanted: Filter) -> dict[str, Any]:
    """The merged catalog with only what `wanted` selects, in the same order and shape."""
    if not wanted.active:
        return merged
    kept = {}
    names = event_glob(wanted.events)
    for source, catalog in merged.items():
        if wanted.sources and not any(source_matches(source, s) for s in wanted.sources):
            continue
        if not (wanted.events or wanted.filters_properties) or not isinstance(catalog, dict):
            kept[source] = catalog
            continue
        filtered = _filter_catalog(catalog, wanted, names)
        if filtered is not None:
            kept[source] = filtered
    return kept


def _filter_catalog(
    catalog: dict[str, Any], wanted: Filter, names: re.Pattern[str] | None
) -> dict[str, Any] | None:
    result: dict[str, Any] = {}
    has_events = has_common = False
    for key, value in catalog.items():
        if key == EVENTS and isinstance(value, dict):
            value = _filter_events(value, wanted, names)
            has_events = bool(value)
        elif key == COMMON and isinstance(value, dict) and wanted.filters_properties:
            value = {name: prop for name, prop in value.items() if _property_matches(prop, wanted)}
            has_common = bool(value)
        elif key == COMMON:
            has_common = bool(value)
        result[key] = value
    if has_events or (has_common and not wanted.events):
        return result
    return None


def _filter_events(
    events: dict[str, Any], wanted: Filter, names: re.Pattern[str] | None
) -> dict[str, Any]:
    kept = {}
    for name, event in events.items():
        if names is not None and names.match(name) is None:
            continue
        if not wanted.filters_properties:
            kept[name] = event
        elif isinstance(event, dict):
            filtered = _filter_event(event, wanted)
            if filtered is not None:
                kept[name] = filtered
    return kept


def _filter_event(event: dict[str, Any], wanted: Filter) -> dict[str, Any] | None:
    result: dict[str, Any] = {}
    matched = False
    for key, value in event.items():
        if key in EVENT_DETAILS:
            result[key] = value
        elif key == WILDCARD and isinstance(value, list):
            entries = [entry for entry in value if _wildcard_matches(entry, wanted)]
            if entries:
                result[key] = entries
                matched = True
        elif isinstance(value, dict) and _property_matches(value, wanted):
            result[key] = value
            matched = True
    return result if matched else None


def _wildcard_matches(entry: Any, wanted: Filter) -> bool:
    return isinstance(entry, dict) and _property_matches(entry.get(WILDCARD_CLASSIFICATION), wanted)


def _property_matches(prop: Any, wanted: Filter) -> bool:
    if not isinstance(prop, dict):
        return False
    checks = (
        (wanted.classifications, prop.get("classification")),
        (wanted.purposes, prop.get("purpose")),
        (wanted.endpoints, endpoint_of(prop)),
    )
    for values, actual in checks:
        if values and not (
            isinstance(actual, str) and actual.lower() in {v.lower() for v in values}
        ):
            return False
    return True

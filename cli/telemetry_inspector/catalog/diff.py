"""What changed between two catalogs: sources, events and properties added and removed, and
properties whose classification, purpose, endpoint or measurement flag changed.

Sources pair by key; an extension whose folder name changed with its version
(`pub.ext-1.0.0` -> `pub.ext-1.1.0`) pairs by its id when that id is unique on both sides.
Common properties are compared like an event named `commonProperties`. A lone catalog file is
compared under the key `catalog` (model.report_sources), so two of them pair.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telemetry_inspector.catalog.installed import read_catalog, require_core_files
from telemetry_inspector.catalog.model import COMMON, Change, ChangeKind, Event, Property
from telemetry_inspector.catalog.query import (
    common_events,
    common_properties,
    event_properties,
    events_of,
    every_event,
)
from telemetry_inspector.catalog.saved import read_saved
from telemetry_inspector.vscode.installs import installation_at
from telemetry_inspector.vscode.names import extension_identity

COMPARED = ("classification", "purpose", "endpoint", "measurement")


def read_side(path: Path) -> dict[str, Any]:
    """A saved report, a single catalog file, or an app root (or install folder) to read."""
    if path.is_dir():
        install = installation_at(path)
        require_core_files(Path(install.app_root), install.describe())
        return read_catalog(Path(install.app_root), None).merged
    return read_saved(path)


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    pairs = _pair_sources(old, new)
    changes: list[Change] = []
    paired_old = set(pairs.values())
    for key in new:
        if key in pairs:
            changes += _diff_catalog(pairs[key], key, old[pairs[key]], new[key])
        else:
            changes.append(Change(ChangeKind.source_added, key, new=_event_count(new[key])))
    for key in old:
        if key not in paired_old:
            changes.append(Change(ChangeKind.source_removed, key, old=_event_count(old[key])))
    return changes


def _event_count(catalog: Any) -> dict[str, int]:
    return {"events": len(events_of(catalog))}


def _pair_sources(old: dict[str, Any], new: dict[str, Any]) -> dict[str, str]:
    """new key -> old key: the same key, else the same extension id when unique on both sides."""
    pairs = {key: key for key in new if key in old}
    rest_old = [key for key in old if key not in new]
    rest_new = [key for key in new if key not in old]
    old_ids = _unique_ids(rest_old)
    for key, identity in _unique_ids(rest_new).items():
        match = next((o for o, i in old_ids.items() if i == identity), None)
        if match is not None:
            pairs[key] = match
    return pairs


def _unique_ids(keys: list[str]) -> dict[str, str]:
    ids = [extension_identity(key) for key in keys]
    return {
        key: identity for key, identity in zip(keys, ids, strict=True) if ids.count(identity) == 1
    }


def _diff_catalog(old_key: str, new_key: str, old: Any, new: Any) -> list[Change]:
    renamed = old_key if old_key != new_key else None
    old_events, new_events = events_of(old), events_of(new)
    changes = []
    for name, event in new_events.items():
        if name not in old_events:
            added = [_fields(p) for p in _properties(event)]
            changes.append(
                Change(ChangeKind.event_added, new_key, name, new=added, old_source=renamed)
            )
        else:
            changes += _diff_properties(
                new_key, name, _properties(old_events[name]), _properties(event), renamed
            )
    changes += _diff_properties(
        new_key, COMMON, list(common_properties(old)), list(common_properties(new)), renamed
    )
    for name in old_events:
        if name not in new_events:
            changes.append(Change(ChangeKind.event_removed, new_key, name, old_source=renamed))
    return changes


def _properties(event: Any) -> list[Property]:
    return list(event_properties(event)) if isinstance(event, dict) else []


def _fields(prop: Property) -> dict[str, Any]:
    return {"property": prop.name, **{name: getattr(prop, name) for name in COMPARED}}


def _diff_properties(
    source: str, event: str, old: list[Property], new: list[Property], renamed: str | None
) -> list[Change]:
    old_by_name = {prop.name: prop for prop in old}
    new_by_name = {prop.name: prop for prop in new}
    changes = []
    for name, prop in new_by_name.items():
        before = old_by_name.get(name)
        if before is None:
            changes.append(
                Change(
                    ChangeKind.property_added,
                    source,
                    event,
                    name,
                    new=_fields(prop),
                    old_source=renamed,
                )
            )
            continue
        for field in COMPARED:
            was, now = getattr(before, field), getattr(prop, field)
            if was != now:
                changes.append(
                    Change(
                        ChangeKind.property_changed, source, event, name, field, was, now, renamed
                    )
                )
    for name in old_by_name:
        if name not in new_by_name:
            changes.append(
                Change(ChangeKind.property_removed, source, event, name, old_source=renamed)
            )
    return changes


def change_record(change: Change) -> dict[str, Any]:
    """A change as JSON: only the fields that apply."""
    record = {
        "kind": change.kind.value,
        "source": change.source,
        "oldSource": change.old_source,
        "event": change.event,
        "property": change.property,
        "field": change.field,
        "old": change.old,
        "new": change.new,
    }
    keep = {"kind", "source", "event"} | ({"old", "new"} if change.field else set())
    return {k: v for k, v in record.items() if v is not None or k in keep}


def added_source_events(changes: list[Change], new: dict[str, Any]) -> list[Event]:
    """The events (and common properties, as `commonProperties`) of every source the new side
    adds: a change lists an added source by its event count alone."""
    added = {
        change.source: new[change.source]
        for change in changes
        if change.kind is ChangeKind.source_added and change.source in new
    }
    return every_event(added) + common_events(added)

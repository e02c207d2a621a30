"""Reading a merged catalog: its events and properties as records, one event by name, the numbers.

Catalog files come from outside and may hold anything: whatever is not shaped like a catalog
(a property that is not an object, a comment that is not a string) is passed over, never trusted.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from telemetry_inspector.catalog.model import (
    CLASSIFICATIONS,
    COMMON,
    EVENT_DETAILS,
    EVENTS,
    NO_ENDPOINT,
    PURPOSES,
    WILDCARD,
    WILDCARD_CLASSIFICATION,
    WILDCARD_PREFIX,
    Event,
    Property,
    SourceSummary,
)
from telemetry_inspector.vscode.names import event_pattern


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def endpoint_of(entry: dict[str, Any]) -> str:
    """The property's endpoint; the extractor writes `endPoint` (events read `endpoint`)."""
    value = entry.get("endPoint", entry.get("endpoint"))
    return value if isinstance(value, str) else NO_ENDPOINT


def to_property(name: str, entry: dict[str, Any], *, wildcard: bool = False) -> Property:
    return Property(
        name=name,
        classification=_text(entry.get("classification")),
        purpose=_text(entry.get("purpose")),
        endpoint=endpoint_of(entry),
        measurement=entry.get("isMeasurement") is True,
        comment=_text(entry.get("comment")),
        wildcard=wildcard,
        owner=_text(entry.get("owner")),
    )


def event_properties(event: dict[str, Any]) -> Iterator[Property]:
    """The properties an event declares, wildcard patterns included (as `prefix*`)."""
    for key, value in event.items():
        if key in EVENT_DETAILS:
            continue
        if key == WILDCARD and isinstance(value, list):
            yield from _wildcards(value)
        elif isinstance(value, dict):
            yield to_property(key, value)


def _wildcards(entries: list[Any]) -> Iterator[Property]:
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get(WILDCARD_CLASSIFICATION), dict):
            prefix = _text(entry.get(WILDCARD_PREFIX)) or ""
            yield to_property(f"{prefix}*", entry[WILDCARD_CLASSIFICATION], wildcard=True)


def events_of(catalog: Any) -> dict[str, Any]:
    events = catalog.get(EVENTS) if isinstance(catalog, dict) else None
    return events if isinstance(events, dict) else {}


def common_of(catalog: Any) -> dict[str, Any]:
    common = catalog.get(COMMON) if isinstance(catalog, dict) else None
    return common if isinstance(common, dict) else {}


def common_properties(catalog: Any) -> Iterator[Property]:
    for name, entry in common_of(catalog).items():
        if isinstance(entry, dict):
            yield to_property(name, entry)


def to_event(source: str, name: str, event: Any) -> Event:
    details = event if isinstance(event, dict) else {}
    return Event(
        source=source,
        name=name,
        owner=_text(details.get("owner")),
        comment=_text(details.get("comment")),
        expiration=_text(details.get("expiration")),
        properties=tuple(event_properties(details)),
    )


def find_event(merged: dict[str, Any], name: str) -> list[Event]:
    """Every source's declaration of the event `name` (exact, else ignoring case); a core event
    may be named as the log writes it, `telemetry/NAME` (vscode.names)."""
    found = _exactly(merged, name)
    if found or name == event_pattern(name):
        return found or _ignoring_case(merged, name)
    return _exactly(merged, event_pattern(name)) or _ignoring_case(merged, event_pattern(name))


def _exactly(merged: dict[str, Any], name: str) -> list[Event]:
    return [
        to_event(source, name, events_of(catalog)[name])
        for source, catalog in merged.items()
        if name in events_of(catalog)
    ]


def _ignoring_case(merged: dict[str, Any], name: str) -> list[Event]:
    wanted = name.casefold()
    return [
        to_event(source, event, value)
        for source, catalog in merged.items()
        for event, value in events_of(catalog).items()
        if event.casefold() == wanted
    ]


def close_matches(merged: dict[str, Any], name: str, limit: int = 5) -> list[str]:
    """Event names that look like `name` (difflib, ignoring case), best first."""
    by_folded: dict[str, str] = {}
    for catalog in merged.values():
        for event in events_of(catalog):
            by_folded.setdefault(event.casefold(), event)
    folded = difflib.get_close_matches(name.casefold(), list(by_folded), n=limit, cutoff=0.6)
    matches = [by_folded[key] for key in folded]
    if len(matches) < limit:  # a fragment of a long name: substrings count too
        matches += [
            event
            for key, event in by_folded.items()
            if name.casefold() in key and event not in matches
        ][: limit - len(matches)]
    return matches


def summarize(merged: dict[str, Any]) -> list[SourceSummary]:
    """Per source: events, event properties, common properties, and the counts of each
    classification and purpose over all its properties (event and common)."""
    rows = []
    for source, catalog in merged.items():
        events = events_of(catalog)
        props = [
            prop
            for event in events.values()
            if isinstance(event, dict)
            for prop in event_properties(event)
        ]
        common = list(common_properties(catalog))
        rows.append(
            SourceSummary(
                source=source,
                events=len(events),
                properties=len(props),
                common_properties=len(common),
                classifications=_counts(
                    (p.classification for p in props + common), CLASSIFICATIONS
                ),
                purposes=_counts((p.purpose for p in props + common), PURPOSES),
            )
        )
    return rows


def total(rows: list[SourceSummary]) -> SourceSummary:
    classifications: Counter[str] = Counter()
    purposes: Counter[str] = Counter()
    for row in rows:
        classifications.update(row.classifications)
        purposes.update(row.purposes)
    return SourceSummary(
        source="total",
        events=sum(row.events for row in rows),
        properties=sum(row.properties for row in rows),
        common_properties=sum(row.common_properties for row in rows),
        classifications={
            key: classifications[key] for key in _keys(classifications, CLASSIFICATIONS)
        },
        purposes={key: purposes[key] for key in _keys(purposes, PURPOSES)},
    )


def _counts(values: Iterator[str | None], known: tuple[str, ...]) -> dict[str, int]:
    counted = Counter("(none)" if value is None else value for value in values)
    return {key: counted[key] for key in _keys(counted, known)}


def _keys(counted: Counter[str], known: tuple[str, ...]) -> list[str]:
    """The known names first (always, even at zero), then any others the files use."""
    return list(known) + sorted(key for key in counted if key not in known)


def event_record(event: Event) -> dict[str, Any]:
    """An event as JSON for `telemetry show --json`."""
    return {
        "source": event.source,
        "event": event.name,
        "owner": event.owner,
        "comment": event.comment,
        "expiration": event.expiration,
        "properties": [
            {
                "name": prop.name,
                "classification": prop.classification,
                "purpose": prop.purpose,
                "endpoint": prop.endpoint,
                "isMeasurement": prop.measurement,
                "comment": prop.comment,
                "wildcard": prop.wildcard,
            }
            for prop in event.properties
        ],
    }


def summary_record(row: SourceSummary) -> dict[str, Any]:
    return {
        "source": row.source,
        "events": row.events,
        "properties": row.properties,
        "commonProperties": row.common_properties,
        "classifications": row.classifications,
        "purposes": row.purposes,
    }


def every_event(merged: dict[str, Any]) -> list[Event]:
    """Every event of every source, in catalog order."""
    return [
        to_event(source, name, event)
        for source, catalog in merged.items()
        for name, event in events_of(catalog).items()
    ]


def common_events(merged: dict[str, Any]) -> list[Event]:
    """Each source's common properties as one event named `commonProperties` (sources with none
    are left out)."""
    found = []
    for source, catalog in merged.items():
        props = tuple(common_properties(catalog))
        if props:
            found.append(Event(source, COMMON, None, None, None, props))
    return found

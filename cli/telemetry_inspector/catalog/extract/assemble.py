"""From resolved declarations to the catalog, with the reference tool's checks as located problems.

The catalog is `{"commonProperties": {...}, "events": {...}}`: comment-declared events first,
then typed events replacing same-named ones entirely, keys deep-sorted. Where the reference
stops the whole run (an event name ending in a digit, a property named `value`, a property a
common property shadows, conflicting duplicate declarations) this reports the problem with
its location and keeps everything else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from telemetry_inspector.catalog.extract.declarations import (
    CLASSIFICATION,
    PREFIX,
    WILDCARD,
    DataPoint,
    Metadata,
    Property,
    Wildcard,
)
from telemetry_inspector.catalog.extract.jsvalues import ABSENT, catalog_name, deep_sorted, truthy
from telemetry_inspector.catalog.extract.model import Location, Problem, Severity

_ENDS_IN_DIGIT = re.compile(r"[0-9]\Z")


@dataclass(frozen=True, slots=True)
class Definition:
    """One declaration site of an event, as the reference compares duplicates."""

    properties: dict[str, Any]
    location: Location
    typed: bool


@dataclass(frozen=True, slots=True)
class TypedEvent:
    properties: dict[str, Any]
    location: Location


def assemble(
    events: list[DataPoint],
    commons: list[Property],
    typed: dict[str, TypedEvent],
    definitions: dict[str, list[Definition]],
) -> tuple[dict[str, Any], list[Problem]]:
    problems = conflicts(definitions)
    out_events: dict[str, dict[str, Any]] = {}
    where: dict[str, Location] = {}
    for event in events:
        if _ENDS_IN_DIGIT.search(event.name):
            message = f"event name {json.dumps(event.name)} ends with a digit, which the catalog does not allow"
            problems.append(Problem(event.location, message))
            continue
        out_events[event.name] = _event_output(event, problems)
        where[event.name] = event.location
    for name, event in typed.items():
        out_events[name] = event.properties
        where[name] = event.location
    out_commons = _commons_output(commons)
    problems.extend(_shadowed(out_events, out_commons, where, commons))
    catalog = {"commonProperties": out_commons, "events": out_events}
    return deep_sorted(catalog), problems


def _event_output(event: DataPoint, problems: list[Problem]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in event.items:
        if isinstance(item, Wildcard):
            _add_wildcard(out, item)
        elif isinstance(item, Property):
            key = catalog_name(item.name)
            if key == "value":
                message = f"event {json.dumps(event.name)}: a property may not be named 'value' (it clashes with the telemetry SDK); rename it"
                problems.append(Problem(item.location, message))
                continue
            existing = out.get(key)
            if truthy(existing):
                if truthy(item.is_measurement) and isinstance(existing, dict):
                    existing["isMeasurement"] = item.is_measurement
                continue
            out[key] = _property_output(item)
        elif isinstance(item, Metadata):
            out[catalog_name(item.name)] = item.value
    return out


def _property_output(prop: Property) -> dict[str, Any]:
    out = {
        key: value
        for key, value in (("classification", prop.classification), ("purpose", prop.purpose))
        if value is not ABSENT
    }
    for key, value in (
        ("expiration", prop.expiration),
        ("owner", prop.owner),
        ("comment", prop.comment),
        ("endPoint", prop.endpoint),
        ("isMeasurement", prop.is_measurement),
    ):
        if truthy(value):
            out[key] = value
    return out


def _add_wildcard(out: dict[str, Any], wildcard: Wildcard) -> None:
    entries = out.get(WILDCARD) if truthy(out.get(WILDCARD)) else []
    out[WILDCARD] = entries
    for entry in wildcard.entries:
        prefix = entry.prefix.lower()
        if any(e.get(PREFIX) == prefix for e in entries if isinstance(e, dict)):
            continue
        new: dict[str, Any] = {PREFIX: prefix}
        if entry.endpoint:
            given = entry.classification
            picked = {k: given[k] for k in ("classification", "purpose") if k in given}
            new[CLASSIFICATION] = {**picked, "endPoint": "none"}
        elif entry.classification is not ABSENT:
            new[CLASSIFICATION] = entry.classification
        entries.append(new)


def _commons_output(commons: list[Property]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for prop in commons:
        key = catalog_name(prop.name)
        existing = out.get(key)
        if truthy(existing):
            if truthy(prop.is_measurement):
                existing["isMeasurement"] = prop.is_measurement
            continue
        out[key] = _property_output(prop)
    return out


def _shadowed(
    events: dict[str, dict[str, Any]],
    commons: dict[str, Any],
    where: dict[str, Location],
    declared: list[Property],
) -> list[Problem]:
    common_at = {}
    for prop in declared:
        common_at.setdefault(catalog_name(prop.name), prop.location)
    problems = []
    for name, properties in events.items():
        for key in properties:
            if truthy(commons.get(key)):
                message = (
                    f"event {json.dumps(name)}: property {json.dumps(key)} is shadowed by the "
                    f"common property declared at {common_at[key]}"
                )
                problems.append(Problem(where[name], message))
    return problems


def conflicts(definitions: dict[str, list[Definition]]) -> list[Problem]:
    """Same event declared at several sites whose shared properties disagree: one problem
    naming every site (the reference compares the raw declarations, key by key)."""
    problems = []
    for name, sites in definitions.items():
        if len(sites) < 2 or not _disagree(sites):
            continue
        places = list(dict.fromkeys((d.location, d.typed) for d in sites))
        listed = ", ".join(f"{loc} ({'typed' if typed else 'comment'})" for loc, typed in places)
        message = f"event {json.dumps(name)} is declared with conflicting details at: {listed}"
        others = tuple(loc for loc, _ in places[1:])
        problems.append(Problem(places[0][0], message, Severity.error, others))
    return problems


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _disagree(sites: list[Definition]) -> bool:
    for i, first in enumerate(sites):
        for second in sites[i + 1 :]:
            for key in first.properties.keys() & second.properties.keys():
                if _canonical(first.properties[key]) != _canonical(second.properties[key]):
                    return True
    return False

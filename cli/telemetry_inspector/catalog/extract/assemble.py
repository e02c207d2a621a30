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

from telemetry_inspector.catalog import js_json
from telemetry_inspector.catalog.extract.declarations import (
    CLASSIFICATION,
    PREFIX,
    WILDCARD,
    DataPoint,
    Metadata,
    Property,
    Wildcard,
)
from telemetry_inspector.catalog.extract.js_semantics import (
    ABSENT,
    catalog_name,
    deep_sorted,
    truthy,
)
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
    where: dict[str, dict[str, Location]] = {}  # event -> property -> where it is declared
    for event in events:
        if _ENDS_IN_DIGIT.search(event.name):
            message = (
                f"event name {json.dumps(event.name)} ends with a digit, "
                "which the catalog does not allow"
            )
            problems.append(Problem(event.location, message))
            continue
        places: dict[str, Location] = {}
        out_events[event.name] = _event_output(event, problems, places)
        where[event.name] = places
    for name, event in typed.items():
        out_events[name] = event.properties
        where[name] = {}
    out_commons = _commons_output(commons)
    first_site = {e.name: e.location for e in events}
    first_site.update({name: e.location for name, e in typed.items()})
    problems.extend(_shadowed(out_events, out_commons, where, first_site, commons))
    catalog = {"commonProperties": out_commons, "events": out_events}
    return deep_sorted(catalog), problems


def _event_output(
    event: DataPoint, problems: list[Problem], places: dict[str, Location]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in event.items:
        if isinstance(item, Property | Metadata):
            places.setdefault(catalog_name(item.name), item.location)
        if isinstance(item, Wildcard):
            _add_wildcard(out, item)
        elif isinstance(item, Property):
            key = catalog_name(item.name)
            if key == "value":
                message = (
                    f"event {json.dumps(event.name)}: a property may not be named "
                    f"{json.dumps(item.name)} (the telemetry SDK reserves 'value'); rename it"
                )
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
    where: dict[str, dict[str, Location]],
    first_site: dict[str, Location],
    declared: list[Property],
) -> list[Problem]:
    common_at: dict[str, Location] = {}
    for prop in declared:
        common_at.setdefault(catalog_name(prop.name), prop.location)
    problems = []
    for name, properties in events.items():
        for key in properties:
            if truthy(commons.get(key)):
                other = common_at[key]
                message = (
                    f"event {json.dumps(name)}: property {json.dumps(key)} is overridden by the "
                    f"common property declared at {other}; remove it from the event"
                )
                here = where[name].get(key, first_site[name])
                problems.append(Problem(here, message, Severity.error, (other,)))
    return problems


def conflicts(definitions: dict[str, list[Definition]]) -> list[Problem]:
    """Same event declared at several sites whose shared properties disagree: one problem
    naming every site (the reference compares the raw declarations, key by key)."""
    problems = []
    for name, sites in definitions.items():
        differing = _disagree(sites) if len(sites) > 1 else None
        if differing is None:
            continue
        places = list(dict.fromkeys((d.location, d.typed) for d in sites))
        listed = ", ".join(f"{loc} ({'typed' if typed else 'comment'})" for loc, typed in places)
        message = (
            f"event {json.dumps(name)} is declared with conflicting details "
            f"({json.dumps(differing)} differs) at: {listed}"
        )
        others = tuple(loc for loc, _ in places[1:])
        problems.append(Problem(places[0][0], message, Severity.error, others))
    return problems


def _canonical(value: Any) -> bytes:
    """The reference's `JSON.stringify(deepSortKeys(value))`."""
    return js_json.dumps(deep_sorted(value), compact=True)


def _disagree(sites: list[Definition]) -> str | None:
    """The first property two sites both declare differently, or None. Identical sites are
    compared once: copies of one declaration (vendored folders) would cost pairs squared."""
    distinct: dict[bytes, Definition] = {}
    for site in sites:
        distinct.setdefault(_canonical(site.properties), site)
    unique = list(distinct.values())
    for i, first in enumerate(unique):
        for second in unique[i + 1 :]:
            for key in first.properties:
                if key not in second.properties:
                    continue
                mine, theirs = first.properties[key], second.properties[key]
                if mine is not theirs and _canonical(mine) != _canonical(theirs):
                    return key
    return None

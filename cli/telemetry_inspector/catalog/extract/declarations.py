"""What a comment declaration holds, as the reference tool reads it: properties, metadata,
`${include}`, `${inline}` and `${wildcard}` entries, in the order they were written."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telemetry_inspector.catalog.extract.js_semantics import ABSENT, truthy
from telemetry_inspector.catalog.extract.model import Location, Problem, Severity
from telemetry_inspector.jsonc import js_ordered

INCLUDE = "${include}"
INLINE = "${inline}"
WILDCARD = "${wildcard}"
PREFIX = "${prefix}"
CLASSIFICATION = "${classification}"
METADATA = ("owner", "comment", "expiration")


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    location: Location
    classification: Any = ABSENT
    purpose: Any = ABSENT
    expiration: Any = ABSENT
    owner: Any = ABSENT
    comment: Any = ABSENT
    endpoint: Any = ABSENT
    is_measurement: Any = ABSENT


@dataclass(frozen=True, slots=True)
class Metadata:
    name: str
    value: Any
    location: Location


@dataclass(frozen=True, slots=True)
class Include:
    names: list[str]
    location: Location
    places: dict[str, Location] = field(default_factory=dict)  # where each name is written


@dataclass(frozen=True, slots=True)
class Inline:
    name: str
    references: list[str]
    location: Location
    places: dict[str, Location] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class WildcardEntry:
    prefix: Any
    classification: Any
    endpoint: bool
    location: Location


@dataclass(frozen=True, slots=True)
class Wildcard:
    entries: list[WildcardEntry]


Item = Property | Metadata | Include | Inline | Wildcard


@dataclass(slots=True)
class DataPoint:
    """An event or a fragment while it is being resolved: its items, in the reference's order."""

    name: str
    location: Location
    is_fragment: bool = False
    items: list[Item] = field(default_factory=list)


def populate(
    target: DataPoint,
    properties: dict[str, Any],
    apply_endpoints: bool,
    locate: Callable[[str], Location],
) -> list[Problem]:
    """Add what one declaration says to `target`, in the reference's order; `locate(key)`
    tells where a key is written."""
    problems: list[Problem] = []
    what = f"{'fragment' if target.is_fragment else 'event'} {json.dumps(target.name)}"
    for name, value in js_ordered(properties).items():
        if name == "$tableInfo":
            continue
        where = locate(name)
        if name == INCLUDE:
            names = _fragment_names(value, f"{what}: {INCLUDE}", where, problems)
            if names is not None:
                target.items.append(Include(names, where, _places(names, locate)))
        elif value is None:
            problems.append(Problem(where, f"{what}: property {json.dumps(name)} is null"))
        elif isinstance(value, dict) and truthy(value.get(INLINE, ABSENT)):
            label = f"{what}: property {json.dumps(name)} {INLINE}"
            names = _fragment_names(value[INLINE], label, where, problems)
            if names is not None:
                target.items.append(Inline(name, names, where, _places(names, locate)))
        elif name == WILDCARD:
            _add_wildcard(target, value, apply_endpoints, where, problems)
        elif name in METADATA:
            target.items.append(Metadata(name, value, where))
        else:
            target.items.append(_property(name, value, apply_endpoints, where))
            if not isinstance(value, dict):
                message = f"{what}: property {json.dumps(name)} is not an object"
                problems.append(Problem(where, message, Severity.warning))
    return problems


def _property(name: str, value: Any, apply_endpoints: bool, where: Location) -> Property:
    fields = value if isinstance(value, dict) else {}

    def get(key: str) -> Any:
        return fields.get(key, ABSENT)

    endpoint = ABSENT
    if apply_endpoints:  # event and fragment properties read a lower-case `endpoint`
        endpoint = get("endpoint") if truthy(get("endpoint")) else "none"
    measurement = get("isMeasurement")
    return Property(
        name,
        where,
        classification=get("classification"),
        purpose=get("purpose"),
        expiration=get("expiration"),
        owner=get("owner"),
        comment=get("comment"),
        endpoint=endpoint,
        is_measurement=measurement if truthy(measurement) else ABSENT,
    )


def common_property(
    name: str, value: dict[str, Any], apply_endpoints: bool, where: Location
) -> Property:
    """A `__GDPR__COMMON__` property: here the endpoint is read from `endPoint`."""
    endpoint = ABSENT
    if apply_endpoints:
        given = value.get("endPoint", ABSENT)
        endpoint = given if truthy(given) else "none"
    measurement = value.get("isMeasurement", ABSENT)
    return Property(
        name,
        where,
        classification=value.get("classification", ABSENT),
        purpose=value.get("purpose", ABSENT),
        endpoint=endpoint,
        is_measurement=measurement if truthy(measurement) else ABSENT,
    )


def _places(names: list[str], locate: Callable[[str], Location]) -> dict[str, Location]:
    return {name: locate(name) for name in names}


def _fragment_names(
    value: Any, label: str, where: Location, problems: list[Problem]
) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(where, f'{label} must be a list of "${{Fragment}}" names'))
        return None
    for reference in value:
        if not (reference.startswith("${") and reference.endswith("}")):
            message = f'{label}: {json.dumps(reference)} should be written "${{Name}}"'
            problems.append(Problem(where, message, Severity.warning))
    return list(value)


def _add_wildcard(
    target: DataPoint, value: Any, apply_endpoints: bool, where: Location, problems: list[Problem]
) -> None:
    what = f"{'fragment' if target.is_fragment else 'event'} {json.dumps(target.name)}"
    if not isinstance(value, list):
        problems.append(Problem(where, f"{what}: {WILDCARD} must be a list"))
        return
    wildcard = next((i for i in target.items if isinstance(i, Wildcard)), None)
    if wildcard is None:
        wildcard = Wildcard([])
        target.items.append(wildcard)
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get(PREFIX), str):
            problems.append(Problem(where, f"{what}: a {WILDCARD} entry needs a {PREFIX} string"))
            continue
        classification = entry.get(CLASSIFICATION, ABSENT)
        if apply_endpoints and not isinstance(classification, dict):
            prefix = json.dumps(entry[PREFIX])
            message = f"{what}: {WILDCARD} entry {prefix} needs a {CLASSIFICATION} object"
            problems.append(Problem(where, message))
            continue
        wildcard.entries.append(
            WildcardEntry(entry[PREFIX], classification, apply_endpoints, where)
        )

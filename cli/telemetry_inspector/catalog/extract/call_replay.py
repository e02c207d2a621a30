"""The typed pass over source folders: telemetry calls read file by file (in worker processes
when the tree is large), then applied in the reference's order.

The reference visits files with publicLog2 calls from the last file (in path order) to the
first, then files with publicLogError2 calls from the first; for each site it assigns the
site's properties over what the event already has (a later site wins a property), records
the event as it stands (for the duplicate check), then marks measurements on whatever
records the event holds at that moment. Replaying the sites' outcomes in that order gives
the same catalog, records shared exactly as the reference shares them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telemetry_inspector.catalog.extract.assemble import Definition, TypedEvent
from telemetry_inspector.catalog.extract.call_sites import CallOutcome
from telemetry_inspector.catalog.extract.js_semantics import truthy
from telemetry_inspector.catalog.extract.model import Location, Problem


@dataclass(slots=True)
class TypedResult:
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    first_site: dict[str, Location] = field(default_factory=dict)
    definitions: dict[str, list[Definition]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def typed_events(self) -> dict[str, TypedEvent]:
        return {
            name: TypedEvent(_final(properties), self.first_site[name])
            for name, properties in self.events.items()
        }


def _final(properties: dict[str, Any]) -> dict[str, Any]:
    """The reference's last touch: no `$tableinfo`, no `type`/`column` in any property."""
    out = {}
    for key, value in properties.items():
        if key == "$tableinfo":
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in ("type", "column")}
        out[key] = value
    return out


def reference_order(per_file: list[list[CallOutcome]]) -> list[CallOutcome]:
    """`per_file` in path order -> the order the reference handles the sites in."""
    logs: list[CallOutcome] = []
    errors: list[CallOutcome] = []
    for outcomes in reversed(per_file):
        logs.extend(o for o in outcomes if o.is_log)
    for outcomes in per_file:
        errors.extend(o for o in outcomes if o.is_error)
    return logs + errors


def replay(outcomes: list[CallOutcome]) -> TypedResult:
    result = TypedResult()
    for outcome in outcomes:
        result.problems.extend(outcome.problems)
        name = outcome.name
        if name is None:
            continue
        result.first_site.setdefault(name, outcome.location)
        if outcome.reset:
            _reset(result, name, outcome.location)
            continue
        event = result.events.setdefault(name, {})
        for key, value in outcome.entries:
            event[key] = value
        site = Definition(dict(event), outcome.location, True)
        result.definitions.setdefault(name, []).append(site)
        for key in outcome.measurements:
            target = event.get(key)
            if not truthy(target):
                continue
            if not isinstance(target, dict):  # a TypeError in the reference: its fallback
                _reset(result, name, outcome.location)
                break
            target["isMeasurement"] = True
    return result


def _reset(result: TypedResult, name: str, where: Location) -> None:
    result.events[name] = {}
    result.definitions.setdefault(name, []).append(Definition({}, where, True))

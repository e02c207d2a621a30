"""Combining comment declarations exactly as the reference tool does.

Its rules, including the surprising ones, decide what lands in the catalog:
- a fragment declared twice gets both bodies; merging source folders then doubles its list
  (harmless: the first property of a name wins later);
- an event declared twice is merged only when every shared property agrees on classification
  and purpose, otherwise the later declaration is dropped (and reported as a conflict);
- `${inline}` is resolved before `${include}`, fragments before events; after an entry is
  resolved the scan skips one entry, which leaves some references unresolved. Those the
  reference then crashes on; here they are resolved in a final pass instead.
"""

from __future__ import annotations

import json

from telemetry_inspector.catalog.extract.declarations import (
    DataPoint,
    Include,
    Inline,
    Item,
    Metadata,
    Property,
    Wildcard,
)
from telemetry_inspector.catalog.extract.model import Location, Problem

# Fragments that include each other can make the reference's scan grow a list; stop well before.
_MAX_STEPS = 100_000


def js_substring(text: str, start: int, end: int) -> str:
    """String.prototype.substring: bounds clamped, swapped when reversed."""
    low = min(max(start, 0), len(text))
    high = min(max(end, 0), len(text))
    return text[min(low, high) : max(low, high)]


def fragment_name(reference: str) -> str:
    """`${Name}` -> `Name` (the reference strips two characters in front and one behind)."""
    return js_substring(reference, 2, len(reference) - 1)


def find_or_add_fragment(slots: list[DataPoint], name: str, where: Location) -> DataPoint:
    """The reference appends the fragment to its list every time, found or new."""
    found = next((f for f in slots if f.name == name), None) or DataPoint(name, where, True)
    slots.append(found)
    return found


def merge_fragments(target: list[DataPoint], source: list[DataPoint]) -> None:
    for item in source:
        found = next((f for f in target if f.name == item.name), None)
        if found is None:
            target.append(item)
        else:
            found.items = found.items + item.items


def merge_events(target: list[DataPoint], source: list[DataPoint]) -> None:
    for item in source:
        found = next((e for e in target if e.name == item.name), None)
        if found is None:
            target.append(item)
        elif _compatible(found, item):
            _merge_items(found, item)


def _compatible(left: DataPoint, right: DataPoint) -> bool:
    theirs = {}
    for prop in right.items:
        if isinstance(prop, Property):
            theirs.setdefault(prop.name, []).append(prop)
    for mine in left.items:
        if not isinstance(mine, Property):
            continue
        for other in theirs.get(mine.name, ()):
            if mine.classification != other.classification or mine.purpose != other.purpose:
                return False
    return True


def _merge_items(found: DataPoint, item: DataPoint) -> None:
    for prop in item.items:
        if isinstance(prop, Property | Metadata):
            kind = type(prop)
            if not any(isinstance(p, kind) and p.name == prop.name for p in found.items):
                found.items.append(prop)
        elif isinstance(prop, Include):
            existing = next((p for p in found.items if isinstance(p, Include)), None)
            if existing is None:
                found.items.append(Include(list(prop.names), prop.location, dict(prop.places)))
            else:
                for name in prop.names:
                    if name not in existing.names:
                        existing.names.append(name)
                        existing.places.setdefault(name, prop.places.get(name, prop.location))
        elif isinstance(prop, Inline):
            if not any(isinstance(p, Inline) and p.name == prop.name for p in found.items):
                found.items.append(prop)
        elif isinstance(prop, Wildcard):
            existing = next((p for p in found.items if isinstance(p, Wildcard)), None)
            if existing is None:
                found.items.append(prop)
            else:
                known = {e.prefix for e in existing.entries}
                existing.entries.extend(e for e in prop.entries if e.prefix not in known)


def resolve(events: list[DataPoint], fragments: list[DataPoint]) -> list[Problem]:
    """Replace `${inline}` and `${include}` entries by the fragments' properties, in place."""
    problems: list[Problem] = []
    _resolve_inlines(fragments, fragments, problems)
    _resolve_inlines(events, fragments, problems)
    _resolve_includes(fragments, fragments, problems)
    _resolve_includes(events, fragments, problems)
    for event in events:
        _finish(event, fragments, problems)
    return _unique(problems)


def _lookup(
    fragments: list[DataPoint], reference: str, entry: Include | Inline, problems: list[Problem]
) -> DataPoint | None:
    name = fragment_name(reference)
    found = next((f for f in fragments if f.name == name), None)
    if found is None:
        where = entry.places.get(reference, entry.location)
        message = f"unknown fragment {json.dumps(reference)} (the reference tool drops it silently)"
        problems.append(Problem(where, message))
    return found


def _inlined(inline: Inline, fragment: DataPoint) -> list[Item]:
    return [
        Property(
            f"{inline.name}.{p.name}",
            inline.location,
            classification=p.classification,
            purpose=p.purpose,
            expiration=p.expiration,
            owner=p.owner,
            comment=p.comment,
            endpoint=p.endpoint,
            is_measurement=p.is_measurement,
        )
        for p in fragment.items
        if isinstance(p, Property)
    ]


def _resolve_inlines(
    points: list[DataPoint], fragments: list[DataPoint], problems: list[Problem]
) -> None:
    for point in points:
        i = 0
        while i < len(point.items):
            entry = point.items[i]
            if isinstance(entry, Inline):
                point.items = [p for p in point.items if p is not entry]
                for reference in entry.references:
                    fragment = _lookup(fragments, reference, entry, problems)
                    if fragment is not None:
                        point.items.extend(_inlined(entry, fragment))
            i += 1  # the entry that moved into slot i is not looked at: the reference's skip


def _resolve_includes(
    points: list[DataPoint], fragments: list[DataPoint], problems: list[Problem]
) -> None:
    for point in points:
        i, steps = 0, 0
        while i < len(point.items) and steps < _MAX_STEPS:
            steps += 1
            entry = point.items[i]
            if isinstance(entry, Include):
                point.items = [p for p in point.items if p is not entry]
                for reference in entry.names:
                    fragment = _lookup(fragments, reference, entry, problems)
                    if fragment is not None:
                        point.items = point.items + fragment.items
                    i = 0  # restarts, then steps past slot 0 like the reference's loop
            i += 1


def _finish(event: DataPoint, fragments: list[DataPoint], problems: list[Problem]) -> None:
    """Resolve what the reference's scan left behind (it would crash on these)."""
    if not any(isinstance(p, Include | Inline) for p in event.items):
        return
    event.items = _expanded(event.items, fragments, problems, seen=frozenset())


def _expanded(
    items: list[Item], fragments: list[DataPoint], problems: list[Problem], seen: frozenset[str]
) -> list[Item]:
    result: list[Item] = []
    for entry in items:
        if isinstance(entry, Inline):
            for reference in entry.references:
                fragment = _lookup(fragments, reference, entry, problems)
                if fragment is not None:
                    result.extend(_inlined(entry, fragment))
        elif isinstance(entry, Include):
            for reference in entry.names:
                fragment = _lookup(fragments, reference, entry, problems)
                if fragment is None:
                    continue
                if fragment.name in seen:
                    problems.append(
                        Problem(entry.location, f"fragment {reference} includes itself")
                    )
                    continue
                inner = seen | {fragment.name}
                result.extend(_expanded(fragment.items, fragments, problems, inner))
        else:
            result.append(entry)
    return result


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))

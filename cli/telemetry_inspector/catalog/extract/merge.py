"""Combining comment declarations exactly as the reference tool does.

Its rules, including the surprising ones, decide what lands in the catalog:
- a fragment declared twice gets both bodies; merging source folders then appends its list to
  itself once per declaration (2^(k-1) copies for k declarations; docs/vscode.md). Here a
  list is appended at most twice: two copies resolve as any more do (an entry the scan skips
  in one copy is met in the next) and the catalog keeps the first property of a name, so the
  result is the same and the cost stays linear;
- an event declared twice is merged only when every shared property agrees on classification
  and purpose, otherwise the later declaration is dropped (and reported as a conflict);
- `${inline}` is resolved before `${include}`, fragments before events; after an entry is
  resolved the scan skips one entry, which leaves some references unresolved. Those the
  reference then crashes on; here they are resolved in a final pass instead.
"""

from __future__ import annotations

import json
from typing import Any

from telemetry_inspector.catalog.extract.declarations import (
    INCLUDE,
    INLINE,
    METADATA,
    DataPoint,
    Include,
    Inline,
    Item,
    Metadata,
    Property,
    Wildcard,
)
from telemetry_inspector.catalog.extract.js_semantics import truthy
from telemetry_inspector.catalog.extract.model import Location, Problem

# Fragments that include each other can make the reference's scan grow a list without end; stop
# resolving a list past this many entries (what is left is resolved once, cycles reported).
_MAX_ITEMS = 1_000_000


def js_substring(text: str, start: int, end: int) -> str:
    """String.prototype.substring: bounds clamped, swapped when reversed."""
    low = min(max(start, 0), len(text))
    high = min(max(end, 0), len(text))
    return text[min(low, high) : max(low, high)]


def fragment_name(reference: str) -> str:
    """`${Name}` -> `Name` (the reference strips two characters in front and one behind)."""
    return js_substring(reference, 2, len(reference) - 1)


def find_or_add_fragment(
    slots: list[DataPoint], name: str, where: Location, index: dict[str, DataPoint]
) -> DataPoint:
    """The reference appends the fragment to its list every time, found or new; `index` holds
    the first fragment of each name in `slots`."""
    found = index.get(name)
    if found is None:
        found = index[name] = DataPoint(name, where, True)
    slots.append(found)
    return found


class FragmentBodies:
    """Fragment declarations already read, so a copy of one (a vendored or generated folder)
    can be skipped when that cannot change the catalog: the catalog keeps the first property of
    a name, so a repeated body only matters where it could set again what another body set
    (metadata, isMeasurement, anything an include or inline brings)."""

    def __init__(self) -> None:
        self._bodies: dict[str, set[str]] = {}

    def repeats(self, name: str, value: Any) -> bool:
        bodies = self._bodies.get(name, set())
        text = _body_text(value)
        return text in bodies and (len(bodies) == 1 or not _sets_again(value))

    def taken(self, name: str, value: Any) -> None:
        self._bodies.setdefault(name, set()).add(_body_text(value))


def _body_text(value: Any) -> str:
    return json.dumps(value, default=repr)


def _sets_again(value: Any) -> bool:
    """Whether a body holds something the catalog takes the last of, or may bring some."""
    if not isinstance(value, dict):
        return True
    for key, entry in value.items():
        if key in (INCLUDE, *METADATA):
            return True
        if isinstance(entry, dict) and (INLINE in entry or truthy(entry.get("isMeasurement"))):
            return True
    return False


def merge_fragments(target: list[DataPoint], source: list[DataPoint]) -> None:
    """Same-named fragments' items appended to the first one's, each source list at most twice
    (the reference's copies beyond two change nothing; see the module's note)."""
    first: dict[str, DataPoint] = {}
    for fragment in target:
        first.setdefault(fragment.name, fragment)
    appended: dict[tuple[int, int], int] = {}
    for item in source:
        found = first.get(item.name)
        if found is None:
            target.append(item)
            first[item.name] = item
            continue
        pair = (id(found), id(item))
        times = appended.get(pair, 0)
        if times < (1 if found is item else 2):  # a list appended to itself makes two copies
            appended[pair] = times + 1
            found.items = found.items + item.items


def merge_events(
    target: list[DataPoint], source: list[DataPoint], index: dict[str, DataPoint] | None = None
) -> None:
    """`index`, when given, holds the first event of each name in `target` and is kept so."""
    first = index if index is not None else {}
    if index is None:
        for event in target:
            first.setdefault(event.name, event)
    for item in source:
        found = first.get(item.name)
        if found is None:
            target.append(item)
            first[item.name] = item
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


def _inlined(inline: Inline, items: list[Item]) -> list[Item]:
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
        for p in items
        if isinstance(p, Property)
    ]


class _Scan:
    """A data point's items while the reference's scan removes entries and appends others.

    The reference removes an entry by rebuilding the list without every copy of it, and
    restarts its scan after each include; done literally that is quadratic in the number of
    entries. Here a removed slot is only marked, each entry knows its live slots, and the scan
    resumes where a restart would first find something new: the same result in linear time."""

    def __init__(self, items: list[Item]) -> None:
        self.items: list[Item] = []
        self.live: list[bool] = []
        self._slots: dict[int, list[int]] = {}  # id of an include or inline -> its live slots
        self._skipped: list[int] = []
        self.extend(items)

    def extend(self, items: list[Item]) -> None:
        for item in items:
            if isinstance(item, Include | Inline):
                self._slots.setdefault(id(item), []).append(len(self.items))
            self.items.append(item)
            self.live.append(True)

    def remove_every(self, entry: Item) -> None:
        for slot in self._slots.pop(id(entry), ()):
            self.live[slot] = False

    def next_live(self, slot: int) -> int:
        while slot < len(self.items) and not self.live[slot]:
            slot += 1
        return slot

    def after_skip(self, slot: int) -> int:
        """Where the scan goes on when the entry at `slot` was removed and the next one, moved
        into its place, is stepped over."""
        moved = self.next_live(slot + 1)
        self._skipped.append(moved)
        return self.next_live(moved + 1)

    def after_restart(self, slot: int) -> int:
        """Where a scan restarted from the second live entry first meets one it has not seen:
        the entries before `slot` were looked at already, except the first, which stays
        skipped, and any stepped over."""
        second = self.next_live(self.next_live(0) + 1)
        resume = max(second, self.next_live(slot + 1))
        missed = [s for s in self._skipped if second <= s < resume and self.live[s]]
        resume = min([*missed, resume])
        self._skipped = [s for s in self._skipped if s > resume]
        return resume

    def current(self) -> list[Item]:
        return [item for item, alive in zip(self.items, self.live, strict=True) if alive]


def _resolve_inlines(
    points: list[DataPoint], fragments: list[DataPoint], problems: list[Problem]
) -> None:
    for point in points:
        if not any(isinstance(p, Inline) for p in point.items):
            continue
        scan = _Scan(point.items)
        slot = 0
        while slot < len(scan.items):
            entry = scan.items[slot]
            if not isinstance(entry, Inline):
                slot = scan.next_live(slot + 1)
                continue
            scan.remove_every(entry)
            for reference in entry.references:
                fragment = _lookup(fragments, reference, entry, problems)
                if fragment is not None:  # a fragment inlining itself takes its list as it is now
                    scan.extend(
                        _inlined(entry, scan.current() if fragment is point else fragment.items)
                    )
            slot = scan.after_skip(slot)  # the reference's loop steps past the moved entry
        point.items = scan.current()


def _resolve_includes(
    points: list[DataPoint], fragments: list[DataPoint], problems: list[Problem]
) -> None:
    for point in points:
        if not any(isinstance(p, Include) for p in point.items):
            continue
        scan = _Scan(point.items)
        slot = 0
        while slot < len(scan.items) <= _MAX_ITEMS:
            entry = scan.items[slot]
            if not isinstance(entry, Include):
                slot = scan.next_live(slot + 1)
                continue
            scan.remove_every(entry)
            for reference in entry.names:
                fragment = _lookup(fragments, reference, entry, problems)
                if fragment is not None:
                    scan.extend(scan.current() if fragment is point else fragment.items)
            # after each name the reference restarts its scan, then steps past slot 0
            slot = scan.after_restart(slot) if entry.names else scan.after_skip(slot)
        point.items = scan.current()


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
                    result.extend(_inlined(entry, fragment.items))
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

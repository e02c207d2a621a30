"""What an update changes in the catalog, as a web page: newly collected personal data first,
then reclassified properties, then what was added and what was removed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telemetry_inspector import __version__
from telemetry_inspector.catalog.model import Change, ChangeKind, Event
from telemetry_inspector.logs.model import PERSONAL
from telemetry_inspector.records import record
from telemetry_inspector.render.html import page

# A section with more rows starts closed: the browser then need not lay it out while it loads
# (a catalog against nothing is tens of thousands of rows; seconds of layout).
OPEN_ROWS = 2000
ADDED = (ChangeKind.source_added, ChangeKind.event_added, ChangeKind.property_added)
REMOVED = (ChangeKind.source_removed, ChangeKind.event_removed, ChangeKind.property_removed)


@record
class Row:
    source: str
    old_source: str | None
    event: str | None
    property: str | None
    what: str
    classification: str | None = None
    purpose: str | None = None

    @property
    def personal(self) -> bool:
        return self.classification in PERSONAL


@record
class Section:
    id: str
    title: str
    explain: str
    rows: list[Row]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "(none)" if value is None else str(value)


def _added_fields(change: Change) -> list[dict[str, Any]]:
    """The properties a change brings in (an added event's, or the one added property)."""
    if change.kind is ChangeKind.event_added and isinstance(change.new, list):
        return [fields for fields in change.new if isinstance(fields, dict)]
    if change.kind is ChangeKind.property_added and isinstance(change.new, dict):
        return [{"property": change.property, **change.new}]
    return []


def newly_personal(changes: Sequence[Change], brought: Sequence[Event] = ()) -> list[Row]:
    """Properties that now collect personal data and did not: new ones so classified (in a new
    source's events `brought` too), and ones reclassified into such a classification."""
    rows = [
        Row(
            event.source,
            None,
            event.name,
            prop.name,
            "new source",
            classification=prop.classification,
            purpose=_text(prop.purpose),
        )
        for event in brought
        for prop in event.properties
        if prop.classification in PERSONAL
    ]
    for change in changes:
        for fields in _added_fields(change):
            if fields.get("classification") in PERSONAL:
                how = "new event" if change.kind is ChangeKind.event_added else "new property"
                rows.append(_row(change, how, fields, fields.get("property")))
        if (
            change.kind is ChangeKind.property_changed
            and change.field == "classification"
            and change.new in PERSONAL
            and change.old not in PERSONAL
        ):
            rows.append(
                Row(
                    change.source,
                    change.old_source,
                    change.event,
                    change.property,
                    f"reclassified from {_text(change.old)}",
                    classification=_text(change.new),
                )
            )
    return rows


def _row(change: Change, what: str, fields: dict[str, Any], prop: Any) -> Row:
    return Row(
        change.source,
        change.old_source,
        change.event,
        None if prop is None else str(prop),
        what,
        classification=_text(fields.get("classification")),
        purpose=_text(fields.get("purpose")),
    )


def _describe(change: Change) -> Row:
    kind = change.kind
    if kind in (ChangeKind.source_added, ChangeKind.source_removed):
        counts = change.new if kind is ChangeKind.source_added else change.old
        events = counts.get("events", 0) if isinstance(counts, dict) else 0
        word = "added" if kind is ChangeKind.source_added else "removed"
        return Row(change.source, change.old_source, None, None, f"source {word}, {events} events")
    if kind is ChangeKind.event_added:
        added = _added_fields(change)
        personal = sum(1 for fields in added if fields.get("classification") in PERSONAL)
        what = f"new event, {len(added)} properties" + (
            f", {personal} of them personal data" if personal else ""
        )
        return Row(change.source, change.old_source, change.event, None, what)
    if kind is ChangeKind.property_added:
        fields = _added_fields(change)[0] if _added_fields(change) else {}
        return _row(change, "new property", fields, change.property)
    if kind is ChangeKind.property_changed:
        what = f"{change.field}: {_text(change.old)} → {_text(change.new)}"
        classification = _text(change.new) if change.field == "classification" else None
        return Row(
            change.source,
            change.old_source,
            change.event,
            change.property,
            what,
            classification=classification,
        )
    return Row(
        change.source,
        change.old_source,
        change.event,
        change.property,
        kind.value.replace("-", " "),
    )


def sections(changes: Sequence[Change], brought: Sequence[Event] = ()) -> list[Section]:
    return [
        Section(
            "new-personal",
            "Newly collected personal data",
            "Properties classified as personal data that are new, or were classified otherwise "
            "before.",
            newly_personal(changes, brought),
        ),
        Section(
            "changed",
            "Reclassified",
            "Properties whose classification, purpose, endpoint or measurement flag changed.",
            [_describe(c) for c in changes if c.kind is ChangeKind.property_changed],
        ),
        Section(
            "added",
            "Added",
            "New sources, events and properties.",
            [_describe(c) for c in changes if c.kind in ADDED],
        ),
        Section(
            "removed",
            "Removed",
            "Sources, events and properties no longer in the catalog.",
            [_describe(c) for c in changes if c.kind in REMOVED],
        ),
    ]


def diff_page(changes: Sequence[Change], brought: Sequence[Event], *, old: str, new: str) -> str:
    """The page; `brought` holds the events of the sources the new side adds."""
    parts = sections(changes, brought)
    return page.render(
        "diff.html.j2",
        scripts=("filter.js",),
        styles=("page.css",),
        title="VS Code telemetry: what changed",
        version=__version__,
        old=old,
        new=new,
        sections=parts,
        equal=not changes,
        open_rows=OPEN_ROWS,
        sources=sorted({row.source for section in parts for row in section.rows}),
        placeholder="event, property, classification…",
    )

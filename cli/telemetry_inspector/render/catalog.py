"""Rich views of the catalog: the summary tables, one event, a diff.

Every string from a catalog file (names, comments, owners, folder names) is data: it goes through
`literal()` into a `Text` cell and is never parsed as markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

import telemetry_inspector.catalog.model as model
from telemetry_inspector.render.layout import Column, fitted
from telemetry_inspector.render.text import literal

_SHORT = {
    "SystemMetaData": "System\nmeta",
    "CallstackOrException": "Call-\nstack",
    "CustomerContent": "Customer\ncontent",
    "PublicNonPersonalData": "Public\nnon-pers.",
    "PublicPersonalData": "Public\npersonal",
    "EndUserPseudonymizedInformation": "Pseudo-\nnymized",
    "FeatureInsight": "Feature\ninsight",
    "PerformanceAndHealth": "Perf. and\nhealth",
    "BusinessInsight": "Business\ninsight",
    "SecurityAndAuditing": "Security,\nauditing",
}


def data(value: object) -> Text:
    """A cell holding text from a file, shown literally."""
    return Text(literal("" if value is None else str(value)))


def summary_view(
    rows: Sequence[model.SourceSummary], total: model.SourceSummary, without_catalog: Sequence[str]
) -> RenderableType:
    parts: list[RenderableType] = [
        _counts_table(
            "What each source can send, by classification", rows, total, model.CLASSIFICATIONS, True
        ),
        _counts_table("... and by purpose", rows, total, model.PURPOSES, False),
    ]
    if without_catalog:
        names = Text("Extensions without a catalog: ", style="bold")
        names.append(literal(", ".join(without_catalog)))
        parts.append(names)
    return Group(*parts)


def _counts_table(
    title: str,
    rows: Sequence[model.SourceSummary],
    total: model.SourceSummary,
    names: Sequence[str],
    by_classification: bool,
) -> RenderableType:
    totals = total.classifications if by_classification else total.purposes
    extra = [key for key in totals if key not in names]
    columns = [Column("Source", whole=True), *(Column(h, justify="right") for h in _COUNTS)]
    # our own two-line headers as they are; a name only the data knows is data: shown literally
    columns += [Column(_SHORT.get(name, name), justify="right") for name in names]
    columns += [Column(literal(name), justify="right") for name in extra]
    cells = []
    for row in rows:
        counts = row.classifications if by_classification else row.purposes
        numbers = [str(row.events), str(row.properties), str(row.common_properties)]
        numbers += [_count(counts.get(name, 0)) for name in (*names, *extra)]
        cells.append([data(row.source), *map(Text, numbers)])
    footer = ["total", str(total.events), str(total.properties), str(total.common_properties)]
    footer += [str(totals.get(name, 0)) for name in (*names, *extra)]
    return fitted(columns, cells, title=title, footer=footer)


_COUNTS = ("Events", "Props", "Common")


def _count(value: int) -> str:
    return str(value) if value else "·"


def event_view(events: Sequence[model.Event]) -> RenderableType:
    parts: list[RenderableType] = []
    for event in events:
        heading = Text()
        heading.append(literal(event.name), style="bold")
        heading.append("  from ")
        heading.append(literal(event.source), style="cyan")
        parts.append(heading)
        for label, value in (
            ("owner", event.owner),
            ("comment", event.comment),
            ("expires", event.expiration),
        ):
            if value:
                line = Text(f"{label}: ", style="dim")
                line.append(literal(value))
                parts.append(Padding(line, (0, 0, 0, 2), expand=False))  # wraps stay indented
        parts.append(_properties_table(event))
    return Group(*parts)


_PROPERTY_COLUMNS = (
    Column("Property", whole=True, style="bold"),
    Column("Classification"),
    Column("Purpose"),
    Column("Endpoint"),
    Column("Measurement"),
    Column("Comment", free_text=True),
)


def _properties_table(event: model.Event) -> RenderableType:
    if not event.properties:
        return Text("  (no properties)", style="dim")
    rows = [
        [
            data(prop.name),
            data(prop.classification or "?"),
            data(prop.purpose or "?"),
            data(prop.endpoint),
            Text("yes" if prop.measurement else ""),
            data(prop.comment),
        ]
        for prop in event.properties
    ]
    return fitted(_PROPERTY_COLUMNS, rows)


_MARKS = {
    model.ChangeKind.source_added: ("+", "green", "source"),
    model.ChangeKind.source_removed: ("-", "red", "source"),
    model.ChangeKind.event_added: ("+", "green", "event"),
    model.ChangeKind.event_removed: ("-", "red", "event"),
    model.ChangeKind.property_added: ("+", "green", "property"),
    model.ChangeKind.property_removed: ("-", "red", "property"),
    model.ChangeKind.property_changed: ("~", "yellow", "changed"),
}


def diff_view(changes: Sequence[model.Change]) -> RenderableType:
    if not changes:
        return Text("The catalogs are the same.")
    counted = Counter(change.kind for change in changes)
    summary = ", ".join(
        f"{counted[kind]} {kind.value.replace('-', ' ')}"
        for kind in model.ChangeKind
        if counted[kind]
    )
    columns = (
        Column(""),
        Column("Source", heading=True, bare=True),
        Column("Event", heading=True, bare=True),
        Column("Property", heading=True, bare=True),
        Column("What", free_text=True),
    )
    rows = []
    for change in changes:
        mark, style, _ = _MARKS[change.kind]
        rows.append(
            [
                Text(mark, style=style),
                _source_cell(change),
                data(change.event),
                data(change.property),
                _what(change),
            ]
        )
    table = fitted(columns, rows)
    return Group(Text(summary, style="bold"), table)


def _source_cell(change: model.Change) -> Text:
    cell = data(change.source)
    if change.old_source:
        cell.append(f" (was {literal(change.old_source)})", style="dim")
    return cell


def _what(change: model.Change) -> Text:
    kind = change.kind
    if kind is model.ChangeKind.property_changed:
        return data(f"{change.field}: {_plain(change.old)} -> {_plain(change.new)}")
    if kind is model.ChangeKind.property_added and isinstance(change.new, dict):
        return data(_describe(change.new))
    if kind is model.ChangeKind.event_added and isinstance(change.new, list):
        classes = Counter(str(p.get("classification")) for p in change.new)
        listed = ", ".join(f"{name} x{count}" for name, count in classes.most_common())
        return data(f"new event, {len(change.new)} properties" + (f": {listed}" if listed else ""))
    if kind in (model.ChangeKind.source_added, model.ChangeKind.source_removed):
        counts = change.new if kind is model.ChangeKind.source_added else change.old
        return data(
            f"{_MARKS[kind][2]} {'added' if kind is model.ChangeKind.source_added else 'removed'}, "
            f"{(counts or {}).get('events', 0)} events"
        )
    return data(kind.value.replace("-", " "))


def _describe(fields: dict[str, Any]) -> str:
    text = f"{fields.get('classification')} / {fields.get('purpose')}"
    if fields.get("endpoint") not in (None, "none"):
        text += f", endpoint {fields['endpoint']}"
    return text + (", measurement" if fields.get("measurement") else "")


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "(none)" if value is None else str(value)

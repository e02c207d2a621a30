"""Showing telemetry events: NDJSON records for machines, one compact rich line each for people.

The NDJSON path is the hot one. An event whose payload was logged as one clean line of JSON is
written by filling a byte template with that payload as it was logged (names and file names are
quoted once and kept); a reader given `payload_records` makes those records itself, from the
line. Any other event becomes the dict of `event_record`, serialised by orjson. Records go out in
batches of about 64 KB (or once per look while following); rich is imported only for terminals.
Every file-derived string on a terminal goes through `literal()` inside `rich.text.Text`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import orjson

from telemetry_inspector.logs.model import CORE, ENDPOINT, PERSONAL, Event, RecordFormat, Unparsed
from telemetry_inspector.render import console
from telemetry_inspector.render.machine import for_reader, json_bytes, write_bytes
from telemetry_inspector.render.text import literal

if TYPE_CHECKING:  # the records of annotations and counts: only their types are named here
    from rich.console import RenderableType
    from rich.text import Text

    from telemetry_inspector.logs.annotation_model import Annotation, PropertyNote
    from telemetry_inspector.logs.stats_model import Stats, Tally

    Annotate = Callable[[Event], Annotation]


# a reader's block of records is written as it is (joining several made a fresh allocation of
# a quarter MB per write, which glibc gave back and faulted in again: 40,000 page faults a run)
_BATCH_BYTES = 64 * 1024
_VALUE_WIDTH = 60
# properties VS Code adds to every event; hidden on a terminal unless --all-properties
_COMMON = frozenset(
    {"sessionid", "commithash", "version", "timestamp", "machineid", "isnewsession"}
)


# the NDJSON record around a payload passed through as logged (see Event.payload); same fields
# and order as event_record()
_RECORD = b'{"time":"%b",%b,%b,"file":%b,"line":%d}\n'
_QUOTED: dict[str, bytes] = {}
_NAMES_JSON: dict[tuple[str, str, str, str], bytes] = {}


def _names_json(level: str, kind: str, source: str, event: str) -> bytes:
    """`"level":..,"kind":..,"source":..,"event":..`: a handful of distinct values, made once."""
    key = (level, kind, source, event)
    text = _NAMES_JSON.get(key)
    if text is None:
        text = orjson.dumps({"level": level, "kind": kind, "source": source, "event": event})[1:-1]
        if len(_NAMES_JSON) < 10_000:
            _NAMES_JSON[key] = text
    return text


def _quoted(text: str) -> bytes:
    """`text` as a JSON string; names repeat, so they are encoded once."""
    quoted = _QUOTED.get(text)
    if quoted is None:
        quoted = json_bytes(text, pretty=False).rstrip(b"\n")  # a name not in UTF-8 too
        if len(_QUOTED) < 10_000:
            _QUOTED[text] = quoted
    return quoted


def payload_records(file: str) -> RecordFormat:
    """How a LineReader whose events are written as logged makes each event's NDJSON record
    straight from its line: `_RECORD` with the names and the file filled in (text put into a
    template has its `%` doubled: names and file names may hold one)."""
    time, names_at, payload_at, file_at, line = _RECORD.split(b"%b")
    end = file_at + _quoted(file).replace(b"%", b"%%") + line

    def template(level: str, kind: str, source: str, event: str) -> bytes:
        names = _names_json(level, kind, source, event).replace(b"%", b"%%")
        return time + b"%bT%b" + names_at + names + payload_at + b"%b" + end

    return RecordFormat(template)


def is_common(name: str, note_is_common: bool = False) -> bool:
    lowered = name.lower()
    return note_is_common or lowered.startswith("common.") or lowered in _COMMON


def annotation_record(annotation: Annotation, explain: bool) -> dict[str, Any]:
    record: dict[str, Any] = {"known": annotation.known}
    if annotation.known:
        record["key"] = annotation.key
        record["catalog"] = annotation.catalog
    record["classifications"] = {n: p.classification for n, p in annotation.properties.items()}
    record["not_in_catalog"] = annotation.unknown_properties
    record["personal"] = annotation.personal_properties
    if explain:
        record["owner"] = annotation.owner
        record["comment"] = annotation.comment
        record["comments"] = {n: p.comment for n, p in annotation.properties.items() if p.comment}
    return record


def event_record(event: Event) -> dict[str, Any]:
    """The NDJSON record of an event: the fields and order `_RECORD` writes too."""
    return {
        "time": event.time,
        "level": event.level,
        "kind": event.kind,
        "source": event.source,
        "event": event.event,
        "properties": event.properties,
        "measurements": event.measurements,
        "file": event.file,
        "line": event.line,
    }


class EventSink:
    """Writes events (NDJSON or rich lines) and reports unreadable lines on stderr."""

    def __init__(
        self,
        *,
        machine: bool,
        annotate: Annotate | None = None,
        explain: bool = False,
        all_properties: bool = False,
        verbose: bool = False,
    ) -> None:
        self.machine = machine
        self.annotate = annotate
        self.explain = explain
        self.all_properties = all_properties
        self.verbose = verbose
        self.unparsable = 0
        self._pending: list[bytes] = []
        self._pending_size = 0

    @property
    def writes_payloads(self) -> bool:
        """Whether events may come as records made by `payload_records` (NDJSON, unannotated)."""
        return self.machine and self.annotate is None

    def write(self, entries: Iterable[Event | Unparsed | bytes], *, flush: bool) -> None:
        if self.machine:
            self._write_ndjson(entries)
            if flush or self._pending_size >= _BATCH_BYTES:
                self.flush()
            return
        for entry in entries:
            if entry.__class__ is Event:
                note = self.annotate(entry) if self.annotate else None
                line = event_line(entry, note, self.all_properties, self.explain)
                # a file or a pipe gets one line per event; a terminal wraps them to its width
                console.show(line, soft_wrap=not console.stdout_is_terminal())
            else:
                self._unparsed(entry)

    def flush(self) -> None:
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            self._pending_size = 0
            write_bytes(for_reader(data))

    def _write_ndjson(self, entries: Iterable[Event | Unparsed]) -> None:
        pending = self._pending
        annotate = self.annotate
        names = _NAMES_JSON
        size = 0
        file = quoted_file = None  # the entries of a batch mostly come from one file
        for entry in entries:
            if entry.__class__ is bytes:  # a record made by payload_records
                pending.append(entry)
                size += len(entry)
                continue
            if entry.__class__ is not Event:
                self._unparsed(entry)
                continue
            if annotate is None and (raw := entry.payload) is not None:
                if entry.file is not file:
                    file = entry.file
                    quoted_file = _quoted(file)
                key = (entry.level, entry.kind, entry.source, entry.event)
                data = _RECORD % (
                    entry.time.encode(),
                    names.get(key) or _names_json(*key),
                    raw[1:-1],
                    quoted_file,
                    entry.line,
                )
            elif annotate is None:
                data = json_bytes(event_record(entry), pretty=False)
            else:
                record = event_record(entry)
                record["annotation"] = annotation_record(annotate(entry), self.explain)
                data = json_bytes(record, pretty=False)
            pending.append(data)
            size += len(data)
        self._pending_size += size

    def _unparsed(self, entry: Unparsed) -> None:
        self.unparsable += 1
        if self.verbose:
            console.say(f"{entry.file}:{entry.line}: {entry.reason}: {entry.text}", kind="note")


def event_line(
    event: Event, annotation: Annotation | None, all_properties: bool, explain: bool
) -> Text:
    """One event as one compact line: time, source, name, its own properties."""
    from rich.text import Text

    line = Text(no_wrap=False, overflow="fold")
    line.append(event.time[11:], style="dim")
    line.append(" ")
    line.append(_source_label(event), style="cyan")
    line.append(" ")
    line.append(literal(event.event), style="bold")
    if annotation is not None and not annotation.known:
        line.append(" (not in catalog)", style="yellow")
    hidden = 0
    for values, style in ((event.properties, "green"), (event.measurements, "blue")):
        for name, value in values.items():
            note = annotation.properties.get(name) if annotation is not None else None
            if not all_properties and is_common(name, note is not None and note.common):
                hidden += 1
                continue
            _append_property(line, name, value, note, style)
    if hidden:
        line.append(f"  +{hidden} common", style="dim")
    if explain and annotation is not None:
        _append_explanation(line, event, annotation, all_properties)
    return line


def _source_label(event: Event) -> str:
    if event.kind == CORE:
        return "core"
    if event.kind == ENDPOINT:
        return f"[{literal(event.source)}]"
    return "ext"


def _append_property(
    line: Text, name: str, value: Any, note: PropertyNote | None, style: str
) -> None:
    line.append("  ")
    if note is not None and note.personal:
        line.append("!" + literal(name), style="bold red")
    elif note is not None and note.classification is None:
        line.append(literal(name) + "?", style="yellow")
    else:
        line.append(literal(name), style="dim")
    text = value if isinstance(value, str) else json_bytes(value, pretty=False)[:-1].decode()
    if len(text) > _VALUE_WIDTH:
        text = text[: _VALUE_WIDTH - 1] + "…"
    line.append("=")
    line.append(literal(text), style=style)


def _append_explanation(line: Text, event: Event, annotation: Annotation, every: bool) -> None:
    if annotation.owner or annotation.comment:
        line.append(f"\n    owner {literal(annotation.owner or '?')}: ", style="dim")
        line.append(literal(annotation.comment or ""), style="italic")
    for name, note in annotation.properties.items():
        if note.classification is None or (not every and is_common(name, note.common)):
            continue
        style = "bold red" if note.personal else "dim"
        line.append(f"\n    {literal(name)}: {literal(note.classification)}", style=style)
        if note.purpose:
            line.append(f", {literal(note.purpose)}", style="dim")
        if note.comment:
            line.append(f" — {literal(note.comment)}", style="dim")


def legend() -> str:
    return "!name: personal data (per the catalog)   name?: property not in the catalog"


def stats_record(stats: Stats) -> dict[str, Any]:
    record: dict[str, Any] = {
        "files": list(stats.files),
        "events": stats.total.count,
        "first": stats.total.first or None,
        "last": stats.total.last or None,
        "unparsable": stats.unparsable,
        "by_event": [
            {
                "event": item.event,
                "kind": item.kind,
                "source": item.source,
                "count": item.tally.count,
                "first": item.tally.first,
                "last": item.tally.last,
                **({} if item.in_catalog is None else {"in_catalog": item.in_catalog}),
                **(
                    {}
                    if item.classifications is None
                    else {"classifications": dict(item.classifications)}
                ),
            }
            for item in stats.events
        ],
        "by_source": [
            {
                "kind": s.kind,
                "source": s.source,
                "count": s.tally.count,
                "first": s.tally.first,
                "last": s.tally.last,
            }
            for s in stats.sources
        ],
        "by_minute": [{"minute": minute, "count": count} for minute, count in stats.minutes],
    }
    if stats.classifications is not None:
        record["by_classification"] = [
            {"classification": name, "properties": count} for name, count in stats.classifications
        ]
        record["events_not_in_catalog"] = stats.events_not_in_catalog
    return record


def stats_csv(stats: Stats) -> None:
    """The per-event counts, one row each (in_catalog empty when no catalog was used)."""
    from telemetry_inspector.render.machine import write_csv

    known = {True: "yes", False: "no", None: ""}
    write_csv(
        ["event", "kind", "source", "count", "first", "last", "in_catalog"],
        [
            [item.event, item.kind, item.source, *_tally_cells(item.tally), known[item.in_catalog]]
            for item in stats.events
        ],
    )


def stats_view(stats: Stats) -> RenderableType:
    """A summary line, then tables per event, per source and (with a catalog) classification."""
    from rich.console import Group
    from rich.text import Text

    span = f"{stats.total.first} to {stats.total.last}" if stats.total.count else "no events"
    summary = Text(f"{stats.total.count} events, {span}; {len(stats.files)} files")
    if stats.unparsable:
        lines = "line" if stats.unparsable == 1 else "lines"
        summary.append(f"; {stats.unparsable} unreadable {lines}", style="yellow")
    parts: list[RenderableType] = [summary, _events_table(stats), _sources_table(stats)]
    if stats.classifications is not None:
        parts.append(_classes_table(stats))
    return Group(*parts)


def _events_table(stats: Stats) -> RenderableType:
    from rich.text import Text

    from telemetry_inspector.render.layout import Column, fitted

    columns = (
        Column("event", whole=True, style="bold"),
        Column("source", whole=True, heading=True, bare=True),
        Column("count", justify="right"),
        Column("first", whole=True),
        Column("last", whole=True),
    )
    rows = []
    for item in stats.events:
        name = Text(literal(item.event))
        if item.in_catalog is False:
            name.append(" (not in catalog)", style="yellow")
        tally = item.tally
        rows.append(
            [name, Text(literal(item.source)), *map(Text, _tally_cells(tally))],
        )
    return fitted(columns, rows, title="per event")


def _tally_cells(tally: Tally) -> tuple[str, str, str]:
    return str(tally.count), tally.first, tally.last


def _sources_table(stats: Stats) -> RenderableType:
    from rich.text import Text

    from telemetry_inspector.render.layout import Column, fitted

    columns = (
        Column("source", whole=True, style="bold"),
        Column("kind", heading=True, bare=True),
        Column("count", justify="right"),
        Column("first", whole=True),
        Column("last", whole=True),
    )
    rows = [
        [Text(literal(item.source)), Text(item.kind), *map(Text, _tally_cells(item.tally))]
        for item in stats.sources
    ]
    return fitted(columns, rows, title="per source")


def _classes_table(stats: Stats) -> RenderableType:
    from rich.text import Text

    from telemetry_inspector.render.layout import Column, fitted

    columns = (Column("classification", whole=True), Column("property values", justify="right"))
    rows = [
        [Text(literal(name), style="bold red" if name in PERSONAL else ""), Text(str(count))]
        for name, count in stats.classifications or ()
    ]
    return fitted(columns, rows, title="per classification")

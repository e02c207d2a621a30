"""Counting what the logs hold: per event, per source, per classification, first and last time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from telemetry_inspector.logs.annotate import Catalog
from telemetry_inspector.logs.model import Event, Unparsed
from telemetry_inspector.logs.stats_model import EventCount, SourceCount, Stats, Tally

NOT_IN_CATALOG = "(not in catalog)"
MINUTE = len("2026-03-30T10:00")  # an event's time cut to the minute it falls in


@dataclass(slots=True)
class StatsCounter:
    catalog: Catalog | None = None
    total: Tally = field(default_factory=Tally)
    unparsable: int = 0
    _events: dict[tuple[str, str, str], Tally] = field(default_factory=dict)
    _known: dict[tuple[str, str, str], bool] = field(default_factory=dict)
    _sources: dict[tuple[str, str], Tally] = field(default_factory=dict)
    _classes: dict[str, int] = field(default_factory=dict)
    _event_classes: dict[tuple[str, str, str], dict[str, int]] = field(default_factory=dict)
    _minutes: dict[str, int] = field(default_factory=dict)  # YYYY-MM-DDTHH:MM -> events

    def add(self, entries: Iterable[Event | Unparsed]) -> None:
        for entry in entries:
            if isinstance(entry, Event):
                self._add_event(entry)
            else:
                self.unparsable += 1

    def _add_event(self, event: Event) -> None:
        self.total.add(event.time)
        key = (event.event, event.kind, event.source)
        tally = self._events.get(key)
        if tally is None:
            tally = self._events[key] = Tally()
        tally.add(event.time)
        source = self._sources.get(key[1:])
        if source is None:
            source = self._sources[key[1:]] = Tally()
        source.add(event.time)
        minute = event.time[:MINUTE]
        self._minutes[minute] = self._minutes.get(minute, 0) + 1
        if self.catalog is not None:
            annotation = self.catalog.annotate(event)
            self._known[key] = annotation.known
            per_event = self._event_classes.get(key)
            if per_event is None:
                per_event = self._event_classes[key] = {}
            for note in annotation.properties.values():
                name = note.classification or NOT_IN_CATALOG
                self._classes[name] = self._classes.get(name, 0) + 1
                per_event[name] = per_event.get(name, 0) + 1

    def result(self, files: Iterable[str]) -> Stats:
        events = sorted(self._events.items(), key=lambda item: (-item[1].count, item[0]))
        sources = sorted(self._sources.items(), key=lambda item: (-item[1].count, item[0]))
        with_catalog = self.catalog is not None
        classes = sorted(self._classes.items(), key=lambda item: (-item[1], item[0]))
        return Stats(
            files=tuple(files),
            total=self.total,
            unparsable=self.unparsable,
            events=tuple(
                EventCount(
                    *key,
                    tally,
                    self._known.get(key) if with_catalog else None,
                    _most_first(self._event_classes.get(key, {})) if with_catalog else None,
                )
                for key, tally in events
            ),
            sources=tuple(SourceCount(*key, tally) for key, tally in sources),
            classifications=tuple(classes) if with_catalog else None,
            events_not_in_catalog=(
                sum(1 for known in self._known.values() if not known) if with_catalog else None
            ),
            minutes=tuple(sorted(self._minutes.items())),
        )


def _most_first(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

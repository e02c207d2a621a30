"""The counts `telemetry stats` makes of the logs (a leaf, as model.py is)."""

from __future__ import annotations

from dataclasses import dataclass

from telemetry_inspector.records import record


@dataclass(slots=True)
class Tally:
    """How often, and when first and last (a counter: it grows while the logs are read)."""

    count: int = 0
    first: str = ""
    last: str = ""

    def add(self, time: str) -> None:
        self.count += 1
        if not self.first or time < self.first:
            self.first = time
        if time > self.last:
            self.last = time


@record
class EventCount:
    event: str
    kind: str
    source: str
    tally: Tally
    in_catalog: bool | None  # None: no catalog to ask
    # property values this event carried per classification, most first; None: no catalog
    classifications: tuple[tuple[str, int], ...] | None = None


@record
class SourceCount:
    kind: str
    source: str
    tally: Tally


@record
class Stats:
    files: tuple[str, ...]
    total: Tally
    unparsable: int
    events: tuple[EventCount, ...]  # most frequent first
    sources: tuple[SourceCount, ...]
    classifications: tuple[tuple[str, int], ...] | None  # property values sent per classification
    events_not_in_catalog: int | None
    minutes: tuple[tuple[str, int], ...] = ()  # events per minute (YYYY-MM-DDTHH:MM), in order

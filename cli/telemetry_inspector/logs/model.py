"""The records that leave the logs domain: one telemetry event, one line we could not read.

A leaf module (docs/architecture.md: `model` modules may be imported by anyone, renderers too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

CORE = "core"
EXTENSION = "extension"
ENDPOINT = (
    "endpoint"  # core telemetry sent to a custom endpoint (debug adapters): `[id] telemetry/x`
)

# Classifications that describe data about a person: these stand out wherever they are shown.
PERSONAL = frozenset({"EndUserPseudonymizedInformation", "PublicPersonalData", "CustomerContent"})


# Not frozen, by measurement: a frozen dataclass sets each field through object.__setattr__,
# which triples the cost of building the one object `tail` makes per line (2.6 µs against 0.8 µs
# here, at 300k lines a run). Nothing changes an Event after it is made.
@dataclass(slots=True)
class Event:
    """One telemetry event as VS Code logged it."""

    time: str  # local time as logged, ISO form without zone: 2026-03-30T10:00:00.123
    level: str  # trace, debug, info, warning, error, critical
    kind: str  # CORE, EXTENSION or ENDPOINT
    # "core", the endpoint id, or an extension's id: its `common.extname` (`vscode.git`), else the
    # prefix of its logged name (`ms-python.python`, `git`)
    source: str
    event: str  # core: the name after `telemetry/`; extension: `publisher.name/event` as logged
    properties: dict[str, Any]
    measurements: dict[str, Any]
    file: str
    line: int  # 1-based line in `file` where the event starts
    # the JSON text of the payload as logged, when it is {"properties": {..}, "measurements": {..}}
    # on one line: lets a writer pass it through instead of serialising the parsed values again
    payload: bytes | None = None


@dataclass(frozen=True, slots=True)
class RecordFormat:
    """How a writer's record of an event is made from its line, when the payload is written as
    logged: `template % (time, fields, payload without its braces, line number)`, the time with
    a `T` for its space, `fields` made by `fields(level, kind, source, event)` (kept per name)."""

    template: bytes
    fields: Callable[[str, str, str, str], bytes]


@dataclass(frozen=True, slots=True)
class Unparsed:
    """A line (or a multi-line message) that is not a readable event; never fatal."""

    file: str
    line: int
    text: str  # raw text, decoded with replacement characters where it was not UTF-8
    reason: str


@dataclass(frozen=True, slots=True)
class PropertyNote:
    """What the catalog says about one property an event carried."""

    classification: str | None  # None: the catalog does not declare this property
    purpose: str | None = None
    comment: str | None = None
    common: bool = False  # declared among the catalog's common properties

    @property
    def personal(self) -> bool:
        return self.classification in PERSONAL


@dataclass(frozen=True, slots=True)
class Annotation:
    """An event joined with the catalog."""

    known: bool  # the catalog declares this event
    key: str | None = None  # the catalog's name for it
    catalog: str | None = None  # the catalog source that declares it (`vscode-core`, ...)
    owner: str | None = None
    comment: str | None = None
    properties: dict[str, PropertyNote] = field(default_factory=dict)

    @property
    def unknown_properties(self) -> list[str]:
        return [name for name, note in self.properties.items() if note.classification is None]

    @property
    def personal_properties(self) -> list[str]:
        return [name for name, note in self.properties.items() if note.personal]


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


@dataclass(frozen=True, slots=True)
class EventCount:
    event: str
    kind: str
    source: str
    tally: Tally
    in_catalog: bool | None  # None: no catalog to ask
    # property values this event carried per classification, most first; None: no catalog
    classifications: tuple[tuple[str, int], ...] | None = None


@dataclass(frozen=True, slots=True)
class SourceCount:
    kind: str
    source: str
    tally: Tally


@dataclass(frozen=True, slots=True)
class Stats:
    files: tuple[str, ...]
    total: Tally
    unparsable: int
    events: tuple[EventCount, ...]  # most frequent first
    sources: tuple[SourceCount, ...]
    classifications: tuple[tuple[str, int], ...] | None  # property values sent per classification
    events_not_in_catalog: int | None
    minutes: tuple[tuple[str, int], ...] = ()  # events per minute (YYYY-MM-DDTHH:MM), in order

"""The records that leave the logs domain: one telemetry event, one line we could not read.

A leaf module (docs/architecture.md: `model` modules may be imported by anyone, renderers too).
What only one command makes lives beside it, so that the others do not define it at start-up:
annotation_model.py (events joined with the catalog), stats_model.py (`stats`'s counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telemetry_inspector.records import record

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


@record
class RecordFormat:
    """How a writer's record of an event is made from its line, when the payload is written as
    logged: `template(level, kind, source, event) % (date, clock, payload without its braces,
    line number)`, the date and clock as logged (the record's time joins them with a `T`). The
    template is made once per name and kept by the reader."""

    template: Callable[[str, str, str, str], bytes]


@record
class Unparsed:
    """A line (or a multi-line message) that is not a readable event; never fatal."""

    file: str
    line: int
    text: str  # raw text, decoded with replacement characters where it was not UTF-8
    reason: str

"""The catalog as a web page: search, filters in the URL fragment, counts that follow them.

The events go into the page once, as compact JSON: repeated names (sources, classifications,
purposes, endpoints, owners) become indexes into lists, so a 30 MB catalog is not 30 MB of page.
The properties' comments, two thirds of the bytes, come in a second block after the script: the
list is drawn while the browser still reads them (measured with bench/html).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from telemetry_inspector import __version__
from telemetry_inspector.catalog.model import CLASSIFICATIONS, CORE_FILES, PURPOSES, Event
from telemetry_inspector.logs.model import PERSONAL
from telemetry_inspector.render.html import page

NONE = "(none)"
_FILTERS = (
    ("source", "Source"),
    ("classification", "Classification"),
    ("purpose", "Purpose"),
    ("endpoint", "Endpoint"),
    ("owner", "Owner"),
)
MEASUREMENT, WILDCARD = 1, 2


class _Names:
    """Strings numbered in order of first use (after the ones given up front)."""

    def __init__(self, first: Iterable[str] = ()) -> None:
        self.index: dict[str, int] = {}
        for name in first:
            self.of(name)

    def of(self, name: str | None) -> int:
        # one call per property and field (300k for a full catalog): setdefault does it in C
        return self.index.setdefault(NONE if name is None else name, len(self.index))

    @property
    def names(self) -> list[str]:
        return list(self.index)


def catalog_data(
    events: Iterable[Event], common: Iterable[Event]
) -> tuple[dict[str, Any], list[list[str | None] | None]]:
    """What the page's script reads: every event (and each source's common properties) once,
    and apart, per event, its properties' comments (None for an event whose have none)."""
    sources, owners = _Names(), _Names()
    classes, purposes, endpoints = _Names(CLASSIFICATIONS), _Names(PURPOSES), _Names(("none",))
    rows = []
    comments: list[list[str | None] | None] = []
    for is_common, group in ((0, events), (1, common)):
        for event in group:
            props = [
                [
                    prop.name,
                    classes.of(prop.classification),
                    purposes.of(prop.purpose),
                    endpoints.of(prop.endpoint),
                    (MEASUREMENT if prop.measurement else 0) | (WILDCARD if prop.wildcard else 0),
                    *(() if prop.owner is None else (owners.of(prop.owner),)),
                ]
                for prop in event.properties
            ]
            notes = [prop.comment for prop in event.properties]
            comments.append(notes if any(note is not None for note in notes) else None)
            owner = owners.of(event.owner) if event.owner is not None else -1
            rows.append(
                [
                    sources.of(event.source),
                    event.name,
                    owner,
                    event.comment,
                    event.expiration,
                    is_common,
                    props,
                ]
            )
    return {
        "sources": sources.names,
        "classifications": classes.names,
        "purposes": purposes.names,
        "endpoints": endpoints.names,
        "owners": owners.names,
        "coreSources": [name for name in CORE_FILES if name in sources.index],
        "personal": [classes.index[name] for name in sorted(PERSONAL) if name in classes.index],
        "known": {"classification": len(CLASSIFICATIONS), "purpose": len(PURPOSES)},
        "events": rows,
    }, comments


def catalog_page(
    events: Iterable[Event],
    common: Iterable[Event],
    *,
    origin: str | None = None,
    filtered: bool = False,
) -> str:
    """The whole page. `common` holds one pseudo-event per source with its common properties."""
    data, comments = catalog_data(events, common)
    rows = data["events"]
    totals = {
        "sources": len(data["sources"]),
        "events": sum(1 for row in rows if not row[5]),
        "properties": sum(len(row[6]) for row in rows),
    }
    return page.render(
        "catalog.html.j2",
        scripts=("catalog.js",),
        styles=("page.css",),
        title="VS Code telemetry catalog",
        version=__version__,
        origin=origin,
        filtered=filtered,
        totals=totals,
        filters=[{"name": name, "label": label} for name, label in _FILTERS],
        data=page.embed_json(data),
        comments=page.embed_json(comments),
    )

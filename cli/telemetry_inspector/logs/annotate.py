"""Joining a logged event with the catalog: what it is, who owns it, how its properties are classed.

A catalog here is what `telemetry report --json` and `code --telemetry` print: catalog sources
(`vscode-core`, `vscode-extensions`, one per extension folder `publisher.name-version`), each
`{"commonProperties": {...}, "events": {...}}`; one extractor output (`{"events": ...}`) works too.
Reading the file is the catalog layer's job (catalog.saved); this takes the parsed value.

How logged names meet catalog keys (docs/vscode.md, "Telemetry logs" and "The catalog"):
- core events are logged `telemetry/<name>` and the core catalog keys them `<name>` (the build
  extracts core without a prefix); the 1DS appender sends them as `monacoworkbench/<name>`, so a
  catalog keyed that way is matched too;
- extension events are logged `<publisher.name>/<event>` (built-ins: `<name>/<event>`);
  the built-in extensions' catalog keys them with the extractor's `--eventPrefix` (`git/...`), which
  is usually the same text but may name the extension without its publisher or with another name;
  an extension's own telemetry.json may key them with or without the prefix;
- debug adapters' endpoint events `[<id>] telemetry/<name>`: looked up as core, then `<id>/<name>`.
Property names are lower-cased in catalogs; `${wildcard}` prefixes classify families of names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telemetry_inspector.catalog.model import report_sources
from telemetry_inspector.errors import RefusedError
from telemetry_inspector.logs.annotation_model import Annotation, PropertyNote
from telemetry_inspector.logs.model import CORE, EXTENSION, Event
from telemetry_inspector.vscode.names import extension_identity

CORE_EVENT_PREFIXES = ("monacoworkbench/",)
_UNKNOWN = PropertyNote(None)
_HINT = "pass the JSON that `telemetry report --json` or `code --telemetry` prints"


class Catalog:
    """Events indexed for lookup by the names the logs use."""

    def __init__(self, sources: dict[str, dict[str, Any]]) -> None:
        self._events: dict[str, list[tuple[str, str, dict]]] = {}  # key -> (source, key, spec)
        self._by_event: dict[str, list[tuple[str, str, str, dict]]] = {}  # tail -> (prefix, ...)
        self._scoped: dict[str, str] = {}  # extension id (lower case) -> its catalog source
        self._common: dict[str, dict[str, dict]] = {}
        self._all_common: dict[str, dict] = {}
        self._cache: dict[tuple[str, str], Annotation] = {}
        for source, catalog in sources.items():
            self._add_source(source, catalog)

    @classmethod
    def from_report(cls, value: object, *, path: Path | str = "<catalog>") -> Catalog:
        """The catalog of a report or a single catalog file, told apart by the rule every reader
        of a catalog file follows (catalog.model.report_sources); a source that is not an object
        holds nothing to look up."""
        sources = report_sources(value)
        if sources is None:
            raise RefusedError(
                "not a report (an object of catalogs) nor a catalog", path=path, hint=_HINT
            )
        return cls({key: source for key, source in sources.items() if isinstance(source, dict)})

    def _add_source(self, source: str, catalog: dict[str, Any]) -> None:
        events = catalog.get("events")
        common = catalog.get("commonProperties")
        if isinstance(common, dict):
            lowered = {k.lower(): v for k, v in common.items() if isinstance(v, dict)}
            self._common[source] = lowered
            for name, spec in lowered.items():
                self._all_common.setdefault(name, spec)
        if "." in source:
            self._scoped[extension_identity(source)] = source
        for key, spec in (events if isinstance(events, dict) else {}).items():
            if not isinstance(spec, dict):
                continue
            self._events.setdefault(key, []).append((source, key, spec))
            prefix, slash, tail = key.rpartition("/")
            if slash:
                self._by_event.setdefault(tail, []).append((prefix, source, key, spec))

    def annotate(self, event: Event) -> Annotation:
        """The catalog's view of `event` (cached per event name and property set)."""
        names = tuple(event.properties) + tuple(event.measurements)
        cache_key = (event.source + "\0" + event.event, "\0".join(names))
        found = self._cache.get(cache_key)
        if found is None:
            found = self._annotate(event, names)
            if len(self._cache) < 50_000:
                self._cache[cache_key] = found
        return found

    def _annotate(self, event: Event, names: tuple[str, ...]) -> Annotation:
        match = self.lookup(event)
        if match is None:
            common = self._all_common
            return Annotation(False, properties={n: self._note(n, None, common) for n in names})
        source, key, spec = match
        common = self._common.get(source) or self._all_common
        notes = {name: self._note(name, spec, common) for name in names}
        owner, comment = spec.get("owner"), spec.get("comment")
        return Annotation(
            True,
            key,
            source,
            owner if isinstance(owner, str) else None,
            comment if isinstance(comment, str) else None,
            notes,
        )

    def lookup(self, event: Event) -> tuple[str, str, dict] | None:
        """(source, key, spec) of the catalog entry for `event`, or None."""
        if event.kind == EXTENSION:
            return self._lookup_extension(event.source, event.event.partition("/")[2])
        found = self._first(event.event, *(p + event.event for p in CORE_EVENT_PREFIXES))
        if found is None and event.kind != CORE:  # an endpoint: its id works like a prefix
            found = self._lookup_extension(event.source, event.event)
        return found

    def _lookup_extension(self, extension: str, name: str) -> tuple[str, str, dict] | None:
        scoped = self._scoped.get(extension.lower())
        if scoped is not None:
            for entry in self._events.get(name, []) + self._events.get(f"{extension}/{name}", []):
                if entry[0] == scoped:
                    return entry
        found = self._first(f"{extension}/{name}", f"{extension}{name}")
        if found is not None:
            return found
        # the same extension named with or without its publisher (`vscode.git` / `git`)
        short = _short_name(extension)
        for prefix, source, key, spec in self._by_event.get(name, ()):
            if _short_name(prefix) == short:
                return source, key, spec
        return None

    def _first(self, *keys: str) -> tuple[str, str, dict] | None:
        for key in keys:
            entries = self._events.get(key)
            if entries:
                return entries[0]
        return None

    def _note(self, name: str, spec: dict | None, common: dict[str, dict]) -> PropertyNote:
        lowered = name.lower()
        declared = spec.get(lowered) if spec is not None else None
        if isinstance(declared, dict):
            return _property_note(declared, common=False)
        if spec is not None:
            for wildcard in spec.get("${wildcard}") or ():
                if _wildcard_matches(wildcard, lowered):
                    return _property_note(wildcard.get("${classification}") or {}, common=False)
        declared = common.get(lowered) or self._all_common.get(lowered)
        if declared is not None:
            return _property_note(declared, common=True)
        return _UNKNOWN

    def common_names(self) -> frozenset[str]:
        return frozenset(self._all_common)


def _short_name(extension: str) -> str:
    return extension.rpartition(".")[2].lower()


def _wildcard_matches(wildcard: object, lowered: str) -> bool:
    if not isinstance(wildcard, dict):
        return False
    prefix = wildcard.get("${prefix}")
    return isinstance(prefix, str) and lowered.startswith(prefix.lower())


def _property_note(spec: dict, *, common: bool) -> PropertyNote:
    def text(key: str) -> str | None:
        value = spec.get(key)
        return value if isinstance(value, str) else None

    return PropertyNote(
        text("classification") or "unclassified", text("purpose"), text("comment"), common
    )

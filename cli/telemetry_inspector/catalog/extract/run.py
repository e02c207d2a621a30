"""Extraction from start to end: find the files, read the comment declarations, read the typed
calls, merge everything as the reference tool does, and collect every problem on the way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from telemetry_inspector.catalog.extract import comments, merge
from telemetry_inspector.catalog.extract.assemble import Definition, TypedEvent, assemble
from telemetry_inspector.catalog.extract.comments import Kind, LineIndex
from telemetry_inspector.catalog.extract.declarations import (
    DataPoint,
    Property,
    common_property,
    populate,
)
from telemetry_inspector.catalog.extract.files import find_source_files
from telemetry_inspector.catalog.extract.jsvalues import js_sort_key
from telemetry_inspector.catalog.extract.model import (
    Extraction,
    ExtractOptions,
    Problem,
    SourceSpec,
)
from telemetry_inspector.catalog.extract.reading import Contents, read_all
from telemetry_inspector.catalog.extract.typed import extract_typed

Progress = Callable[[int, int], None]
_COMMENT_MARKER = b"__GDPR__"


@dataclass(slots=True)
class _CommentResult:
    fragments: list[DataPoint] = field(default_factory=list)
    events: list[DataPoint] = field(default_factory=list)
    commons: list[Property] = field(default_factory=list)
    definitions: dict[str, list[Definition]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def extract(specs: list[SourceSpec], progress: Progress | None = None) -> Extraction:
    """The catalog the reference tool would write for these specs, plus every problem."""
    listings = {d: find_source_files(d, s.excluded_dirs) for s in specs for d in s.source_dirs}
    contents = read_all(listings.values(), _COMMENT_MARKER, progress)
    events: list[DataPoint] = []
    commons: list[Property] = []
    typed: dict[str, TypedEvent] = {}
    definitions: dict[str, list[Definition]] = {}
    problems: list[Problem] = []
    for spec in specs:
        options = spec.options
        prefix = options.event_prefix
        per_dir = [
            _comments(listings[d].comment_files, contents, options) for d in spec.source_dirs
        ]
        fragments: list[DataPoint] = []
        spec_events: list[DataPoint] = []
        for result in per_dir:
            merge.merge_fragments(fragments, result.fragments)
            merge.merge_events(spec_events, result.events)
            commons.extend(result.commons)
            problems.extend(result.problems)
        problems.extend(merge.resolve(spec_events, fragments))
        spec_typed: dict[str, TypedEvent] = {}
        for source_dir in spec.source_dirs:
            result = extract_typed(source_dir, listings[source_dir].typed_files, contents, options)
            spec_typed.update(result.typed_events())
            _add_definitions(definitions, result.definitions, prefix)
            problems.extend(result.problems)
        for event in spec_events:
            event.name = prefix + event.name
        events.extend(spec_events)
        typed.update({prefix + name: event for name, event in spec_typed.items()})
        for result in per_dir:
            _add_definitions(definitions, result.definitions, prefix)
    catalog, found = assemble(events, commons, typed, definitions)
    problems.extend(found)
    scanned = sum(len(set(f.comment_files) | set(f.typed_files)) for f in listings.values())
    return Extraction(catalog, tuple(_in_order(problems)), scanned)


def _add_definitions(
    target: dict[str, list[Definition]], source: dict[str, list[Definition]], prefix: str
) -> None:
    for name, sites in source.items():
        target.setdefault(prefix + name, []).extend(sites)


def _comments(
    files: tuple[str, ...], contents: Contents, options: ExtractOptions
) -> _CommentResult:
    result = _CommentResult()
    texts = {path: contents.text(path) for path in files if contents.has(path, _COMMENT_MARKER)}
    indexes = {path: LineIndex(path, text) for path, text in texts.items()}
    for kind in (Kind.fragment, Kind.event, Kind.common):
        for path, text in texts.items():
            if not comments.mentions(kind, text):
                continue
            declarations, problems = comments.scan(kind, text, indexes[path])
            result.problems.extend(problems)
            for declaration in declarations:
                _take(result, declaration, options)
    return result


def _take(
    result: _CommentResult, declaration: comments.Declaration, options: ExtractOptions
) -> None:
    where = declaration.location
    apply = options.apply_endpoints
    if declaration.kind is Kind.fragment:
        fragment = merge.find_or_add_fragment(result.fragments, declaration.name, where)
        result.problems.extend(populate(fragment, declaration.value, apply, where))
    elif declaration.kind is Kind.event:
        name = declaration.name.lower() if options.lower_case_events else declaration.name
        site = Definition(dict(declaration.value), where, False)
        result.definitions.setdefault(name, []).append(site)
        event = DataPoint(name, where)
        result.problems.extend(populate(event, declaration.value, apply, where))
        merge.merge_events(result.events, [event])
    else:
        result.commons.append(common_property(declaration.name, declaration.value, apply, where))


def _in_order(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(
        unique, key=lambda p: (js_sort_key(p.location.path), p.location.line, p.location.column)
    )

"""Extraction from start to end: find the files, read the comment declarations, read the typed
calls, merge everything as the reference tool does, and collect every problem on the way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from telemetry_inspector.catalog.extract import comments, merge, shards
from telemetry_inspector.catalog.extract.assemble import Definition, TypedEvent, assemble
from telemetry_inspector.catalog.extract.call_replay import TypedResult, reference_order, replay
from telemetry_inspector.catalog.extract.call_sites import CallOutcome
from telemetry_inspector.catalog.extract.comments import Kind
from telemetry_inspector.catalog.extract.declarations import (
    DataPoint,
    Property,
    common_property,
    populate,
)
from telemetry_inspector.catalog.extract.files import SourceFiles, find_source_files
from telemetry_inspector.catalog.extract.js_semantics import js_sort_key
from telemetry_inspector.catalog.extract.model import (
    Extraction,
    ExtractOptions,
    Location,
    Problem,
    Severity,
    SourceSpec,
)
from telemetry_inspector.catalog.extract.tsconfig import settings_for

# (done, total): files read of all; while the files are still being found, (found, None).
Progress = Callable[[int, int | None], None]


@dataclass(slots=True)
class _CommentResult:
    fragments: list[DataPoint] = field(default_factory=list)
    events: list[DataPoint] = field(default_factory=list)
    commons: list[Property] = field(default_factory=list)
    definitions: dict[str, list[Definition]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    fragment_index: dict[str, DataPoint] = field(default_factory=dict)
    event_index: dict[str, DataPoint] = field(default_factory=dict)
    fragment_bodies: merge.FragmentBodies = field(default_factory=merge.FragmentBodies)


def extract(
    specs: list[SourceSpec], progress: Progress | None = None, workers: int | None = None
) -> Extraction:
    """The catalog the reference tool would write for these specs, plus every problem."""
    listings = _find_files(specs, progress)
    paths = list(
        dict.fromkeys(p for f in listings.values() for p in (*f.comment_files, *f.typed_files))
    )
    if progress is not None:
        progress(0, len(paths))
    jobs = [
        shards.TypedJob(d, s.options, listings[d].typed_files) for s in specs for d in s.source_dirs
    ]
    scanned: dict[str, comments.FileDeclarations] = {}
    unreadable = [u for listing in listings.values() for u in listing.unreadable]
    outcomes: list[dict[str, list[CallOutcome]]] = [{} for _ in jobs]
    if workers is None:
        count = shards.default_workers(len(paths))
    else:
        count = shards.useful_workers(workers, len(paths))
    try:
        for chunk in shards.run_chunks(paths, jobs, count, progress):
            scanned.update(chunk.comments)
            unreadable.extend(chunk.unreadable)
            for merged, found in zip(outcomes, chunk.outcomes, strict=True):
                merged.update(found)
    finally:
        shards.forget_projects()
    typed_results = iter(
        replay(reference_order([per_file[p] for p in job.files if p in per_file]))
        for job, per_file in zip(jobs, outcomes, strict=True)
    )
    result = _combine(specs, listings, scanned, typed_results, len(paths))
    notes = [p for d in dict.fromkeys(listings) for p in _tsconfig_problems(d)]
    notes += [
        Problem(Location(path, 1, 1), f"cannot read: {why}; skipped", Severity.warning)
        for path, why in dict.fromkeys(unreadable)
    ]
    if not notes:
        return result
    problems = tuple(_in_order([*result.problems, *notes]))
    return Extraction(result.catalog, problems, result.files_scanned)


def _find_files(specs: list[SourceSpec], progress: Progress | None) -> dict[str, SourceFiles]:
    """Every source folder's files, with the count found so far told as it grows."""
    listings: dict[str, SourceFiles] = {}
    earlier = 0
    for spec in specs:
        for folder in spec.source_dirs:  # a folder given again is listed again, last wins
            found = None if progress is None else (lambda n, e=earlier: progress(e + n, None))
            listing = listings[folder] = find_source_files(folder, spec.excluded_dirs, found)
            earlier += len({*listing.comment_files, *listing.typed_files})
    return listings


def _tsconfig_problems(source_dir: str) -> list[Problem]:
    return [
        Problem(Location(path, line, column), text, Severity.warning)
        for path, line, column, text in settings_for(source_dir).problems
    ]


@dataclass(slots=True)
class _Merged:
    """Everything all specs declared, before it becomes the catalog."""

    events: list[DataPoint] = field(default_factory=list)
    commons: list[Property] = field(default_factory=list)
    typed: dict[str, TypedEvent] = field(default_factory=dict)
    definitions: dict[str, list[Definition]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _combine(
    specs: list[SourceSpec],
    listings: dict[str, SourceFiles],
    scanned: dict[str, comments.FileDeclarations],
    typed_results: Iterator[TypedResult],
    file_count: int,
) -> Extraction:
    """Merge per spec as the reference does: comments of all folders, then typed events."""
    merged = _Merged()
    for spec in specs:
        per_dir = [
            _comments(listings[d].comment_files, scanned, spec.options) for d in spec.source_dirs
        ]
        typed = [next(typed_results) for _ in spec.source_dirs]
        _merge_spec(spec, per_dir, typed, merged)
    catalog, found = assemble(merged.events, merged.commons, merged.typed, merged.definitions)
    return Extraction(catalog, tuple(_in_order([*merged.problems, *found])), file_count)


def _merge_spec(
    spec: SourceSpec, per_dir: list[_CommentResult], typed: list[TypedResult], merged: _Merged
) -> None:
    prefix = spec.options.event_prefix
    fragments: list[DataPoint] = []
    events: list[DataPoint] = []
    for result in per_dir:
        merge.merge_fragments(fragments, result.fragments)
        merge.merge_events(events, result.events)
        merged.commons.extend(result.commons)
        merged.problems.extend(result.problems)
    merged.problems.extend(merge.resolve(events, fragments))
    spec_typed: dict[str, TypedEvent] = {}
    for result in typed:  # a later folder's event replaces an earlier folder's whole
        spec_typed.update(result.typed_events())
        _add_definitions(merged.definitions, result.definitions, prefix)
        merged.problems.extend(result.problems)
    for event in events:
        event.name = prefix + event.name
    if spec.patch_debug_events:
        events.extend(_debug_events(prefix, spec.source_dirs[0] if spec.source_dirs else ""))
    merged.events.extend(events)
    merged.typed.update({prefix + name: event for name, event in spec_typed.items()})
    for result in per_dir:
        _add_definitions(merged.definitions, result.definitions, prefix)


def _debug_events(prefix: str, folder: str) -> list[DataPoint]:
    """What the reference's patchDebugEvents adds: two events every debug adapter sends."""
    where = Location(folder, 1, 1)
    error = DataPoint(prefix + "debugProtocolErrorResponse", where)
    error.items.append(Property("error", where, "CallstackOrException", "PerformanceAndHealth"))
    optin = DataPoint(prefix + "optinstatus", where)
    optin.items.append(
        Property("optin", where, "SystemMetaData", "BusinessInsight", is_measurement=True)
    )
    return [error, optin]


def _add_definitions(
    target: dict[str, list[Definition]], source: dict[str, list[Definition]], prefix: str
) -> None:
    for name, sites in source.items():
        target.setdefault(prefix + name, []).extend(sites)


def _comments(
    files: tuple[str, ...], scanned: dict[str, comments.FileDeclarations], options: ExtractOptions
) -> _CommentResult:
    """The reference's order: fragments of every file, then events, then common properties."""
    result = _CommentResult()
    chosen = [scanned[path] for path in files if path in scanned]
    for kind in (Kind.fragment, Kind.event, Kind.common):
        for per_kind in chosen:
            declarations, problems = per_kind.get(kind, ((), ()))
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
        name = declaration.name
        fragment = merge.find_or_add_fragment(result.fragments, name, where, result.fragment_index)
        if result.fragment_bodies.repeats(name, declaration.value):
            return
        found = populate(fragment, declaration.value, apply, declaration.locate)
        if not found:  # a body with problems is read again, so each copy's are reported
            result.fragment_bodies.taken(name, declaration.value)
        result.problems.extend(found)
    elif declaration.kind is Kind.event:
        name = declaration.name.lower() if options.lower_case_events else declaration.name
        site = Definition(dict(declaration.value), where, False)
        result.definitions.setdefault(name, []).append(site)
        event = DataPoint(name, where)
        result.problems.extend(populate(event, declaration.value, apply, declaration.locate))
        merge.merge_events(result.events, [event], result.event_index)
    else:
        common = common_property(declaration.name, declaration.value, apply, where)
        result.commons.append(common)


def _in_order(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(
        unique, key=lambda p: (js_sort_key(p.location.path), p.location.line, p.location.column)
    )

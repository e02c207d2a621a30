"""`telemetry tail` and `telemetry stats`: what VS Code is sending, live or counted.

Thin commands: options in, the logs domain reads, render/logs shows. Domain modules and rich are
imported inside the functions so `tail --json` starts (and runs) without what it does not use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from telemetry_inspector.commands.options import (
    AppRoot,
    ExtensionsDir,
    Flavors,
    Json,
    OutputFile,
    UserDataDir,
    check_page_output,
    flavors_named,
    installed_catalog,
    output_format,
    output_to,
    policy_of,
    targets_of,
    write_page,
)

if TYPE_CHECKING:
    from telemetry_inspector.logs.annotate import Catalog
    from telemetry_inspector.logs.discovery import Found
    from telemetry_inspector.logs.filters import EventFilter
    from telemetry_inspector.logs.sessions import Targets
    from telemetry_inspector.logs.silence import Installation
    from telemetry_inspector.render.logs import EventSink
    from telemetry_inspector.vscode.flavors import Flavor

FILES_HELP = (
    "Telemetry log files, session folders (logs/<YYYYMMDDTHHMMSS>) or logs folders. Default: the "
    "newest session of each VS Code flavor that has logs (or of --flavor / --user-data-dir)."
)
Files = Annotated[
    list[Path] | None,
    typer.Argument(metavar="FILE...", readable=False, help=FILES_HELP, show_default=False),
]
CatalogFile = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        metavar="FILE",
        readable=False,  # our own error names the file and the reason, exit 1
        help="Annotate with this catalog (what `telemetry report` or `code --telemetry` prints) "
        "instead of the installation's.",
        show_default=False,
    ),
]
NoCatalog = Annotated[
    bool, typer.Option("--no-catalog", metavar="", help="Do not annotate events.")
]
Lines = Annotated[
    int | None,
    typer.Option(
        "-n",
        "--lines",
        min=0,
        metavar="N",
        help="Start with the last N events (default: 10 when following, all with --no-follow).",
        show_default=False,
    ),
]
Events = Annotated[
    list[str] | None, typer.Option(metavar="GLOB", help="Only events named so (repeatable).")
]
Excludes = Annotated[
    list[str] | None, typer.Option(metavar="GLOB", help="Leave out events named so.")
]
Sources = Annotated[
    list[str] | None,
    typer.Option(metavar="SOURCE", help="Only core, extension, endpoint, or this id."),
]
Wheres = Annotated[
    list[str] | None,
    typer.Option(metavar="KEY=VALUE", help="Only events whose property KEY is VALUE."),
]

TIME_HELP = "ISO (2026-03-30, 2026-03-30T14:05) or ago (90s, 15m, 2h, 3d, 1w)"
Since = Annotated[
    str | None,
    typer.Option(metavar="TIME", help=f"Only events logged at or after TIME: {TIME_HELP}."),
]
Until = Annotated[
    str | None,
    typer.Option(metavar="TIME", help=f"Only events logged at or before TIME: {TIME_HELP}."),
]


class TailFormat(StrEnum):
    text = "text"
    json = "json"


class StatsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"


def _format_option(choices: type[StrEnum], default_words: str):
    return typer.Option(
        "--format",
        metavar="|".join(choices),
        help=f"The view to print (default: {default_words}).",
        case_sensitive=False,
        show_default=False,
    )


def _flag(name: str, text: str, *aliases: str) -> typer.models.OptionInfo:
    return typer.Option(name, *aliases, metavar="", help=text)


@dataclass(frozen=True, slots=True)
class CatalogChoice:
    """Where annotations come from: a file, the installation (as `report` finds it), or none."""

    file: Path | None = None
    off: bool = False
    app_root: Path | None = None
    flavors: tuple[str, ...] = ()
    extensions_dir: Path | None = None


def tail(
    files: Files = None,
    lines: Lines = None,
    follow: Annotated[bool, typer.Option("--follow/--no-follow", help="Keep following.")] = True,
    json: Json = False,
    view: Annotated[
        TailFormat | None,
        _format_option(TailFormat, "a line per event on a terminal, NDJSON when piped"),
    ] = None,
    output: OutputFile = None,
    event: Events = None,
    exclude: Excludes = None,
    source: Sources = None,
    where: Wheres = None,
    since: Since = None,
    until: Until = None,
    catalog: CatalogFile = None,
    no_catalog: NoCatalog = False,
    explain: Annotated[bool, _flag("--explain", "Show owners, comments, purposes.")] = False,
    all_properties: Annotated[
        bool, _flag("--all-properties", "Show common properties on a terminal too.")
    ] = False,
    verbose: Annotated[
        bool, _flag("--verbose", "Show unreadable lines (on stderr).", "-v")
    ] = False,
    poll: Annotated[bool, _flag("--poll", "Poll for changes (no file-system events).")] = False,
    flavor: Flavors = None,
    user_data_dir: UserDataDir = None,
    app_root: AppRoot = None,
    extensions_dir: ExtensionsDir = None,
) -> None:
    """Show telemetry events as VS Code logs them, and follow the logs like `tail -F`."""
    from telemetry_inspector.logs.filters import build_filter

    if follow and output is not None and str(output) != "-":
        from telemetry_inspector.errors import UsageError

        raise UsageError(
            "-o writes its file when the command ends, and following never ends",
            hint="add --no-follow, or redirect the output: > FILE",
        )
    output_to(output)
    keep = build_filter(
        event or (), exclude or (), source or (), where or (), since=since, until=until
    )
    found = _find(files, flavor, user_data_dir, following=follow)
    _note_server_sessions(found, "followed")
    choice = CatalogChoice(catalog, no_catalog, app_root, tuple(flavor or ()), extensions_dir)
    machine = output_format(view, json, "text") == "json"
    if follow:
        _explain_silence(found, user_data_dir)  # first: it says whether anything will come
    sink = _sink(machine, _catalog(choice, human=not machine), explain, all_properties, verbose)
    if not follow:
        _print_existing(found.targets, keep, lines, sink)
        return
    _follow(found.targets, keep, 10 if lines is None else lines, sink, poll)


def stats(
    files: Files = None,
    json: Json = False,
    view: Annotated[
        StatsFormat | None,
        _format_option(
            StatsFormat, "tables on a terminal, json when piped; csv: the per-event counts"
        ),
    ] = None,
    output: OutputFile = None,
    event: Events = None,
    exclude: Excludes = None,
    source: Sources = None,
    where: Wheres = None,
    since: Since = None,
    until: Until = None,
    catalog: CatalogFile = None,
    no_catalog: NoCatalog = False,
    flavor: Flavors = None,
    user_data_dir: UserDataDir = None,
    app_root: AppRoot = None,
    extensions_dir: ExtensionsDir = None,
) -> None:
    """Count logged events per event, source and classification, with first and last times."""
    from telemetry_inspector.logs.filters import build_filter
    from telemetry_inspector.logs.history import paused_cyclic_gc, read_logs
    from telemetry_inspector.logs.stats import StatsCounter
    from telemetry_inspector.render import console
    from telemetry_inspector.render.logs import stats_csv, stats_record, stats_view
    from telemetry_inspector.render.machine import write_json

    output_to(output)
    keep = build_filter(
        event or (), exclude or (), source or (), where or (), since=since, until=until
    )
    as_page = check_page_output(view is StatsFormat.html, output, (*(files or ()), catalog))
    found = _find(files, flavor, user_data_dir, following=False)
    _note_server_sessions(found, "counted")
    choice = CatalogChoice(catalog, no_catalog, app_root, tuple(flavor or ()), extensions_dir)
    paths = found.targets.logs_with_history()
    chosen = output_format(view, json, "table")
    counter = StatsCounter(_catalog(choice, human=chosen != "json"))
    with paused_cyclic_gc():
        for batch in read_logs(paths, keep.name_test, keep.needles):
            counter.add(keep.select(batch, names_checked=True))
    result = counter.result(str(path) for path in paths)
    if as_page:
        from telemetry_inspector.render.html.stats import stats_page

        write_page(stats_page(stats_record(result)))
    elif chosen == "json":
        write_json(stats_record(result))
    elif chosen == "csv":
        stats_csv(result)
    else:
        console.show(stats_view(result))


def _find(
    files: list[Path] | None,
    flavors: list[str] | None,
    user_data_dir: Path | None,
    *,
    following: bool,
) -> Found:
    from telemetry_inspector.logs.discovery import find_logs
    from telemetry_inspector.vscode.locations import Host

    named = flavors_named(flavors)
    return find_logs(files or (), named, Host.current(), user_data_dir, following=following)


def _catalog(choice: CatalogChoice, *, human: bool) -> Catalog | None:
    """The catalog to annotate with; `human`: a person reads the view (say when there is none)."""
    if choice.off:
        return None
    from telemetry_inspector.logs.annotate import Catalog

    if choice.file is not None:
        from telemetry_inspector.catalog.saved import read_saved

        return Catalog.from_report(read_saved(choice.file), path=choice.file)
    merged = _installed_catalog(choice)
    if not merged:
        if human:
            warn_no_catalog()
        return None
    return Catalog.from_report(merged, path="the installed catalog")


def warn_no_catalog() -> None:
    """Said once, when no catalog was named and none was found to annotate events with."""
    from telemetry_inspector.render import console

    console.say(
        "no event catalog found (no VS Code installation with catalog files): events are shown "
        "without annotations; --catalog FILE names one (what `telemetry report` saves)",
        kind="note",
    )


def _installed_catalog(choice: CatalogChoice) -> dict | None:
    """The installation's merged catalog; None when there is none to find (no installation, or a
    build that ships no catalog: said once when it was named, the events come unannotated)."""
    from telemetry_inspector.catalog.installed import NoCatalogError
    from telemetry_inspector.errors import NotFoundError
    from telemetry_inspector.render import console

    try:
        catalog = installed_catalog(
            choice.app_root, list(choice.flavors), choice.extensions_dir, builtin=True, strict=False
        )
    except NoCatalogError as missing:
        if choice.app_root is not None:
            console.warn(f"{missing.message}; events are shown without annotations")
        return None
    except NotFoundError:
        if choice.app_root is not None:
            raise
        return None
    return catalog.merged


def _sink(
    machine: bool, catalog: Catalog | None, explain: bool, every: bool, verbose: bool
) -> EventSink:
    from telemetry_inspector.render import console
    from telemetry_inspector.render.logs import EventSink, legend

    if catalog is not None and not machine:
        console.hint(legend())
    annotate = catalog.annotate if catalog is not None else None
    return EventSink(
        machine=machine, annotate=annotate, explain=explain, all_properties=every, verbose=verbose
    )


def _print_existing(
    targets: Targets, keep: EventFilter, count: int | None, sink: EventSink
) -> None:
    from telemetry_inspector.logs.follow import start_following
    from telemetry_inspector.logs.history import paused_cyclic_gc, read_logs
    from telemetry_inspector.render.logs import payload_records

    # events written as logged need no Event; a filter on more than names needs them
    records = payload_records if sink.writes_payloads and keep.by_name_only else None
    with paused_cyclic_gc():
        if count is not None:
            batches, tracked = start_following(targets, count, keep, records)
            try:
                for batch in batches:
                    sink.write(batch, flush=False)
            finally:
                for file in tracked.values():
                    file.close()
        else:
            paths = targets.logs_with_history()
            for batch in read_logs(paths, keep.name_test, keep.needles, records):
                sink.write(keep.select(batch, names_checked=True), flush=False)
    sink.flush()
    _report_unparsable(sink)


def _report_unparsable(sink: EventSink) -> None:
    from telemetry_inspector.render import console

    if sink.unparsable and not sink.verbose:
        lines = "1 line" if sink.unparsable == 1 else f"{sink.unparsable} lines"
        console.say(f"{lines} could not be read as events (--verbose shows them)", kind="note")


def _follow(targets: Targets, keep: EventFilter, count: int, sink: EventSink, poll: bool) -> None:
    from telemetry_inspector.logs.follow import follow
    from telemetry_inspector.render import console

    def say(text: str, kind: str) -> None:
        console.say(text, kind=kind)

    follow(targets, keep, count, sink, poll=poll, say=say, on_idle=console.check_reader)


def _note_server_sessions(found: Found, verb: str) -> None:
    from telemetry_inspector.logs.silence import server_session_notices
    from telemetry_inspector.render import console

    for notice in server_session_notices(found.targets, verb, found.flavors):
        console.say(notice.text, kind=notice.kind)


def _explain_silence(found: Found, user_data_dir: Path | None) -> None:
    """Before waiting: say if the level forbids events, or if nothing is logged at Trace."""
    from telemetry_inspector.logs.silence import silence_notices
    from telemetry_inspector.render import console

    if not found.flavors:
        return
    states = [_installation_state(flavor, user_data_dir) for flavor in found.flavors]
    for notice in silence_notices(states, found.sessions):
        console.say(notice.text, kind=notice.kind)
        if notice.hint:
            console.hint(notice.hint)


def _installation_state(flavor: Flavor, user_data_dir: Path | None) -> Installation:
    """The telemetry level in force and argv.json's log level, as `telemetry status` reads them."""
    from telemetry_inspector.errors import TelemetryError
    from telemetry_inspector.logs.silence import Installation, log_levels
    from telemetry_inspector.settings.status import read_status

    try:
        [target], host = targets_of(None, user_data_dir, [flavor.id])
        status = read_status(target, policy_of(None, host, [target]))
    except TelemetryError:
        return Installation(flavor.display_name, None, None)
    argv = status.argv
    levels = log_levels(argv.log_level) if argv is not None and argv.problem is None else None
    return Installation(flavor.display_name, status.effective, levels)

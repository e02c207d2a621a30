"""What `telemetry tail` and `telemetry stats` do, once commands/logs.py has read the options:
find the logs, filter, read or follow them, annotate from the catalog, and hand the events to
render/logs. Imported only when one of them runs; what only one branch needs (following,
counting, the catalog, the settings read to explain silence, the HTML page) is imported in that
branch, so `tail --no-follow --json` loads what it did before this module, and only it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from telemetry_inspector.actions.selection import (
    check_page_output,
    flavors_named,
    installed_catalog,
    output_format,
    output_to,
    policy_of,
    targets_of,
    write_page,
)
from telemetry_inspector.collector import collector_paused
from telemetry_inspector.errors import NotFoundError, TelemetryError, UsageError
from telemetry_inspector.logs.discovery import Found, find_logs
from telemetry_inspector.logs.filters import EventFilter, build_filter
from telemetry_inspector.logs.history import read_logs
from telemetry_inspector.logs.sessions import Targets
from telemetry_inspector.logs.silence import (
    Installation,
    log_levels,
    server_session_notices,
    silence_notices,
)
from telemetry_inspector.records import record
from telemetry_inspector.render import console
from telemetry_inspector.render.logs import (
    EventSink,
    legend,
    payload_records,
    stats_csv,
    stats_record,
    stats_view,
)
from telemetry_inspector.render.machine import write_json
from telemetry_inspector.vscode.locations import Host

if TYPE_CHECKING:
    from telemetry_inspector.logs.annotate import Catalog
    from telemetry_inspector.vscode.flavors import Flavor


@record
class Selection:
    """Which logs (files, or the newest sessions of the flavors) and which of their events."""

    files: tuple[Path, ...] = ()
    flavors: tuple[str, ...] = ()
    user_data_dir: Path | None = None
    events: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    wheres: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    def event_filter(self) -> EventFilter:
        return build_filter(
            self.events,
            self.excludes,
            self.sources,
            self.wheres,
            since=self.since,
            until=self.until,
        )


@record
class CatalogChoice:
    """Where annotations come from: a file, the installation (as `report` finds it), or none."""

    file: Path | None = None
    off: bool = False
    app_root: Path | None = None
    flavors: tuple[str, ...] = ()
    extensions_dir: Path | None = None


def tail(
    selection: Selection,
    choice: CatalogChoice,
    *,
    lines: int | None,
    following: bool,
    poll: bool,
    json: bool,
    view: str | None,
    output: Path | None,
    explain: bool,
    all_properties: bool,
    verbose: bool,
) -> None:
    """Show the selected events, then (`following`) follow the logs like `tail -F`; `view`:
    "text" or "json" (None: chosen by the output)."""
    if following and output is not None and str(output) != "-":
        raise UsageError(
            "-o writes its file when the command ends, and following never ends",
            hint="add --no-follow, or redirect the output: > FILE",
        )
    output_to(output)
    keep = selection.event_filter()
    found = _find(selection, following=following)
    _note_server_sessions(found, "followed")
    machine = output_format(view, json, "text") == "json"
    if following:  # first: it says whether anything will come
        _explain_silence(found, selection.user_data_dir)
    annotations = _catalog(choice, human=not machine)
    sink = _sink(machine, annotations, explain, all_properties, verbose)
    if not following:
        _print_existing(found.targets, keep, lines, sink)
        return
    _follow(found.targets, keep, 10 if lines is None else lines, sink, poll)


def stats(
    selection: Selection,
    choice: CatalogChoice,
    *,
    json: bool,
    view: str | None,
    output: Path | None,
) -> None:
    """Count the selected events per event, source and classification, with first and last
    times; `view`: "table", "json", "csv" or "html" (None: chosen by the output)."""
    from telemetry_inspector.logs.stats import StatsCounter  # and the catalog's records

    output_to(output)
    keep = selection.event_filter()
    as_page = check_page_output(view == "html", output, (*selection.files, choice.file))
    found = _find(selection, following=False)
    _note_server_sessions(found, "counted")
    paths = found.targets.logs_with_history()
    chosen = output_format(view, json, "table")
    counter = StatsCounter(_catalog(choice, human=chosen != "json"))
    with collector_paused():
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


def _find(selection: Selection, *, following: bool) -> Found:
    named = flavors_named(list(selection.flavors) or None)
    return find_logs(
        selection.files, named, Host.current(), selection.user_data_dir, following=following
    )


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
            _warn_no_catalog()
        return None
    return Catalog.from_report(merged, path="the installed catalog")


def _warn_no_catalog() -> None:
    """Said once, when no catalog was named and none was found to annotate events with."""
    console.say(
        "no event catalog found (no VS Code installation with catalog files): events are shown "
        "without annotations; --catalog FILE names one (what `telemetry report` saves)",
        kind="note",
    )


def _installed_catalog(choice: CatalogChoice) -> dict | None:
    """The installation's merged catalog; None when there is none to find (no installation, or a
    build that ships no catalog: said once when it was named, the events come unannotated)."""
    from telemetry_inspector.catalog.installed import NoCatalogError

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
    if catalog is not None and not machine:
        console.hint(legend())
    annotate = catalog.annotate if catalog is not None else None
    return EventSink(
        machine=machine, annotate=annotate, explain=explain, all_properties=every, verbose=verbose
    )


def _print_existing(
    targets: Targets, keep: EventFilter, count: int | None, sink: EventSink
) -> None:
    # events written as logged need no Event; a filter on more than names needs them
    records = payload_records if sink.writes_payloads and keep.by_name_only else None
    with collector_paused():
        if count is not None:
            from telemetry_inspector.logs.follow import start_following

            batches, tracked = start_following(targets, count, keep, records, final=True)
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
    if sink.unparsable and not sink.verbose:
        lines = "1 line" if sink.unparsable == 1 else f"{sink.unparsable} lines"
        console.say(f"{lines} could not be read as events (--verbose shows them)", kind="note")


def _follow(targets: Targets, keep: EventFilter, count: int, sink: EventSink, poll: bool) -> None:
    from telemetry_inspector.logs.follow import follow

    def say(text: str, kind: str) -> None:
        console.say(text, kind=kind)

    follow(targets, keep, count, sink, poll=poll, say=say, on_idle=console.check_reader)


def _note_server_sessions(found: Found, verb: str) -> None:
    for notice in server_session_notices(found.targets, verb, found.flavors):
        console.say(notice.text, kind=notice.kind)


def _explain_silence(found: Found, user_data_dir: Path | None) -> None:
    """Before waiting: say if the level forbids events, or if nothing is logged at Trace."""
    if not found.flavors:
        return
    states = [_installation_state(flavor, user_data_dir) for flavor in found.flavors]
    for notice in silence_notices(states, found.sessions):
        console.say(notice.text, kind=notice.kind)
        if notice.hint:
            console.hint(notice.hint)


def _installation_state(flavor: Flavor, user_data_dir: Path | None) -> Installation:
    """The telemetry level in force and argv.json's log level, as `telemetry status` reads them."""
    from telemetry_inspector.settings.status import read_status

    try:
        [target], host = targets_of(None, user_data_dir, [flavor.id])
        status = read_status(target, policy_of(None, host, [target]))
    except TelemetryError:
        return Installation(flavor.display_name, None, None)
    argv = status.argv
    levels = log_levels(argv.log_level) if argv is not None and argv.problem is None else None
    return Installation(flavor.display_name, status.effective, levels)

"""`telemetry tail` and `telemetry stats`: what VS Code is sending, live or counted.

Thin commands: options in, the logs domain reads, render/logs shows. Domain modules and rich are
imported inside the functions so `tail --json` starts (and runs) without what it does not use.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from telemetry_inspector.logs.annotate import Catalog
    from telemetry_inspector.logs.filters import EventFilter
    from telemetry_inspector.logs.sessions import Targets
    from telemetry_inspector.render.logs import EventSink
    from telemetry_inspector.vscode.levels import Effective
    from telemetry_inspector.vscode.locations import Layout

FILES_HELP = (
    "Telemetry log files, session folders (logs/<YYYYMMDDTHHMMSS>) or logs folders. Default: the "
    "newest session of each installed VS Code flavor (or of --flavor / --user-data-dir)."
)
Files = Annotated[
    list[Path] | None, typer.Argument(metavar="FILE", help=FILES_HELP, show_default=False)
]
JsonFlag = Annotated[
    bool, typer.Option("--json", help="Machine output (also when stdout is not a terminal).")
]
CatalogFile = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        metavar="FILE",
        help="Annotate with this catalog (`telemetry report --json` or `code --telemetry`).",
    ),
]
Flavor = Annotated[
    str | None,
    typer.Option("--flavor", help="Only this flavor: code, insiders, oss, vscodium, ..."),
]
UserDataDir = Annotated[
    Path | None,
    typer.Option("--user-data-dir", metavar="DIR", help="Read this user-data-dir's logs."),
]
Globs = Annotated[list[str] | None, typer.Option(metavar="GLOB")]


@dataclass
class Found:
    """What to read, and (when discovered) the installations it belongs to."""

    targets: Targets
    layouts: list[Layout] = field(default_factory=list)
    sessions: list[Path] = field(default_factory=list)


def tail(
    files: Files = None,
    lines: Annotated[
        int | None,
        typer.Option(
            "-n",
            "--lines",
            min=0,
            metavar="N",
            help="Start with the last N events (default: 10 when following, all with --no-follow).",
            show_default=False,
        ),
    ] = None,
    follow: Annotated[
        bool, typer.Option("--follow/--no-follow", help="Keep following the logs.")
    ] = True,
    json_output: JsonFlag = False,
    event: Annotated[
        list[str] | None, typer.Option(metavar="GLOB", help="Only events named so (repeatable).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(metavar="GLOB", help="Leave out events named so.")
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(metavar="SOURCE", help="Only core, extension, endpoint, or this id."),
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(metavar="KEY=VALUE", help="Only events whose property KEY is VALUE."),
    ] = None,
    catalog: CatalogFile = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show each event's owner and comment.")
    ] = False,
    all_properties: Annotated[
        bool, typer.Option("--all-properties", help="Show common properties on a terminal too.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show unreadable lines (on stderr).")
    ] = False,
    poll: Annotated[
        bool, typer.Option("--poll", help="Poll for changes instead of file-system events.")
    ] = False,
    flavor: Flavor = None,
    user_data_dir: UserDataDir = None,
) -> None:
    """Show telemetry events as VS Code logs them, and follow the logs like `tail -F`."""
    from telemetry_inspector.logs.filters import build_filter
    from telemetry_inspector.render.console import wants_machine_output

    keep = build_filter(event or (), exclude or (), source or (), where or ())
    found = _find(files, flavor, user_data_dir, following=follow)
    machine = wants_machine_output(json_output)
    sink = _sink(machine, _catalog(catalog, found), explain, all_properties, verbose)
    if not follow:
        _print_existing(found.targets, keep, lines, sink)
        return
    _explain_silence(found)
    _follow(found.targets, keep, 10 if lines is None else lines, sink, poll)


def stats(
    files: Files = None,
    json_output: JsonFlag = False,
    catalog: CatalogFile = None,
    flavor: Flavor = None,
    user_data_dir: UserDataDir = None,
) -> None:
    """Count the logged events: per event, per source, per classification; first and last time."""
    from telemetry_inspector.logs.history import read_logs
    from telemetry_inspector.logs.stats import StatsCounter
    from telemetry_inspector.render import console
    from telemetry_inspector.render.logs import stats_record, stats_view
    from telemetry_inspector.render.machine import write_json

    found = _find(files, flavor, user_data_dir, following=False)
    paths = found.targets.logs_with_history()
    counter = StatsCounter(_catalog(catalog, found))
    with _without_cyclic_gc():
        for batch in read_logs(paths):
            counter.add(batch)
    result = counter.result(str(path) for path in paths)
    if console.wants_machine_output(json_output):
        write_json(stats_record(result))
    else:
        console.show(stats_view(result))


def installed_catalog(found: Found) -> Catalog | None:
    """The installation's catalog, found as `telemetry report` finds it.

    The lead wires this to catalog/installed.py (branch `report`) when both land; until then tail
    and stats annotate only with --catalog.
    """
    return None


def telemetry_level_in_force(layout: Layout) -> Effective | None:
    """The effective telemetry level of an installation (settings, deprecated keys, policy).

    The lead wires this to the settings layer (vscode.levels.effective_level over settings/);
    None means "not known" and only the log-level check speaks.
    """
    return None


def _find(
    files: list[Path] | None, flavor: str | None, user_data_dir: Path | None, *, following: bool
) -> Found:
    from telemetry_inspector.errors import FileReadError, NotFoundError
    from telemetry_inspector.logs.sessions import classify_arguments

    if files:
        for path in files:
            if not path.exists() and not following:
                raise FileReadError("no such file or folder", path=path)
            if not path.exists() and not path.parent.is_dir():
                raise FileReadError("no such folder to watch", path=path.parent)
        found = Found(classify_arguments(files))
    else:
        found = _discover(flavor, user_data_dir)
    if not following and not found.targets.live_logs():
        where = ", ".join(str(p) for p in (*found.targets.sessions, *found.targets.roots))
        raise NotFoundError(
            f"no telemetry logs in {where or 'the given files'}",
            hint="VS Code writes them only at log level Trace ('Developer: Show Telemetry')",
        )
    return found


def _discover(flavor_name: str | None, user_data_dir: Path | None) -> Found:
    from telemetry_inspector.errors import NotFoundError
    from telemetry_inspector.logs.sessions import Targets, newest_session
    from telemetry_inspector.vscode import locations

    host = locations.Host.current()
    roots, layouts = [], []
    for flavor in _flavors(flavor_name):
        layout = locations.layout(flavor, host, user_data_dir_override=user_data_dir)
        server = locations.server_layout(flavor, host)
        for logs in (Path(layout.logs), Path(server.logs)):
            if newest_session(logs) is not None and logs not in roots:
                roots.append(logs)
                layouts.append(layout)
        if user_data_dir is not None:
            break
    if not roots:
        raise NotFoundError(
            "found no VS Code logs folder with a session in it",
            hint="pass a log FILE or session folder, or --user-data-dir DIR",
        )
    sessions = [newest_session(root) for root in roots]
    return Found(Targets(roots=tuple(roots)), layouts, [s for s in sessions if s is not None])


def _flavors(name: str | None) -> list[Any]:
    from telemetry_inspector.errors import UsageError
    from telemetry_inspector.vscode.flavors import FLAVORS, find_flavor, flavor_ids

    if name is None:
        return list(FLAVORS)
    flavor = find_flavor(name)
    if flavor is None:
        raise UsageError(f"unknown flavor {name!r}", hint="one of " + ", ".join(flavor_ids()))
    return [flavor]


def _catalog(path: Path | None, found: Found) -> Catalog | None:
    if path is not None:
        from telemetry_inspector.logs.annotate import load_catalog

        return load_catalog(path)
    return installed_catalog(found)


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
    from telemetry_inspector.logs.history import read_logs, start_following
    from telemetry_inspector.logs.model import Event

    if count is not None:
        entries, _ = start_following(targets, count, keep)
        sink.write(entries, flush=True)
    else:
        everything = keep.everything
        with _without_cyclic_gc():
            for batch in read_logs(targets.logs_with_history(), keep.name_test, keep.needles):
                if not everything:
                    batch = [e for e in batch if e.__class__ is not Event or keep(e)]
                sink.write(batch, flush=False)
        sink.flush()
    _report_unparsable(sink)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Events are acyclic (dicts of strings) and freed by reference counting; the cyclic
    collector would only walk every live record again and again (a fifth of a 300k-line run)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _report_unparsable(sink: EventSink) -> None:
    from telemetry_inspector.render import console

    if sink.unparsable and not sink.verbose:
        lines = "1 line" if sink.unparsable == 1 else f"{sink.unparsable} lines"
        console.say(f"{lines} could not be read as events (--verbose shows them)", kind="note")


def _follow(targets: Targets, keep: EventFilter, count: int, sink: EventSink, poll: bool) -> None:
    from telemetry_inspector.logs.history import start_following
    from telemetry_inspector.logs.model import Event
    from telemetry_inspector.logs.watcher import Follower
    from telemetry_inspector.render import console

    entries, tracked = start_following(targets, count, keep)
    for path, file in tracked.items():
        if file.state.identity is None and not path.exists():
            console.say(f"{path}: not there yet; waiting for it", kind="note")
    sink.write(entries, flush=True)
    everything = keep.everything

    def emit(out: list) -> None:
        if not everything:
            out = [e for e in out if e.__class__ is not Event or keep(e)]
        sink.write(out, flush=True)

    follower = Follower(targets, tracked, keep.name_test)
    try:
        follower.run(emit, poll=poll, warn=console.warn)
    finally:
        follower.close()


def _explain_silence(found: Found) -> None:
    if not found.layouts:
        return
    from telemetry_inspector.logs.silence import argv_log_levels, silence_notices
    from telemetry_inspector.render import console

    argv = [argv_log_levels(_read_text(Path(layout.argv))) for layout in found.layouts]
    levels = [telemetry_level_in_force(layout) for layout in found.layouts]
    level = next((lvl for lvl in levels if lvl is not None), None)
    for notice in silence_notices(level, argv, found.sessions):
        console.say(notice.text, kind=notice.kind)
        if notice.hint:
            console.hint(notice.hint)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""

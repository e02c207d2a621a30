"""`telemetry tail` and `telemetry stats`: what VS Code is sending, live or counted.

The Typer signatures; each ends in one call into actions/logs.py, imported only when the command
runs, so `telemetry --help` and other commands do not pay for the logs machinery.
"""

from __future__ import annotations

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
)

if TYPE_CHECKING:
    from telemetry_inspector.actions.logs import Selection

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
    from telemetry_inspector.actions import logs as actions

    actions.tail(
        _selection(files, flavor, user_data_dir, event, exclude, source, where, since, until),
        actions.CatalogChoice(catalog, no_catalog, app_root, tuple(flavor or ()), extensions_dir),
        lines=lines,
        following=follow,
        poll=poll,
        json=json,
        view=view,
        output=output,
        explain=explain,
        all_properties=all_properties,
        verbose=verbose,
    )


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
    from telemetry_inspector.actions import logs as actions

    actions.stats(
        _selection(files, flavor, user_data_dir, event, exclude, source, where, since, until),
        actions.CatalogChoice(catalog, no_catalog, app_root, tuple(flavor or ()), extensions_dir),
        json=json,
        view=view,
        output=output,
    )


def _selection(
    files: list[Path] | None,
    flavors: list[str] | None,
    user_data_dir: Path | None,
    events: list[str] | None,
    excludes: list[str] | None,
    sources: list[str] | None,
    wheres: list[str] | None,
    since: str | None,
    until: str | None,
) -> Selection:
    """The options both commands share, as the action's record."""
    from telemetry_inspector.actions.logs import Selection

    return Selection(
        tuple(files or ()),
        tuple(flavors or ()),
        user_data_dir,
        tuple(events or ()),
        tuple(excludes or ()),
        tuple(sources or ()),
        tuple(wheres or ()),
        since,
        until,
    )

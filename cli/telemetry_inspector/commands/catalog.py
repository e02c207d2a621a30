"""`telemetry report`, `show` and `diff`: what VS Code can send, from the installed catalog files.

Typer signatures; each command's work is its action (actions/report.py, show.py, diff.py),
imported inside the command so that `telemetry --help` and other commands stay fast to start.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from telemetry_inspector.commands.options import (
    AppRoot,
    ExtensionsDir,
    Flavors,
    Json,
    OutputFile,
)

Builtin = Annotated[
    bool,
    typer.Option(
        "--builtin/--no-builtin",
        help="Include built-in extensions that ship a telemetry.json (newest VS Code does; "
        "1.130 and older do not).",
    ),
]


class ReportFormat(StrEnum):
    """report's views (json: the catalog, or the --summary numbers; table: the summary; html: an
    offline web page of the catalog)."""

    table = "table"
    json = "json"
    html = "html"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


def _format_option(choices: type[StrEnum], default_words: str):
    names = "|".join(choices)
    return typer.Option(
        "--format",
        metavar=names,
        help=f"The view to print (default: {default_words}).",
        case_sensitive=False,
        show_default=False,
    )


def report(
    app_root: AppRoot = None,
    flavor: Flavors = None,
    extensions_dir: ExtensionsDir = None,
    builtin: Builtin = True,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on a malformed or unreadable extension catalog.")
    ] = False,
    compact: Annotated[bool, typer.Option("--compact", help="Print the JSON on one line.")] = False,
    event: Annotated[
        list[str] | None, typer.Option("--event", metavar="GLOB", help="Only events matching.")
    ] = None,
    classification: Annotated[
        list[str] | None,
        typer.Option("--classification", metavar="NAME", help="Only properties so classified."),
    ] = None,
    purpose: Annotated[
        list[str] | None, typer.Option("--purpose", metavar="NAME", help="Only properties for it.")
    ] = None,
    endpoint: Annotated[
        list[str] | None,
        typer.Option("--endpoint", metavar="NAME", help="Only properties sent to it (none, ...)."),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="ID",
            help="Only these sources: vscode-core, vscode-extensions, an extension id or a glob.",
        ),
    ] = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Counts per source instead of the catalog.")
    ] = False,
    json: Json = False,
    view: Annotated[
        ReportFormat | None,
        _format_option(ReportFormat, "json; with --summary, a table on a terminal"),
    ] = None,
    output: OutputFile = None,
) -> int:
    """Print every event VS Code can send, as `code --telemetry` does, from the installed files.

    Reads the installation without starting VS Code; filters keep the same JSON shape."""
    from telemetry_inspector.actions.report import report as run

    return run(
        app_root,
        flavor,
        extensions_dir,
        event=event,
        classification=classification,
        purpose=purpose,
        endpoint=endpoint,
        source=source,
        builtin=builtin,
        strict=strict,
        compact=compact,
        summary=summary,
        json=json,
        view=None if view is None else view.value,
        output=output,
    )


def show(
    event: Annotated[
        str,
        typer.Argument(
            metavar="EVENT", help="The event name, e.g. editorOpened or telemetry/editorOpened."
        ),
    ],
    app_root: AppRoot = None,
    flavor: Flavors = None,
    extensions_dir: ExtensionsDir = None,
    builtin: Builtin = True,
    json: Json = False,
    view: Annotated[
        ShowFormat | None, _format_option(ShowFormat, "text on a terminal, json when piped")
    ] = None,
    output: OutputFile = None,
) -> int:
    """Show one event: owner, comment, and each property's classification, purpose, endpoint."""
    from telemetry_inspector.actions.show import show_event

    return show_event(
        event,
        app_root,
        flavor,
        extensions_dir,
        builtin=builtin,
        json=json,
        view=None if view is None else view.value,
        output=output,
    )


def diff(
    old: Annotated[
        Path,
        typer.Argument(
            metavar="OLD",
            readable=False,
            help="A saved report, or an app root / install folder.",
        ),
    ],
    new: Annotated[
        Path,
        typer.Argument(metavar="NEW", readable=False, help="The same, for the newer side."),
    ],
    json: Json = False,
    view: Annotated[
        DiffFormat | None, _format_option(DiffFormat, "a table on a terminal, json when piped")
    ] = None,
    output: OutputFile = None,
) -> int:
    """What changed between two catalogs: events, properties, classifications, purposes.

    Exit 0 when equal, 1 when different, 2 when an input cannot be read."""
    from telemetry_inspector.actions.diff import show_diff

    return show_diff(old, new, json=json, view=None if view is None else view.value, output=output)

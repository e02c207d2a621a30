"""`telemetry report`, `show` and `diff`: what VS Code can send, from the installed catalog files.

Only typer and the standard library are imported here at module level; the domain and rich are
imported inside the commands, so `telemetry --help` and other commands stay fast to start.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from telemetry_inspector.commands.options import (
    AppRoot,
    ExtensionsDir,
    Flavors,
    Json,
    OutputFile,
    check_page_output,
    installed_catalog,
    output_format,
    output_to,
    write_page,
)

if TYPE_CHECKING:
    from telemetry_inspector.catalog.model import Catalog

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
) -> None:
    """Print every event VS Code can send, as `code --telemetry` does, from the installed files.

    Reads the installation without starting VS Code; filters keep the same JSON shape."""
    from telemetry_inspector.catalog import filters, js_json
    from telemetry_inspector.render import machine

    if view is ReportFormat.table and not summary:
        from telemetry_inspector.errors import UsageError

        raise UsageError(
            "the catalog is JSON; --format table shows the --summary", hint="add --summary"
        )
    output_to(output)
    as_page = check_page_output(view is ReportFormat.html, output)
    wanted = filters.Filter(
        events=tuple(event or ()),
        classifications=_known(classification, "classification"),
        purposes=_known(purpose, "purpose"),
        endpoints=tuple(endpoint or ()),
        sources=tuple(source or ()),
    )
    catalog = installed_catalog(app_root, flavor, extensions_dir, builtin=builtin, strict=strict)
    merged = filters.apply(catalog.merged, wanted)
    if wanted.active and not merged:
        from telemetry_inspector.render import console

        console.say("nothing in the catalog matches the filters", kind="note")
    if as_page:
        _write_catalog_page(merged, catalog, wanted.active)
    elif summary:
        _print_summary(merged, catalog, output_format(view, json, "table") == "json")
    else:
        machine.write_bytes(machine.for_reader(js_json.dumps_object(merged, compact=compact)))


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
) -> None:
    """Show one event: owner, comment, and each property's classification, purpose, endpoint."""
    from telemetry_inspector.catalog import query
    from telemetry_inspector.errors import NotFoundError
    from telemetry_inspector.render import console, machine

    output_to(output)
    catalog = installed_catalog(app_root, flavor, extensions_dir, builtin=builtin, strict=False)
    merged = catalog.merged
    found = query.find_event(merged, event)
    if not found:
        close = query.close_matches(merged, event)
        raise NotFoundError(
            f"no event named {event!r} in the catalog ({len(merged)} sources)",
            hint=f"did you mean: {', '.join(close)}?"
            if close
            else "list the events with `telemetry report --summary` or `telemetry report`",
        )
    if output_format(view, json, "text") == "json":
        machine.write_json([query.event_record(item) for item in found])
    else:
        from telemetry_inspector.render.catalog import event_view

        console.show(event_view(found))


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
) -> None:
    """What changed between two catalogs: events, properties, classifications, purposes.

    Exit 0 when equal, 1 when different, 2 when an input cannot be read."""
    from telemetry_inspector.catalog import diff as catalog_diff
    from telemetry_inspector.errors import EXIT_USAGE, TelemetryError
    from telemetry_inspector.render import console, machine

    output_to(output)
    as_page = check_page_output(view is DiffFormat.html, output, (old, new))
    try:
        before, after = catalog_diff.read_side(old), catalog_diff.read_side(new)
    except TelemetryError as exc:
        exc.exit_code = EXIT_USAGE  # like diff(1): 2 means trouble, 1 means different
        raise
    changes = catalog_diff.diff(before, after)
    if as_page:
        from telemetry_inspector.render.html.diff import diff_page

        brought = catalog_diff.added_source_events(changes, after)
        write_page(diff_page(changes, brought, old=str(old), new=str(new)))
    elif output_format(view, json, "table") == "json":
        records = [catalog_diff.change_record(change) for change in changes]
        machine.write_json({"equal": not changes, "changes": records})
    else:
        from telemetry_inspector.render.catalog import diff_view

        console.show(diff_view(changes))
    if changes:
        raise typer.Exit(1)


def _write_catalog_page(merged: dict[str, Any], catalog: Catalog, filtered: bool) -> None:
    from telemetry_inspector.catalog import query
    from telemetry_inspector.render.html.catalog import catalog_page

    core = [source.path.parent for source in catalog.sources if source.kind == "core"]
    origin = str(core[0]) if core else None
    page = catalog_page(
        query.every_event(merged), query.common_events(merged), origin=origin, filtered=filtered
    )
    write_page(page)


def _known(values: list[str] | None, kind: str) -> tuple[str, ...]:
    """Classification or purpose names, checked (ignoring case) against the known ones."""
    from telemetry_inspector.catalog.model import CLASSIFICATIONS, PURPOSES
    from telemetry_inspector.errors import UsageError

    known = CLASSIFICATIONS if kind == "classification" else PURPOSES
    by_folded = {name.lower(): name for name in known}
    for value in values or ():
        if value.lower() not in by_folded:
            raise UsageError(f"unknown {kind} {value!r}", hint=f"use one of {', '.join(known)}")
    return tuple(by_folded[value.lower()] for value in values or ())


def _print_summary(merged: dict[str, Any], catalog: Catalog, as_json: bool) -> None:
    from telemetry_inspector.catalog import query
    from telemetry_inspector.render import console, machine

    rows = query.summarize(merged)
    total = query.total(rows)
    if as_json:
        machine.write_json(
            {
                "sources": [query.summary_record(row) for row in rows],
                "total": query.summary_record(total),
                "withoutCatalog": list(catalog.without_catalog),
            }
        )
        return
    from telemetry_inspector.render.catalog import summary_view

    console.show(summary_view(rows, total, catalog.without_catalog))

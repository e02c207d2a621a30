"""report: every event VS Code can send, as `code --telemetry` prints it, from installed files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telemetry_inspector.actions.selection import (
    check_page_output,
    installed_catalog,
    output_format,
    output_to,
    write_page,
)
from telemetry_inspector.catalog import filters, js_json, query
from telemetry_inspector.catalog.model import CLASSIFICATIONS, PURPOSES, Catalog
from telemetry_inspector.collector import collector_paused
from telemetry_inspector.errors import UsageError
from telemetry_inspector.render import console, machine


# The catalog is freed when the function returns, before the collector resumes.
@collector_paused()
def report(
    app_root: Path | None,
    flavor: list[str] | None,
    extensions_dir: Path | None,
    *,
    event: list[str] | None,
    classification: list[str] | None,
    purpose: list[str] | None,
    endpoint: list[str] | None,
    source: list[str] | None,
    builtin: bool,
    strict: bool,
    compact: bool,
    summary: bool,
    json: bool,
    view: str | None,
    output: Path | None,
) -> int:
    """The catalog (filtered), its --summary, or its web page, on stdout."""
    if view == "table" and not summary:
        raise UsageError(
            "the catalog is JSON; --format table shows the --summary", hint="add --summary"
        )
    output_to(output)
    as_page = check_page_output(view == "html", output)
    wanted = filters.Filter(
        events=tuple(event or ()),
        classifications=_known(classification, "classification"),
        purposes=_known(purpose, "purpose"),
        endpoints=tuple(endpoint or ()),
        sources=tuple(source or ()),
    )
    # Written out whole, each file is kept as its JSON text (js_json.object_parts says why).
    as_read = None if wanted.active or summary or as_page else js_json.encoded
    catalog = installed_catalog(
        app_root, flavor, extensions_dir, builtin=builtin, strict=strict, as_read=as_read
    )
    merged = filters.apply(catalog.merged, wanted)
    if wanted.active and not merged:
        console.say("nothing in the catalog matches the filters", kind="note")
    if as_page:
        _write_catalog_page(merged, catalog, wanted.active)
    elif summary:
        _print_summary(merged, catalog, output_format(view, json, "table") == "json")
    else:
        for part in js_json.object_parts(merged, compact=compact):
            machine.write_bytes(machine.for_reader(part))
        machine.write_bytes(b"\n")  # console.log's
    return 0


def _write_catalog_page(merged: dict[str, Any], catalog: Catalog, filtered: bool) -> None:
    # Here, not at the top: only the page needs the page's module.
    from telemetry_inspector.render.html.catalog import catalog_page

    core = [source.path.parent for source in catalog.sources if source.kind == "core"]
    origin = str(core[0]) if core else None
    page = catalog_page(
        query.every_event(merged), query.common_events(merged), origin=origin, filtered=filtered
    )
    write_page(page)


def _known(values: list[str] | None, kind: str) -> tuple[str, ...]:
    """Classification or purpose names, checked (ignoring case) against the known ones."""
    known = CLASSIFICATIONS if kind == "classification" else PURPOSES
    by_folded = {name.lower(): name for name in known}
    for value in values or ():
        if value.lower() not in by_folded:
            raise UsageError(f"unknown {kind} {value!r}", hint=f"use one of {', '.join(known)}")
    return tuple(by_folded[value.lower()] for value in values or ())


def _print_summary(merged: dict[str, Any], catalog: Catalog, as_json: bool) -> None:
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
    # Here, not at the top: the rich view loads rich, which JSON output does not pay for.
    from telemetry_inspector.render.catalog import summary_view

    console.show(summary_view(rows, total, catalog.without_catalog))

"""show: one event of the installed catalog, with each property's classification and purpose."""

from __future__ import annotations

from pathlib import Path

from telemetry_inspector.actions.selection import installed_catalog, output_format, output_to
from telemetry_inspector.catalog import query
from telemetry_inspector.errors import NotFoundError
from telemetry_inspector.render import console, machine


def show_event(
    event: str,
    app_root: Path | None,
    flavor: list[str] | None,
    extensions_dir: Path | None,
    *,
    builtin: bool,
    json: bool,
    view: str | None,
    output: Path | None,
) -> int:
    """The event named `event` on stdout; NotFoundError (with close names) when there is none."""
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
        # Here, not at the top: the rich view loads rich, which JSON output does not pay for.
        from telemetry_inspector.render.catalog import event_view

        console.show(event_view(found))
    return 0

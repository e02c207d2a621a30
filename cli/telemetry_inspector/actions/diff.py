"""diff: what changed between two catalogs (saved reports or installations)."""

from __future__ import annotations

from pathlib import Path

from telemetry_inspector.actions.selection import (
    check_page_output,
    output_format,
    output_to,
    write_page,
)
from telemetry_inspector.catalog import diff as catalog_diff
from telemetry_inspector.errors import EXIT_USAGE, TelemetryError
from telemetry_inspector.render import console, machine


def show_diff(old: Path, new: Path, *, json: bool, view: str | None, output: Path | None) -> int:
    """The changes on stdout; 0 when equal, 1 when different (an unreadable input: 2, raised)."""
    output_to(output)
    as_page = check_page_output(view == "html", output, (old, new))
    try:
        before, after = catalog_diff.read_side(old), catalog_diff.read_side(new)
    except TelemetryError as exc:
        exc.exit_code = EXIT_USAGE  # like diff(1): 2 means trouble, 1 means different
        raise
    changes = catalog_diff.diff(before, after)
    if as_page:
        # Here, not at the top: only the page needs the page's module.
        from telemetry_inspector.render.html.diff import diff_page

        brought = catalog_diff.added_source_events(changes, after)
        write_page(diff_page(changes, brought, old=str(old), new=str(new)))
    elif output_format(view, json, "table") == "json":
        records = [catalog_diff.change_record(change) for change in changes]
        machine.write_json({"equal": not changes, "changes": records})
    else:
        # Here, not at the top: the rich view loads rich, which JSON output does not pay for.
        from telemetry_inspector.render.catalog import diff_view

        console.show(diff_view(changes))
    return 1 if changes else 0

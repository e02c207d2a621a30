"""Reading a saved catalog file: a report (`telemetry report --json`, `code --telemetry`) or a
single catalog (an extractor's output, a telemetry.json). The one reader `diff` and
`tail --catalog` share: JSON as VS Code reads it (catalog.js_json), a leading UTF-8 BOM read
without it (a file saved by a Windows editor), the shape told by `model.report_sources`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telemetry_inspector.catalog import js_json
from telemetry_inspector.catalog.model import report_sources
from telemetry_inspector.errors import FileReadError, ParseError, RefusedError, os_reason
from telemetry_inspector.fileio import CATALOG_LIMIT, read_regular

NOT_A_CATALOG = "not a report (an object of catalogs) nor a catalog"
HINT = "pass the JSON that `telemetry report --json` or `code --telemetry` prints"


def read_saved(path: Path) -> dict[str, Any]:
    """The sources of the report or catalog saved at `path`, keyed as a report keys them. Every
    error names the file; a file that is not JSON, its line and column too."""
    try:
        data = read_regular(path, limit=CATALOG_LIMIT)
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    try:
        value = js_json.loads(data, path).value
    except ParseError as error:
        error.hint = error.hint or HINT
        raise
    sources = report_sources(value)
    if sources is None:
        raise RefusedError(NOT_A_CATALOG, path=path, hint=HINT)
    return sources

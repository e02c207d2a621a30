"""The catalog as bytes: the reference's compact JSON, or 4-space `code --telemetry` style."""

from __future__ import annotations

from typing import Any

from telemetry_inspector.catalog import js_json


def serialize(catalog: dict[str, Any], *, indent: int | None = None) -> bytes:
    """JSON.stringify(catalog) (or JSON.stringify(catalog, null, 4)) and a final newline."""
    if indent not in (None, 4):
        raise ValueError(f"the catalog is written compact or 4-space indented, not {indent}")
    return js_json.dumps(catalog, compact=indent is None)

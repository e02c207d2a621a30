"""The reference tool's `--config` file: a JSON array of source specs.

    [{"eventPrefix": "git/", "sourceDirs": ["extensions/git"], "excludedDirs": [],
      "applyEndpoints": true, "lowerCaseEvents": false, "patchDebugEvents": false,
      "workingDir": "optional/base"}]

As in the reference, relative folders are resolved against `workingDir`, itself relative to
the current folder (not to the config file), and the current folder when it is absent.
"""

from __future__ import annotations

import json
import os
from typing import Any

from telemetry_inspector.catalog.extract.comments import SourceText
from telemetry_inspector.catalog.extract.js_semantics import parse_json, truthy
from telemetry_inspector.catalog.extract.model import ExtractOptions, SourceSpec
from telemetry_inspector.errors import FileReadError, ParseError, os_reason
from telemetry_inspector.fileio import SOURCE_LIMIT, read_regular
from telemetry_inspector.jsonc import js_ordered

_HINT = 'expected [{"sourceDirs": [...], "eventPrefix": "...", ...}]'


def read_config(path: str, cwd: str | None = None) -> list[SourceSpec]:
    try:
        text = read_regular(path, limit=SOURCE_LIMIT).decode("utf-8")  # never a FIFO, /dev/zero
    except (OSError, UnicodeDecodeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise FileReadError(f"cannot read the config file: {reason}", path=path) from None
    try:
        config = parse_json(text)
    except json.JSONDecodeError as exc:
        where = SourceText(path, text).locate(exc.pos)
        message = f"invalid JSON: {exc.msg[:1].lower()}{exc.msg[1:]}"
        raise ParseError(message, path=path, line=where.line, column=where.column) from None
    except ValueError as exc:
        raise ParseError(f"invalid JSON: {exc}", path=path, line=1, column=1) from None
    if isinstance(config, list):
        entries = list(enumerate(config))
    elif isinstance(config, dict):  # the reference walks an object's values too
        entries = list(js_ordered(config).items())
    else:
        raise FileReadError("the config is not a list of source specs", path=path, hint=_HINT)
    base = cwd or os.getcwd()
    return [_spec(path, key, entry, base) for key, entry in entries]


def _spec(path: str, key: Any, entry: Any, cwd: str) -> SourceSpec:
    where = f"entry {key}"
    if not isinstance(entry, dict):
        raise FileReadError(f"{where} is not an object", path=path, hint=_HINT)
    sources = _folders(path, where, entry, "sourceDirs", required=True)
    excluded = _folders(path, where, entry, "excludedDirs", required=False)
    working = entry.get("workingDir")
    if working is not None and not isinstance(working, str):
        raise FileReadError(f"{where}: workingDir must be a string", path=path)
    base = os.path.join(cwd, working) if truthy(working) else cwd
    prefix = entry.get("eventPrefix") if truthy(entry.get("eventPrefix")) else ""
    if not isinstance(prefix, str):
        raise FileReadError(f"{where}: eventPrefix must be a string", path=path)
    options = ExtractOptions(
        event_prefix=prefix,
        apply_endpoints=truthy(entry.get("applyEndpoints")),
        lower_case_events=truthy(entry.get("lowerCaseEvents")),
    )
    return SourceSpec(
        tuple(os.path.normpath(os.path.join(base, d)) for d in sources),
        tuple(os.path.normpath(os.path.join(base, d)) for d in excluded),
        options,
        truthy(entry.get("patchDebugEvents")),
    )


def _folders(path: str, where: str, entry: dict[str, Any], key: str, required: bool) -> list[str]:
    value = entry.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FileReadError(f"{where}: {key} must be a list of folders", path=path, hint=_HINT)
    return value

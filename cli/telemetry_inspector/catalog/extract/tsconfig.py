"""The few compiler options that change what the reference extracts, read from the tsconfig it
would use: `<source>/src/tsconfig.json`, else `<source>/tsconfig.json`, following `extends`.

- strictNullChecks (or strict): `count?: number` is `number | undefined`, and
  `flag?: boolean` stops counting as a measurement (three union members, not two);
- baseUrl and paths: the aliases through which a classification type may be imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from telemetry_inspector.errors import os_reason
from telemetry_inspector.fileio import SOURCE_LIMIT, read_regular
from telemetry_inspector.jsonc import parse, to_value

_MAX_EXTENDS = 16


@dataclass(frozen=True, slots=True)
class CompilerSettings:
    strict_null_checks: bool = False
    base_url: str | None = None
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()
    paths_base: str | None = None
    config_file: str | None = None
    problems: tuple[tuple[str, int, int, str], ...] = field(default=())  # file, line, column


def settings_for(source_dir: str) -> CompilerSettings:
    for candidate in ("src/tsconfig.json", "tsconfig.json"):
        path = os.path.join(source_dir, candidate)
        if os.path.isfile(path):
            return read_settings(path)
    return CompilerSettings()


def read_settings(path: str) -> CompilerSettings:
    options: dict[str, Any] = {}
    origin: dict[str, str] = {}
    problems: list[tuple[str, int, int, str]] = []
    chain = _extends_chain(path, problems)
    for config_path, compiler_options in reversed(chain):
        for key, value in compiler_options.items():
            options[key] = value
            origin[key] = os.path.dirname(config_path)
    strict = options.get("strictNullChecks", options.get("strict", False)) is True
    base_url = None
    if isinstance(options.get("baseUrl"), str):
        base_url = os.path.normpath(os.path.join(origin["baseUrl"], options["baseUrl"]))
    paths: list[tuple[str, tuple[str, ...]]] = []
    if isinstance(options.get("paths"), dict):
        for pattern, targets in options["paths"].items():
            if isinstance(targets, list):
                paths.append((pattern, tuple(t for t in targets if isinstance(t, str))))
    paths_base = base_url or origin.get("paths")
    return CompilerSettings(strict, base_url, tuple(paths), paths_base, path, tuple(problems))


def _extends_chain(
    path: str, problems: list[tuple[str, int, int, str]]
) -> list[tuple[str, dict[str, Any]]]:
    """[(file, compilerOptions)], the file itself first, then what it extends."""
    chain: list[tuple[str, dict[str, Any]]] = []
    pending = [path]
    while pending and len(chain) < _MAX_EXTENDS:
        current = pending.pop(0)
        try:
            data = read_regular(current, limit=SOURCE_LIMIT)  # never a FIFO, /dev/zero
            document = parse(data.decode("utf-8-sig"))  # tsconfig is JSON with comments
        except (OSError, UnicodeDecodeError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
            problems.append((current, 1, 1, f"cannot read this tsconfig: {reason}"))
            continue
        if document.issues:
            issue = document.issues[0]
            reason = f"cannot read this tsconfig: {issue.message}"
            problems.append((current, issue.line, issue.column, reason))
            continue
        config = to_value(document.root)
        if not isinstance(config, dict):
            continue
        options = config.get("compilerOptions")
        chain.append((current, options if isinstance(options, dict) else {}))
        extends = config.get("extends")
        bases = extends if isinstance(extends, list) else [extends] if extends else []
        # with several bases the later ones win, so they are read first here
        for base in reversed(bases):
            resolved = _resolve_extends(current, base) if isinstance(base, str) else None
            if resolved is not None:
                pending.append(resolved)
    return chain


def _resolve_extends(config_path: str, base: str) -> str | None:
    folder = os.path.dirname(config_path)
    if base.startswith((".", "/")):
        target = os.path.normpath(os.path.join(folder, base))
        for candidate in (target, target + ".json"):
            if os.path.isfile(candidate):
                return candidate
        return None
    while True:  # a package: node_modules/<base>(.json | /tsconfig.json)
        target = os.path.join(folder, "node_modules", base)
        for candidate in (target, target + ".json", os.path.join(target, "tsconfig.json")):
            if os.path.isfile(candidate):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent

"""The installed catalog, merged the way `code --telemetry` merges it (buildTelemetryMessage in
src/vs/platform/telemetry/node/telemetry.ts):

1. built-in extensions (`<app root>/extensions/<folder>/telemetry.json`), keyed
   `${publisher}.${name}-${version}` lower-cased from the folder's package.json — the newest variant
   of the function does this first; `builtin=False` leaves them out, as VS Code 1.130 does;
2. each folder of the extensions dir holding a file named exactly `telemetry.json`, keyed by the
   folder name, in fs.readdir order: libuv sorts names by their bytes (strcmp) on Linux and macOS
   (macOS names are then NFC-normalized, as VS Code's pfs.readdir does); Windows keeps the file
   system's order, which `os.listdir` returns too. Folders are found with stat(), so symbolic links
   to folders count and broken links are skipped;
3. `telemetry-core.json` as "vscode-core", then `telemetry-extensions.json` as "vscode-extensions".

Where VS Code aborts on the first bad extension file, this skips it with a warning (or fails with
`strict`); a missing or malformed core file is an error either way.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telemetry_inspector.catalog import js_json
from telemetry_inspector.catalog.model import (
    CORE_FILES,
    EXTENSION_CATALOG,
    Catalog,
    Source,
    SourceKind,
)
from telemetry_inspector.errors import (
    FileReadError,
    NotFoundError,
    ParseError,
    TelemetryError,
    os_reason,
)
from telemetry_inspector.fileio import CATALOG_LIMIT, read_regular
from telemetry_inspector.jsonc import js_ordered

BOM_NOTE = "starts with a UTF-8 byte order mark; read without it (`code --telemetry` fails on it)"


class _Problems:
    """Collects what was skipped; with `strict`, the first problem is the error."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.warnings: list[str] = []

    def skip(self, error: TelemetryError, what: str = "skipped") -> None:
        if self.strict:
            raise error
        self.warnings.append(f"{error.one_line()}; {what}")


def missing_core_files(app_root: Path) -> list[Path]:
    return [app_root / name for name in CORE_FILES.values() if not (app_root / name).exists()]


class NoCatalogError(NotFoundError):
    """The installation was found, but it ships no catalog (not a Microsoft build)."""


def require_core_files(app_root: Path, who: str) -> None:
    """NoCatalogError naming `who` and the paths looked at when the app root ships no catalog."""
    missing = missing_core_files(app_root)
    if missing:
        looked = ", ".join(str(path) for path in missing)
        raise NoCatalogError(
            f"{who} ships no telemetry catalog (looked for {looked})",
            hint="only Microsoft builds ship one; `telemetry extract` lists the events a source "
            "tree declares",
        )


def read_catalog(
    app_root: Path,
    extensions_dir: Path | None,
    *,
    builtin: bool = True,
    strict: bool = False,
    as_read: Callable[[Any], Any] | None = None,
) -> Catalog:
    """The merged catalog of an app root and an extensions folder, in VS Code's order.

    `as_read` turns each file's value into what the catalog keeps of it, as soon as it is read:
    a caller that only writes the catalog out keeps each as its JSON text (js_json.encoded), and
    so frees each file's objects before reading the next."""
    problems = _Problems(strict)
    merged: dict[str, Any] = {}
    sources: list[Source] = []
    without: list[str] = []
    keep = as_read or _as_is
    if builtin:
        extensions = app_root / "extensions"
        _merge_folders(extensions, SourceKind.builtin, merged, sources, [], problems, keep)
    if extensions_dir is not None:
        _merge_folders(
            extensions_dir, SourceKind.extension, merged, sources, without, problems, keep
        )
    for key, name in CORE_FILES.items():
        path = app_root / name
        merged[key] = keep(_read_json(path, problems, core=True))
        sources.append(Source(key, SourceKind.core, path))
    return Catalog(js_ordered(merged), tuple(sources), tuple(problems.warnings), tuple(without))


def _merge_folders(
    parent: Path,
    kind: SourceKind,
    merged: dict[str, Any],
    sources: list[Source],
    without: list[str],
    problems: _Problems,
    keep: Callable[[Any], Any],
) -> None:
    for name in catalog_folders(parent, problems, without):
        folder = parent / name
        path = folder / EXTENSION_CATALOG
        try:
            value = _read_json(path, problems, core=False)
            key = (
                builtin_key(folder / "package.json", problems)
                if kind is SourceKind.builtin
                else name
            )
        except _Skipped:
            continue
        merged[key] = keep(
            value  # a repeated key keeps its first place and takes the last value, as in JS
        )
        sources.append(Source(key, kind, path))


def _as_is(value: Any) -> Any:
    return value


class _Skipped(Exception):
    pass


def readdir(folder: Path) -> list[str]:
    """Names in node's fs.readdir order (see the module docstring)."""
    names = os.listdir(folder)
    if sys.platform == "win32":
        return names
    names.sort(key=os.fsencode)
    if sys.platform == "darwin":
        return [unicodedata.normalize("NFC", name) for name in names]
    return names


def catalog_folders(parent: Path, problems: _Problems, without: list[str]) -> list[str]:
    """Folders of `parent` that hold a file named exactly telemetry.json, in readdir order."""
    try:
        names = readdir(parent)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise FileReadError(f"cannot read the folder: {os_reason(exc)}", path=parent) from None
    found = []
    for name in names:
        folder = parent / name
        listing = _folder_listing(folder, name, problems)
        if listing is None:
            continue
        if EXTENSION_CATALOG in listing:
            found.append(name)
        else:
            without.append(name)
    return found


def _folder_listing(folder: Path, name: str, problems: _Problems) -> list[str] | None:
    """The folder's names, or None when it is not a folder (or could not be read: warned)."""
    if any("\udc80" <= char <= "\udcff" for char in name):  # undecodable bytes (surrogateescape)
        problems.skip(FileReadError("the folder name is not valid UTF-8", path=folder))
        return None
    try:
        if not folder.is_dir():
            if folder.is_symlink():
                problems.skip(FileReadError("broken symbolic link", path=folder))
            return None
        return os.listdir(folder)
    except OSError as exc:
        problems.skip(FileReadError(f"cannot read the folder: {os_reason(exc)}", path=folder))
        return None


def _read_json(path: Path, problems: _Problems, *, core: bool) -> Any:
    try:
        data = read_regular(path, limit=CATALOG_LIMIT)
    except OSError as exc:
        error = FileReadError(f"cannot read: {os_reason(exc)}", path=path)
        if core:
            raise error from None
        problems.skip(error)
        raise _Skipped from None
    try:
        loaded = js_json.loads(data, path)
    except ParseError as error:
        if core:
            raise
        problems.skip(error)
        raise _Skipped from None
    if loaded.had_bom:
        problems.skip(FileReadError(BOM_NOTE, path=path), "read anyway")
    return loaded.value


def builtin_key(manifest_path: Path, problems: _Problems) -> str:
    """`${publisher}.${name}-${version}`.toLowerCase() from a built-in extension's package.json."""
    manifest = _read_json(manifest_path, problems, core=False)
    if not isinstance(manifest, dict):
        problems.skip(FileReadError("package.json is not an object", path=manifest_path))
        raise _Skipped
    parts = (js_string_of(manifest, name) for name in ("publisher", "name", "version"))
    publisher, name, version = parts
    return f"{publisher}.{name}-{version}".lower()


_MISSING = object()


def js_string_of(manifest: dict[str, Any], key: str) -> str:
    """What a JavaScript template literal makes of manifest[key] (undefined, null, numbers...)."""
    value = manifest.get(key, _MISSING)
    if value is _MISSING:
        return "undefined"
    return _js_string_value(value)


def _js_string_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, list):  # Array#join: null and undefined become empty strings
        return ",".join("" if item is None else _js_string_value(item) for item in value)
    text = js_json.dumps(value, compact=True).decode("utf-8").rstrip("\n")
    if text == "null":  # a number past the largest double, which String() writes as Infinity
        negative = value.negative if isinstance(value, js_json.Infinite) else value < 0
        return "-Infinity" if negative else "Infinity"
    return text

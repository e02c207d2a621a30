"""Which folders to extract from, as the command line or a config file names them."""

from __future__ import annotations

import os

from telemetry_inspector.catalog.extract.config import read_config
from telemetry_inspector.catalog.extract.model import ExtractOptions, SourceSpec
from telemetry_inspector.errors import FileReadError, UsageError


def command_line_specs(
    source_dirs: list[str],
    excluded_dirs: list[str],
    event_prefix: str,
    apply_endpoints: bool,
    lower_case_events: bool,
) -> tuple[list[SourceSpec], list[str]]:
    """One spec from the command line, and notes on excluded folders that exclude nothing."""
    if not source_dirs:
        raise UsageError(
            "no source folder given", hint="telemetry extract SRC_DIR... or --config FILE"
        )
    options = ExtractOptions(event_prefix, apply_endpoints, lower_case_events)
    spec = SourceSpec(
        tuple(os.path.abspath(d) for d in source_dirs),
        tuple(os.path.abspath(d) for d in excluded_dirs),
        options,
    )
    _check_folders(spec)
    return [spec], _idle_exclusions(spec, excluded_dirs)


def config_specs(path: str) -> tuple[list[SourceSpec], list[str]]:
    specs = read_config(path)
    notes: list[str] = []
    for spec in specs:
        _check_folders(spec, config=path)
        notes.extend(_idle_exclusions(spec, list(spec.excluded_dirs)))
    return specs, notes


def _check_folders(spec: SourceSpec, config: str | None = None) -> None:
    for folder in spec.source_dirs:
        if not os.path.isdir(folder):
            what = "not a folder" if os.path.exists(folder) else "no such folder"
            where = f" (named in {config})" if config else ""
            raise FileReadError(f"cannot read the source folder: {what}{where}", path=folder)


def _idle_exclusions(spec: SourceSpec, given: list[str]) -> list[str]:
    notes = []
    for shown, folder in zip(given, spec.excluded_dirs, strict=True):
        inside = any(_is_inside(folder, source) for source in spec.source_dirs)
        if not inside:
            notes.append(
                f"--exclude {shown}: not inside any source folder, so nothing is excluded "
                "(excluded folders are relative to the current folder)"
            )
    return notes


def _is_inside(folder: str, source: str) -> bool:
    relative = os.path.relpath(folder, source)
    return relative != "." and not relative.startswith("..") and not os.path.isabs(relative)

"""extract: the event catalog of a TypeScript source tree, as Microsoft's
@vscode/telemetry-extractor builds it, with every problem located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telemetry_inspector.catalog import js_json
from telemetry_inspector.catalog.extract.check import compare, read_committed
from telemetry_inspector.catalog.extract.model import Extraction, SourceSpec
from telemetry_inspector.catalog.extract.run import extract as run_extract
from telemetry_inspector.catalog.extract.sources import command_line_specs, config_specs
from telemetry_inspector.errors import EXIT_USAGE, TelemetryError, UsageError
from telemetry_inspector.fileio import names_stdout
from telemetry_inspector.render import extract as view
from telemetry_inspector.render.machine import write_bytes
from telemetry_inspector.settings.atomic import write_atomic


def extract(
    source_dirs: list[Path] | None,
    exclude: list[Path] | None,
    *,
    event_prefix: str,
    apply_endpoints: bool,
    lower_case_events: bool,
    output: Path | None,
    config: Path | None,
    catalog_format: str,
    jobs: int | None,
    check: Path | None,
) -> int:
    """The catalog on stdout or in `output`, or (--check) compared with a committed one; 1 when
    any declaration had a problem or the catalogs differ."""
    try:
        specs, notes = _specs(
            source_dirs, exclude, event_prefix, apply_endpoints, lower_case_events, config
        )
    except TelemetryError as error:
        if check is not None:  # a gate tells bad input (2) from a catalog that differs (1)
            error.exit_code = EXIT_USAGE
        raise
    committed = _committed(check, output)
    with view.progress_bar() as progress:
        result = run_extract(specs, progress, jobs)
    if check is not None:
        return _check(check, committed, result, notes)
    # the reference's compact JSON.stringify, or `code --telemetry`'s 4-space one
    data = js_json.dumps(result.catalog, compact=catalog_format != "code")
    if output is not None and not names_stdout(output):  # `-o -`: stdout
        write_atomic(output, data, make_folders=False)  # like a shell redirection
    else:
        write_bytes(data)
    view.show_notes(notes)
    view.show_problems(result.problems)
    catalog = result.catalog
    view.show_summary(
        len(catalog["events"]),
        len(catalog["commonProperties"]),
        result.files_scanned,
        result.problems,
    )
    if notes or result.problems:
        return 1
    return 0


def _committed(check: Path | None, output: Path | None) -> dict[str, Any] | None:
    """The catalog --check compares with, read before the sources so bad input fails fast."""
    if check is None:
        return None
    if output is not None:
        raise UsageError(
            "--check writes nothing", hint="give --check FILE or --output FILE, not both"
        )
    return read_committed(check)


def _check(path: Path, committed: dict[str, Any], result: Extraction, notes: list[str]) -> int:
    view.show_notes(notes)
    view.show_problems(result.problems)
    outcome = compare(committed, result.catalog)
    view.show_check(str(path), outcome)
    return 1 if notes or result.problems or not outcome.equal else 0


def _specs(
    source_dirs: list[Path] | None,
    exclude: list[Path] | None,
    event_prefix: str,
    apply_endpoints: bool,
    lower_case_events: bool,
    config: Path | None,
) -> tuple[list[SourceSpec], list[str]]:
    if config is not None:
        if source_dirs or exclude or event_prefix or apply_endpoints or lower_case_events:
            raise UsageError(
                "--config takes the sources and their options from the file",
                hint="give either --config FILE or SRC_DIR... with options, not both",
            )
        return config_specs(str(config))
    return command_line_specs(
        [str(d) for d in source_dirs or []],
        [str(d) for d in exclude or []],
        event_prefix,
        apply_endpoints,
        lower_case_events,
    )

"""`telemetry extract`: the event catalog of a TypeScript source tree, as Microsoft's
@vscode/telemetry-extractor builds it, with every problem located."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from telemetry_inspector.catalog.extract.model import Extraction, SourceSpec


class CatalogFormat(StrEnum):
    compact = "compact"
    code = "code"


def extract(
    source_dirs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="SRC_DIR...",
            help="Source folders to read (.ts, .tsx and .cs files).",
            show_default=False,
        ),
    ] = None,
    exclude: Annotated[
        list[Path] | None,
        typer.Option(
            "--exclude",
            "-x",
            metavar="DIR",
            help="Skip this folder (relative to the current folder, like the reference's "
            "--excludedDir); repeat for more.",
            show_default=False,
        ),
    ] = None,
    event_prefix: Annotated[
        str,
        typer.Option("--event-prefix", "-p", metavar="P", help="Put P before every event name."),
    ] = "",
    apply_endpoints: Annotated[
        bool,
        typer.Option(
            "--apply-endpoints", "-e", help='Give every property an "endPoint" ("none" if unset).'
        ),
    ] = False,
    lower_case_events: Annotated[
        bool, typer.Option("--lower-case-events", "-l", help="Lower-case the event names.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the catalog to FILE (atomically; only a regular file is replaced) instead "
            "of stdout ('-': stdout).",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            metavar="FILE",
            readable=False,  # our own error names the file and the reason, exit 1
            help="Read the sources from the reference tool's config file (a JSON array of "
            "{sourceDirs, excludedDirs, eventPrefix, applyEndpoints, ...}).",
        ),
    ] = None,
    catalog_format: Annotated[
        CatalogFormat,
        typer.Option(
            "--format",
            help="compact: the reference's one-line JSON; code: 4-space indented, as "
            "`code --telemetry` prints.",
        ),
    ] = CatalogFormat.compact,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes (default: by tree size and cores)."
        ),
    ] = None,
    check: Annotated[
        Path | None,
        typer.Option(
            "--check",
            metavar="FILE",
            help="Write nothing; exit 0 when FILE (a committed telemetry.json) is what the "
            "sources declare, 1 with a summary of what differs, 2 when FILE is not a catalog.",
        ),
    ] = None,
) -> None:
    """Build the telemetry catalog (telemetry.json) from __GDPR__ comments and typed
    publicLog2/publicLogError2 calls. Exits 1 when any declaration had a problem."""
    from telemetry_inspector.catalog import js_json
    from telemetry_inspector.catalog.extract.run import extract as run_extract
    from telemetry_inspector.errors import EXIT_USAGE, TelemetryError
    from telemetry_inspector.fileio import names_stdout
    from telemetry_inspector.render import extract as view
    from telemetry_inspector.render.machine import write_bytes
    from telemetry_inspector.settings.atomic import write_atomic

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
        _check(check, committed, result, notes)
        return
    # the reference's compact JSON.stringify, or `code --telemetry`'s 4-space one
    data = js_json.dumps(result.catalog, compact=catalog_format is not CatalogFormat.code)
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
        raise typer.Exit(1)


def _committed(check: Path | None, output: Path | None) -> dict[str, Any] | None:
    """The catalog --check compares with, read before the sources so bad input fails fast."""
    if check is None:
        return None
    from telemetry_inspector.catalog.extract.check import read_committed

    if output is not None:
        from telemetry_inspector.errors import UsageError

        raise UsageError(
            "--check writes nothing", hint="give --check FILE or --output FILE, not both"
        )
    return read_committed(check)


def _check(path: Path, committed: dict[str, Any], result: Extraction, notes: list[str]) -> None:
    from telemetry_inspector.catalog.extract.check import compare
    from telemetry_inspector.render import extract as view

    view.show_notes(notes)
    view.show_problems(result.problems)
    outcome = compare(committed, result.catalog)
    view.show_check(str(path), outcome)
    if notes or result.problems or not outcome.equal:
        raise typer.Exit(1)


def _specs(
    source_dirs: list[Path] | None,
    exclude: list[Path] | None,
    event_prefix: str,
    apply_endpoints: bool,
    lower_case_events: bool,
    config: Path | None,
) -> tuple[list[SourceSpec], list[str]]:
    from telemetry_inspector.catalog.extract.sources import command_line_specs, config_specs

    if config is not None:
        if source_dirs or exclude or event_prefix or apply_endpoints or lower_case_events:
            from telemetry_inspector.errors import UsageError

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

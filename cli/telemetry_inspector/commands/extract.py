"""`telemetry extract`: the event catalog of a TypeScript source tree, as Microsoft's
@vscode/telemetry-extractor builds it, with every problem located."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


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
) -> int:
    """Build the telemetry catalog (telemetry.json) from __GDPR__ comments and typed
    publicLog2/publicLogError2 calls. Exits 1 when any declaration had a problem."""
    from telemetry_inspector.actions.extract import extract as run

    return run(
        source_dirs,
        exclude,
        event_prefix=event_prefix,
        apply_endpoints=apply_endpoints,
        lower_case_events=lower_case_events,
        output=output,
        config=config,
        catalog_format=catalog_format.value,
        jobs=jobs,
        check=check,
    )

"""status: the telemetry level each settings file sets, what overrides it, what VS Code sends."""

from __future__ import annotations

from pathlib import Path

from telemetry_inspector.actions.selection import output_format, output_to, policy_of, targets_of
from telemetry_inspector.render import level as views
from telemetry_inspector.settings.status import read_statuses


def show_status(
    settings: list[Path] | None,
    user_data_dir: Path | None,
    flavor: list[str] | None,
    policy_file: Path | None,
    json: bool,
    view: str | None,
    output: Path | None,
) -> int:
    """The level each settings file sets, on stdout; 1 when a file cannot be read or parsed."""
    output_to(output)
    targets, host = targets_of(settings, user_data_dir, flavor)
    policy = policy_of(policy_file, host, targets)
    results = read_statuses(targets, policy)
    views.warn_about_files(results, policy)
    if output_format(view, json, "table") == "json":
        views.status_json(results)
    else:
        views.status_table(results)
    return 1 if views.report_errors(results) else 0

"""`telemetry stats`: counts over a session (rotated pieces included) or named files."""

from __future__ import annotations

import json
from collections import Counter

from tests.conftest import assert_one_line_error

from .helpers import CATALOG, EXAMPLE_SESSION, run_in_terminal, without_styles
from .test_tail_cli import MULTI_LINE, expected_events, session_files

# The example session's events that the fixture catalog does not declare (written by hand).
NOT_IN_FIXTURE_CATALOG = {
    "extensionActivationTimes",
    "notification:show",
    "settingsEditor.searchResults",
    "terminal.createInstance",
    "ms-python.python/PYTHON_INTERPRETER_DISCOVERY",
    "ms-python.python/LINTING",
}


def stats(cli, *args) -> dict:
    run = cli("stats", "--json", *args)
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_counts_per_event_and_source_and_the_time_span(cli):
    got = stats(cli, str(EXAMPLE_SESSION))
    expected = expected_events(*session_files())
    names = Counter(item[1] for item in expected) + Counter([MULTI_LINE[1]])
    assert {e["event"]: e["count"] for e in got["by_event"]} == dict(names)
    assert got["events"] == sum(names.values())
    times = sorted([item[0] for item in expected] + [MULTI_LINE[0]])
    assert (got["first"], got["last"]) == (times[0], times[-1])
    assert got["unparsable"] == 1
    sources = {(s["kind"], s["source"]): s["count"] for s in got["by_source"]}
    assert sources[("endpoint", "ms-vscode.js-debug")] == 1
    assert sources[("extension", "ms-python.python")] == 3
    assert sum(sources.values()) == got["events"]
    assert "by_classification" not in got
    assert any(path.endswith("telemetry.1.log") for path in got["files"])


def test_named_files_are_read_as_they_are(cli):
    log = EXAMPLE_SESSION / "telemetry.log"
    got = stats(cli, str(log))
    assert got["files"] == [str(log)]
    assert got["events"] == len(expected_events(log)) + 1


def test_with_a_catalog_classifications_are_counted(cli):
    got = stats(cli, "--catalog", str(CATALOG), str(EXAMPLE_SESSION))
    not_known = {e["event"] for e in got["by_event"] if e["in_catalog"] is False}
    assert not_known == NOT_IN_FIXTURE_CATALOG
    assert got["events_not_in_catalog"] == len(NOT_IN_FIXTURE_CATALOG)
    classes = {c["classification"]: c["properties"] for c in got["by_classification"]}
    assert classes["EndUserPseudonymizedInformation"] > 0
    assert classes["(not in catalog)"] > 0
    assert classes["CustomerContent"] == 1  # editorOpened's resource.path, once


def test_a_table_on_a_terminal(env):
    shown = without_styles(
        run_in_terminal(["--color", "never", "stats", str(EXAMPLE_SESSION)], env)
    )
    assert "per event" in shown and "per source" in shown
    assert "workbenchActionExecuted" in shown
    assert "2026-03-30T09:55:13.201 to 2026-03-30T09:59:30.902" in shown


def test_missing_file(cli, tmp_path):
    run = cli("stats", str(tmp_path / "telemetry.log"))
    assert_one_line_error(run, str(tmp_path / "telemetry.log"))


def test_a_malformed_catalog_names_line_and_column(cli, tmp_path):
    bad = tmp_path / "catalog.json"
    bad.write_text('{\n  "vscode-core": {\n    "events": {,}\n  }\n}', encoding="utf-8")
    run = cli("stats", "--catalog", str(bad), str(EXAMPLE_SESSION))
    assert_one_line_error(run, f"{bad}:3:16:")
    assert run.code == 1


def test_a_folder_without_logs(cli, tmp_path):
    run = cli("stats", str(tmp_path))
    assert_one_line_error(run, str(tmp_path), "no telemetry logs")
    assert run.code == 1


def test_an_app_root_that_is_no_installation(cli, tmp_path):
    run = cli("stats", "--app-root", str(tmp_path), str(EXAMPLE_SESSION))
    assert_one_line_error(run, str(tmp_path), "no VS Code app root there")
    assert run.code == 1

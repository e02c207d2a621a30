"""One reader for a saved report or catalog file: `diff` and `tail --catalog` read it alike."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from telemetry_inspector.catalog.model import SINGLE_CATALOG, report_sources
from tests.conftest import assert_one_line_error

from .helpers import catalog, prop, write

CORE = catalog({"editorOpened": {"typeid": prop()}}, {"common.platform": prop()})
REPORT = {"vscode.git-1.0.0": catalog({"git/clone": {}}), "vscode-core": CORE}
LINE = (
    '2026-03-30 10:00:00.001 [trace] telemetry/editorOpened {"properties":{"typeid":"x",'
    '"common.platform":"linux"},"measurements":{}}\n'
)


def _annotation(cli, catalog_file: Path, tmp_path: Path) -> dict:
    log = write(tmp_path / "telemetry.log", LINE)
    run = cli("tail", "--no-follow", "--json", "--catalog", str(catalog_file), str(log))
    assert run.code == 0, run.err
    [record] = [json.loads(line) for line in run.out.splitlines()]
    return record["annotation"]


def _diff(cli, old: Path, new: Path) -> dict:
    run = cli("diff", "--json", str(old), str(new))
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


def test_a_report_with_a_bom_is_read_by_tail_and_diff(cli, tmp_path):
    plain = write(tmp_path / "plain.json", REPORT)
    bom = write(tmp_path / "bom.json", b"\xef\xbb\xbf" + plain.read_bytes())
    assert _annotation(cli, bom, tmp_path)["known"] is True
    assert _diff(cli, bom, plain) == {"equal": True, "changes": []}


@pytest.mark.parametrize("command", ["tail", "diff"])
def test_a_malformed_file_is_one_line_naming_file_line_and_column(cli, tmp_path, command):
    bad = write(tmp_path / "bad.json", '{\n  "vscode-core": {"events": {,}}\n}\n')
    good = write(tmp_path / "good.json", REPORT)
    if command == "tail":
        log = write(tmp_path / "telemetry.log", LINE)
        run = cli("tail", "--no-follow", "--json", "--catalog", str(bad), str(log))
    else:
        run = cli("diff", str(bad), str(good))
    assert_one_line_error(run, f"{bad}:2:")
    assert re.search(rf"{re.escape(str(bad))}:2:\d+: ", run.err), run.err


@pytest.mark.parametrize("shape", ["report", "single"])
def test_a_whole_report_and_a_single_catalog_are_read_by_tail_and_diff(cli, tmp_path, shape):
    path = write(tmp_path / f"{shape}.json", REPORT if shape == "report" else CORE)
    note = _annotation(cli, path, tmp_path)
    assert note["known"] is True
    assert note["catalog"] == ("vscode-core" if shape == "report" else SINGLE_CATALOG)
    assert _diff(cli, path, path)["equal"] is True


def test_a_catalog_of_common_properties_only_is_a_catalog_for_both(cli, tmp_path):
    path = write(tmp_path / "common.json", {"commonProperties": CORE["commonProperties"]})
    assert _annotation(cli, path, tmp_path)["known"] is False
    changes = _diff(cli, path, write(tmp_path / "core.json", CORE))["changes"]
    assert [(c["kind"], c["source"], c["event"]) for c in changes] == [
        ("event-added", SINGLE_CATALOG, "editorOpened")
    ]


@pytest.mark.parametrize("value", [[], "x", {"telemetry.telemetryLevel": "off"}])
def test_json_that_is_neither_is_refused_by_both(cli, tmp_path, value):
    path = write(tmp_path / "settings.json", json.dumps(value))
    log = write(tmp_path / "telemetry.log", LINE)
    tail = cli("tail", "--no-follow", "--json", "--catalog", str(path), str(log))
    assert_one_line_error(tail, str(path), "not a report")
    assert_one_line_error(cli("diff", str(path), str(path)), str(path), "not a report")


def test_the_shape_rule():
    assert report_sources(CORE) == {SINGLE_CATALOG: CORE}
    assert report_sources({"events": {}}) == {SINGLE_CATALOG: {"events": {}}}
    assert report_sources(REPORT) is REPORT
    assert report_sources({}) == {}
    # `code --telemetry` copies a telemetry.json that is not an object: still a report
    assert report_sources({"a.b-1.0.0": [], "vscode-core": CORE}) is not None
    assert report_sources({"a": 1}) is None
    assert report_sources([CORE]) is None

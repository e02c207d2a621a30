"""Joining events with a catalog: how log names meet catalog keys, classifications, unknowns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from telemetry_inspector.catalog.saved import read_saved
from telemetry_inspector.errors import ParseError, RefusedError
from telemetry_inspector.logs.annotate import Catalog
from telemetry_inspector.logs.model import CORE, ENDPOINT, EXTENSION, Event

FIXTURE = Path(__file__).parent / "fixtures" / "catalog.json"


def load_catalog(path: Path) -> Catalog:
    """What `tail --catalog FILE` does: the catalog layer reads, the logs layer indexes."""
    return Catalog.from_report(read_saved(path), path=path)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FIXTURE)


def event(kind, source, name, properties=None, measurements=None) -> Event:
    return Event("t", "trace", kind, source, name, properties or {}, measurements or {}, "f", 1)


def test_core_event_found_by_its_name(catalog):
    note = catalog.annotate(event(CORE, CORE, "editorOpened", {"typeId": "x"}))
    assert (note.known, note.key, note.catalog, note.owner) == (
        True,
        "editorOpened",
        "vscode-core",
        "editorowner",
    )
    assert note.properties["typeId"].classification == "SystemMetaData"
    assert note.properties["typeId"].comment == "The kind of editor input."


def test_core_event_found_under_the_1ds_prefix(catalog):
    note = catalog.annotate(event(CORE, CORE, "workspaceLoad", {"userAgent": "x"}))
    assert note.key == "monacoworkbench/workspaceLoad"


def test_common_properties_come_from_the_same_source(catalog):
    note = catalog.annotate(
        event(CORE, CORE, "editorOpened", {"common.machineId": "m", "sessionID": "s"})
    )
    machine = note.properties["common.machineId"]
    assert (machine.classification, machine.common, machine.personal) == (
        "EndUserPseudonymizedInformation",
        True,
        True,
    )
    assert note.personal_properties == ["common.machineId"]


def test_wildcard_prefix_classifies_a_family(catalog):
    note = catalog.annotate(
        event(CORE, CORE, "startupTimeVaried", measurements={"timers.ellapsedAppReady": 3})
    )
    assert note.properties["timers.ellapsedAppReady"].classification == "SystemMetaData"


def test_unknown_event_and_unknown_properties_are_flagged(catalog):
    unknown = catalog.annotate(event(CORE, CORE, "noSuchEvent", {"a": "b"}))
    assert unknown.known is False
    assert unknown.unknown_properties == ["a"]
    known = catalog.annotate(event(CORE, CORE, "editorOpened", {"surprise": "x"}))
    assert known.known and known.unknown_properties == ["surprise"]


def test_extension_event_found_in_its_own_folder_source_without_prefix(catalog):
    note = catalog.annotate(
        event(EXTENSION, "ms-python.python", "ms-python.python/EXTENSION.LOAD", {"hashedName": "h"})
    )
    assert (note.key, note.catalog) == ("EXTENSION.LOAD", "ms-python.python-2026.4.0")
    assert note.properties["hashedName"].personal


def test_builtin_extension_event_found_under_its_prefix(catalog):
    note = catalog.annotate(
        event(EXTENSION, "git", "git/git.command", {"common.extname": "vscode.git"})
    )
    assert (note.key, note.catalog) == ("git/git.command", "vscode-extensions")
    assert note.properties["common.extname"].classification == "PublicNonPersonalData"


def test_extension_named_with_its_publisher_meets_a_key_without(catalog):
    note = catalog.annotate(event(EXTENSION, "vscode.git", "vscode.git/git.command"))
    assert note.key == "git/git.command"


def test_endpoint_event_found_under_its_endpoint_id(catalog):
    note = catalog.annotate(event(ENDPOINT, "ms-vscode.js-debug", "debugSessionStart"))
    assert note.key == "ms-vscode.js-debug/debugSessionStart"


def test_a_single_extractor_output_is_a_catalog(tmp_path):
    path = tmp_path / "declarations-resolved.json"
    path.write_text(json.dumps({"commonProperties": {}, "events": {"x": {}}}), encoding="utf-8")
    assert load_catalog(path).annotate(event(CORE, CORE, "x")).known


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "vscode-core": {,\n}', encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        load_catalog(path)
    assert caught.value.line == 2


def test_json_that_is_not_a_catalog_is_refused(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"telemetry.telemetryLevel": "off"}', encoding="utf-8")
    with pytest.raises(RefusedError):
        load_catalog(path)

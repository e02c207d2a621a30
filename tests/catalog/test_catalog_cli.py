"""Filters, --summary, `show` and `diff` on hand-made catalogs whose numbers are known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, assert_one_line_error, run_unprivileged

from .helpers import add_extension, catalog, make_install, prop, run_tty, write

EVIL = "[bold]x[/bold] [link=http://e]click[/link] \x1b[31mred"

CORE = catalog(
    {
        "editor/open": {
            "owner": "alice",
            "comment": "Opened.",
            "path": prop("CustomerContent", "FeatureInsight", endPoint="none"),
            "kind": prop("SystemMetaData", "FeatureInsight"),
            "ms": prop("SystemMetaData", "PerformanceAndHealth", isMeasurement=True),
        },
        "crash/report": {
            "owner": "bob",
            "stack": prop("CallstackOrException", "PerformanceAndHealth"),
            "${wildcard}": [
                {
                    "${prefix}": "t.",
                    "${classification}": prop("SystemMetaData", "PerformanceAndHealth"),
                }
            ],
        },
        "evil/event": {
            "comment": EVIL,
            "p": prop("PublicPersonalData", "BusinessInsight", comment=EVIL),
        },
    },
    {
        "common.machineid": prop(
            "EndUserPseudonymizedInformation", "FeatureInsight", endPoint="MacAddressHash"
        )
    },
)
EXTENSIONS = catalog({"git/clone": {"outcome": prop("SystemMetaData", "FeatureInsight")}})


@pytest.fixture
def install(tmp_path: Path) -> tuple[Path, Path]:
    app = make_install(tmp_path / "i", core=CORE, extensions=EXTENSIONS)
    ext = tmp_path / "ext"
    add_extension(
        ext,
        "acme.tool-1.2.3",
        catalog({"acme/run": {"n": prop("SystemMetaData", "FeatureInsight")}}),
    )
    add_extension(ext, "acme.nocatalog-1.0.0")
    return app, ext


def _report(cli, install, *args):
    app, ext = install
    run = cli("report", "--app-root", str(app), "--extensions-dir", str(ext), "--no-builtin", *args)
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_event_glob_keeps_matching_events_whole(cli, install):
    report = _report(cli, install, "--event", "editor/*", "--event", "git/*")
    assert list(report) == ["vscode-core", "vscode-extensions"]
    assert report["vscode-core"]["events"] == {"editor/open": CORE["events"]["editor/open"]}
    assert report["vscode-core"]["commonProperties"] == CORE["commonProperties"]


def test_classification_keeps_only_those_properties_and_their_events(cli, install):
    report = _report(cli, install, "--classification", "callstackorexception")
    assert list(report) == ["vscode-core"]
    assert report["vscode-core"] == {
        "commonProperties": {},
        "events": {
            "crash/report": {"owner": "bob", "stack": CORE["events"]["crash/report"]["stack"]}
        },
    }


def test_purpose_includes_wildcards(cli, install):
    events = _report(cli, install, "--purpose", "PerformanceAndHealth")["vscode-core"]["events"]
    assert set(events) == {"editor/open", "crash/report"}
    assert set(events["crash/report"]) == {"owner", "stack", "${wildcard}"}
    assert set(events["editor/open"]) == {"owner", "comment", "ms"}


def test_endpoint_filters_common_properties_too(cli, install):
    report = _report(cli, install, "--endpoint", "MacAddressHash")
    assert report == {"vscode-core": {"commonProperties": CORE["commonProperties"], "events": {}}}


def test_source_by_id_without_version_glob_or_exact(cli, install):
    assert list(_report(cli, install, "--source", "ACME.tool")) == ["acme.tool-1.2.3"]
    assert list(_report(cli, install, "--source", "vscode-*")) == [
        "vscode-core",
        "vscode-extensions",
    ]
    assert _report(cli, install, "--source", "nothing") == {}


def test_summary_numbers(cli, install):
    summary = _report(cli, install, "--summary", "--json")
    core = summary["sources"][1]
    assert core["source"] == "vscode-core"
    assert (core["events"], core["properties"], core["commonProperties"]) == (3, 6, 1)
    assert core["classifications"] == {
        "SystemMetaData": 3,
        "CallstackOrException": 1,
        "CustomerContent": 1,
        "PublicNonPersonalData": 0,
        "PublicPersonalData": 1,
        "EndUserPseudonymizedInformation": 1,
    }
    assert core["purposes"] == {
        "FeatureInsight": 3,
        "PerformanceAndHealth": 3,
        "BusinessInsight": 1,
        "SecurityAndAuditing": 0,
    }
    assert summary["total"]["events"] == 3 + 1 + 1
    assert summary["withoutCatalog"] == ["acme.nocatalog-1.0.0"]


def test_show_prints_one_event_as_json(cli, install):
    app, ext = install
    run = cli("show", "crash/report", "--app-root", str(app), "--extensions-dir", str(ext))
    assert run.code == 0, run.err
    [event] = json.loads(run.out)
    assert (event["source"], event["owner"]) == ("vscode-core", "bob")
    assert [(p["name"], p["classification"], p["wildcard"]) for p in event["properties"]] == [
        ("stack", "CallstackOrException", False),
        ("t.*", "SystemMetaData", True),
    ]


def test_show_unknown_event_suggests_close_names(cli, install):
    app, ext = install
    run = cli("show", "editor/opn", "--app-root", str(app), "--extensions-dir", str(ext))
    assert_one_line_error(run, "no event named 'editor/opn'", "did you mean: editor/open")
    assert run.code == 1


def test_rich_views_show_markup_and_escapes_literally(env, install, tmp_path: Path):
    app, ext = install
    add_extension(ext, "[red]evil.x-1.0.0", catalog({"z": {}}))  # a folder name with markup
    where = ("--app-root", str(app), "--extensions-dir", str(ext))
    other = make_install(tmp_path / "j", core=catalog({"evil/event": {"p": prop()}, EVIL: {}}))
    views = (
        (
            ("show", "evil/event", *where),
            ["[bold]x[/bold]", "[link=http://e]click", "\\x1b[31mred"],
        ),
        (("report", "--summary", *where), ["[red]evil.x-1.0.0"]),
        (("diff", str(app), str(other)), ["[bold]x[/bold]", "\\x1b[31mred"]),
    )
    for args, needles in views:
        code, screen = run_tty("--color", "always", *args, env=env)
        assert code in (0, 1), screen
        assert "\x1b[" in screen  # drawn in colour...
        assert "\x1b[31mred" not in screen  # ...but never with the file's own escape sequence
        flat = "".join(screen.split())
        for needle in needles:
            assert "".join(needle.split()) in flat, (needle, screen)


def test_diff_of_two_app_roots(cli, tmp_path: Path):
    old = make_install(tmp_path / "old", core=CORE)
    newer = json.loads(json.dumps(CORE))
    del newer["events"]["crash/report"]
    newer["events"]["editor/open"]["path"]["classification"] = "SystemMetaData"
    del newer["events"]["editor/open"]["kind"]
    newer["events"]["editor/open"]["cursor"] = prop("CustomerContent", "FeatureInsight")
    newer["events"]["new/event"] = {"a": prop("PublicNonPersonalData", "BusinessInsight")}
    new = make_install(tmp_path / "new", core=newer)
    run = cli("diff", str(old), str(tmp_path / "new"))
    assert run.code == 1, run.err
    result = json.loads(run.out)
    assert result["equal"] is False
    changes = {(c["kind"], c["event"], c.get("property")) for c in result["changes"]}
    assert changes == {
        ("event-added", "new/event", None),
        ("event-removed", "crash/report", None),
        ("property-added", "editor/open", "cursor"),
        ("property-removed", "editor/open", "kind"),
        ("property-changed", "editor/open", "path"),
    }
    changed = next(c for c in result["changes"] if c["kind"] == "property-changed")
    assert (changed["field"], changed["old"], changed["new"]) == (
        "classification",
        "CustomerContent",
        "SystemMetaData",
    )
    assert new.is_dir()


def test_diff_of_equal_reports_exits_0_and_pairs_extension_versions(cli, tmp_path: Path):
    write(tmp_path / "a.json", {"pub.ext-1.0.0": catalog({"e": {}}), "vscode-core": CORE})
    write(tmp_path / "b.json", {"pub.ext-1.1.0": catalog({"e": {}}), "vscode-core": CORE})
    run = cli("diff", str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert (run.code, json.loads(run.out)) == (0, {"equal": True, "changes": []})
    write(tmp_path / "c.json", {"pub.ext-1.2.0": catalog({"e": {}, "f": {}}), "vscode-core": CORE})
    changed = json.loads(cli("diff", str(tmp_path / "a.json"), str(tmp_path / "c.json")).out)[
        "changes"
    ]
    assert changed == [
        {
            "kind": "event-added",
            "source": "pub.ext-1.2.0",
            "oldSource": "pub.ext-1.0.0",
            "event": "f",
            "new": [],
        }
    ]


def test_diff_errors_name_the_file_and_exit_2(cli, tmp_path: Path):
    write(tmp_path / "bad.json", '{\n "a": {\n}')
    run = cli("diff", str(tmp_path / "bad.json"), str(EXAMPLES / "install"))
    assert_one_line_error(run, f"{tmp_path / 'bad.json'}:3:2:")
    assert run.code == 2
    run = cli("diff", str(tmp_path / "missing.json"), str(tmp_path / "bad.json"))
    assert_one_line_error(run, "missing.json", "no such file or folder")
    assert run.code == 2
    assert cli("diff", str(tmp_path / "bad.json")).code == 2  # usage: NEW is missing


@pytest.mark.parametrize(
    ("option", "needle"),
    [("--app-root", "no VS Code app root there"), ("--extensions-dir", "no such folder")],
)
def test_show_with_a_missing_folder_names_it(cli, install, tmp_path: Path, option, needle):
    app, ext = install
    where = {"--app-root": str(app), "--extensions-dir": str(ext), option: str(tmp_path / "typo")}
    run = cli("show", "editor/open", *[part for item in where.items() for part in item])
    assert_one_line_error(run, str(tmp_path / "typo"), needle)
    assert run.code == 1


def test_show_with_a_malformed_core_file_names_line_and_column(cli, tmp_path: Path):
    app = make_install(tmp_path / "i", core='{\n  "events": {\n    "a": 1,\n  }\n}')
    run = cli("show", "a", "--app-root", str(app), "--no-builtin")
    assert_one_line_error(run, f"{app / 'telemetry-core.json'}:4:3:")
    assert run.code == 1


def test_show_unknown_flavor_is_a_usage_error(cli):
    run = cli("show", "editor/open", "--flavor", "sublime")
    assert_one_line_error(run, "'sublime'", "vscodium")
    assert run.code == 2


def test_diff_inputs_that_are_no_catalog_name_the_file_and_exit_2(cli, tmp_path: Path):
    write(tmp_path / "array.json", [1])
    run = cli("diff", str(tmp_path / "array.json"), str(EXAMPLES / "install"))
    assert_one_line_error(run, f"{tmp_path / 'array.json'}: not a report")
    assert run.code == 2
    (tmp_path / "folder").mkdir()
    run = cli("diff", str(EXAMPLES / "install"), str(tmp_path / "folder"))
    assert_one_line_error(run, str(tmp_path / "folder"), "no VS Code app root there")
    assert run.code == 2


def test_diff_of_an_unreadable_file_names_it(env, tmp_path: Path):
    locked = write(tmp_path / "locked.json", {"vscode-core": CORE})
    locked.chmod(0o000)
    try:
        run = run_unprivileged("diff", str(locked), str(EXAMPLES / "install"), env=env)
    finally:
        locked.chmod(0o644)
    assert_one_line_error(run, str(locked), "permission denied")
    assert run.code == 2

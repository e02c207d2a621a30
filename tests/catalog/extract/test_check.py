"""`extract --check FILE`: a gate that writes nothing. Exit 0 when FILE is what the sources
declare, 1 with a short summary of what differs, 2 when FILE (or the command line) is bad."""

from __future__ import annotations

import json
from pathlib import Path

from extract_corpus import load_case, load_expected, materialize, working_dir

from tests.conftest import assert_one_line_error, run_cli


def _case(tmp: Path, name: str = "fragment-repeated") -> tuple[Path, dict]:
    case = load_case(name)
    root = materialize(case, tmp)
    return working_dir(case, root), load_expected(case)["catalog"]


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_a_matching_catalog_passes_in_either_layout(tmp_path, env):
    source, expected = _case(tmp_path)
    for layout, text in (
        ("compact.json", json.dumps(expected)),
        ("code.json", json.dumps(expected, indent=4, sort_keys=False)),
    ):
        committed = tmp_path / layout
        committed.write_text(text, encoding="utf-8")
        before = _files(tmp_path)
        run = run_cli("extract", str(source), "--check", str(committed), env=env)
        assert (run.code, run.out, run.err) == (0, "", "")
        assert _files(tmp_path) == before
        assert committed.read_text(encoding="utf-8") == text


def test_a_drift_is_summarised_and_nothing_is_written(tmp_path, env):
    source, expected = _case(tmp_path)
    committed = json.loads(json.dumps(expected))
    events = committed["events"]
    gone_name = next(iter(events))
    del events[gone_name]  # the sources declare it: added
    events["old/event"] = {"owner": "someone"}  # no longer declared: removed
    some_event = next(name for name, e in events.items() if len(e) > 2 and name != "old/event")
    prop = next(k for k, v in events[some_event].items() if isinstance(v, dict))
    events[some_event][prop] = {
        **events[some_event][prop],
        "classification": "PublicNonPersonalData",
    }
    events[some_event]["owner"] = "not-the-owner"
    path = tmp_path / "telemetry.json"
    text = json.dumps(committed, indent=4)
    path.write_text(text, encoding="utf-8")
    before = _files(tmp_path)

    run = run_cli("extract", str(source), "--check", str(path), env=env)
    assert run.code == 1
    assert run.out == ""
    lines = run.err.splitlines()
    assert lines[0] == f"error: {path} differs from what the sources declare:"
    was = expected["events"][some_event][prop]["classification"]
    assert f"  + event {gone_name} (" in run.err
    assert "  - event old/event" in lines
    assert (
        f"  ~ {some_event}: property {prop} classification "
        f"'PublicNonPersonalData' -> {was!r}" in lines
    )
    assert f"  ~ {some_event}: other details differ (owner)" in lines
    assert "Traceback" not in run.err
    assert _files(tmp_path) == before
    assert path.read_text(encoding="utf-8") == text


def test_bad_input_exits_2_with_one_line(tmp_path, env):
    source, _ = _case(tmp_path)
    (tmp_path / "broken.json").write_text('{"events": {', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "report.json").write_text(
        '{"a": {"events": {}}, "b": {"events": {}}}', encoding="utf-8"
    )
    (tmp_path / "folder").mkdir()
    before = _files(tmp_path)
    for name, needle in (
        ("missing.json", "cannot read: no such file or folder"),
        ("broken.json", "broken.json:1:"),
        ("list.json", "nor a catalog"),
        ("report.json", "not a catalog"),
        ("folder", "folder"),
    ):
        run = run_cli("extract", str(source), "--check", str(tmp_path / name), env=env)
        assert run.code == 2, (name, run)
        assert_one_line_error(run, needle)
    gone = run_cli("extract", str(tmp_path / "nothere"), "--check", "x.json", env=env)
    assert gone.code == 2
    assert_one_line_error(gone, "nothere", "no such folder")
    both = run_cli(
        "extract", str(source), "--check", "x.json", "-o", str(tmp_path / "o.json"), env=env
    )
    assert both.code == 2
    assert_one_line_error(both, "--check writes nothing")
    assert _files(tmp_path) == before

"""Writing a page: where it goes, what is refused before any work, and the JSON a page embeds."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from telemetry_inspector.render.html.page import embed_json, visible
from tests.conftest import EXAMPLES, run_cli, run_in_terminal, run_unprivileged

INSTALL = (
    "--app-root",
    str(EXAMPLES / "install"),
    "--extensions-dir",
    str(EXAMPLES / "home" / ".vscode" / "extensions"),
)
LOGS = str(EXAMPLES / "home" / ".config" / "Code" / "logs" / "20260330T095512")
COMMANDS = {
    "report": ("report", *INSTALL),
    "stats": ("stats", LOGS, "--no-catalog"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_page_on_stdout_is_the_page_in_the_file(command, tmp_path, env):
    path = tmp_path / "page.html"
    to_file = run_cli(*COMMANDS[command], "--format", "html", "-o", str(path), env=env)
    piped = run_cli(*COMMANDS[command], "--format", "html", env=env)
    assert to_file.code == piped.code == 0
    assert to_file.out == ""
    assert piped.out == path.read_text(encoding="utf-8")
    assert piped.out.startswith("<!DOCTYPE html>")
    assert sorted(os.listdir(tmp_path)) == ["home", "page.html"]  # no temporary file left


def test_an_existing_file_is_replaced_whole(tmp_path, env):
    path = tmp_path / "catalog.html"
    path.write_text("x" * 10_000_000, encoding="utf-8")
    done = run_cli(*COMMANDS["report"], "--format", "html", "-o", str(path), env=env)
    assert done.code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        # -o is every command's (options.output_to): its refusals are a file error, exit 1
        (("-o", "{tmp}/missing/page.html", "--format", "html"), "no such file or folder", 1),
        (("-o", "{tmp}", "--format", "html"), "is a directory", 1),
        (("-o", "{tmp}/page.html", "--format", "pdf"), "'pdf' is not one of", 2),
    ],
)
@pytest.mark.parametrize("command", ["report", "stats", "diff"])
def test_bad_output_options_fail_on_one_line_and_write_nothing(
    command, args, message, code, tmp_path, env
):
    saved = tmp_path / "saved.json"
    saved.write_text('{"vscode-core": {"events": {}}}', encoding="utf-8")
    before = sorted(os.listdir(tmp_path))
    base = ("diff", str(saved), str(saved)) if command == "diff" else COMMANDS[command]
    done = run_cli(*base, *(arg.format(tmp=tmp_path) for arg in args), env=env)
    assert done.code == code
    assert message in done.err
    assert len(done.err.strip().splitlines()) == 1
    assert "Traceback" not in done.err
    assert done.out == ""
    assert sorted(os.listdir(tmp_path)) == before


def test_a_page_is_not_poured_onto_a_terminal(env):
    done = run_in_terminal(*COMMANDS["report"], "--format", "html", env=env)
    assert done.code == 2
    assert "give -o FILE" in done.err
    assert "<html" not in done.out


def test_a_read_only_page_is_left_alone(tmp_path, env):
    path = tmp_path / "catalog.html"
    path.write_text("kept", encoding="utf-8")
    path.chmod(0o444)
    done = run_unprivileged(*COMMANDS["report"], "--format", "html", "-o", str(path), env=env)
    assert done.code != 0
    assert "read-only" in done.err and len(done.err.strip().splitlines()) == 1
    assert path.read_text(encoding="utf-8") == "kept"


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_embedded_json_reads_back_and_cannot_close_its_script(value):
    embedded = str(embed_json(value))
    assert json.loads(embedded) == value
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in embedded


def test_embedded_json_escapes_what_would_end_a_script():
    embedded = str(embed_json({"a": "</script><!--\u2028"}))
    assert embedded == '{"a":"\\u003c/script\\u003e\\u003c!--\\u2028"}'


def test_templates_spell_bidi_and_control_characters():
    assert visible("admin\u202etxt\u2066.exe\x1b[31m") == "admin\\u202etxt\\u2066.exe\\u001b[31m"
    assert visible("two\nlines\ttab") == "two\nlines\ttab"


@pytest.mark.parametrize("command", ["diff", "stats"])
def test_the_page_never_replaces_a_file_it_is_made_from(command, tmp_path, env):
    source = tmp_path / ("old.json" if command == "diff" else "telemetry.log")
    text = (
        '{"vscode-core": {"events": {}}}'
        if command == "diff"
        else '2026-03-30 10:00:00.000 [trace] telemetry/x {"properties":{},"measurements":{}}\n'
    )
    source.write_text(text, encoding="utf-8")
    args = ("diff", str(source), str(source)) if command == "diff" else ("stats", str(source))
    done = run_cli(*args, "--format", "html", "-o", str(source), env=env)
    assert done.code == 2
    assert "is a file the page is made from" in done.err
    assert source.read_text(encoding="utf-8") == text


def test_the_page_grows_with_the_catalog_as_its_data_does(tmp_path, env):
    """Data once: each thousand events adds the same to the page, around a fixed shell."""
    from tests.catalog.helpers import catalog, make_install, prop

    def page_size(count: int) -> tuple[int, int]:
        events = {
            f"core/event{index:05d}": {
                "owner": "team",
                "comment": f"Event number {index:05d} happened.",
                "p": prop(comment=f"Property of event {index:05d}."),
            }
            for index in range(count)
        }
        root = tmp_path / str(count)
        app = make_install(root, core=catalog(events))
        (root / "extensions").mkdir()
        path = root / "page.html"
        done = run_cli(
            "report", "--app-root", str(app), "--extensions-dir", str(root / "extensions"),
            "--format", "html", "-o", str(path), env=env,
        )  # fmt: skip
        assert done.code == 0, done.err
        text = path.read_text(encoding="utf-8")
        assert text.count("Property of event 00007.") == 1
        assert text.count("number 00007 happened") == 1
        return len(text.encode()), len(json.dumps(events).encode())

    (one, one_json), (two, two_json), (three, _) = map(page_size, (1000, 2000, 3000))
    step = two - one
    assert abs((three - two) - step) < 0.02 * step  # linear
    assert 0 < one - step < 40_000  # the shell: markup, style, script
    assert step < two_json - one_json  # smaller than the same events as JSON

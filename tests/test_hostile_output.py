"""Hostile names and text in output (issue 11, item 5 and the terminal item): file names that are
not UTF-8 never crash JSON and are shown unambiguously; characters a terminal would act on (C1
controls, bidirectional overrides and marks, line separators) are escaped wherever a terminal is
the reader, and JSON stays valid JSON."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, clean_env, run_cli, run_in_terminal

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="byte file names: Linux")

SESSION = next((EXAMPLES / "home" / ".config" / "Code" / "logs").iterdir())
ACTIVE = ["\x9b", "\x9d", "\u202e", "\u200f", "\u2028"]


def _byte_home(tmp_path: Path, byte: int) -> Path:
    home = Path(os.fsdecode(bytes(tmp_path) + b"/h" + bytes([byte])))
    home.mkdir()
    return home


@pytest.mark.parametrize("byte", [0xE9, 0xFF])
@pytest.mark.parametrize(
    "args",
    [
        ["status", "--json"],
        ["set-level", "off", "--json"],
        ["audit", "--json"],
        ["lockdown", "--json"],
        ["lockdown", "--backups", "--json"],
    ],
    ids=["status", "set-level", "audit", "lockdown", "backups"],
)
def test_a_home_not_named_in_utf8_never_crashes_json(tmp_path, byte, args):
    home = _byte_home(tmp_path, byte)
    run = run_cli(*args, env=clean_env(home))
    assert "Traceback" not in run.err and "unexpected" not in run.err, run.err
    assert run.code in (0, 1), run
    value = json.loads(run.out)  # valid JSON
    text = json.dumps(value)
    if args[0] in ("status", "set-level"):
        # The name, read back by Python, is the same bytes: unambiguous.
        named = Path(os.fsencode(value[0]["settings"]).decode("utf-8", "surrogateescape"))
        assert os.fsencode(named).startswith(os.fsencode(home))
        assert f"\\udc{byte:02x}" in text


def test_a_log_folder_not_named_in_utf8_is_tailed(tmp_path, env):
    session = Path(os.fsdecode(bytes(tmp_path) + b"/logs\xff")) / SESSION.name
    shutil.copytree(SESSION, session)
    run = run_cli("tail", "--no-follow", "--json", str(session), env=env)
    assert run.code == 0 and "Traceback" not in run.err, run
    assert [json.loads(line) for line in run.out.splitlines()]


def test_a_name_not_in_utf8_is_shown_as_its_byte_on_a_terminal(tmp_path):
    home = _byte_home(tmp_path, 0xE9)
    run = run_in_terminal("status", env=clean_env(home), columns=200)
    assert run.code == 0 and "Traceback" not in run.err, run
    assert "h\\xe9" in run.out.replace("\n", "").replace("│", "").replace(" ", "")


def _install_with_comment(tmp_path: Path, comment: str) -> Path:
    app = tmp_path / "install" / "resources" / "app"
    shutil.copytree(EXAMPLES / "install" / "resources" / "app", app, symlinks=True)
    core = json.loads((app / "telemetry-core.json").read_text())
    event = {"owner": "x", "comment": comment}
    core["events"]["hostile/event" + comment] = event
    (app / "telemetry-core.json").write_text(json.dumps(core, ensure_ascii=False))
    return app


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "view"])
def test_report_on_a_terminal_escapes_what_the_terminal_would_act_on(tmp_path, env, as_json):
    comment = "red " + "".join(ACTIVE) + " end"
    app = _install_with_comment(tmp_path, comment)
    args = ["report", "--app-root", str(app), "--event", "hostile/*"]
    run = run_in_terminal(*args, *(["--json"] if as_json else []), env=env, columns=200)
    assert run.code == 0, run
    for char in ACTIVE:
        assert char not in run.out, repr(char)
    if as_json:
        value = json.loads(run.out)  # still valid, still the same text
        assert comment in json.dumps(value, ensure_ascii=False)
        assert "\\u009b" in run.out and "\\u202e" in run.out
    # In a pipe the bytes are the catalog's own.
    piped = run_cli(*args, "--json", env=env)
    assert "\x9b" in piped.out and comment in json.dumps(json.loads(piped.out), ensure_ascii=False)


def test_tail_json_on_a_terminal_escapes_controls_and_stays_valid(tmp_path, env):
    session = tmp_path / SESSION.name
    shutil.copytree(SESSION, session)
    log = session / "telemetry.log"
    line = (
        '2026-03-30 09:58:00.000 [trace] telemetry/hostile {"properties":{"x":"a\u009b\u202eb"}}\n'
    )
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(line)
    run = run_in_terminal("tail", "--no-follow", "--json", str(log), env=env, columns=200)
    assert run.code == 0, run
    assert "\x9b" not in run.out and "\u202e" not in run.out
    records = [json.loads(r) for r in run.out.splitlines() if r.strip()]
    assert any("a\u009b\u202eb" in json.dumps(r, ensure_ascii=False) for r in records)


def test_a_settings_path_with_direction_marks_is_escaped_in_views(tmp_path):
    home = tmp_path / "h\u200fx\u2028y"
    home.mkdir()
    run = run_in_terminal("status", env=clean_env(home), columns=200)
    assert run.code == 0, run
    assert "\u200f" not in run.out and "\u2028" not in run.out
    flat = run.out.replace("\n", "").replace("│", "").replace(" ", "")
    assert "h\\u200fx\\u2028y" in flat

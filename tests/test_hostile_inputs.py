"""Hostile inputs every reader meets (issue 11, item 7): a FIFO, a device that never ends
(/dev/zero), a link to one, a file far too large. Each is refused at once in one line naming it;
nothing blocks, nothing grows without bound. (The other hostile suites: tests/*/test_hostile_*.py,
all selected by `pytest -m hostile`.)"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, assert_one_line_error, run_cli

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="FIFOs and /dev/zero: Linux")

SESSION = next((EXAMPLES / "home" / ".config" / "Code" / "logs").iterdir())


def _hostile(tmp_path: Path, kind: str, name: str = "input.json") -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero-link":
        path.symlink_to("/dev/zero")
    else:  # a sparse file past every size cap: no disk used, 600 MB to a reader
        with open(path, "wb") as handle:
            handle.truncate(600 * 1024 * 1024)
    return path


KINDS = ["fifo", "zero-link", "too-large"]


COMMANDS = {
    "status": (["status", "--json", "--settings", "{}"], 1),
    "set-level": (["set-level", "off", "--settings", "{}"], 1),
    "audit": (["audit", "--json", "--settings", "{}"], 1),
    "tail": (["tail", "--no-follow", "--json", "{}"], 1),
    "diff": (["diff", "{}", "{}"], 2),
    "tail-catalog": (["tail", "--no-follow", "--json", "--catalog", "{}", str(SESSION)], 1),
    "extract-config": (["extract", "--config", "{}"], 1),
}
# A log is the one input that may be far larger than any cap: tail reads it in bounded memory
# instead of refusing it (tests/logs/test_hostile_logs.py measures that).
READ_NOT_REFUSED = {("too-large", "tail")}


@pytest.mark.parametrize(
    ("kind", "args", "code"),
    [
        pytest.param(kind, args, code, id=f"{command}-{kind}")
        for command, (args, code) in COMMANDS.items()
        for kind in KINDS
        if (kind, command) not in READ_NOT_REFUSED
    ],
)
def test_a_hostile_file_is_refused_at_once_with_its_name(tmp_path, env, kind, args, code):
    path = _hostile(tmp_path, kind)
    run = run_cli(*(a.replace("{}", str(path)) for a in args), env=env, timeout=30)
    assert run.code == code, run
    assert "Traceback" not in run.err and str(path) in run.err
    reason = "too large" if kind == "too-large" else "not a regular file"
    assert reason in run.err, run.err


@pytest.mark.parametrize("kind", KINDS)
def test_an_install_whose_catalog_is_hostile_is_refused(tmp_path, env, kind):
    app = tmp_path / "install" / "resources" / "app"
    shutil.copytree(EXAMPLES / "install" / "resources" / "app", app, symlinks=True)
    target = app / "telemetry-core.json"
    target.unlink()
    _hostile(app, kind, "telemetry-core.json")
    run = run_cli("report", "--json", "--app-root", str(app), env=env, timeout=30)
    assert_one_line_error(run, str(target))


@pytest.mark.parametrize("kind", ["fifo", "zero-link"])
def test_an_extension_manifest_that_is_hostile_is_skipped_or_named(tmp_path, env, home, kind):
    extension = home / ".vscode" / "extensions" / "acme.tool-1.0.0"
    extension.mkdir(parents=True)
    _hostile(extension, kind, "package.json")
    run = run_cli("audit", "--json", env=env, timeout=30)
    assert "Traceback" not in run.err
    assert json.loads(run.out)  # the audit still ran


@pytest.mark.parametrize("kind", ["fifo", "zero-link"])
def test_a_hostile_log_in_a_session_folder_is_passed_over(tmp_path, env, kind):
    session = tmp_path / "20260101T000000"
    shutil.copytree(SESSION, session, symlinks=True)
    log = next(session.rglob("telemetry.log"))
    log.unlink()
    _hostile(log.parent, kind, log.name)
    run = run_cli("tail", "--no-follow", "--json", str(session), env=env, timeout=30)
    assert "Traceback" not in run.err, run.err

"""examples/ansible run by the real ansible-core against this machine (connection: local), in a
sandboxed HOME: a drifted host is changed, then left alone, and check mode reports new drift
without touching anything."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, clean_env, run_cli
from tests.settings.worlds import ALL_OFF, all_off_world, files_under, settings_of, values, write

PLAYBOOK = EXAMPLES / "ansible" / "playbook.yml"
BIN = Path(sys.executable).parent
ANSIBLE_PLAYBOOK = BIN / "ansible-playbook"

pytestmark = pytest.mark.skipif(
    not ANSIBLE_PLAYBOOK.exists(),
    reason="ansible-core is in the test extra: pip install -e .[test]",
)


@dataclass(frozen=True)
class Task:
    name: str
    status: str  # ok, changed, skipping
    result: dict  # what the callback printed after `=>` (debug's msg), as JSON


def run_playbook(tmp_path: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    """ansible-playbook on the example, against this machine, with the user's HOME sandboxed."""
    inventory = write(
        tmp_path / "inventory.ini",
        f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n",
    )
    extra = {
        "telemetry_bin": str(BIN / "telemetry"),
        "vscode_policy_path": str(tmp_path / "etc" / "vscode" / "policy.json"),
        "vscode_policy_become": False,
    }
    env = clean_env(
        home,
        ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default",
        ANSIBLE_CALLBACK_RESULT_FORMAT="json",
        ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-local"),
        ANSIBLE_REMOTE_TEMP=str(tmp_path / "ansible-remote"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        ANSIBLE_CONFIG=str(tmp_path / "no-ansible.cfg"),  # none of the machine's settings
        LC_ALL="C.UTF-8",
        PATH=f"{BIN}:{clean_env(home)['PATH']}",
    )
    command = [str(ANSIBLE_PLAYBOOK), "-i", str(inventory), str(PLAYBOOK)]
    return subprocess.run(
        [*command, "-e", json.dumps(extra), *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


def play(tmp_path: Path, home: Path, *args: str) -> list[Task]:
    """One successful run, read from the default callback's output: each task's status on
    localhost (results printed as JSON), checked against the recap's count."""
    done = run_playbook(tmp_path, home, *args)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    tasks = [_task(block) for block in done.stdout.split("\nTASK [")[1:]]
    recap = re.search(r"localhost\s*:.*?changed=(\d+)", done.stdout)
    assert recap is not None, done.stdout
    changed = [task for task in tasks if task.status == "changed"]
    assert int(recap.group(1)) == len(changed), done.stdout
    return tasks


def _task(block: str) -> Task:
    name, _, body = block.partition("]")
    line = next(line for line in body.splitlines() if line.endswith(("]", "=> {")) or "=>" in line)
    status = line.split(":", 1)[0]
    result = {}
    if "=> " in body:
        text = body.split("=> ", 1)[1]
        result = json.JSONDecoder().raw_decode(text)[0]
    return Task(name, status, result)


def changed_tasks(tasks: list[Task]) -> list[str]:
    return [task.name for task in tasks if task.status == "changed"]


def test_the_playbook_locks_down_then_is_idempotent_and_check_mode_reports_drift(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    all_off_world(home, **{"telemetry.telemetryLevel": "all", "git.autofetch": True})
    policy = tmp_path / "etc" / "vscode" / "policy.json"

    first = play(tmp_path, home)
    assert changed_tasks(first) == [
        "Turn every switch off (one atomic write per file, with backups)",
        "Make the policy folder (Linux)",
        "Install the machine policy (Linux)",
    ]
    assert values(settings_of(home)) == ALL_OFF
    assert json.loads(policy.read_text()) == {
        "TelemetryLevel": "off",
        "EnableFeedback": False,
        "UpdateMode": "none",
    }
    audit = run_cli("audit", "--json", "--policy-file", str(policy), env=clean_env(home))
    assert audit.code == 0, audit.err

    second = play(tmp_path, home)
    assert changed_tasks(second) == []
    assert [t.status for t in second if t.name.startswith("Turn every")] == ["skipping"]

    # Someone turns telemetry back on: check mode reports it and writes nothing.
    write(settings_of(home), json.dumps({**ALL_OFF, "telemetry.telemetryLevel": "error"}))
    before = files_under(home / ".config")
    drifted = play(tmp_path, home, "--check")
    assert changed_tasks(drifted) == ["Report drift"]
    [report] = [task.result["msg"] for task in drifted if task.name == "Report drift"]
    assert str(settings_of(home)) in report
    assert files_under(home / ".config") == before


def test_the_example_inventory_is_a_local_connection():
    text = (EXAMPLES / "ansible" / "inventory.ini").read_text()
    assert "ansible_connection=local" in text
    listed = subprocess.run(
        [
            str(BIN / "ansible-inventory"),
            "-i",
            str(EXAMPLES / "ansible" / "inventory.ini"),
            "--list",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean_env(Path("/nonexistent")), "LC_ALL": "C.UTF-8"},
    )
    assert listed.returncode == 0, listed.stderr
    hosts = json.loads(listed.stdout)["workstations"]["hosts"]
    assert hosts == ["localhost"]


def test_a_host_whose_settings_do_not_parse_fails_with_telemetrys_error(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    broken = write(settings_of(home), '{"telemetry.telemetryLevel": ')
    done = run_playbook(tmp_path, home)
    assert done.returncode != 0
    assert "Check every VS Code settings file against lockdown" in done.stdout
    assert str(broken) in done.stdout  # telemetry's one-line error, in the task's result
    assert broken.read_text() == '{"telemetry.telemetryLevel": '
    assert not (tmp_path / "etc").exists()

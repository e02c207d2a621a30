from __future__ import annotations

from pathlib import Path

from telemetry_inspector.settings.policy import read_policy
from telemetry_inspector.vscode.model import UNSET


def test_policy_values(tmp_path: Path):
    path = tmp_path / "policy.json"
    path.write_text('{"TelemetryLevel": "off", "EnableFeedback": false}')
    policy = read_policy(path)
    assert (policy.exists, policy.level, policy.feedback, policy.problem) == (
        True,
        "off",
        False,
        None,
    )


def test_missing_policy_file_is_no_policy(tmp_path: Path):
    policy = read_policy(tmp_path / "policy.json")
    assert (policy.exists, policy.level, policy.problem) == (False, UNSET, None)


def test_policy_files_are_strict_json(tmp_path: Path):
    path = tmp_path / "policy.json"
    path.write_text('{\n  // comments are not allowed here\n  "TelemetryLevel": "off"\n}')
    policy = read_policy(path)
    assert policy.level is UNSET
    assert policy.problem.one_line().startswith(f"{path}:2:3: ")


def test_policy_must_be_an_object(tmp_path: Path):
    path = tmp_path / "policy.json"
    path.write_text('["TelemetryLevel"]')
    assert "must hold a JSON object" in read_policy(path).problem.one_line()


def test_lockdown_reads_the_policy_file_it_merges_into_once(tmp_path: Path, monkeypatch):
    from telemetry_inspector.settings.lockdown import Options, plan_lockdown

    path = tmp_path / "policy.json"
    path.write_text('{"UpdateMode": "none"}')
    from telemetry_inspector.settings import files

    reads = []
    read_snapshot = files.read_snapshot

    def counted(where: Path, **kwargs):
        reads.append(where)
        return read_snapshot(where, **kwargs)

    monkeypatch.setattr(files, "read_snapshot", counted)
    [work] = plan_lockdown([], Options(policy=path)).files
    assert reads.count(path) == 1
    assert '"UpdateMode": "none"' in work.edit.text and '"TelemetryLevel": "off"' in work.edit.text

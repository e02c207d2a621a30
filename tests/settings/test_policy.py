from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("data", "where", "what"),
    [
        (b'\xef\xbb\xbf{"TelemetryLevel": "off"}', "1:1", "byte order mark"),
        (b'{"TelemetryLevel": "off",\n "x": NaN}', "2:7", "NaN"),
        (b'{"TelemetryLevel": "off", "x": [-Infinity]}', "1:33", "-Infinity"),
    ],
)
def test_what_json_parse_refuses_makes_the_whole_file_ignored(tmp_path: Path, data, where, what):
    # VS Code reads the file with JSON.parse(buffer.toString()): a BOM is a character before the
    # object there, and NaN or Infinity are no JSON; it then ignores every policy in the file.
    path = tmp_path / "policy.json"
    path.write_bytes(data)
    policy = read_policy(path)
    assert policy.level is UNSET
    assert policy.problem.one_line().startswith(f"{path}:{where}: ")
    assert what in policy.problem.one_line()


def test_an_integer_past_pythons_digit_limit_is_a_number_as_in_json_parse(tmp_path: Path):
    path = tmp_path / "policy.json"
    path.write_text('{"TelemetryLevel": "off", "x": ' + "1" * 5000 + "}")
    policy = read_policy(path)
    assert (policy.level, policy.problem) == ("off", None)


# Bytes that are not UTF-8, where VS Code's decoder and Python's could part ways: lone
# continuation bytes, truncated sequences, overlong forms, encoded surrogates, bytes past U+10FFFF.
_NOT_UTF8 = [
    *(b"\xe9", b"\xff\xfe", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"),
    *(b"\xf0\x9f\x98", b"\xe2\x82", b"caf\xe9 ol\xe9", b"\x80\xbf\xc2"),
]


def test_bytes_that_are_not_utf8_read_as_json_parse_of_buffer_to_string_reads_them(
    tmp_path: Path, node_tools: Path
):
    # VS Code reads the file with JSON.parse(buffer.toString()), which reads such bytes as U+FFFD
    # and keeps every policy: node, run here on the same files, is the reference.
    paths = []
    for index, bad in enumerate(_NOT_UTF8):
        path = tmp_path / f"policy-{index}.json"
        path.write_bytes(b'{"TelemetryLevel": "off", "n\xff' + bad + b'": "' + bad + b'x"}')
        paths.append(path)
    read = "JSON.parse(require('fs').readFileSync(f).toString())"
    script = f"for (const f of process.argv.slice(1)) console.log(JSON.stringify({read}))"
    done = subprocess.run(
        ["node", "-e", script, *map(str, paths)], capture_output=True, text=True, check=True
    )
    for path, line in zip(paths, done.stdout.splitlines(), strict=True):
        policy = read_policy(path)
        assert (policy.values, policy.problem, policy.level) == (json.loads(line), None, "off")
        [note] = policy.notes
        assert note.startswith(f"{path}:1:") and "not valid UTF-8" in note and "U+FFFD" in note

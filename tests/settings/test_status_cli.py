"""status as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import (
    EXAMPLES,
    assert_one_line_error,
    clean_env,
    run_cli,
    run_in_terminal,
    run_unprivileged,
)

LEVEL = "telemetry.telemetryLevel"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def settings_of(home: Path, folder: str = "Code") -> Path:
    return home / ".config" / folder / "User" / "settings.json"


def status(cli, *args: str) -> list[dict]:
    run = cli("status", "--json", *args)
    assert run.code == 0, run
    return json.loads(run.out)


def test_json_has_the_promised_keys(cli, home):
    path = write(settings_of(home), '{"telemetry.telemetryLevel": "error"}')
    [record] = status(cli)
    assert {
        "settings",
        "flavor",
        "configured",
        "effective",
        "policy",
        "deprecated",
        "sends",
    } <= set(record)
    assert record["settings"] == str(path)
    assert (record["flavor"], record["configured"], record["effective"]) == (
        "code",
        "error",
        "error",
    )
    assert record["sends"] == {"crash_reports": True, "error_telemetry": True, "usage_data": False}


def test_a_deprecated_switch_forces_off(cli, home):
    write(
        settings_of(home),
        '{"telemetry.telemetryLevel": "all", "telemetry.enableCrashReporter": false}',
    )
    [record] = status(cli)
    assert record["effective"] == "off"
    assert record["effective_source"] == "telemetry.enableCrashReporter"
    assert record["deprecated"] == {"telemetry.enableCrashReporter": False}


def test_a_policy_overrides_the_user(cli, home, tmp_path):
    write(settings_of(home), '{"telemetry.telemetryLevel": "off"}')
    policy = write(tmp_path / "policy.json", '{"TelemetryLevel": "crash"}')
    [record] = status(cli, "--policy-file", str(policy))
    assert record["effective"] == "crash"
    assert record["policy"] == {
        "file": str(policy),
        "source": str(policy),
        "TelemetryLevel": "crash",
    }
    assert f"the level is set by policy: {policy}" in record["notes"]


def test_a_malformed_policy_is_ignored_as_vscode_does_with_a_warning(cli, home, tmp_path):
    write(settings_of(home), '{"telemetry.telemetryLevel": "off"}')
    policy = write(tmp_path / "policy.json", '{"TelemetryLevel": "all",}')
    run = cli("status", "--json", "--policy-file", str(policy))
    assert run.code == 0
    assert json.loads(run.out)[0]["effective"] == "off"
    assert f"{policy}:1:" in run.err and "ignores" in run.err


def test_crash_reporter_switch_in_argv(cli, home):
    write(settings_of(home), "{}")
    write(home / ".vscode" / "argv.json", '{\n // hi\n "enable-crash-reporter": false\n}')
    [record] = status(cli)
    assert record["crash_reporter"]["enable-crash-reporter"] is False
    assert record["sends"]["crash_reports"] is False and record["sends"]["usage_data"] is True


def test_an_unknown_value_is_reported_as_invalid(cli, home):
    write(settings_of(home), '{"telemetry.telemetryLevel": "none"}')
    [record] = status(cli)
    assert record["effective"] is None and record["sends"] is None
    assert any("not a telemetry level" in note for note in record["notes"])


def test_a_value_that_is_no_level_is_shown_as_json_as_audit_shows_it(cli, home):
    write(settings_of(home), '{"telemetry.telemetryLevel": true}')
    [record] = status(cli)
    note = "true is not a telemetry level (all, error, crash or off)"
    assert note in record["notes"]
    audit = cli("audit", "--json", "--flavor", "code")
    [level] = [s for s in json.loads(audit.out)[0]["switches"] if s["id"] == LEVEL]
    assert level["note"] == note


def test_a_flavor_that_never_wrote_settings_sends_everything(cli, home):
    (home / ".config" / "Code - Insiders").mkdir(parents=True)
    [record] = status(cli)
    assert (record["flavor"], record["exists"], record["effective"]) == ("insiders", False, "all")


def test_malformed_settings_are_an_error_but_the_others_are_shown(cli, home):
    bad = write(settings_of(home), '{"a": 1 "b": 2}')
    write(settings_of(home, "VSCodium"), '{"telemetry.telemetryLevel": "off"}')
    run = cli("status", "--json")
    assert run.code == 1
    records = json.loads(run.out)
    assert records[0]["error"].startswith(f"{bad}:1:9:")
    assert records[1]["effective"] == "off"
    assert run.err.count("\n") == 1 and f"{bad}:1:9:" in run.err


def test_single_bad_file_is_a_one_line_error(cli, tmp_path):
    path = write(tmp_path / "settings.json", "[1, 2]")
    run = cli("status", "--settings", str(path))
    assert run.code == 1 and "Traceback" not in run.err
    assert str(path) in run.err and "array" in run.err


def test_directory_as_settings(cli, tmp_path):
    line = error_line(cli("status", "--json", "--settings", str(tmp_path)))
    assert str(tmp_path) in line and "is a directory" in line


def test_the_examples_world(tmp_path):
    home = tmp_path / "home"
    shutil.copytree(EXAMPLES / "home", home, symlinks=True)
    run = run_cli(
        "status", "--json", "--policy-file", str(tmp_path / "none.json"), env=clean_env(home)
    )
    assert run.code == 0, run
    by_flavor = {record["flavor"]: record for record in json.loads(run.out)}
    assert by_flavor["code"]["effective"] == "off"  # only because of the deprecated switch
    assert by_flavor["code"]["effective_source"] == "telemetry.enableTelemetry"
    assert by_flavor["insiders"]["effective"] == "all"


def test_on_a_terminal_a_table_and_file_text_is_shown_literally(home):
    path = write(settings_of(home), '{"telemetry.telemetryLevel": "[bold]off\\u001b[31m"}')
    run = run_in_terminal(
        "--color", "always", "status", "--settings", str(path), env=clean_env(home)
    )
    assert run.code == 0, run
    assert "effective" in run.out and "invalid" in run.out
    assert "[bold]off\\x1b[31m" in run.out  # markup and the escape character shown, not obeyed
    assert "\x1b[31m" not in run.out.replace("\\x1b[31m", "")


def test_no_color_and_pipes_mean_plain_output(home):
    write(settings_of(home), "{}")
    run = run_in_terminal("status", env=clean_env(home, NO_COLOR="1"))
    assert run.code == 0 and "\x1b[" not in run.out


def test_status_loads_no_editor_and_compiles_no_large_file_patterns(env, home):
    """Start-up: reading a settings file needs neither the JSONC editor nor the patterns that
    only large files, or files with rare blanks, use."""
    import subprocess
    import sys

    shutil.copytree(EXAMPLES / "home", home, symlinks=True, dirs_exist_ok=True)
    code = (
        "import sys\n"
        "from telemetry_inspector.app import main\n"
        "sys.argv = ['telemetry', 'status', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from telemetry_inspector.jsonc import fast\n"
        "shallow = bool(fast._COMMON and fast._COMMON[0]._shallow)\n"
        "print('telemetry_inspector.jsonc.edit' in sys.modules, shallow, bool(fast._EVERY), "
        "file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert json.loads(done.stdout)[0]["flavor"] == "code", done.stderr
    assert done.stderr.splitlines()[-1] == "False False False", done.stderr


# ---- bad input -----------------------------------------------------------------------------------


def error_line(run) -> str:
    """status shows what it could on stdout; a failure is one line on stderr, never a traceback."""
    assert run.code == 1, run
    assert "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    return lines[0]


def test_a_named_settings_file_that_does_not_parse_names_line_and_column(cli, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{\n  "a": 1\n  "b": 2\n}')
    line = error_line(cli("status", "--json", "--settings", str(path)))
    assert f"{path}:3:3:" in line and "comma" in line


def test_a_settings_file_that_is_not_utf8_is_read_as_vscode_reads_it(cli, tmp_path):
    # VS Code reads each such byte as U+FFFD and uses the rest of the file: so does status
    path = tmp_path / "settings.json"
    path.write_bytes(b'{\n  // caf\xe9\n  "telemetry.telemetryLevel": "error", "a": "\xff"\n}')
    run = cli("status", "--json", "--settings", str(path))
    assert run.code == 0, run
    [status] = json.loads(run.out)
    assert (status["configured"], status["effective"]) == ("error", "error")
    [note] = status["notes"]
    assert note.startswith("2:9: not valid UTF-8 (byte 0xe9): VS Code reads such bytes as U+FFFD")


def test_an_unreadable_settings_file_is_named(env, tmp_path):
    path = write(tmp_path / "settings.json", "{}")
    path.chmod(0o000)
    run = run_unprivileged("status", "--json", "--settings", str(path), env=env)
    line = error_line(run)
    assert str(path) in line and "permission denied" in line


@pytest.mark.parametrize("kind", ["missing", "a file"])
def test_a_user_data_dir_that_is_not_a_folder(cli, tmp_path, kind):
    path = tmp_path / "data"
    if kind == "a file":
        write(path, "{}")
    run = cli("status", "--user-data-dir", str(path))
    why = "no such user-data-dir" if kind == "missing" else "not a folder"
    assert_one_line_error(run, str(path), why)
    assert run.code == 1


def test_unknown_flavor_is_a_usage_error(cli):
    run = cli("status", "--flavor", "sublime")
    assert_one_line_error(run, "'sublime'", "vscodium")
    assert run.code == 2


@pytest.mark.parametrize("kind", ["a directory", "unreadable"])
def test_a_policy_file_that_cannot_be_read_is_ignored_with_a_warning_naming_it(
    env, home, tmp_path, kind
):
    write(settings_of(home), '{"telemetry.telemetryLevel": "off"}')
    policy = tmp_path / "policy.json"
    if kind == "a directory":
        policy.mkdir()
    else:
        write(policy, '{"TelemetryLevel": "all"}').chmod(0o000)
    run = run_unprivileged("status", "--json", "--policy-file", str(policy), env=env)
    assert run.code == 0, run  # as VS Code does: an unreadable policy is no policy
    assert json.loads(run.out)[0]["effective"] == "off"
    [line] = run.err.strip().splitlines()
    assert str(policy) in line and "ignores" in line and "Traceback" not in run.err


def test_a_malformed_argv_json_is_named_with_line_and_column(cli, home):
    # audit warns about it (test_audit_cli); status must not stay silent about the same file.
    write(settings_of(home), "{}")
    argv = write(home / ".vscode" / "argv.json", '{\n  "enable-crash-reporter": false\n  "x": 1\n}')
    run = cli("status", "--json")
    assert "Traceback" not in run.err
    assert json.loads(run.out)[0]["sends"]["crash_reports"] is True  # VS Code falls back too
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and f"{argv}:3:3:" in lines[0], run.err


def test_a_malformed_argv_json_shared_by_two_flavors_is_said_once(cli, home):
    # OSS and VSCodium both read ~/.vscode-oss/argv.json; the JSON record says it is ignored.
    for name in ("Code - OSS", "VSCodium"):
        write(home / ".config" / name / "User" / "settings.json", "{}")
    argv = write(home / ".vscode-oss" / "argv.json", "{\n  ,\n}")
    run = cli("status", "--json", "--flavor", "oss", "--flavor", "vscodium")
    assert run.code == 0, run
    [line] = run.err.strip().splitlines()
    assert f"{argv}:2:3:" in line and "ignores" in line
    records = json.loads(run.out)
    assert [r["crash_reporter"]["ignored"].startswith(f"{argv}:2:3:") for r in records] == [
        True,
        True,
    ]


def test_a_named_settings_file_that_is_missing_is_noted_not_an_error(cli, home, tmp_path):
    typo = tmp_path / "setings.json"
    run = cli("status", "--json", "--settings", str(typo))
    assert run.code == 0, run.err
    [record] = json.loads(run.out)
    assert record["exists"] is False and record["effective"] == "all"
    assert any("no such file" in note for note in record["notes"])
    assert not typo.exists()
    # a flavor's own settings that do not exist yet are the normal case: no such note
    (home / ".config" / "Code" / "User").mkdir(parents=True)
    [own] = json.loads(cli("status", "--json", "--flavor", "code").out)
    assert own["exists"] is False and own["notes"] == []


NUMBERS = ["1E2", "1.0", "-0.0", "-0", "2.50", "0.1", "1e-7", "1e21", "1e20", "1.5e300", "1e400",
           "0.000001", "-9.5e-6", "1e-5", "9.999999999999999e-6",
           "123456789012345678901", "9007199254740993", "-5e-324"]  # fmt: skip


def test_numbers_read_from_settings_are_written_as_vscode_holds_them(cli, tmp_path, node_tools):
    # VS Code's JSON numbers are doubles: 1E2 is 100 and prints so; node is the reference
    spelled = ", ".join(NUMBERS)
    path = tmp_path / "settings.json"
    path.write_text('{"telemetry.enableTelemetry": [' + spelled + "]}")
    expected = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify([{spelled}]))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    run = cli("status", "--json", "--settings", str(path))
    assert run.code == 0, run
    [status] = json.loads(run.out)
    written = run.out.split('"telemetry.enableTelemetry": ', 1)[1]
    written = written[: written.index("]") + 1]
    assert "".join(written.split()) == expected
    assert status["deprecated"]["telemetry.enableTelemetry"] == json.loads(expected)


@pytest.mark.parametrize(
    "command",
    [
        ("status", "--json"),
        ("status", "--color", "never"),
        ("audit", "--format", "json"),
        ("audit", "--format", "csv"),
        ("audit", "--format", "table"),
        ("set-level", "off", "--dry-run", "--json"),
        ("lockdown", "--dry-run", "--json"),
    ],
    ids=lambda command: " ".join(command),
)
def test_an_integer_past_64_bits_in_a_setting_is_shown_as_vscode_holds_it(
    cli, env, tmp_path, node_tools, command
):
    # It failed every view with "unexpected TypeError": orjson writes no integer past 64 bits.
    big = "123456789012345678901"
    path = tmp_path / "settings.json"
    path.write_text('{"telemetry.enableTelemetry": ' + big + ', "a": {"b": [' + big + "]}}")
    expected = subprocess.run(
        ["node", "-e", f"console.log(JSON.stringify({big}))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert expected == "123456789012345680000"
    run = cli(*command, "--settings", str(path), env={**env, "COLUMNS": "200"})
    assert run.code in (0, 1) and "Traceback" not in run.err and "unexpected" not in run.err, run
    assert expected in run.out


@pytest.mark.parametrize("number", ["1E2", "123456789012345678901"])
def test_a_number_that_is_no_level_is_named_in_notes_as_vscode_holds_it(cli, tmp_path, number):
    # The notes spelled it with Python's json (100.0, every digit of a 21-digit integer) beside
    # "configured" written as VS Code holds it (100, 123456789012345680000).
    held = {"1E2": "100", "123456789012345678901": "123456789012345680000"}[number]
    path = tmp_path / "settings.json"
    path.write_text('{"telemetry.telemetryLevel": ' + number + "}")
    [status] = json.loads(cli("status", "--json", "--settings", str(path)).out)
    assert json.dumps(status["configured"]) == held
    assert f"{held} is not a telemetry level (all, error, crash or off)" in status["notes"]
    [audit] = json.loads(cli("audit", "--format", "json", "--settings", str(path)).out)
    assert f'"note": "{held} is not a telemetry level' in json.dumps(audit)
    policy = tmp_path / "policy.json"
    policy.write_text('{"TelemetryLevel": ' + number + "}")
    run = cli("lockdown", "--dry-run", "--policy-file", str(policy), "--settings", str(path))
    assert f"a policy sets it to {held};" in run.err, run.err

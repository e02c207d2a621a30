"""A web flavor's server process takes its telemetry level from the machine settings
(<user-data-dir>/Machine/settings.json), not the user's: set-level and lockdown write both, status
and audit read both (docs/vscode.md, "What the real VS Code server showed")."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import assert_one_line_error, run_in_terminal
from tests.settings.worlds import files_under, records, values, write

LEVEL = "telemetry.telemetryLevel"
HAND_WRITTEN = '// kept by hand\n{\n  "editor.fontSize": 12 // big\n}\n'


def code_server(folder: Path, *, user: str | None = None, machine: str | None = None) -> Path:
    """A code-server user-data-dir (known by its coder.json) with these settings files."""
    write(folder / "coder.json", "{}")
    if user is not None:
        write(folder / "User" / "settings.json", user)
    if machine is not None:
        write(folder / "Machine" / "settings.json", machine)
    return folder


def machine_of(folder: Path) -> Path:
    return folder / "Machine" / "settings.json"


def test_set_level_writes_the_servers_machine_settings_too(cli, tmp_path):
    data = code_server(tmp_path / "ud", user="{}", machine=HAND_WRITTEN)
    run = cli("set-level", "off", "--json", "--user-data-dir", str(data))
    assert run.code == 0, run.err
    written = {(r["settings"], r["kind"]): r["written"] for r in records(run)}
    assert written == {
        (str(data / "User" / "settings.json"), "user"): True,
        (str(machine_of(data)), "server"): True,
    }
    # the hand-written machine settings edited as VS Code edits them (the comment stays last)
    assert machine_of(data).read_text() == (
        '// kept by hand\n{\n  "editor.fontSize": 12,\n'
        '  "telemetry.telemetryLevel": "off" // big\n}\n'
    )
    assert values(data / "User" / "settings.json") == {LEVEL: "off"}


def test_set_level_creates_missing_machine_settings_and_undo_removes_them(cli, tmp_path):
    data = code_server(tmp_path / "ud", user='{\n  "a": 1\n}\n')
    before = files_under(data)
    run = cli("set-level", "error", "--user-data-dir", str(data))
    assert run.code == 0, run.err
    assert values(machine_of(data)) == {LEVEL: "error"}

    run = cli("set-level", "--undo", "--user-data-dir", str(data))
    assert run.code == 0, run.err
    after = {k: v for k, v in files_under(data).items() if ".set-level-" not in k}
    assert after == before  # the user's file back, the machine settings gone again


def test_set_level_at_a_terminal_says_which_file_is_the_servers(env, tmp_path):
    data = code_server(tmp_path / "ud", user="{}")
    run = run_in_terminal("set-level", "off", "--user-data-dir", str(data), env=env)
    assert run.code == 0, run.err
    assert f"{machine_of(data)} (the server's own level)" in run.out


def test_set_level_on_the_default_places_of_the_web_flavors(cli, home):
    code_server_data = home / ".local" / "share" / "code-server"
    code_server(code_server_data, user="{}")
    openvscode_data = home / ".openvscode-server" / "data"
    write(openvscode_data / "User" / "settings.json", "{}")
    for flavor, data in (("code-server", code_server_data), ("openvscode-server", openvscode_data)):
        run = cli("set-level", "off", "--flavor", flavor)
        assert run.code == 0, run.err
        assert values(machine_of(data)) == {LEVEL: "off"}, flavor
    # a desktop VS Code has no server process of its own: no machine settings for it
    write(home / ".config" / "Code" / "User" / "settings.json", "{}")
    assert cli("set-level", "off", "--flavor", "code").code == 0
    assert not list((home / ".config").rglob("Machine"))


def test_status_is_off_only_when_the_server_is_off_too(cli, tmp_path):
    off = '{"telemetry.telemetryLevel": "off"}'
    cases = [
        # user, machine: effective level, the server's level, does a note name the server?
        (off, None, "all", "all", True),
        (off, off, "off", "off", False),
        (None, off, "all", "off", False),  # the window sends; the server does not
        (off, '{"telemetry.telemetryLevel": "crash"}', "crash", "crash", True),
    ]
    for number, (user, machine, effective, server, noted) in enumerate(cases):
        data = code_server(tmp_path / f"ud{number}", user=user, machine=machine)
        run = cli("status", "--json", "--user-data-dir", str(data))
        assert run.code == 0, run.err
        [record] = records(run)
        assert record["configured"] == ("off" if user else None)
        assert (record["effective"], record["server"]["effective"]) == (effective, server)
        assert record["server"]["settings"] == str(machine_of(data))
        assert record["server"]["exists"] is (machine is not None)
        notes = " ".join(record["notes"])
        assert ("serverStart" in notes) is noted, (number, notes)


def test_status_table_shows_the_servers_level(cli, tmp_path):
    data = code_server(tmp_path / "ud", user='{"telemetry.telemetryLevel": "off"}')
    run = cli("status", "--format", "table", "--user-data-dir", str(data))
    assert run.code == 0, run.err
    assert "server" in run.out and "all (no file)" in run.out
    assert "serverStart" in run.err  # the note: the server still sends its start events


def test_audit_fails_while_the_servers_level_is_on(cli, tmp_path):
    data = code_server(tmp_path / "ud", user="{}")
    assert cli("lockdown", "--user-data-dir", str(data)).code == 0
    assert cli("audit", "--json", "--user-data-dir", str(data)).code == 0
    for machine in ("{}", '{"telemetry.telemetryLevel": "crash"}'):
        write(machine_of(data), machine)  # every other switch still off
        run = cli("audit", "--json", "--user-data-dir", str(data))
        assert run.code == 1, run.err
        [record] = records(run)
        on = [(s["id"], s["file"], s["source"]) for s in record["switches"] if s["off"] is False]
        source = "default" if machine == "{}" else "machine settings"
        assert on == [(LEVEL, "machine settings", source)]


def test_lockdown_sets_the_servers_level_and_undo_puts_it_back(cli, tmp_path):
    data = code_server(tmp_path / "ud", user="{}", machine=HAND_WRITTEN)
    run = cli("lockdown", "--json", "--user-data-dir", str(data))
    assert run.code == 0, run.err
    assert values(machine_of(data)) == {"editor.fontSize": 12, LEVEL: "off"}
    assert cli("audit", "--json", "--user-data-dir", str(data)).code == 0

    run = cli("lockdown", "--undo", "--json", "--user-data-dir", str(data))
    assert run.code == 0, run.err
    assert machine_of(data).read_text() == HAND_WRITTEN


def test_machine_settings_that_do_not_parse_stop_every_write(cli, tmp_path):
    data = code_server(tmp_path / "ud", user="{}", machine='{"telemetry.telemetryLevel": ')
    before = files_under(data)
    for command in (["set-level", "off"], ["lockdown"]):
        run = cli(*command, "--user-data-dir", str(data))
        assert_one_line_error(run, str(machine_of(data)))
        assert files_under(data) == before, command  # nor the user's file, nor a backup
    for command in ("status", "audit"):
        run = cli(command, "--json", "--user-data-dir", str(data))
        assert run.code == 1 and "Traceback" not in run.err
        [error] = run.err.strip().splitlines()
        assert str(machine_of(data)) in error
        assert json.loads(run.out)[0]["error"] == error.removeprefix("error: ")


def test_machine_settings_that_are_a_folder_are_refused(cli, tmp_path):
    data = code_server(tmp_path / "ud", user="{}")
    machine_of(data).mkdir(parents=True)
    before = files_under(data)
    run = cli("set-level", "off", "--user-data-dir", str(data))
    assert_one_line_error(run, str(machine_of(data)))
    assert files_under(data) == before

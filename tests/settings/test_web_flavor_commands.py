"""status, audit and lockdown on a code-server world: its user-data-dir (known by coder.json, or by
its default place ~/.local/share/code-server), its extensions beneath it, and no argv.json read from
a desktop flavor's folder."""

from __future__ import annotations

import json
from pathlib import Path

from tests.settings.worlds import argv_of, extensions_of, files_under, install, records, write

CODE_SERVER_PACKAGE = Path(__file__).resolve().parents[1] / "vscode" / "fixtures"
CODE_SERVER_PACKAGE = CODE_SERVER_PACKAGE / "code-server-4.139.1"
OPT_OUT = {"acme.telemetry.optOut": {"type": "boolean", "description": "Opt out of telemetry"}}


def code_server_world(home: Path, user_data_dir: Path) -> Path:
    """A user-data-dir as code-server leaves it, and a desktop VS Code's argv.json and extensions
    beside it that must stay out of the picture."""
    write(user_data_dir / "coder.json", '{\n  "query": {\n    "folder": "/w"\n  }\n}')
    write(user_data_dir / "User" / "settings.json", '{\n  "telemetry.telemetryLevel": "off"\n}')
    write(argv_of(home), '{"enable-crash-reporter": false}')
    install(user_data_dir / "extensions", "acme.tool", "1.0.0", OPT_OUT)
    install(extensions_of(home), "other.desktop", "1.0.0", {"other.telemetry": {"type": "boolean"}})
    return user_data_dir


def test_status_on_a_code_server_user_data_dir_reads_no_desktop_argv_json(cli, home, tmp_path):
    data = code_server_world(home, tmp_path / "ud")
    run = cli("status", "--json", "--user-data-dir", str(data))
    assert run.code == 0, run.err
    [record] = records(run)
    assert (record["flavor"], record["effective"]) == ("code-server", "off")
    assert record["crash_reporter"] is None  # ~/.vscode/argv.json says false: not read
    assert str(home / ".vscode") not in run.out + run.err


def test_status_finds_code_server_in_its_default_place(cli, home):
    code_server_world(home, home / ".local" / "share" / "code-server")
    run = cli("status", "--json", "--flavor", "code-server")
    assert run.code == 0, run.err
    [record] = records(run)
    assert record["settings"] == str(
        home / ".local" / "share" / "code-server" / "User" / "settings.json"
    )
    assert record["effective"] == "off"
    run = cli("status", "--json")  # without flags too: code-server has run for this user
    assert "code-server" in {r["flavor"] for r in records(run)}


def test_audit_and_lockdown_use_the_extensions_beneath_the_user_data_dir(cli, home, tmp_path):
    data = code_server_world(home, tmp_path / "ud")
    where = ("--user-data-dir", str(data), "--app-root", str(CODE_SERVER_PACKAGE))
    run = cli("audit", "--json", *where)
    assert run.code == 1, run.err
    [record] = records(run)
    assert record["flavor"] == "code-server"
    assert record["extensions_dir"] == str(data / "extensions")
    assert record["argv"] is None
    ids = {switch["id"] for switch in record["switches"]}
    assert "acme.telemetry.optOut" in ids and "other.telemetry" not in ids
    assert not any(switch["file"] == "argv" for switch in record["switches"])

    desktop = files_under(home)
    run = cli("lockdown", "--json", *where)
    assert run.code == 0, run.err
    assert files_under(home) == desktop  # nothing of the desktop flavor's was touched
    settings = json.loads((data / "User" / "settings.json").read_text(encoding="utf-8"))
    assert settings["acme.telemetry.optOut"] is True
    assert cli("audit", "--json", *where).code == 0


def test_a_named_settings_file_of_code_server_goes_with_its_extensions(cli, home):
    data = code_server_world(home, home / ".local" / "share" / "code-server")
    settings = data / "User" / "settings.json"
    run = cli("audit", "--json", "--settings", str(settings), "--flavor", "code-server")
    [record] = records(run)
    assert record["extensions_dir"] == str(data / "extensions")
    assert record["argv"] is None

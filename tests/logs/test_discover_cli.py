"""Finding the logs without arguments, and explaining silence before following."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from telemetry_inspector.logs.silence import Installation, log_levels, silence_notices
from telemetry_inspector.vscode.model import UNSET, Effective, Level
from tests.conftest import assert_one_line_error, clean_env

from .helpers import EXAMPLE_LOGS, EXAMPLES, Following, event_line


def example_home(home: Path) -> Path:
    shutil.copytree(EXAMPLES / "home" / ".config", home / ".config")
    return home


def test_without_arguments_the_newest_session_is_read(cli, home):
    example_home(home)
    run = cli("tail", "--no-follow", "--json")
    assert run.code == 0, run.err
    times = {json.loads(line)["time"][:10] for line in run.out.splitlines()}
    assert times == {"2026-03-30"}


def test_user_data_dir_option(cli, tmp_path):
    data = tmp_path / "portable-data"
    shutil.copytree(EXAMPLE_LOGS, data / "logs")
    run = cli("tail", "--no-follow", "--json", "-n", "1", "--user-data-dir", str(data))
    assert run.code == 0, run.err
    assert json.loads(run.out)["event"] == "github-authentication/login"


def test_no_logs_anywhere_is_a_one_line_error_with_a_hint(cli):
    run = cli("stats", "--flavor", "insiders")
    assert_one_line_error(run, "no VS Code logs", "--user-data-dir")
    assert run.code == 1


def test_unknown_flavor_is_a_usage_error(cli):
    run = cli("tail", "--flavor", "emacs", "--no-follow")
    assert_one_line_error(run, "emacs", "vscodium")
    assert run.code == 2


def _session_without_trace(home: Path) -> Path:
    session = home / ".config" / "Code" / "logs" / "20260401T080000"
    (session / "window1").mkdir(parents=True)
    (session / "main.log").write_text(
        "2026-04-01 08:00:00.100 [info] update#setState idle\n", encoding="utf-8"
    )
    return session


def _notices(env, lines: int) -> tuple[list[dict], list[str]]:
    """Follow until `lines` lines came on stderr (or an event): what start-up had to say."""
    with Following(env=env) as following:
        following.wait_for(lambda: len(following.errors) >= lines or following.records, timeout=20)
    following.stop()
    return following.records, following.errors


def test_silence_is_explained_when_nothing_shows_trace(home):
    _session_without_trace(home)
    _, errors = _notices(clean_env(home), lines=2)
    assert errors[0].startswith("warning: nothing in argv.json or the session's logs shows")
    assert "Developer: Show Telemetry" in errors[1] and "code --log trace" in errors[1]


def test_argv_json_at_trace_is_enough(home):
    session = _session_without_trace(home)
    (session / "telemetry.log").write_text("", encoding="utf-8")
    _write_argv(
        home,
        "// This configuration file allows you to pass permanent command line arguments.\n"
        '{\n\t// "log-level": "info",\n\t"log-level": "trace",\n'
        '\t"enable-crash-reporter": true,\n}\n',
    )
    records, errors = _notices_after_start(clean_env(home), session)
    assert errors == []
    assert [r["event"] for r in records] == ["late"]


def _write_argv(home: Path, text: str) -> None:
    argv = home / ".vscode" / "argv.json"
    argv.parent.mkdir(exist_ok=True)
    argv.write_text(text, encoding="utf-8")


def _notices_after_start(
    env, session: Path, shown: int = 0, *args: str
) -> tuple[list[dict], list[str]]:
    """Start following (`tail *args`); once the `shown` last events are out, write one more: when
    it is out too, start-up has said all it says."""
    with Following(*args, env=env) as following:
        following.wait_for_count(shown)
        with open(session / "telemetry.log", "a", encoding="utf-8") as log:
            log.write(event_line("2026-04-01 08:00:02.000", "telemetry/late", {}))
        following.wait_for_count(shown + 1)
    return following.records, following.errors


def test_a_session_at_trace_needs_no_explanation(home):
    session = _session_without_trace(home)
    (session / "window1" / "renderer.log").write_text(
        "2026-04-01 08:00:00.200 [trace] Started local extension host with pid 4187.\n",
        encoding="utf-8",
    )
    (session / "telemetry.log").write_text("", encoding="utf-8")
    records, errors = _notices_after_start(clean_env(home), session)
    assert errors == []
    assert records[-1]["event"] == "late"


def test_level_off_in_settings_says_silence_is_the_correct_result(home):
    """The example user turned telemetry off long ago with the deprecated switch."""
    example_home(home)
    session = home / ".config" / "Code" / "logs" / "20260330T095512"
    _, errors = _notices_after_start(clean_env(home), session, shown=10)
    assert errors == [
        "warning: VS Code: the telemetry level in force is off (from telemetry.enableTelemetry): "
        "it logs no telemetry events, so none will come; that is the correct result"
    ]


def test_level_error_is_noted(home):
    session = _session_without_trace(home)
    (session / "telemetry.log").write_text("", encoding="utf-8")
    settings = home / ".config" / "Code" / "User" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{\n  // errors only\n  "telemetry.telemetryLevel": "error"\n}\n')
    _write_argv(home, '{"log-level": "trace"}')
    _, errors = _notices_after_start(clean_env(home), session)
    assert errors == [
        "note: VS Code: the telemetry level is error: usage events are neither sent nor logged"
    ]


def test_a_user_data_dir_named_vscodium_is_read_as_vscodium(home, tmp_path):
    """Its argv.json is ~/.vscode-oss's and the notice names VSCodium, as `status` would."""
    folder = tmp_path / "VSCodium"
    session = folder / "logs" / "20260401T080000"
    session.mkdir(parents=True)
    (session / "telemetry.log").write_text("", encoding="utf-8")
    settings = folder / "User" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"telemetry.telemetryLevel": "error"}\n', encoding="utf-8")
    argv = home / ".vscode-oss" / "argv.json"
    argv.parent.mkdir()
    argv.write_text('{"log-level": "trace"}', encoding="utf-8")
    _, errors = _notices_after_start(clean_env(home), session, 0, "--user-data-dir", str(folder))
    assert errors == [
        "note: VSCodium: the telemetry level is error: usage events are neither sent nor logged"
    ]


def test_log_levels_of_argv_json():
    assert log_levels("trace") == ["trace"]
    assert log_levels(["trace", "vscode.git:debug", 3]) == ["trace", "vscode.git:debug"]
    assert log_levels(UNSET) == []


def test_every_flavor_off_needs_no_trace_advice():
    off = Installation("VS Code", Effective(Level.off, "policy"), None)
    [notice] = silence_notices([off], [])
    assert notice.kind == "warning" and "from policy" in notice.text
    on = Installation("VSCodium", Effective(Level.all, "default"), ["trace"])
    assert [n.kind for n in silence_notices([off, on], [])] == ["warning"]
    assert silence_notices([on], []) == []


@pytest.mark.parametrize("command", ["tail", "stats"])
@pytest.mark.parametrize("kind", ["missing", "a file"])
def test_a_user_data_dir_that_is_no_folder_is_named(cli, tmp_path, command, kind):
    # status, set-level, audit and lockdown say "DIR: no such user-data-dir" / "DIR: not a folder";
    # tail and stats say only "found no VS Code logs folder", without the folder they were given.
    path = tmp_path / "data"
    if kind == "a file":
        path.write_text("{}", encoding="utf-8")
    args = ["--no-follow"] if command == "tail" else []
    run = cli(command, *args, "--user-data-dir", str(path))
    assert_one_line_error(run, str(path))
    assert run.code == 1

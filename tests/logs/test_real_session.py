"""A session folder as VS Code 1.139.1 (code-server 4.139.1) really wrote it, copied from a run of
the real server driven by a headless browser (fixtures/code-server-1.139): three telemetry logs,
among them `agentHostTelemetry.log`, a name the earlier versions did not use."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from telemetry_inspector.logs.sessions import is_telemetry_log, session_logs
from tests.conftest import assert_one_line_error, clean_env

from .helpers import EXAMPLE_SESSION, Following

REAL_LOGS = Path(__file__).resolve().parent / "fixtures" / "code-server-1.139" / "logs"
REAL_SESSION = REAL_LOGS / "20261202T091653"
TELEMETRY_LOGS = ("agentHostTelemetry.log", "remoteTelemetry.log", "remoteExtHostTelemetry.log")
_EVENT_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[trace\] (\S+) \{", re.M)


def logged_names(*paths: Path) -> list[str]:
    """Event names as the lines spell them (read here with a regex of their own)."""
    return [name for path in paths for name in _EVENT_LINE.findall(path.read_text("utf-8"))]


def test_every_telemetry_log_of_the_real_session_is_found():
    found = session_logs(REAL_SESSION)
    assert sorted(path.name for path in found) == sorted(TELEMETRY_LOGS)
    assert found[-1] == REAL_SESSION / "exthost1" / "remoteExtHostTelemetry.log"


def test_telemetry_logs_are_named_by_a_rule_not_a_list(tmp_path):
    for name in ("telemetry.log", "agentHostTelemetry.log", "fooBarTelemetry.log"):
        assert is_telemetry_log(name), name
    for name in ("telemetry.1.log", "telemetry.log_1", "Git Telemetry.log", "agenthost.log"):
        assert not is_telemetry_log(name), name
    # a logger a later version adds is read too; an extension's output channel is not
    future = tmp_path / "window1" / "exthost" / "chatAgentTelemetry.log"
    channel = tmp_path / "exthost1" / "acme.tools" / "Telemetry.log"
    for path in (future, channel):
        path.parent.mkdir(parents=True)
        path.write_text("", encoding="utf-8")
    assert session_logs(tmp_path) == [future]


def test_stats_on_the_real_session_counts_every_log(cli):
    run = cli("stats", "--json", "--no-catalog", str(REAL_SESSION))
    assert run.code == 0, run.err
    got = json.loads(run.out)
    files = [REAL_SESSION / name for name in TELEMETRY_LOGS[:2]]
    files.append(REAL_SESSION / "exthost1" / TELEMETRY_LOGS[2])
    names = logged_names(*files)
    assert got["events"] == len(names) == 7
    assert sorted(Path(path).name for path in got["files"]) == sorted(TELEMETRY_LOGS)
    assert any(e["event"] == "agentHost.clientConnection" for e in got["by_event"])


def test_tail_on_the_real_session_prints_every_event(cli):
    run = cli("tail", "--no-follow", "--json", "--no-catalog", str(REAL_SESSION))
    assert run.code == 0, run.err
    records = [json.loads(line) for line in run.out.splitlines()]
    assert len(records) == 7
    assert {Path(r["file"]).name for r in records} == set(TELEMETRY_LOGS)


def test_an_extension_event_s_source_is_the_id_it_carries(cli):
    run = cli("tail", "--no-follow", "--json", "--no-catalog", str(REAL_SESSION))
    assert run.code == 0, run.err
    extension = [json.loads(line) for line in run.out.splitlines()]
    extension = [r for r in extension if r["kind"] == "extension"]
    # the lines say `git/...` and `github/...`; the payloads say which extension sent them
    assert [(r["source"], r["event"].partition("/")[0]) for r in extension] == [
        ("vscode.git", "git"),
        ("vscode.github", "github"),
    ]
    assert extension[0]["properties"]["common.extname"] == "vscode.git"
    assert extension[1]["properties"]["common.extname"] == "vscode.github"  # a flat payload


def test_source_filter_matches_the_extension_id(cli):
    run = cli("tail", "--no-follow", "--json", "--source", "VSCode.Git", str(REAL_SESSION))
    assert run.code == 0, run.err
    records = [json.loads(line) for line in run.out.splitlines()]
    assert [r["event"] for r in records] == ["git/git.repositoryInitialScan"]
    run = cli("stats", "--json", "--no-catalog", str(REAL_SESSION))
    sources = {(s["kind"], s["source"]) for s in json.loads(run.out)["by_source"]}
    assert {("extension", "vscode.git"), ("extension", "vscode.github")} <= sources


CODE_SERVER = Path(__file__).resolve().parents[1] / "vscode" / "fixtures" / "code-server-4.139.1"


def test_an_app_root_without_a_catalog_is_said_once_and_events_come_unannotated(cli):
    app_root = CODE_SERVER / "lib" / "vscode"  # its real product.json: no telemetry-core.json
    for command in ("stats", "tail"):
        args = ("--no-follow",) if command == "tail" else ()
        run = cli(command, *args, "--json", "--app-root", str(app_root), str(REAL_SESSION))
        assert run.code == 0, run.err
        [warning] = [line for line in run.err.splitlines() if line.startswith("warning: ")]
        assert "ships no telemetry catalog" in warning
        assert "without annotations" in warning
        if command == "stats":
            got = json.loads(run.out)
            assert got["events"] == 7
            assert not any("in_catalog" in e for e in got["by_event"])
        else:
            records = [json.loads(line) for line in run.out.splitlines()]
            assert len(records) == 7 and not any("catalog" in r for r in records)


def test_an_app_root_that_is_no_installation_is_still_an_error(cli, tmp_path):
    run = cli("stats", "--app-root", str(tmp_path), str(REAL_SESSION))
    assert run.code == 1 and run.out == ""
    assert "no VS Code app root there" in run.err


def test_code_server_logs_are_found_where_code_server_keeps_them(cli, home):
    shutil.copytree(REAL_LOGS, home / ".local" / "share" / "code-server" / "logs")
    for flags in (("--flavor", "code-server"), ()):
        run = cli("stats", "--json", "--no-catalog", *flags)
        assert run.code == 0, run.err
        assert json.loads(run.out)["events"] == 7


def test_a_server_session_says_the_window_log_is_in_the_browser(cli):
    for command, verb in (("tail", "followed"), ("stats", "counted")):
        args = ("--no-follow",) if command == "tail" else ()
        run = cli(command, *args, "--json", "--no-catalog", str(REAL_SESSION))
        assert run.code == 0, run.err
        [note] = run.err.splitlines()
        assert note.startswith(f"note: {REAL_SESSION}: a VS Code server's session")
        assert "lives in the browser" in note and f"only server-side events can be {verb}" in note


def test_a_desktop_session_or_a_named_file_says_nothing_of_the_kind(cli):
    for target in (EXAMPLE_SESSION, REAL_SESSION / "remoteTelemetry.log"):
        run = cli("stats", "--json", "--no-catalog", str(target))
        assert run.code == 0 and "browser" not in run.err, run.err


def test_a_telemetry_log_that_appears_while_following_is_read(home, tmp_path):
    """The agent host starts after the server: its log appears in a session being followed."""
    session = tmp_path / "logs" / REAL_SESSION.name
    shutil.copytree(REAL_SESSION, session)
    late = (session / "agentHostTelemetry.log").read_bytes()
    (session / "agentHostTelemetry.log").unlink()
    with Following("--no-catalog", str(session), env=clean_env(home)) as following:
        following.wait_for_count(4)
        (session / "agentHostTelemetry.log").write_bytes(late)
        following.wait_for_count(7)
    logged = logged_names(REAL_SESSION / "agentHostTelemetry.log")
    assert ["telemetry/" + r["event"] for r in following.records[4:]] == logged
    assert any("lives in the browser" in line for line in following.errors)


def test_following_a_user_data_dir_waits_for_its_first_session(home, tmp_path):
    """code-server creates its first session only when a browser connects: a tail started
    before then waits for it, and reads it from its first byte."""
    data = tmp_path / "ud"
    data.mkdir()
    with Following("--no-catalog", "--user-data-dir", str(data), env=clean_env(home)) as following:
        following.wait_for(lambda: any("no session yet" in line for line in following.errors))
        shutil.copytree(REAL_LOGS, data / "logs")
        following.wait_for_count(7)
    assert {Path(r["file"]).name for r in following.records} == set(TELEMETRY_LOGS)


def test_without_following_a_user_data_dir_without_a_session_is_an_error(cli, tmp_path):
    run = cli("tail", "--no-follow", "--user-data-dir", str(tmp_path))
    assert_one_line_error(run, "no VS Code logs folder with a session")

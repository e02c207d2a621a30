"""Following for real: a writer process rotates, replaces, rewrites, truncates and restarts while
`telemetry tail --json` follows; what came out must be what was written, line for line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import clean_env

from .helpers import Following, event_line

WRITER = Path(__file__).with_name("writer.py")


def _open_barriers(barriers: Path, following: Following, writer: subprocess.Popen) -> None:
    """Let the writer past each barrier once the follower has printed all it wrote before it."""
    opened: set[str] = set()
    deadline = time.monotonic() + 60
    while not (barriers / "done").exists():
        assert writer.poll() in (None, 0), writer.stderr.read()
        assert time.monotonic() < deadline, "the writer did not finish"
        for waiting in barriers.glob("wait-*"):
            name = waiting.name.removeprefix("wait-")
            if name in opened:
                continue
            count = int(waiting.read_text(encoding="utf-8"))
            following.wait_for_count(count)
            (barriers / f"go-{name}").write_text("", encoding="utf-8")
            opened.add(name)
        time.sleep(0.01)


@pytest.mark.parametrize("mode", ["notify", "poll"])
def test_nothing_lost_nothing_repeated(tmp_path, home, mode):
    root = tmp_path / "logs"
    (root / "20260330T100000").mkdir(parents=True)
    (root / "20260330T100000" / "telemetry.log").write_text("", encoding="utf-8")
    barriers = tmp_path / "barriers"
    barriers.mkdir()
    options = ["--poll"] if mode == "poll" else []
    with Following(*options, str(root), env=clean_env(home)) as following:
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(root), str(barriers)],
            stderr=subprocess.PIPE,
            text=True,
        )
        _open_barriers(barriers, following, writer)
        assert writer.wait(timeout=30) == 0
        written = [tuple(item) for item in map(json.loads, (barriers / "written.jsonl").open())]
        following.wait_for_count(len(written), timeout=30)
        code = following.stop()
    assert code == 130  # Ctrl-C
    assert following.errors == []
    got = [(r["properties"]["stream"], int(r["properties"]["seq"])) for r in following.records]
    for stream in sorted({item[0] for item in written}):
        assert [s for s in got if s[0] == stream] == [w for w in written if w[0] == stream], stream
    assert len(got) == len(written)


def test_when_changes_cannot_be_watched_polling_takes_over(tmp_path, home):
    """Out of file descriptors (as when inotify limits are reached), watching fails: a warning
    says so and the log is still followed, by polling."""
    log = tmp_path / "telemetry.log"
    log.write_text(event_line("2026-03-30 10:00:00.000", "telemetry/first", {}), encoding="utf-8")
    # 0-2, the log and one more: enough to start, not enough for an inotify watcher and its epoll
    with Following(str(log), env=clean_env(home), max_open_files=5) as following:
        following.wait_for_count(1)
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(event_line("2026-03-30 10:00:01.000", "telemetry/second", {}))
        following.wait_for_count(2)
    assert [r["event"] for r in following.records] == ["first", "second"]
    [warning] = following.errors
    assert warning.startswith("warning: cannot watch for changes (")
    assert warning.endswith("polling every 0.1s instead")


def test_a_closed_pipe_ends_the_follower_quietly_at_its_next_event(tmp_path, env):
    log = tmp_path / "telemetry.log"
    log.write_text(event_line("2026-03-30 10:00:00.000", "telemetry/first", {}), encoding="utf-8")
    command = [sys.executable, "-m", "telemetry_inspector", "tail", "--json", str(log)]
    tail = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = subprocess.Popen(["head", "-1"], stdin=tail.stdout, stdout=subprocess.PIPE)
    tail.stdout.close()
    first, _ = head.communicate(timeout=30)
    assert json.loads(first)["event"] == "first"
    deadline = time.monotonic() + 20
    while tail.poll() is None:  # it notices the closed pipe when it next writes
        assert time.monotonic() < deadline, "tail kept running with nobody reading"
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(event_line("2026-03-30 10:00:01.000", "telemetry/more", {}))
        time.sleep(0.05)
    assert tail.returncode == 141  # errors.EXIT_BROKEN_PIPE
    assert tail.stderr.read() == b""
    tail.stderr.close()


def test_started_before_vscode_it_waits_for_the_first_session(tmp_path, home):
    """`tail --user-data-dir` run before VS Code ever started there (no logs folder yet) waits
    for the session VS Code creates, and shows its events from the first line; found by the
    e2e run against code-server, which creates the logs folder only when a browser connects."""
    user_data = tmp_path / "user-data"
    user_data.mkdir()
    env = clean_env(home)
    with Following("--user-data-dir", str(user_data), "--no-catalog", env=env) as following:
        session = user_data / "logs" / "20261202T091642"
        (session / "exthost1").mkdir(parents=True)
        (session / "remoteTelemetry.log").write_text(
            event_line("2026-12-02 09:16:42.848", "telemetry/serverStart", {})
            + event_line("2026-12-02 09:16:42.849", "telemetry/serverPlatformInfo", {}),
            encoding="utf-8",
        )
        (session / "exthost1" / "remoteExtHostTelemetry.log").write_text(
            event_line("2026-12-02 09:16:51.844", "git/git.repositoryInitialScan", {}),
            encoding="utf-8",
        )
        following.wait_for_count(3)
    assert sorted(r["event"] for r in following.records) == [
        "git/git.repositoryInitialScan",
        "serverPlatformInfo",
        "serverStart",
    ]


def test_nothing_to_wait_in_is_still_an_error(tmp_path, home):
    run = subprocess.run(
        [sys.executable, "-m", "telemetry_inspector", "tail", "--json"],
        capture_output=True, text=True, env=clean_env(tmp_path / "nobody"), timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    assert "found no VS Code logs folder" in run.stderr


def test_a_server_session_that_appears_while_following_is_said_to_keep_its_window_log_elsewhere(
    tmp_path, home
):
    """Found by the e2e run: tail started before code-server's first session said nothing of the
    browser-held window log once the session came."""
    user_data = tmp_path / "user-data"
    user_data.mkdir()
    with Following("--user-data-dir", str(user_data), "--no-catalog", env=clean_env(home)) as f:
        session = user_data / "logs" / "20261202T091642"
        session.mkdir(parents=True)
        (session / "remoteagent.log").write_text("", encoding="utf-8")
        (session / "remoteTelemetry.log").write_text(
            event_line("2026-12-02 09:16:42.848", "telemetry/serverStart", {}), encoding="utf-8"
        )
        f.wait_for_count(1)
        deadline = time.monotonic() + 30
        while not any("lives in the browser" in line for line in f.errors):
            assert time.monotonic() < deadline, f.errors
            time.sleep(0.05)
    [note] = [line for line in f.errors if "lives in the browser" in line]
    assert str(session) in note

"""Logs built to cost time or memory: huge N, a line without a newline, blank lines by the
hundred million, a filter that keeps nothing. Checked by memory (peak RSS of the real process)
and by growth ratios (CPU time at two sizes), never by wall time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from telemetry_inspector.logs import history
from telemetry_inspector.logs import lines as reading
from telemetry_inspector.logs.follow_state import FollowState, Look, finish, read_start, step
from telemetry_inspector.logs.model import Unparsed

from ..conftest import clean_env

LINE = (
    '2026-03-30 10:00:{s:02d}.{ms:03d} [trace] telemetry/e{n} {{"properties":{{"k":"v{n}",'
    '"pad":"{pad}"}},"measurements":{{"n":{n}}}}}\n'
)
MB = 1 << 20


def _log(path: Path, size: int) -> Path:
    """About `size` bytes of well-formed events."""
    with path.open("w", encoding="utf-8") as out:
        written, n = 0, 0
        while written < size:
            line = LINE.format(s=n // 1000 % 60, ms=n % 1000, n=n % 50, pad="x" * 400)
            written += out.write(line)
            n += 1
    return path


# A small parent for the measured process: the peak RSS the kernel reports for a child counts
# what it had before exec, i.e. a fork of its parent (pytest, large by then); this parent's
# children start from a small process. It writes the child's peak RSS (KiB) and CPU seconds.
_PARENT = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(code)
"""


def _measured(args: list[str], home: Path) -> tuple[int, str, str, int, float]:
    """The CLI as a process: exit code, stdout, stderr, its peak RSS (bytes) and CPU seconds."""
    report = home / "usage.txt"
    command = [sys.executable, "-m", "telemetry_inspector", *args]
    done = subprocess.run(
        [sys.executable, "-c", _PARENT, str(report), *command],
        env=clean_env(home),
        capture_output=True,
        timeout=300,
    )
    rss, cpu = report.read_text().split()
    return done.returncode, done.stdout.decode(), done.stderr.decode(), int(rss) * 1024, float(cpu)


@pytest.fixture(scope="module")
def big_log(tmp_path_factory) -> Path:
    return _log(tmp_path_factory.mktemp("big") / "telemetry.log", 48 * MB)


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory) -> int:
    """The peak RSS of the same command on a tiny log: start-up and imports."""
    folder = tmp_path_factory.mktemp("tiny")
    tiny = _log(folder / "telemetry.log", 4096)
    code, *_, rss, _ = _measured(["tail", "--no-follow", "--json", "-n", "5", str(tiny)], folder)
    assert code == 0
    return rss


@pytest.mark.parametrize("count", ["5", "1000", "100000"])
def test_the_last_n_events_cost_memory_for_a_block_not_the_log(big_log, baseline_rss, count):
    where = ["--where", "k=nothing-has-this"] if count == "5" else []
    code, out, err, rss, _ = _measured(
        ["tail", "--no-follow", "--json", "-n", count, *where, str(big_log)], big_log.parent
    )
    assert code == 0, err
    events = big_log.read_bytes().count(b"\n")
    assert out.count("\n") == (0 if where else min(int(count), events))
    assert rss - baseline_rss < 24 * MB  # the log is 48 MB; its events parsed, several times that


def test_a_large_n_gives_what_reading_everything_gives(big_log):
    args = ["tail", "--no-follow", "--json", str(big_log)]
    every = _measured(args, big_log.parent)[1]
    last = _measured([*args[:-1], "-n", "1000000", str(big_log)], big_log.parent)[1]
    some = _measured([*args[:-1], "-n", "700", str(big_log)], big_log.parent)[1]
    assert last == every
    assert some.splitlines() == every.splitlines()[-700:]


def test_blank_lines_are_passed_over_in_linear_time_and_constant_memory(tmp_path, baseline_rss):
    costs = []
    for size in (24 * MB, 96 * MB):
        path = tmp_path / f"blank-{size}.log"
        with path.open("wb") as out:
            out.write(b"\n" * (size - 200))
            out.write(LINE.format(s=1, ms=1, n=1, pad="").encode())
        code, out, err, rss, cpu = _measured(
            ["tail", "--no-follow", "--json", "-n", "3", str(path)], tmp_path
        )
        assert code == 0, err
        assert out.count("\n") == 1 and f'"line":{size - 200 + 1}' in out
        assert rss - baseline_rss < 24 * MB
        costs.append(cpu)
        path.unlink()
    assert costs[1] / costs[0] < 8  # 4x the bytes; a cost per blank line in Python would show


def test_a_line_longer_than_the_cap_is_skipped_with_a_note(tmp_path, baseline_rss):
    path = tmp_path / "telemetry.log"
    with path.open("wb") as out:
        out.write(LINE.format(s=1, ms=1, n=1, pad="").encode())
        out.write(b"y" * (reading.MAX_LINE + MB) + b"\n")
        out.write(LINE.format(s=2, ms=2, n=2, pad="").encode())
        out.write(b"z" * (reading.MAX_LINE + MB))  # and one without its newline
    for count in ([], ["-n", "5"]):
        args = ["tail", "--no-follow", "--json", "--verbose", *count, str(path)]
        code, out, err, rss, _ = _measured(args, tmp_path)
        assert code == 0, err
        assert [line.count('"event":"e') for line in out.splitlines()] == [1, 1]
        assert "2: line longer than 16 MiB, skipped" in err
        # without following, the last line ends the file, -n or not: read, and refused
        assert "4: line longer than 16 MiB, skipped" in err
        assert rss - baseline_rss < reading.MAX_LINE + 24 * MB


def _cpu_of_reading(path: Path) -> float:
    start = time.process_time()
    entries = [e for batch in history.read_file(path) for e in batch]
    assert len(entries) == 1 and isinstance(entries[0], Unparsed)
    return time.process_time() - start


def test_a_line_without_newline_costs_linear_time(tmp_path, monkeypatch):
    monkeypatch.setattr(history, "CHUNK", 1024)  # many reads of one line: quadratic would show
    costs = []
    for size in (2 * MB, 8 * MB):
        path = tmp_path / f"one-{size}.log"
        path.write_bytes(b"2026-03-30 10:00:00.000 [trace] telemetry/e {" + b"a" * size)
        costs.append(min(_cpu_of_reading(path) for _ in range(3)))
    assert costs[1] / max(costs[0], 1e-3) < 10  # 4x the bytes (quadratic: 16x)


def _look(state: FollowState, content: bytes):
    start = read_start(state) if state.identity is not None else 0
    return step(state, Look((1, 1), len(content), start, content[start:]))


def test_following_drops_a_line_longer_than_the_cap_and_says_so(monkeypatch):
    monkeypatch.setattr(reading, "MAX_LINE", 10)
    content = b"ok line\n"
    moved = _look(FollowState(), content)
    content += b"x" * 12
    moved = _look(moved.state, content)
    assert moved.state.overlong and moved.state.partial == b""
    content += b"x\nnext\n"
    moved = _look(moved.state, content)
    assert (moved.too_long, moved.first_line, moved.lines) == (2, 3, (b"next",))
    assert not moved.state.overlong and moved.state.lines == 3
    content += b"w" * 18
    growing = _look(moved.state, content)
    assert growing.state.overlong
    assert finish(growing.state).too_long == 4


def test_a_follower_passes_over_a_line_longer_than_the_cap(tmp_path, home):
    from .helpers import Following, event_line

    log = tmp_path / "telemetry.log"
    log.write_text(event_line("2026-03-30 10:00:00.000", "telemetry/first", {"k": "1"}))
    with Following("--verbose", "-n", "5", str(log), env=clean_env(home)) as following:
        following.wait_for_count(1)
        with log.open("ab") as out:
            for _ in range(reading.MAX_LINE // MB + 1):  # written in pieces, as a slow writer does
                out.write(b"y" * MB)
                out.flush()
            out.write(b"\n" + event_line("2026-03-30 10:00:01.000", "telemetry/after", {}).encode())
        following.wait_for_count(2)
        following.wait_for(lambda: any("line longer than 16 MiB" in e for e in following.errors))
        assert [record["event"] for record in following.records] == ["first", "after"]
        assert following.records[1]["line"] == 3

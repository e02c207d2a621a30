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

from .helpers import Following

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

"""Running `telemetry tail` as a following process: its NDJSON read as it comes, awaited by
condition with a deadline (never by sleeping)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import interruptible

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_LOGS = EXAMPLES / "home" / ".config" / "Code" / "logs"
EXAMPLE_SESSION = EXAMPLE_LOGS / "20260330T095512"
CATALOG = Path(__file__).resolve().parent / "fixtures" / "catalog.json"


class Following:
    """`telemetry tail --json ...` running; `records` and `errors` fill as it writes."""

    def __init__(self, *args: str, env: dict[str, str], max_open_files: int | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "telemetry_inspector", "tail", "--json", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: _prepare(max_open_files),
        )
        self.records: list[dict] = []
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._read_records, daemon=True),
            threading.Thread(target=self._read_errors, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read_records(self) -> None:
        for raw in self.process.stdout:
            record = json.loads(raw)
            with self._lock:
                self.records.append(record)

    def _read_errors(self) -> None:
        for raw in self.process.stderr:
            with self._lock:
                self.errors.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def wait_for(self, condition: Callable[[], bool], timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if self.process.poll() is not None:
                raise AssertionError(f"tail ended with {self.process.returncode}: {self.errors}")
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out; {len(self.records)} records, errors: {self.errors}"
                )
            time.sleep(0.01)

    def wait_for_count(self, count: int, timeout: float = 20.0) -> None:
        self.wait_for(lambda: len(self.records) >= count, timeout)

    def stop(self) -> int:
        """Ctrl-C, as a user would; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        for thread in self._threads:
            thread.join(timeout=5)
        return code

    def __enter__(self) -> Following:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _prepare(max_open_files: int | None) -> None:
    interruptible()  # stop() sends Ctrl-C
    if max_open_files is not None:
        import resource

        resource.setrlimit(resource.RLIMIT_NOFILE, (max_open_files, max_open_files))


def run_in_terminal(args: list[str], env: dict[str, str], timeout: float = 30) -> str:
    """The CLI with a pseudo-terminal as stdout (what a user sees), stderr discarded."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "telemetry_inspector", *args],
        env={**env, "COLUMNS": "400", "TERM": "xterm-256color"},
        stdout=follower,
        stderr=subprocess.DEVNULL,
    )
    os.close(follower)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=timeout)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def without_styles(shown: str) -> str:
    """Terminal output without its SGR style sequences (bold, dim, colours)."""
    return re.sub(r"\x1b\[[0-9;]*m", "", shown)


def event_line(stamp: str, name: str, properties: dict, measurements: dict | None = None) -> str:
    payload = json.dumps(
        {"properties": properties, "measurements": measurements or {}}, separators=(",", ":")
    )
    return f"{stamp} [trace] {name} {payload}\n"

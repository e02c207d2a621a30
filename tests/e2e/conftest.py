"""The real VS Code's fixtures: one code-server, one browser and one `telemetry tail` for the whole
module, since a session of VS Code is the thing under test (docs/testing.md)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import CodeServer, Install, Tail, Workbench, World

# A hand-kept settings.json, as people write them: comments, two-space indent, a trailing comment.
HAND_WRITTEN_SETTINGS = """// Settings kept by hand.
{
  // Bigger text for the demo.
  "editor.fontSize": 15,
  "files.autoSave": "off", // saved by hand
  "workbench.startupEditor": "none"
}
"""

CHECKED: dict[str, int] = {}  # what the suite compared with the real thing, for the summary


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if CHECKED:
        figures = ", ".join(f"{count} {what}" for what, count in CHECKED.items())
        terminalreporter.write_line(f"e2e against VS Code 1.139.1: checked {figures}")


@pytest.fixture(scope="session")
def install() -> Install:
    found = Install.find()
    if found is None:
        # CI installs it (.ci/e2e-install): there, its absence is a failure, not a skip.
        message = "the real VS Code is not installed: run .ci/e2e-install"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    for tool in ("unshare", "nsenter", "ip"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing (util-linux, iproute2)")
    return found


class Session:
    """The world, the server, the browser and the tail that the scenario shares."""

    def __init__(self, install: Install, root: Path) -> None:
        self.install = install
        self.world = World.create(root / "world")
        self.artifacts = root / "artifacts"
        self.artifacts.mkdir()
        self.server: CodeServer | None = None
        self.workbench: Workbench | None = None
        self.tail: Tail | None = None
        self.starts = 0

    def start(self) -> Workbench:
        """code-server, then a browser connected to it (a new session folder each time)."""
        self.starts += 1
        self.server = CodeServer(self.install, self.world, self.artifacts / "code-server.log")
        self.server.start()
        profile = self.artifacts / f"chromium-{self.starts}"
        self.workbench = Workbench(
            self.install, self.server, profile, self.artifacts / "driver.log"
        )
        self.workbench.open()
        return self.workbench

    def stop(self) -> None:
        if self.workbench is not None:
            self.workbench.close()
            self.workbench = None
        if self.server is not None:
            self.server.stop()
            self.server = None


@pytest.fixture(scope="module")
def session(install: Install, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    session = Session(install, tmp_path_factory.mktemp("vscode"))
    world = session.world
    world.settings.parent.mkdir(parents=True)
    world.settings.write_text(HAND_WRITTEN_SETTINGS)
    (world.workspace / "notes.txt").write_text("first line\n")
    (world.workspace / "hello.py").write_text("print('hello')\n")
    # Started before VS Code exists, as a user would start it: it must wait for the session.
    session.tail = Tail(
        world,
        ["--user-data-dir", str(world.user_data_dir), "--app-root", str(install.app_root)],
        session.artifacts / "tail.ndjson",
    )
    try:
        session.start()
        yield session
    finally:
        session.stop()
        if session.tail is not None:
            session.tail.stop()

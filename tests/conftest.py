"""Shared test helpers: run the real CLI as a subprocess in an isolated home."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Variables that would let the developer's own VS Code setup leak into a test.
_LEAKY = (
    "VSCODE_PORTABLE",
    "VSCODE_APPDATA",
    "VSCODE_EXTENSIONS",
    "VSCODE_AGENT_FOLDER",
    "XDG_CONFIG_HOME",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLUMNS",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in a test_hostile_*.py file is one of the hostile-input suite: `-m hostile`."""
    for item in items:
        if item.path.name.startswith("test_hostile_"):
            item.add_marker(pytest.mark.hostile)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _LEAKY}
    env.update(HOME=str(home), USERPROFILE=str(home), TERM="dumb", PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


def run_cli(
    *args: str,
    env: dict[str, str],
    cwd: Path | None = None,
    input: str | None = None,
    timeout: float = 60,
) -> Run:
    """The CLI as a user runs it: a real process, stdout and stderr captured separately."""
    done = subprocess.run(
        [sys.executable, "-m", "telemetry_inspector", *args],
        env=env,
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return clean_env(home)


@pytest.fixture
def cli(env: dict[str, str]):
    """`cli("status", "--json")` runs the CLI with the isolated environment."""

    def run(*args: str, **kwargs) -> Run:
        kwargs.setdefault("env", env)
        return run_cli(*args, **kwargs)

    return run


def run_in_terminal(
    *args: str, env: dict[str, str], columns: int = 160, timeout: float = 60
) -> Run:
    """The CLI with stdout on a real pseudo-terminal, as a user at a terminal sees it."""
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns)}
    process = subprocess.Popen(
        [sys.executable, "-m", "telemetry_inspector", *args],
        stdin=child,
        stdout=child,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    err = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    code = process.wait(timeout=timeout)
    out = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return Run(code, out, err)


def run_unprivileged(
    *args: str, env: dict[str, str], cwd: Path | None = None, timeout: float = 60
) -> Run:
    """The CLI without the power to ignore file permissions, so chmod means what it says.

    As root, the child keeps its identity but loses CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (via
    util-linux setpriv): reading a 000 file or writing in a 555 folder then fails for real.
    """
    if os.geteuid() != 0:
        return run_cli(*args, env=env, cwd=cwd, timeout=timeout)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]
    done = subprocess.run(
        [*command, sys.executable, "-m", "telemetry_inspector", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def node_modules() -> Path | None:
    """The folder holding the npm reference tools (.ci/run installs them), or None."""
    folder = os.environ.get("TELEMETRY_NODE_MODULES")
    if folder and Path(folder).is_dir() and shutil.which("node"):
        return Path(folder)
    return None


@pytest.fixture
def node_tools() -> Path:
    folder = node_modules()
    if folder is None:
        pytest.skip("node and TELEMETRY_NODE_MODULES (the npm reference tools) are not available")
    return folder


def assert_one_line_error(run: Run, *needles: str) -> None:
    """A failure as users should see it: non-zero, nothing on stdout, one line, no traceback."""
    assert run.code != 0, run
    assert run.out == "", run
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert "Traceback" not in run.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def interruptible() -> None:
    """preexec_fn for a child the test will Ctrl-C. A shell starts a background job (`.ci/run &`)
    with SIGINT ignored, the child inherits that, and Python keeps an inherited SIG_IGN: the
    signal would never reach our handler."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)

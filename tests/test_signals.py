"""Ctrl-C and SIGTERM are raised where the program is, never inside an import (signals.py)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import interruptible

# A program that installs the handlers, then imports a module that signals itself halfway.
_IMPORTER = """
import signal, sys, time
sys.path.insert(0, sys.argv[1])
from telemetry_inspector import signals
signals.raise_outside_imports()
try:
    import planted
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.01)
    print("never interrupted")
except KeyboardInterrupt as exc:
    print(type(exc).__name__, "imported" if "planted" in sys.modules else "not imported")
"""


def _import_with_a_signal(tmp_path: Path, body: str, **popen: object) -> tuple[str, str]:
    (tmp_path / "planted.py").write_text(textwrap.dedent(body), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", _IMPORTER, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
        **popen,
    )
    return run.stdout.strip(), run.stderr


@pytest.mark.parametrize(
    ("name", "raised"), [("SIGINT", "KeyboardInterrupt"), ("SIGTERM", "Terminated")]
)
def test_a_signal_inside_an_import_is_raised_once_the_import_is_done(tmp_path, env, name, raised):
    out, err = _import_with_a_signal(
        tmp_path,
        f"""
        import os, signal
        os.kill(os.getpid(), signal.{name})
        total = sum(range(100_000))  # the rest of the module still runs
        """,
        env=env,
        preexec_fn=interruptible,
    )
    assert (out, err) == (f"{raised} imported", "")


def test_an_import_that_never_ends_is_interrupted_after_a_while(tmp_path, env):
    out, err = _import_with_a_signal(
        tmp_path,
        """
        import os, signal
        os.kill(os.getpid(), signal.SIGINT)
        while True:
            pass
        """,
        env=env,
        preexec_fn=interruptible,
    )
    assert (out, err) == ("KeyboardInterrupt not imported", "")


def test_a_ctrl_c_the_parent_ignores_stays_ignored(env):
    program = (
        "import signal; from telemetry_inspector import signals; "
        "signals.raise_outside_imports(); "
        "print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)"
    )
    ignored = subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        check=True,
    )
    assert ignored.stdout == "True\n"

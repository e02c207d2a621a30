"""What every command shares: the error boundary, exit codes, signals, pipes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from telemetry_inspector import __version__
from tests.conftest import assert_one_line_error, interruptible
from tests.logs.helpers import event_line


def test_version(cli):
    run = cli("--version")
    assert (run.code, run.out, run.err) == (0, f"telemetry {__version__}\n", "")


def test_no_arguments_shows_help(cli):
    run = cli()
    assert run.code == 2 and "Usage" in run.out and run.err == ""


def test_unknown_option_and_command_are_usage_errors(cli):
    for args, needle in ((["--bogus"], "--bogus"), (["frobnicate"], "frobnicate")):
        run = cli(*args)
        assert run.code == 2
        assert_one_line_error(run, needle, "--help")


def test_bad_color_value(cli):
    run = cli("--color", "sometimes", "status")
    assert run.code == 2
    assert_one_line_error(run, "sometimes", "auto", "always", "never")


def _following(env: dict[str, str], tmp_path: Path, **popen: object) -> subprocess.Popen:
    """`tail` following a log, once its one event is out: a command that is busy, waiting for
    lines that never come."""
    log = tmp_path / "telemetry.log"
    log.write_text(event_line("2026-04-01 08:00:02.000", "telemetry/first", {}), encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-m", "telemetry_inspector", "tail", "--json", str(log)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )
    assert b'"event":"first"' in child.stdout.readline()
    return child


def test_ctrl_c_exits_130_without_a_traceback(env, tmp_path):
    """Right after the first event is when a follow once loaded its watcher: a Ctrl-C landing
    in that import was printed as "Exception ignored" and lost (see signals.py)."""
    for _ in range(3):
        child = _following(env, tmp_path, preexec_fn=interruptible)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=20)
        assert (child.returncode, out, err) == (130, b"", b"")


def test_sigterm_unwinds_like_ctrl_c_and_exits_143(env, tmp_path):
    child = _following(env, tmp_path)
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=20)
    assert (child.returncode, out, err) == (143, b"", b"")


_BOOM = """
import sys
from telemetry_inspector.app import app, main

@app.command("boom")
def boom() -> None:
    raise RuntimeError("the disk is full of bees")

raise SystemExit(main(sys.argv[1:]))
"""


def test_an_unexpected_error_is_one_line_unless_debug(env):
    done = subprocess.run(
        [sys.executable, "-c", _BOOM, "boom"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: unexpected RuntimeError: the disk is full of bees "
        "(run again with --debug for details)"
    ]
    debug = subprocess.run(
        [sys.executable, "-c", _BOOM, "--debug", "boom"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "bees" in debug.stderr


def test_a_closed_pipe_ends_quietly(env, home):
    settings = home / ".config" / "Code" / "User" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text("{}")
    reader, writer = os.pipe()
    os.close(reader)  # nobody will ever read: the first write fails with EPIPE
    child = subprocess.run(
        [sys.executable, "-m", "telemetry_inspector", "status", "--json"],
        env=env,
        stdout=writer,
        stderr=subprocess.PIPE,
        check=False,
    )
    os.close(writer)
    assert child.returncode == 141
    assert child.stderr == b""


def _run_program(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    program = "import sys\nfrom telemetry_inspector.app import run\n" + code
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env)


def test_the_program_skips_teardown_but_not_what_an_exit_must_do(env):
    """run() ends the process without taking its objects apart (a __del__ never runs), but the
    atexit functions run, the output is all there and the exit code is main()'s."""
    done = _run_program(
        "import atexit\n"
        "class Lingering:\n"
        "    def __del__(self):\n"
        "        print('taken apart', file=sys.stderr)\n"
        "kept = Lingering()\n"
        "atexit.register(lambda: print('atexit ran'))\n"
        "sys.argv = ['telemetry', '--bogus']\n"
        "run()\n",
        env,
    )
    assert done.returncode == 2
    assert done.stdout == "atexit ran\n"
    assert "--bogus" in done.stderr and "taken apart" not in done.stderr


def test_with_another_thread_running_python_exits_as_usual(env):
    """Python's own exit waits for a thread that is still working; so does the program."""
    done = _run_program(
        "import threading\n"
        "def after_main():\n"
        "    threading.main_thread().join()  # returns when Python's exit is under way\n"
        "    print('the thread finished', flush=True)\n"
        "threading.Thread(target=after_main).start()\n"
        "sys.argv = ['telemetry', '--version']\n"
        "run()\n",
        env,
    )
    assert done.returncode == 0
    assert done.stdout.endswith("the thread finished\n")

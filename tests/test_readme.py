"""Every command in the README's `sh` blocks runs, in order, in a copy of the examples world:
the README cannot promise what the tool does not do.

The world: the current folder holds a copy of `examples/`; HOME is its `examples/home`, with the
example installation unpacked at `~/VSCode-linux-x64` (where a tarball install is found), so
"the installed VS Code" of an example is that one. `sudo` stands for root: the machine policy
file it writes is the world's own (`--policy-file ~/policy.json`), never /etc's. A command that
follows (`tail` without `--no-follow`) runs until its first event, then gets Ctrl-C.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, clean_env

README = ROOT / "README.md"
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)
_PREAMBLE = 'set -o pipefail\nsudo() { "$@" --policy-file "$HOME/policy.json"; }\n'


@dataclass(frozen=True)
class Example:
    line: int  # in README.md
    command: str
    shown: tuple[str, ...] = ()  # output the README prints under a `$ ` command

    @property
    def follows(self) -> bool:
        return "telemetry tail" in self.command and "--no-follow" not in self.command


def examples() -> list[Example]:
    text = README.read_text(encoding="utf-8")
    found = []
    for match in _BLOCK.finditer(text):
        first = text.count("\n", 0, match.start(1)) + 1
        lines = match.group(1).splitlines()
        if any("pip install" in line for line in lines):
            continue  # the set-up block installs the tool: CI runs it as it is (.ci/run)
        prompted = any(line.startswith("$ ") for line in lines)
        for offset, line in enumerate(lines):
            if prompted and line.startswith("$ "):
                shown = []
                for after in lines[offset + 1 :]:
                    if after.startswith("$ "):
                        break
                    shown.append(after)
                found.append(Example(first + offset, line[2:], tuple(shown)))
            elif not prompted and line.strip() and not line.lstrip().startswith("#"):
                found.append(Example(first + offset, line))
    return found


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(EXAMPLES, folder / "examples", symlinks=True)
    shutil.copytree(EXAMPLES / "install", folder / "examples" / "home" / "VSCode-linux-x64")
    return folder


def _env(world: Path) -> dict[str, str]:
    env = clean_env(world / "examples" / "home", COLUMNS="100")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return env


def _run(example: Example, world: Path) -> tuple[int, str, str]:
    command = ["bash", "--norc", "--noprofile", "-c", _PREAMBLE + example.command]
    if not example.follows:
        done = subprocess.run(
            command, cwd=world, env=_env(world), capture_output=True, text=True, timeout=120
        )
        return done.returncode, done.stdout, done.stderr
    shell = subprocess.Popen(
        command,
        cwd=world,
        env=_env(world),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, to get Ctrl-C as a terminal sends it
    )
    try:
        first = shell.stdout.readline()  # the condition: the first event is out
        os.killpg(shell.pid, signal.SIGINT)
        rest, err = shell.communicate(timeout=60)
    finally:
        if shell.poll() is None:
            os.killpg(shell.pid, signal.SIGKILL)
            shell.wait()
    return shell.returncode, first + rest, err


def test_the_readme_has_examples_to_run():
    found = examples()
    assert len(found) > 30
    assert any(example.shown for example in found)


def test_every_readme_command_works_on_the_examples_world(world):
    failures = []
    for example in examples():
        code, out, err = _run(example, world)
        problems = _judge(example, code, out, err)
        if problems:
            failures.append(f"README.md:{example.line}: {example.command}\n  {problems}\n{err}")
    assert failures == [], "\n".join(failures)


def _judge(example: Example, code: int, out: str, err: str) -> str:
    expected = 130 if example.follows else None  # followed until Ctrl-C
    if expected is not None and code != expected:
        return f"exit {code}, expected {expected}"
    if expected is None and code not in (0, 1):  # 1: a switch on, a --check, a difference
        return f"exit {code}"
    if "Traceback" in err:
        return "a traceback"
    shown = "\n".join(example.shown)
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    unexpected = [line for line in errors if line not in shown]
    if unexpected:
        return f"errors: {unexpected}"
    missing = [line for line in example.shown if line not in out + err]
    if missing:
        return f"the README shows output it does not print: {missing}"
    if out.strip() in ("{}", "[]"):
        return "an empty result"
    if example.follows and not out.strip():
        return "no event shown"
    return ""

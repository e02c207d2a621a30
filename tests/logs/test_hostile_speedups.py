"""_speedups.c given hostile arguments: Python code that runs in the middle of a call (a dict
key's __eq__, a finalizer run by a collection) and changes what the call reads. Each case runs in
a child process: the fault it guards against ends the process (a segmentation fault)."""

from __future__ import annotations

import subprocess
import sys

import pytest

try:
    from telemetry_inspector.logs import _speedups as speedups
except ImportError:
    speedups = None

pytestmark = pytest.mark.skipif(speedups is None, reason="built without _speedups.c")

_PLAIN = (
    "T = b'2026-03-30 10:00:00.001'\n"
    'LINE = T + b\' [trace] telemetry/alpha {"properties":{},"measurements":{}}\\n\'\n'
    "KEY = b'[trace] telemetry/alpha'\n"
)


def _run(code: str) -> str:
    """What the child printed; it must end normally."""
    script = "from telemetry_inspector.logs import _speedups as c\n" + _PLAIN + code
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    return done.stdout.strip()


def test_records_of_reads_the_entries_it_was_given_whatever_a_key_does():
    """A templates key whose __eq__ empties `found` (it runs when the line's key hashes alike):
    records_of read the list by index after the lookup, past its end."""
    out = _run(
        "data = LINE * 3\n"
        "found = [(i * len(LINE), (i + 1) * len(LINE) - 1, i) for i in range(3)]\n"
        "class Key:\n"
        "    def __hash__(self):\n"
        "        return hash(KEY)\n"
        "    def __eq__(self, other):\n"
        "        found.clear()\n"
        "        return False\n"
        "print(c.records_of(data, found, {Key(): b'x'}, 1))\n"
    )
    assert out == "[None, None, None]"

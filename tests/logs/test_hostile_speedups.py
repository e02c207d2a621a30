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


def test_lines_holding_takes_bytes_only_as_a_finalizer_may_change_a_bytearray():
    """A bytearray's bytes may change while lines_holding runs: a collection, which any of its
    allocations may start, runs finalizers. One that blanks the newlines after the range was
    checked left the search without the newline it counts on (memchr gave NULL): a segmentation
    fault. Only bytes are taken."""
    out = _run(
        "import gc\n"
        "data = bytearray(b'x telemetry/alpha y\\n' * 5000)\n"
        "armed = []\n"
        "class Cycle:\n"
        "    def __init__(self):\n"
        "        self.me = self\n"
        "    def __del__(self):\n"
        "        if armed:\n"
        "            data[:] = data.replace(b'\\n', b' ')\n"
        "        else:\n"
        "            Cycle()\n"
        "Cycle()\n"
        "gc.set_threshold(1)\n"
        "args = (data, b'telemetry/alpha', -1, 0, len(data))\n"
        "armed.append(True)\n"
        "try:\n"
        "    c.lines_holding(*args)\n"
        "except TypeError as error:\n"
        "    print(error)\n"
    )
    assert out.endswith("must be bytes, not bytearray")


@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_both_functions_refuse_buffers_that_are_not_bytes(kind):
    data = kind(b"x telemetry/alpha y\n")
    with pytest.raises(TypeError, match="must be bytes"):
        speedups.lines_holding(data, b"telemetry/alpha", -1, 0, len(data))
    with pytest.raises(TypeError, match="must be bytes"):
        speedups.lines_holding(b"x telemetry/alpha y\n", kind(b"telemetry/alpha"), -1, 0, 20)
    with pytest.raises(TypeError, match="must be bytes"):
        speedups.records_of(data, [(0, 19, 0)], {}, 1)


def test_a_line_number_past_the_largest_is_refused_not_wrapped():
    """number + newlines was added in a Py_ssize_t: past 2**63 - 1 it wrapped (undefined
    behaviour; in practice the record said line -9223372036854775808)."""
    line = b'2026-03-30 10:00:00.001 [trace] telemetry/alpha {"properties":{},"measurements":{}}\n'
    data = line * 2
    found = [(0, len(line) - 1, 0), (len(line), 2 * len(line) - 1, 1)]
    templates = {b"[trace] telemetry/alpha": b"%b %b %b %d"}
    assert speedups.records_of(data, found[:1], templates, 2**63 - 1)[0].endswith(
        b" %d" % (2**63 - 1)
    )
    with pytest.raises(ValueError, match=r"^records_of: a line number past the largest"):
        speedups.records_of(data, found, templates, 2**63 - 1)
    assert speedups.records_of(data, found, templates, -(2**63))[1].endswith(b" %d" % (1 - 2**63))

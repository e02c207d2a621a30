"""_speedups.c stands for Python code (docs/architecture.md, "Native code"): `lines_holding`
finds what needles.lines_holding finds, and the records `records_of` makes are those the Python
reader makes, whatever the lines (well-formed, broken, mutated byte by byte); bad arguments are
refused; and built with AddressSanitizer it reads nothing outside its buffers."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from telemetry_inspector.logs import history, needles, records
from telemetry_inspector.logs.filters import build_filter
from telemetry_inspector.logs.needles import Needles, lines_holding
from telemetry_inspector.render.logs import payload_records

try:
    from telemetry_inspector.logs import _speedups as speedups
except ImportError:  # whether that is right, the first test says
    speedups = None
built = pytest.mark.skipif(speedups is None, reason="the package was built without _speedups.c")


def test_the_speedups_are_built_where_a_c_compiler_is():
    """pyproject.toml builds them optionally: with a compiler at hand, a missing module is a
    fault of the build (the package would run, slower, on Python alone, and the tests below
    would not run)."""
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        pytest.skip("no C compiler here: the package runs on Python alone")
    assert speedups is not None, "pip built the package without logs/_speedups.c"
    assert needles._native is speedups.lines_holding
    assert records._records_of is speedups.records_of


@contextmanager
def _in_python() -> Iterator[None]:
    """The package as it runs where it was built without a C compiler."""
    saved = needles._native, records._records_of
    needles._native = records._records_of = None
    try:
        yield
    finally:
        needles._native, records._records_of = saved


# ---- lines_holding

NEEDLE_TEXTS = [b"telemetry/alpha", b"telemetry/aab", b"a"]
# every needle before every byte that ends a name (and some that do not), among other pieces
PIECES = st.sampled_from(
    [text + bytes([after]) for text in NEEDLE_TEXTS for after in b" \t\n\r\x0b\x0cxa/"]
    + [b" ", b"\n", b"\r\n", b"\t", b"a", b"aa", b"b", b"telemetry/", b"x" * 300, b"\n\n\n"]
    + [b"2026-03-30 10:00:00.001 [trace] "]
)


@built
@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=300), st.sampled_from(NEEDLE_TEXTS), st.data())
def test_c_and_python_find_the_same_lines(pieces, text, draw):
    data = b"".join(pieces) + b"\n"
    ends = [at + 1 for at, byte in enumerate(data) if byte == 10]
    start = draw.draw(st.integers(min_value=0, max_value=len(data)))
    size = draw.draw(st.sampled_from([start, *(end for end in ends if end > start)]))
    offset = draw.draw(st.integers(min_value=-1, max_value=len(text) - 1))
    probe = None if offset < 0 else (text[offset : offset + 1], offset)
    in_c = speedups.lines_holding(data, text, offset, start, size)
    with _in_python():
        in_python = lines_holding(data, Needles((text,), {text: probe}), start, size)
    assert in_c == in_python
    found, newlines = in_c
    assert newlines == data.count(b"\n", start, size)
    for begin, end, before in found:  # what each entry means, checked directly too
        assert text in data[begin:end] and data[end] == 10
        assert before == data.count(b"\n", start, begin)


@built
def test_a_probe_that_leads_astray_still_finds_every_line():
    """'a' is everywhere: the C search gives it up for memmem() within the block."""
    text = b"telemetry/aab"
    data = (b"ya" * 50 + text + b"a " + text + b" x\n") * 2000
    found, newlines = speedups.lines_holding(data, text, text.index(b"a"), 0, len(data))
    assert newlines == 2000
    assert [begin for begin, _, _ in found] == [n * (len(data) // 2000) for n in range(2000)]
    assert found == speedups.lines_holding(data, text, -1, 0, len(data))[0]


# ---- records_of

T = b"2026-03-30 10:00:00.001"
PAYLOAD = b'{"properties":{"a":"b","common.x":"y z"},"measurements":{"n":1,"m":-2.5,"z":0}}'
LINES = [
    T + b" [trace] telemetry/alpha " + PAYLOAD,
    T + b" [trace] telemetry/alpha " + b'{"properties":{},"measurements":{}}',
    T + b" [info] telemetry/alpha " + PAYLOAD,
    T + b" [trace] [dbg.x] telemetry/alpha " + PAYLOAD,  # an endpoint's event
    T + b" [trace] ms-python.python/alpha " + PAYLOAD,  # an extension's: Python makes it
    T + b" [trace] telemetry/alpha " + b'{"properties":{"a":"\\u00e9"},"measurements":{}}',
    T + b" [trace] telemetry/alpha " + b'{"properties":{"a":"\xc3\xa9"},"measurements":{}}',
    T + b" [trace] telemetry/alpha " + b'{"properties":{},"measurements":{"n":1e3}}',
    T + b" [trace] telemetry/alpha " + b'{"properties":{},"measurements":{"n":%d}}' % 10**20,
    T + b" [trace] telemetry/alpha " + b'{"properties":{"a":1},"measurements":{}}',
    T + b" [trace] telemetry/alpha " + b'{"properties":{},"measurements":{},"x":{}}',
    T + b" [trace] telemetry/alpha " + b'{"properties": {}, "measurements": {}}',
    T + b" [trace] telemetry/alpha " + b'{"properties":{"a":"b"},"measurements":{"n":1}}\r',
    T + b" [trace] telemetry/alpha " + b'{"properties":{"a":"b"',  # continued below
    b'},"measurements":{}}',
    T + b" [trace] telemetry/beta " + PAYLOAD,
]
# what a mutation puts in: JSON's punctuation, digits, escapes, blanks, bytes that are not ASCII
CHANGES = b'"\\{}[]:,-+.0123456789eE \t\r\x00\x1f\x7f\x80\xc3\xa9\xffaz'
BYTES = st.sampled_from(list(CHANGES))
MUTATION = st.tuples(st.integers(min_value=0, max_value=200), st.sampled_from("idr"), BYTES)


def _mutated(line: bytes, mutations: list[tuple[int, str, int]]) -> bytes:
    for at, how, byte in mutations:
        at %= len(line) + 1
        if how == "i":
            line = line[:at] + bytes([byte]) + line[at:]
        elif how == "d":
            line = line[:at] + line[at + 1 :]
        else:
            line = line[:at] + bytes([byte]) + line[at + 1 :]
    return line or b"x"


def _read(log: Path, patterns: list[str]) -> list:
    """The entries of a log, neighbouring records joined: a run of records is one bytes entry or
    several, as the reader batches it, and written the same."""
    keep = build_filter(patterns)
    entries: list = []
    for batch in history.read_file(log, keep.name_test, keep.needles, payload_records):
        for entry in batch:
            if isinstance(entry, bytes) and entries and isinstance(entries[-1], bytes):
                entries[-1] += entry
            else:
                entries.append(entry)
    return entries


@built
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(LINES), st.lists(MUTATION, max_size=3)), min_size=1, max_size=30
    ),
    st.sampled_from([["alpha"], ["telemetry/alpha"], ["alpha", "beta"], ["alpha*"]]),
)
@example([(LINES[0], [])] * 3 + [(LINES[4], [])] + [(LINES[0], [])], ["alpha"])
def test_a_log_reads_the_same_with_and_without_the_speedups(tmp_path_factory, lines, patterns):
    """The records, Unparsed entries and line numbers of every line; the lines are of every kind
    the fast path must take or leave, each mutated at up to three bytes."""
    log = tmp_path_factory.mktemp("log") / "telemetry.log"
    log.write_bytes(b"\n".join(_mutated(line, changes) for line, changes in lines) + b"\n")
    in_c = _read(log, patterns)
    with _in_python():
        in_python = _read(log, patterns)
    assert in_c == in_python


@built
def test_the_plain_lines_are_made_in_c(tmp_path: Path):
    """Not only the same records: the C path makes them (else the tests above compare Python
    with itself). A key is judged by Python at its first line; every later plain line is C's."""
    log = tmp_path / "telemetry.log"
    log.write_bytes((LINES[0] + b"\n") * 50)
    reader = records.RecordReader("f", payload_records("f"), wanted=lambda name: True)
    data = log.read_bytes()
    found, _ = speedups.lines_holding(data, b"telemetry/alpha", -1, 0, len(data))
    made = speedups.records_of(data, found, reader._keys, 1)
    assert made == [None] * 50  # no key judged yet
    out: list = []
    reader.read_found(data, found, 0, 1, out, len(data))
    made = speedups.records_of(data, found, reader._keys, 1)
    assert None not in made and b"".join(made) == b"".join(out)
    assert b'"line":50}' in made[-1]


@built
@pytest.mark.parametrize(
    "call",
    [
        lambda: speedups.lines_holding(b"a\n", b"", -1, 0, 2),  # an empty needle
        lambda: speedups.lines_holding(b"a\n", b"ab", 2, 0, 2),  # a probe past the needle
        lambda: speedups.lines_holding(b"a\na\n", b"a", -1, 3, 2),  # start after size
        lambda: speedups.lines_holding(b"a\n", b"a", -1, -1, 2),  # before the data
        lambda: speedups.lines_holding(b"a\n", b"a", -1, 0, 3),  # past the data
        lambda: speedups.lines_holding(b"a\nab", b"a", -1, 0, 3),  # not ending with a newline
        lambda: speedups.records_of(b"a\n", [(0, 5, 0)], {}, 1),  # a line past the data
        lambda: speedups.records_of(b"a\n", [(1, 0, 0)], {}, 1),  # ending before it begins
        lambda: speedups.records_of(b"a\n", [(-1, 1, 0)], {}, 1),
        lambda: speedups.records_of(b"a\n", [(0, 1)], {}, 1),  # not a triple
        lambda: speedups.records_of(b"a\n", [[0, 1, 0]], {}, 1),
    ],
)
def test_bad_arguments_are_refused(call):
    with pytest.raises((ValueError, TypeError), match=r"^(lines_holding|records_of): "):
        call()


# ---- AddressSanitizer

_UNDER_ASAN = """
import random, sys
sys.path.insert(0, sys.argv[1])
import _speedups as c
from telemetry_inspector.logs import needles, records
from telemetry_inspector.render.logs import payload_records
needles._native = records._records_of = None
rng = random.Random(14)
lines = [line.encode("latin-1") for line in sys.argv[2:]]
pieces = [b"telemetry/alpha", b" ", b"\\n", b"\\t", b"x" * 300, b"telemetry/alpha\\n", b"a"]
compared = 0
for _ in range(1500):  # the search: buffers above 512 bytes are the sanitizer's own allocations
    data = b"".join(rng.choice(pieces) for _ in range(rng.randrange(2, 40))) + b"\\n"
    ends = [at + 1 for at, byte in enumerate(data) if byte == 10]
    start = rng.randrange(len(data) + 1)
    size = rng.choice([start, *(end for end in ends if end > start)])
    text = rng.choice([b"telemetry/alpha", b"a", b"\\n"])
    probe = rng.randrange(-1, len(text))
    wanted = None if probe < 0 else (text[probe : probe + 1], probe)
    expected = needles.lines_holding(data, needles.Needles((text,), {text: wanted}), start, size)
    assert c.lines_holding(data, text, probe, start, size) == expected
    compared += 1
for _ in range(1500):  # the records: lines cut anywhere, each alone at the end of its buffer
    line = rng.choice(lines)
    line = line[: rng.randrange(len(line) + 1)] + b"x" * rng.choice([0, 600])
    data = b"\\n".join([line] * 3) + b"\\n"
    reader = records.RecordReader("f", payload_records("f"))
    found = needles.lines_holding(data, needles.Needles((b"telemetry/alpha",)), 0, len(data))[0]
    out = []
    reader.read_found(data, found, 0, 1, out, len(data))
    made = c.records_of(data, found, reader._keys, 1)
    python = b"".join(entry for entry in out if type(entry) is bytes)
    assert all(record is None or record in python for record in made)
    compared += 1
print("compared", compared)
"""


def test_the_speedups_read_nothing_outside_their_buffers_under_addresssanitizer(tmp_path: Path):
    """Built with AddressSanitizer and run on buffers of every length: a read one byte past a
    buffer ends the process with a report."""
    compiler = shutil.which("gcc")
    if compiler is None:
        pytest.skip("no gcc here to build with AddressSanitizer")
    runtime = subprocess.run(
        [compiler, "-print-file-name=libasan.so"], capture_output=True, text=True, check=True
    ).stdout.strip()
    source = Path(needles.__file__).with_name("_speedups.c")
    built = tmp_path / f"_speedups{sysconfig.get_config_var('EXT_SUFFIX')}"
    flags = ["-shared", "-fPIC", "-O1", "-g", "-fsanitize=address", "-fno-omit-frame-pointer"]
    include = f"-I{sysconfig.get_paths()['include']}"
    subprocess.run([compiler, *flags, include, str(source), "-o", str(built)], check=True)
    lines = [line.decode("latin-1") for line in LINES]
    done = subprocess.run(
        [sys.executable, "-c", _UNDER_ASAN, str(tmp_path), *lines],
        capture_output=True,
        text=True,
        env={**os.environ, "LD_PRELOAD": runtime, "ASAN_OPTIONS": "detect_leaks=0"},
        timeout=300,
    )
    assert "AddressSanitizer" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0 and done.stdout.strip() == "compared 3000", done.stderr[-3000:]


@built
def test_random_logs_in_blocks_read_the_same(tmp_path: Path):
    """Whole 64 KiB blocks of a seeded log of every kind of line, events cut by the blocks."""
    rng = random.Random(3)
    log = tmp_path / "telemetry.log"
    log.write_bytes(b"\n".join(rng.choice(LINES) for _ in range(4000)) + b"\n")
    in_c = _read(log, ["alpha"])
    with _in_python():
        in_python = _read(log, ["alpha"])
    assert in_c == in_python
    assert sum(entry.count(b"\n") for entry in in_c if isinstance(entry, bytes)) > 1000


@built
def test_every_one_byte_change_of_a_plain_line_reads_the_same(tmp_path: Path):
    """Each line C makes records of, changed at every byte in every way (a byte put in, taken
    out or replaced by each of BYTES), after the plain line (so that its key is judged)."""
    changed = []
    for plain in LINES[:4]:
        for at in range(len(plain) + 1):
            changed.append(plain[:at] + plain[at + 1 :])
            for byte in CHANGES:
                changed.append(plain[:at] + bytes([byte]) + plain[at:])
                changed.append(plain[:at] + bytes([byte]) + plain[at + 1 :])
    log = tmp_path / "telemetry.log"
    log.write_bytes(b"\n".join(line for new in changed for line in (LINES[0], new)) + b"\n")
    made_in_c = []
    with _counting_records(made_in_c):
        in_c = _read(log, ["alpha"])
    with _in_python():
        in_python = _read(log, ["alpha"])
    assert in_c == in_python
    assert len(made_in_c) > len(changed)  # the plain lines at least


@contextmanager
def _counting_records(made: list) -> Iterator[None]:
    """records_of itself, noting each record it makes."""
    real = records._records_of

    def counted(*args):
        result = real(*args)
        made.extend(record for record in result if record is not None)
        return result

    records._records_of = counted
    try:
        yield
    finally:
        records._records_of = real


# ---- the build


def test_the_setuptools_the_build_asks_for_can_read_pyproject_toml():
    """pip builds with the newest setuptools the requirement allows, or with the one at hand
    (--no-build-isolation, a constraint): every version it allows must read pyproject.toml.
    `[tool.setuptools] ext-modules` needs 74.1, a license given as an SPDX string 77 (PEP 639);
    setuptools 74.1 to 76 stop with "`project.license` must be valid exactly by one definition"."""
    config = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))
    [requirement] = config["build-system"]["requires"]
    name, _, lowest = requirement.partition(">=")
    assert name == "setuptools"
    needed = (74, 1) if "ext-modules" in config["tool"]["setuptools"] else (61,)
    if isinstance(config["project"].get("license"), str):
        needed = max(needed, (77,))
    assert tuple(int(part) for part in lowest.split(".")) >= needed

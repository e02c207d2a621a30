"""The fast path of `tail --json` (logs/records.py) against the general reader it stands in for:
whatever the lines, a RecordReader gives the entries a LineReader making the same records gives
line by line, in the same order, with the same line numbers and the same state after them."""

from __future__ import annotations

import json

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry_inspector.logs import history
from telemetry_inspector.logs.filters import build_filter
from telemetry_inspector.logs.lines import LineReader
from telemetry_inspector.logs.model import Event, Unparsed
from telemetry_inspector.logs.needles import feed_matching
from telemetry_inspector.logs.records import RecordReader
from telemetry_inspector.render.logs import event_record, payload_records

STAMP = "2026-03-30 10:00:00.001"
PAYLOAD = '{"properties":{"a":"b","common.extname":"pub.ext"},"measurements":{"n":3}}'

# names as logged: core, extension (its source in common.extname), endpoint, one holding a `%`,
# and names that hold another's name (`alpha`) without being it
NAMES = [
    "telemetry/alpha",
    "telemetry/alphabet",
    "telemetry/xalpha",
    "telemetry/al%pha",
    "git/alpha",
    "pub.ext/alpha",
    "[dbg.x] telemetry/alpha",
    "telemetry/a{b",
]

# payloads the general path reads each its own way: the shape VS Code logs, other shapes, and
# JSON that orjson refuses or that only looks like the shape
PAYLOADS = [
    PAYLOAD,
    '{"properties":{},"measurements":{}}',
    '{"properties":{"a":"\\u00e9\\ud83d\\ude00","b":"\\"q\\"","\\u0000":"x"},"measurements":{}}',
    '{"properties":{"a":"é"},"measurements":{"x":1.5e3,"y":-0.0,"z":18446744073709551616}}',
    '{"properties" : {"a" : "b"} , "measurements" : {"n" : 1}}',
    '{"properties":{"a":"b"},"measurements":{}} ',
    '{"properties":{"a":1},"measurements":{}}',
    '{"properties":{"a":null},"measurements":{"n":true}}',
    '{"properties":{"a":{"b":"c"}},"measurements":{"n":[1]}}',
    '{"properties":{},"measurements":{"n":1e400}}',
    '{"properties":{"a":-1e400},"measurements":{}}',
    '{"properties":{},"measurements":{"n":' + "9" * 400 + "}}",
    '{"properties":{},"measurements":{},"properties":{"common.extname":"other"}}',
    '{"properties":{"n":1e999},"measurements":{},"properties":{}}',
    '{"properties":{},"measurements":{},"properties":5}',
    '{"properties":{},"measurements":{},"extra":1}',
    '{"propertie\\u0073":{},"measurements":{}}',
    '{"properties":{"a":"\\ud800"},"measurements":{}}',
    '{"properties":{"a":"\\x"},"measurements":{}}',
    '{"properties":{"a":"b"},"measurements":{}',
    '{"properties":{"a":"b"},"measurements":{}}}',
    '{"properties":{"a":"b",},"measurements":{}}',
    '{"properties":{"a":' + "[" * 1100 + "]" * 1100 + '},"measurements":{}}',
    '{"properties": {',
    '{"measurements":{},"properties":{}}',
    '{"properties":{"a":"b"}}',
    "[1, 2]",
    "",
]

OTHER_LINES = [
    "",
    "   ",
    '  "a": "b"}, "measurements": {}}',
    "}}",
    "  more text",
    "[2022-08-15 10:10:12.345] [telemetry] [info] Below are logs for every telemetry event",
    f"[2019-03-05 10:23:45.002] [telemetry] [trace] telemetry/alpha {PAYLOAD}",
    f"{STAMP} [trace] no event here",
    f"{STAMP} no level",
    f"{STAMP} [trace] telemetry/alpha",
    f"{STAMP}  [trace] telemetry/alpha {PAYLOAD}",
    f"{STAMP} [trace] telemetry/alpha  {PAYLOAD}",
    f"2026-3-30 10:00:00.001 [trace] telemetry/alpha {PAYLOAD}",
    f"x telemetry/alpha {PAYLOAD}",
]


def _event_lines(draw_bytes: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Event lines: a name, a payload (perhaps cut, or with a byte changed), CR or not."""
    level = st.sampled_from(["trace", "info", "Trace"])
    payload = st.one_of(st.sampled_from(PAYLOADS).map(str.encode), draw_bytes)
    return st.builds(
        lambda lvl, name, body, cr: f"{STAMP} [{lvl}] {name} ".encode() + body + cr,
        level,
        st.sampled_from(NAMES),
        payload,
        st.sampled_from([b"", b"", b"\r", b"\r\r"]),
    )


@st.composite
def _mutated(draw) -> bytes:
    """A payload of the logged shape with random content, then perhaps a byte inserted, removed
    or replaced by one that matters to JSON, to UTF-8 or to the line."""
    properties = draw(st.dictionaries(st.text(max_size=6), st.text(max_size=8), max_size=4))
    number = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False))
    measurements = draw(st.dictionaries(st.text(max_size=6), number, max_size=3))
    text = json.dumps(
        {"properties": properties, "measurements": measurements},
        separators=(",", ":"),
        ensure_ascii=draw(st.booleans()),
    ).encode()
    odd = b'"\\{}[]:, \t\r\x00\x7f\xc3\xa9\xff\xed0e-.+tn'
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        what = draw(st.sampled_from(["insert", "remove", "replace"]))
        byte = bytes([draw(st.sampled_from(odd))])
        if what == "insert":
            text = text[:at] + byte + text[at:]
        elif what == "remove":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + byte + text[at + 1 :]
    return text


LINES = st.one_of(_event_lines(_mutated()), st.sampled_from(OTHER_LINES).map(str.encode))


def _written(entries: list) -> list:
    """Entries as they are written: record by record (a bytes entry may hold several), an Event
    as its record, an unreadable line as what --verbose says of it."""
    items: list = []
    for entry in entries:
        if isinstance(entry, bytes):
            items += [record + b"\n" for record in entry.split(b"\n")[:-1]]
        elif isinstance(entry, Event):
            items.append(orjson.dumps(event_record(entry), option=orjson.OPT_APPEND_NEWLINE))
        else:
            assert isinstance(entry, Unparsed)
            items.append((entry.line, entry.text, entry.reason))
    return items


def _general(lines: list[bytes], wanted=None, file: str = "f") -> list:
    """What the general reader makes of the lines, fed one by one (the oracle)."""
    reader = LineReader(file, record=payload_records(file), wanted=wanted)
    out: list = []
    for number, line in enumerate(lines, 1):
        reader.feed(line, number, out)
    reader.finish(out)
    return out


def _fast(lines: list[bytes], cuts: list[int], wanted=None, file: str = "f") -> list:
    """What a RecordReader makes of them, in blocks ending after the lines numbered in `cuts`."""
    reader = RecordReader(file, payload_records(file), wanted=wanted)
    out: list = []
    number = 1
    ends = sorted({cut for cut in cuts if 0 < cut < len(lines)} | {len(lines)})
    start = 0
    for end in ends:
        block = b"".join(line + b"\n" for line in lines[start:end])
        number = reader.feed_lines(block, number, out)
        start = end
    reader.finish(out)
    assert number == len(lines) + 1
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=25), st.lists(st.integers(0, 25), max_size=3))
def test_the_fast_path_writes_what_the_general_reader_writes(lines, cuts):
    assert _written(_fast(lines, cuts)) == _written(_general(lines))


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=25), st.lists(st.integers(0, 25), max_size=3))
def test_a_name_filter_leaves_out_the_same_lines(lines, cuts):
    wanted = build_filter(["alpha", "*/alpha"]).name_test
    assert _written(_fast(lines, cuts, wanted)) == _written(_general(lines, wanted))


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, max_size=25))
def test_a_search_for_a_name_finds_what_the_general_reader_finds(lines):
    keep = build_filter(["alpha"])
    data = b"".join(line + b"\n" for line in lines)
    found = []
    for reader in (
        RecordReader("f", payload_records("f"), wanted=keep.name_test),
        LineReader("f", record=payload_records("f"), wanted=keep.name_test),
    ):
        out: list = []
        assert feed_matching(reader, data, 1, keep.needles, out) == len(lines) + 1
        reader.finish(out)
        found.append(_written(out))
    assert found[0] == found[1]


def test_each_kind_of_line_as_the_general_reader_reads_it():
    """Every payload after every name, then every other line, each also after an open payload
    (a message on several lines) and in one block with the rest."""
    lines = [f"{STAMP} [trace] {name} {payload}".encode() for name in NAMES for payload in PAYLOADS]
    lines += [f"{STAMP} [trace] telemetry/alpha {PAYLOAD}\r".encode()]
    for other in OTHER_LINES:
        lines += [f"{STAMP} [trace] telemetry/alpha {{".encode(), other.encode()]
        lines += [f"{STAMP} [trace] git/alpha {PAYLOAD}".encode(), other.encode()]
    fast = _fast(lines, [])
    assert _written(fast) == _written(_general(lines))
    # most lines of the logged shape took the fast path: several records to a bytes entry
    assert any(isinstance(entry, bytes) and entry.count(b"\n") > 1 for entry in fast)


def test_an_extension_events_source_is_the_id_it_carries_the_last_time_it_names_one():
    line = (
        f"{STAMP} [trace] git/cmd "
        '{"properties":{"common.extname":"vscode.git"},"measurements":{},'
        '"properties":{"a":"b","common.extname":"vscode.git2"}}'
    ).encode()
    [entry] = _fast([line], [])
    assert json.loads(entry)["source"] == "vscode.git2"
    assert _written([entry]) == _written(_general([line]))


def test_a_file_name_holding_a_percent_sign_is_written_as_it_is():
    line = f"{STAMP} [trace] telemetry/x {PAYLOAD}".encode()
    for name in ("a%d.log", "b%%.log", "c%s%b.log"):
        [entry] = _fast([line], [], file=name)
        assert json.loads(entry)["file"] == name
        assert _written([entry]) == _written(_general([line], file=name))


def test_the_last_n_events_start_inside_a_block_of_records(tmp_path):
    """`tail -n N` passes over the events before the N-th last: a block of several records is
    cut between two of them."""
    path = tmp_path / "telemetry.log"
    stamps = (f"2026-03-30 10:00:{i:02d}.000" for i in range(9))
    path.write_text("".join(f"{t} [trace] telemetry/e{t[-5]} {PAYLOAD}\n" for t in stamps))
    pieces = [(lambda: history.read_file(path, records=payload_records), history.Span(0, 1, 9))]
    for count, first in ((4, 5), (9, 0), (12, 0)):
        entries = [e for batch in history.last_of([pieces], lambda b: b, count) for e in batch]
        events = [json.loads(record)["event"] for record in b"".join(entries).splitlines()]
        assert events == [f"e{i}" for i in range(first, 9)]

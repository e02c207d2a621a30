"""Reading lines into events: formats, names, payload shapes, headers, continuations, and the
fast paths (a scan of many lines, a search for named events) agreeing with line-by-line reading."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry_inspector.logs.filters import build_filter
from telemetry_inspector.logs.lines import LineReader
from telemetry_inspector.logs.model import Event, Unparsed
from telemetry_inspector.logs.needles import feed_matching

PAYLOAD = {"properties": {"a": "b", "common.machineId": "m"}, "measurements": {"n": 3}}
JSON = json.dumps(PAYLOAD, separators=(",", ":"))


def read(*lines: str) -> list[Event | Unparsed]:
    reader = LineReader("f.log")
    out: list[Event | Unparsed] = []
    for number, text in enumerate(lines, 1):
        reader.feed(text.encode(), number, out)
    reader.finish(out)
    return out


def test_2022_format_core_event():
    [event] = read(f"2026-03-30 10:00:00.123 [trace] telemetry/editorOpened {JSON}")
    assert (event.time, event.level, event.kind, event.source, event.event) == (
        "2026-03-30T10:00:00.123",
        "trace",
        "core",
        "core",
        "editorOpened",
    )
    assert event.properties == PAYLOAD["properties"]
    assert event.measurements == PAYLOAD["measurements"]
    assert (event.file, event.line) == ("f.log", 1)


def test_2018_format_with_logger_name():
    [event] = read(f"[2019-03-05 10:23:45.002] [telemetry] [trace] telemetry/fileGet {JSON}")
    assert (event.time, event.event, event.kind) == ("2019-03-05T10:23:45.002", "fileGet", "core")


def test_endpoint_prefix_names_the_source():
    [event] = read(f"2026-03-30 10:00:00.123 [trace] [ms-vscode.js-debug] telemetry/launch {JSON}")
    assert (event.kind, event.source, event.event) == ("endpoint", "ms-vscode.js-debug", "launch")


def test_extension_event_keeps_its_prefix():
    [event] = read(f"2026-03-30 10:00:00.123 [trace] ms-python.python/LINTING {JSON}")
    assert (event.kind, event.source, event.event) == (
        "extension",
        "ms-python.python",
        "ms-python.python/LINTING",
    )


def test_flat_extension_payload_is_split_by_type_and_flattened():
    payload = '{"command":"git.stage","success":true,"duration":42,"nested":{"x":"y","n":1}}'
    [event] = read(f"2026-03-30 10:00:00.123 [trace] git/git.command {payload}")
    assert event.properties == {"command": "git.stage", "nested.x": "y"}
    assert event.measurements == {"success": True, "duration": 42, "nested.n": 1}


def test_payload_with_only_properties():
    [event] = read('2026-03-30 10:00:00.123 [trace] a.b/c {"properties":{"k":"v"}}')
    assert (event.properties, event.measurements) == ({"k": "v"}, {})


def test_header_lines_and_their_continuation_are_not_events_nor_errors():
    out = read(
        "[2022-08-15 10:10:12.345] [telemetry] [info] Below are logs for every telemetry event",
        "===========================================================",
        f"[2022-08-15 10:10:14.002] [telemetry] [trace] telemetry/x {JSON}",
    )
    assert [type(e).__name__ for e in out] == ["Event"]
    assert out[0].line == 3


def test_a_payload_spread_over_lines_is_one_event_at_its_first_line():
    out = read(
        '2026-03-30 10:00:00.123 [trace] telemetry/multi {"properties": {',
        '   "a": "b"},',
        '  "measurements": {"n": 1}}',
        f"2026-03-30 10:00:01.000 [trace] telemetry/next {JSON}",
    )
    assert [(e.event, e.line) for e in out] == [("multi", 1), ("next", 4)]
    assert out[0].properties == {"a": "b"} and out[0].measurements == {"n": 1}


def test_unreadable_lines_are_reported_never_fatal():
    out = read(
        "continues something from before",
        '2026-03-30 10:00:00.123 [trace] telemetry/cut {"properties":{"a":',
        f"2026-03-30 10:00:01.000 [trace] telemetry/good {JSON}",
        "text after a complete event",
        "2026-03-30 10:00:02.000 [trace] not an event at all",
        "2026-03-30 10:00:03.000 no level",
        '2026-03-30 10:00:04.000 [trace] telemetry/array ["a"]',
    )
    assert [(type(e).__name__, e.line) for e in out] == [
        ("Unparsed", 1),
        ("Unparsed", 2),
        ("Event", 3),
        ("Unparsed", 4),
        ("Unparsed", 5),
        ("Unparsed", 6),
        ("Unparsed", 7),
    ]
    assert out[1].text.startswith("2026-03-30 10:00:00.123 [trace] telemetry/cut")


def test_crlf_line_endings():
    [event] = read(f"2026-03-30 10:00:00.123 [trace] telemetry/x {JSON}\r")
    assert event.payload == JSON.encode()


def test_payload_is_kept_for_pass_through_only_in_the_standard_shape():
    [standard] = read(f"2026-03-30 10:00:00.123 [trace] telemetry/x {JSON}")
    [reordered] = read(
        '2026-03-30 10:00:00.123 [trace] telemetry/x {"measurements":{},"properties":{}}'
    )
    assert standard.payload == JSON.encode()
    assert reordered.payload is None


def test_invalid_utf8_in_a_payload_is_unreadable():
    reader = LineReader("f")
    out: list = []
    reader.feed(b'2026-03-30 10:00:00.123 [trace] telemetry/x {"properties":{"a":"\xff"}}', 1, out)
    reader.finish(out)
    assert isinstance(out[0], Unparsed)
    assert "\ufffd" in out[0].text


# lines of every kind, for checking that the fast paths read exactly what feed() reads
LINE_KINDS = st.sampled_from(
    [
        f"2026-03-30 10:00:00.001 [trace] telemetry/alpha {JSON}",
        f"2026-03-30 10:00:00.002 [trace] telemetry/beta {JSON}",
        f"[2019-03-05 10:23:45.002] [telemetry] [trace] telemetry/alpha {JSON}",
        f"2026-03-30 10:00:00.003 [trace] ms-python.python/alpha {JSON}",
        f"2026-03-30 10:00:00.004 [trace] [dbg.x] telemetry/alpha {JSON}",
        '2026-03-30 10:00:00.005 [trace] telemetry/alpha {"properties": {',
        '2026-03-30 10:00:00.006 [trace] telemetry/beta {"properties": {',
        '  "a": "b"}, "measurements": {}}',
        "  more text",
        "",
        "[2022-08-15 10:10:12.345] [telemetry] [info] Below are logs for every telemetry event",
        "=============",
        "2026-03-30 10:00:00.007 [trace] no event here",
        '2026-03-30 10:00:00.008 [trace] telemetry/alpha {"broken":',
        f"2026-03-30 10:00:00.009 [trace] telemetry/gamma {JSON}\r",
        'x telemetry/alpha {"a": 1}',
    ]
)


def _summary(entries):
    return [
        (e.event, e.line, e.properties, e.measurements)
        if isinstance(e, Event)
        else ("?", e.line, e.text)
        for e in entries
    ]


def _one_by_one(lines, wanted=None):
    reader = LineReader("f", wanted=wanted)
    out: list = []
    for number, line in enumerate(lines, 1):
        reader.feed(line.encode(), number, out)
    reader.finish(out)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_KINDS, max_size=40))
def test_scanning_many_lines_reads_what_line_by_line_reading_reads(lines):
    reader = LineReader("f")
    out: list = []
    data = "".join(line + "\n" for line in lines).encode()
    next_line = reader.feed_lines(data, 1, out)
    reader.finish(out)
    assert next_line == len(lines) + 1
    assert _summary(out) == _summary(_one_by_one(lines))


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_KINDS, max_size=40))
def test_searching_for_named_events_finds_every_event_of_that_name(lines):
    keep = build_filter(["alpha"])
    reader = LineReader("f", wanted=keep.name_test)
    out: list = []
    data = "".join(line + "\n" for line in lines).encode()
    next_line = feed_matching(reader, data, 1, keep.needles, out)
    reader.finish(out)
    assert next_line == len(lines) + 1
    wanted = [e for e in _one_by_one(lines, keep.name_test) if isinstance(e, Event)]
    assert _summary([e for e in out if isinstance(e, Event)]) == _summary(wanted)
    assert all(e.event == "alpha" for e in wanted)
    expected_count = sum(1 for line in lines if re.search(r"\] telemetry/alpha \{", line))
    assert len(wanted) <= expected_count


def test_a_filter_selects_events_and_keeps_unreadable_lines():
    batch = read(
        f"2026-03-30 10:00:00.001 [trace] telemetry/alpha {JSON}",
        f"2026-03-30 10:00:00.002 [trace] telemetry/beta {JSON}",
        f"2026-03-30 10:00:00.003 [trace] ms-python.python/alpha {JSON}",
        "not a log line at all",
    )
    named = build_filter(["*alpha"])
    assert [getattr(e, "event", None) for e in named.select(batch)] == [
        "alpha",
        "ms-python.python/alpha",
        None,
    ]
    # the reader checked the names already: nothing else to decide, the batch is kept as is
    assert named.select(batch, names_checked=True) is batch
    by_source = build_filter(["*alpha"], sources=["extension"])
    assert [getattr(e, "event", None) for e in by_source.select(batch, names_checked=True)] == [
        "ms-python.python/alpha",
        None,
    ]
    assert build_filter().select(batch) is batch


def test_a_found_line_ends_a_message_left_open():
    """Searches read an open message to its end before they look on; if one is open all the
    same, the found line cannot continue it: the lines in between were not read."""
    reader = LineReader("f")
    out: list = []
    reader.feed(b'2026-03-30 10:00:00.001 [trace] telemetry/alpha {"properties": {', 1, out)
    assert reader.waiting
    found = b'  "a": "b"}, "measurements": {}}'
    assert not reader.feed_found(found, 0, len(found), 5, out)
    assert [(type(e).__name__, e.line) for e in out] == [("Unparsed", 1)]
    assert out[0].reason == "payload is not valid JSON"


# an extension event carrying its id: its source is the id, on every path
WITH_EXTNAME = (
    '2026-03-30 10:00:00.010 [trace] git/git.command {"properties":{"common.extname":"vscode.git",'
    '"a":"b"},"measurements":{"n":1}}'
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(LINE_KINDS, st.just(WITH_EXTNAME)), max_size=30))
def test_records_made_from_the_lines_are_what_is_written_for_the_events(lines):
    """The pass-through of `tail --json`: the records a reader makes with payload_records are
    byte for byte the records EventSink writes for the Events of a plain reader."""
    import orjson

    from telemetry_inspector.render.logs import event_record, payload_records

    data = "".join(line + "\n" for line in lines).encode()
    plain, passed = [], []
    for reader, out in (
        (LineReader("f"), plain),
        (LineReader("f", record=payload_records("f")), passed),
    ):
        reader.feed_lines(data, 1, out)
        reader.finish(out)

    def as_bytes(entry):
        if isinstance(entry, Event):
            return orjson.dumps(event_record(entry), option=orjson.OPT_APPEND_NEWLINE)
        return entry

    assert [as_bytes(e) for e in passed] == [as_bytes(e) for e in plain]
    # every event whose payload could be written as logged was made into its record
    assert not any(isinstance(e, Event) and e.payload is not None for e in passed)


def test_an_extension_events_source_is_its_id_when_passed_through_too():
    from telemetry_inspector.render.logs import payload_records

    for record in (None, payload_records("f")):
        out: list = []
        LineReader("f", record=record).feed_lines((WITH_EXTNAME + "\n").encode(), 1, out)
        [entry] = out
        source = entry.source if isinstance(entry, Event) else json.loads(entry)["source"]
        assert source == "vscode.git"

"""Payloads spread over many lines: the event they make, at the cost of their bytes.

An event is complete at the first continuation line after which its payload lines, joined by
newlines, parse as JSON (see lines.py); the reader must find exactly that line without parsing
the whole payload again on every line."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry_inspector.logs import history
from telemetry_inspector.logs.lines import LineReader, unwrap_payload
from telemetry_inspector.logs.model import Unparsed

from .test_lines import _summary

STAMP = "2026-03-30 10:00:00.000"
AFTER = f'{STAMP[:-3]}500 [trace] telemetry/after {{"properties":{{}},"measurements":{{}}}}'


def _big_payload(lines: int) -> tuple[dict, str]:
    """A payload whose pretty-printed JSON takes `lines` lines, nested a little."""
    properties = {f"key{n}": f'value {n} {{[\\"]}}' for n in range(lines - 14)}
    payload = {"properties": properties, "measurements": {"deep": {"n": [1, {"m": 2}]}}}
    text = json.dumps(payload, indent=1)
    assert text.count("\n") + 1 == lines
    return payload, text


def _write_big(path: Path, lines: int) -> dict:
    payload, text = _big_payload(lines)
    path.write_text(f"{STAMP} [trace] telemetry/big {text}\n{AFTER}\n")
    return payload


def test_a_payload_over_20000_lines_is_one_event(tmp_path):
    path = tmp_path / "telemetry.log"
    payload = _write_big(path, 20_000)
    entries = [entry for batch in history.read_file(path) for entry in batch]
    assert [(type(e).__name__, getattr(e, "event", None), e.line) for e in entries] == [
        ("Event", "big", 1),
        ("Event", "after", 20_001),
    ]
    big = entries[0]
    assert big.properties == payload["properties"]
    assert big.measurements == payload["measurements"]


def _read_seconds(path: Path) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _batch in history.read_file(path):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def test_the_cost_of_a_long_payload_grows_linearly(tmp_path):
    short, long = tmp_path / "short.log", tmp_path / "long.log"
    _write_big(short, 5_000)
    _write_big(long, 20_000)
    ratio = _read_seconds(long) / _read_seconds(short)
    assert ratio < 8, f"4x the lines took {ratio:.1f}x the time (quadratic: 16x)"


# JSON values whose strings hold the bytes that matter to a scanner: quotes, backslashes, brackets
_STRINGS = st.text(alphabet=' {}[]":,\\abé\t', max_size=6)
_SCALARS = st.none() | st.booleans() | st.integers(-1000, 1000) | _STRINGS
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_STRINGS, inner, max_size=4),
    max_leaves=12,
)
_PAYLOADS = st.fixed_dictionaries(
    {"properties": st.dictionaries(_STRINGS, _STRINGS, max_size=4)},
    optional={"measurements": st.dictionaries(_STRINGS, st.integers(), max_size=3)},
) | st.dictionaries(_STRINGS, _VALUES, max_size=4)


def _read(lines: list[bytes]) -> list:
    reader = LineReader("f")
    out: list = []
    for number, line in enumerate(lines, 1):
        reader.feed(line, number, out)
    reader.finish(out)
    return out


@settings(max_examples=200, deadline=None)
@given(_PAYLOADS, st.integers(min_value=0, max_value=4))
def test_a_payload_split_over_lines_gives_the_record_of_the_payload_on_one_line(payload, indent):
    head = f"{STAMP} [trace] telemetry/split "
    compact = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    pretty = json.dumps(payload, indent=indent, ensure_ascii=False)
    one = _read([(head + compact).encode(), AFTER.encode()])
    many = _read((head + pretty + "\n" + AFTER).encode().split(b"\n"))
    assert [type(e).__name__ for e in one] == ["Event", "Event"]
    after = pretty.count("\n") + 2
    assert _summary(many) == [_summary(one)[0], ("after", after, {}, {})]


_JUNK = st.sampled_from(
    ["}", "]", "}}", "{", "[", '"', '"x', 'x"', '"\\', "\\", ",", "1", '"a": 1', "x", '"}"', "] x"]
)
_HEADS = {
    # an event line: its payload is parsed at once, then held when incomplete
    "event": f"{STAMP} [trace] telemetry/multi ",
    # no payload on the line, or one that does not start right after the name: held unparsed
    "bare": f"{STAMP} [trace] telemetry/multi",
    "loose": f"{STAMP} [trace] telemetry/multi  ",
}


@st.composite
def _spread_payloads(draw) -> tuple[str, list[str]]:
    """A header and the payload's pieces: the JSON of some value, cut anywhere (inside strings
    too) or pretty-printed, then lines dropped, repeated or added."""
    value = draw(_VALUES | _PAYLOADS)
    if draw(st.booleans()):
        text = json.dumps(value, indent=draw(st.integers(0, 2)), ensure_ascii=False)
        pieces = text.split("\n")
    else:
        text = json.dumps(value, ensure_ascii=False)
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(pieces)))
        change = draw(st.sampled_from(["drop", "repeat", "add"]))
        if change == "add" or not pieces:
            pieces.insert(at, draw(_JUNK))
        elif change == "drop":
            del pieces[min(at, len(pieces) - 1)]
        else:
            pieces.insert(at, pieces[min(at, len(pieces) - 1)])
    pieces += draw(st.lists(_JUNK, max_size=2))  # after the end, perhaps
    head = draw(st.sampled_from(sorted(_HEADS)))
    if head == "event" and not (pieces and pieces[0].startswith("{")):
        head = "bare"
    if head == "bare":
        pieces.insert(0, "")
    return head, pieces or [""]


def _parses(payload: bytes) -> tuple[bool, object]:
    try:
        return True, orjson.loads(payload)
    except orjson.JSONDecodeError:
        return False, None


def _first_complete(head: str, pieces: list[bytes]) -> list:
    """What the reader must give, found the slow way: parse every prefix of the payload."""
    first = _HEADS[head].encode() + pieces[0]
    payload = [b" " + pieces[0] if head == "loose" else pieces[0]]
    lines = [first]
    done, parsed = _parses(payload[0]) if head == "event" else (False, None)
    out: list = []
    for number, piece in enumerate(pieces[1:], 2):
        if not piece.strip():
            continue  # a blank line continues nothing
        if done:
            out.append(("?", number, piece.decode(), "text after a complete event"))
            continue
        payload.append(piece)
        lines.append(piece)
        done, parsed = _parses(b"\n".join(payload))
    if done and type(parsed) is dict:
        out.insert(0, ("multi", 1, *unwrap_payload(parsed)))
    else:
        reason = "payload is not a JSON object" if done else "payload is not valid JSON"
        out.insert(0, ("?", 1, b"\n".join(lines).decode(), reason))
    return out


@settings(max_examples=500, deadline=None)
@given(_spread_payloads())
def test_an_event_ends_at_the_first_line_that_completes_its_payload(spread):
    head, texts = spread
    pieces = [text.encode() for text in texts]
    starts_record = re.compile(rb"\[?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
    if any(starts_record.match(piece) for piece in pieces[1:]):
        return  # a new record, not a continuation (not made by the strategy in practice)
    lines = [_HEADS[head].encode() + pieces[0], *pieces[1:]]
    assert _with_reasons(_read(lines)) == _first_complete(head, pieces)


def _with_reasons(entries: list) -> list:
    return [
        (*summary, entry.reason) if isinstance(entry, Unparsed) else summary
        for summary, entry in zip(_summary(entries), entries, strict=True)
    ]

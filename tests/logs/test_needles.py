"""`tail --event NAME` reads only the lines that can start a NAME event: it must give exactly the
events that reading every line, then filtering, gives (line numbers, multi-line payloads, CRLF,
names that merely look alike), whatever the chunking; and the line counting it relies on."""

from __future__ import annotations

import itertools
import json
import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from telemetry_inspector.logs import history
from telemetry_inspector.logs.filters import build_filter
from telemetry_inspector.logs.lines import LineReader
from telemetry_inspector.logs.model import Event
from telemetry_inspector.logs.needles import (
    _occurrences,
    _probe,
    count_newlines,
    feed_matching,
    needles_for,
)

JSON = json.dumps({"properties": {"a": "b"}, "measurements": {"n": 1}}, separators=(",", ":"))
T = "2026-03-30 10:00:00.001 [trace]"

# every way a line can hold (or seem to hold) an event named alpha, and what surrounds it
LINES = [
    f"{T} telemetry/alpha {JSON}",
    f"{T} telemetry/beta {JSON}",
    f"{T} telemetry/alphabet {JSON}",
    f"{T} telemetry/xalpha {JSON}",
    f"{T} ms-python.python/alpha {JSON}",
    f"{T} [dbg.x] telemetry/alpha {JSON}",
    f"[2019-03-05 10:23:45.002] [telemetry] [trace] telemetry/alpha {JSON}",
    f"{T} telemetry/alpha/beta {JSON}",
    f'{T} telemetry/beta {{"properties":{{"note":"telemetry/alpha {{"}},"measurements":{{}}}}',
    f'{T} telemetry/alpha {{"properties": {{',  # a payload spread over lines
    f'{T} telemetry/beta {{"properties": {{',
    f"{T} telemetry/alpha",  # the payload starts on the next line
    f"{T} telemetry/beta",
    f"{T} telemetry/alpha\t{JSON}",
    f"{T}telemetry/alpha {JSON}",  # no space after the level
    '  "a": "telemetry/alpha "}, "measurements": {}}',
    '  "a": "b"}, "measurements": {}}',
    "{}",
    "  more text",
    "",
    "[2022-08-15 10:10:12.345] [telemetry] [info] Below are logs for every telemetry event",
    f"{T} no event here",
    f'{T} telemetry/alpha {{"broken":',
    f'{T} telemetry/alpha ["not", "an", "object"]',
    f'{T} telemetry/alpha {{"properties":{{}},"measurements":{{}}}}  ',
    'x telemetry/alpha {"a": 1}',
    f'{T} telemetry/beta {{"properties":{{"pad":"{"x" * 7_000}"}},"measurements":{{}}}}',
    f'{T} telemetry/beta {{"properties":{{"pad":"{"x" * 70_000}"}},"measurements":{{}}}}',
]
ANY_LINE = st.sampled_from(LINES)
ENDING = st.sampled_from(["\n", "\r\n"])
PATTERNS = st.sampled_from(
    [
        ["alpha"],
        ["telemetry/alpha"],
        ["alpha", "beta"],
        ["ms-python.python/alpha"],
        ["alpha/beta"],
        ["alpha", "alpha"],
        ["nothing"],
    ]
)


def _text(lines: list[tuple[str, str]]) -> bytes:
    return "".join(line + ending for line, ending in lines).encode()


def _records(entries) -> list[tuple]:
    """Everything an event record carries."""
    fields = ("time", "level", "kind", "source", "event", "properties", "measurements", "line")
    return [
        (*(getattr(e, name) for name in fields), e.payload) for e in entries if isinstance(e, Event)
    ]


def _read_all_then_filter(data: bytes, keep) -> list[tuple]:
    """The reference: every line read, one by one, with no name test; then the filter."""
    reader = LineReader("f")
    out: list = []
    for number, line in enumerate(data.split(b"\n")[:-1], 1):
        reader.feed(line, number, out)
    reader.finish(out)
    return _records([e for e in out if isinstance(e, Event) and keep(e)])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(ANY_LINE, ENDING), max_size=40), PATTERNS)
@example([(f"{T} telemetry/alpha", "\n"), ("{}", "\n")], ["alpha"])
@example([(f"{T} telemetry/alpha\t{JSON}", "\r\n"), ('{"properties":{}}', "\r\n")], ["alpha"])
def test_searching_gives_what_reading_everything_then_filtering_gives(lines, patterns):
    keep = build_filter(patterns)
    data = _text(lines)
    reader = LineReader("f", wanted=keep.name_test)
    out: list = []
    next_line = feed_matching(reader, data, 1, keep.needles, out)
    reader.finish(out)
    assert next_line == len(lines) + 1
    assert _records(out) == _read_all_then_filter(data, keep)
    assert all(keep(e) for e in out if isinstance(e, Event))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(ANY_LINE, ENDING), max_size=30),
    PATTERNS,
    st.integers(min_value=1, max_value=400),
    st.booleans(),
)
def test_any_chunking_gives_the_same_events(lines, patterns, chunk, newline_at_end):
    keep = build_filter(patterns)
    data = _text(lines)
    if not newline_at_end:
        data = data.rstrip(b"\r\n")
    handle, name = tempfile.mkstemp(suffix=".log")
    os.write(handle, data)
    os.close(handle)
    old, history.CHUNK = history.CHUNK, chunk
    try:
        found = [e for b in history.read_file(Path(name), keep.name_test, keep.needles) for e in b]
    finally:
        history.CHUNK = old
        os.unlink(name)
    assert _records(found) == _read_all_then_filter(data + b"\n", keep)


@pytest.mark.parametrize(
    ("patterns", "texts"),
    [
        (["editorOpened"], (b"telemetry/editorOpened",)),
        (["telemetry/editorOpened"], (b"telemetry/editorOpened",)),
        (["git/git.command", "x"], (b"git/git.command", b"telemetry/x")),
        (["a", "telemetry/a"], (b"telemetry/a",)),
    ],
)
def test_literal_names_become_needles(patterns, texts):
    needles = needles_for(patterns)
    assert needles is not None and needles.texts == texts


@pytest.mark.parametrize(
    "patterns", [[], ["editor*"], ["a", "b?"], ["[ab]"], ["a b"], ["a\tb"], ["\ufffd"]]
)
def test_globs_and_unfindable_names_read_every_line(patterns):
    assert needles_for(patterns) is None


def test_a_name_that_is_not_utf8_on_the_command_line_is_no_error():
    """argv bytes that are not UTF-8 arrive as lone surrogates; such a name matches nothing."""
    needles = needles_for(["\udcff"])
    assert needles is not None and needles.texts == (b"telemetry/\xff",)


NEEDLE_TEXTS = [b"telemetry/alpha", b"telemetry/aab"]
PIECES = st.sampled_from(
    [*NEEDLE_TEXTS, b" ", b"\n", b"\t", b"a", b"aa", b"b", b"p", b"telemetry/", b"x" * 50]
)


def _places(data: bytes, text: bytes, start: int, size: int) -> list[int]:
    return [
        at
        for at in range(start, size)
        if data.startswith(text, at, size)
        and (at + len(text) == size or data[at + len(text)] in b" \t\n\r\x0b\x0c")
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=400), st.sampled_from(NEEDLE_TEXTS), st.data())
def test_every_probe_finds_what_a_plain_search_finds(pieces, text, draw):
    """Whichever byte of the needle is looked for first, and however often it leads astray (then
    the plain search takes over), the places found are those of the needle before whitespace."""
    data = b"".join(pieces)
    offset = draw.draw(st.integers(min_value=0, max_value=len(text) - 1))
    start = draw.draw(st.integers(min_value=0, max_value=len(data)))
    size = draw.draw(st.integers(min_value=start, max_value=len(data)))
    expected = _places(data, text, start, size)
    for probe in (None, (text[offset : offset + 1], offset)):
        assert list(_occurrences(data, text, {text: probe}, start, size)) == expected


@pytest.mark.parametrize("offset", range(len(b"telemetry/aab")))
def test_a_probe_finds_the_needle_at_either_end(offset):
    text = b"telemetry/aab"
    data = text + b" " + b"aaab " * 40 + text
    probe = (text[offset : offset + 1], offset)
    found = list(_occurrences(data, text, {text: probe}, 0, len(data)))
    assert found == _places(data, text, 0, len(data)) == [0, len(data) - len(text)]


@pytest.mark.parametrize("text", NEEDLE_TEXTS)
def test_a_probe_that_leads_astray_gives_way_to_the_plain_search(text):
    data = (b"ya" * 50 + text + b"a" + text + b" ") * 2000  # 'a' and 'y' are anything but rare
    for byte in (b"a", b"y"):
        probes = {text: (byte, text.index(byte))}
        found = list(_occurrences(data, text, probes, 0, len(data)))
        assert found == _places(data, text, 0, len(data))
        assert len(found) == 2000 and probes[text] is None


def test_the_plain_search_takes_over_right_after_the_last_wrong_place():
    """The 17th wrong place of probe 'a' (second 'a' of the needle) is one byte before the
    needle itself: the plain search must start right after that wrong place."""
    text = b"telemetry/aab"
    data = b"a" * 27 + text + b" "
    probes = {text: (b"a", 11)}
    assert list(_occurrences(data, text, probes, 0, len(data))) == [27]
    assert probes[text] is None


def test_the_probe_is_the_needles_rarest_byte_when_it_is_rare_enough():
    opened = b'2026-03-30 10:00:00.001 [trace] telemetry/editorOpened {"properties":{}}\n'
    other = b'2026-03-30 10:00:00.002 [trace] telemetry/fileGet {"p":{"d":"Mon, 2 Mar GMT"}}\n'
    sample = (opened + other * 9) * 100
    # 'O' is only where the needle is: it never leads astray
    assert _probe(b"telemetry/editorOpened", sample) == (b"O", 16)
    # every byte of this needle is elsewhere in every line: a plain search is cheaper
    assert _probe(b"telemetry/trace", sample) is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300_000), st.data())
def test_counting_newlines_agrees_with_bytes_count(data, draw):
    start = draw.draw(st.integers(min_value=0, max_value=len(data)))
    end = draw.draw(st.integers(min_value=start, max_value=len(data)))
    assert count_newlines(data, start, end) == data.count(b"\n", start, end)


@pytest.mark.parametrize("data", [b"\n" * 200_000, (b"x" * 999 + b"\n") * 300])
def test_counting_newlines_across_pieces(data):  # longer than the pieces counted at once
    for start, end in ((0, len(data)), (1, len(data) - 1), (65_535, 131_073)):
        assert count_newlines(data, start, end) == data.count(b"\n", start, end)


def _log_with_every_kind_of_line(path: Path) -> None:
    """A log of 3000 lines mixing every kind above, LF and CRLF, in a fixed pseudo-random order."""
    pick = random.Random(4)
    lines = [(pick.choice(LINES), pick.choice(("\n", "\r\n"))) for _ in range(3000)]
    path.write_bytes(_text(lines))


@pytest.mark.parametrize(
    "options",
    [
        ["--event", "alpha"],
        ["--event", "telemetry/alpha", "--event", "beta"],
        ["--event", "alpha", "--source", "endpoint"],
        ["--event", "beta", "--where", "a=b"],
        ["--event", "ms-python.python/alpha", "--exclude", "*beta"],
        ["--event", "alph?"],  # a glob: every line read, the readers filter by name alone
        ["--exclude", "beta"],
    ],
)
def test_the_cli_searching_prints_what_reading_everything_prints(cli, tmp_path, options):
    log = tmp_path / "telemetry.log"
    _log_with_every_kind_of_line(log)
    everything = cli("tail", "--no-follow", "--json", "--no-catalog", str(log))
    searched = cli("tail", "--no-follow", "--json", "--no-catalog", *options, str(log))
    assert everything.code == 0 and searched.code == 0, searched.err
    keep = build_filter(*(_values(options, name) for name in OPTIONS))
    wanted = [line for line in everything.out.splitlines() if keep(_as_event(json.loads(line)))]
    assert searched.out.splitlines() == wanted
    assert wanted, "the log holds events of every name asked for"


OPTIONS = ("--event", "--exclude", "--source", "--where")  # build_filter's arguments, in order


def _values(options: list[str], name: str) -> list[str]:
    return [value for option, value in itertools.pairwise(options) if option == name]


def _as_event(record: dict) -> Event:
    fields = ("time", "level", "kind", "source", "event", "properties", "measurements")
    return Event(*(record[name] for name in fields), record["file"], record["line"])

"""Reading what is there: in chunks of any size, searching for names, and from the end."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry_inspector.logs import history
from telemetry_inspector.logs.filters import build_filter
from telemetry_inspector.logs.lines import LineReader
from telemetry_inspector.logs.model import Event

from .test_lines import LINE_KINDS, _one_by_one, _summary


def _write(lines: list[str], trailing_newline: bool) -> Path:
    handle, name = tempfile.mkstemp(suffix=".log")
    text = "\n".join(lines) + ("\n" if trailing_newline and lines else "")
    os.write(handle, text.encode())
    os.close(handle)
    return Path(name)


def _expected(lines, wanted=None):
    return _summary(_one_by_one(lines, wanted))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(LINE_KINDS, max_size=30),
    st.integers(min_value=1, max_value=300),
    st.booleans(),
)
def test_any_chunk_size_reads_what_line_by_line_reading_reads(lines, chunk, newline_at_end):
    path = _write(lines, newline_at_end)
    old, history.CHUNK = history.CHUNK, chunk
    try:
        got = [entry for batch in history.read_file(path) for entry in batch]
        keep = build_filter(["alpha"])
        found = [e for b in history.read_file(path, keep.name_test, keep.needles) for e in b]
    finally:
        history.CHUNK = old
        path.unlink()
    assert _summary(got) == _expected(lines)
    named = [e for e in _one_by_one(lines, keep.name_test) if isinstance(e, Event)]
    assert _summary([e for e in found if isinstance(e, Event)]) == _summary(named)


def _last(path: Path, count: int, keep=lambda e: True, exact: bool = True, final: bool = False):
    """What `tail -n COUNT` reads of one file: the backward pass, then the forward one.
    final: as `--no-follow` reads it (the file ends where it ends)."""
    with open(path, "rb") as stream:
        fd = stream.fileno()
        span, end, state = history.read_last(fd, str(path), count, keep, exact=exact, final=final)
        reader = LineReader(str(path), mid_file=span.start > 0)
        feed = reader.feed_lines
        batches = history.read_range(fd, span.start, end, span.line, reader, feed, final)
        got = [e for batch in batches for e in batch if not isinstance(e, Event) or keep(e)]
    return got, state


def _expected_last(lines: list[str], count: int, keep=lambda e: True, final: bool = False):
    """Line by line from the start, the open message left open (unless `final`): from the
    count-th last kept event on (all, when there are fewer)."""
    reader = LineReader("f")
    out: list = []
    for number, line in enumerate(lines, 1):
        reader.feed(line.encode(), number, out)
    if final:
        reader.finish(out)
    out = [e for e in out if not isinstance(e, Event) or keep(e)]
    events = [i for i, e in enumerate(out) if isinstance(e, Event)]
    if count == 0:
        return []
    return out[events[-count] :] if len(events) >= count else out


@settings(max_examples=150, deadline=None)
@given(
    st.lists(LINE_KINDS, max_size=40),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=1, max_value=200),
    st.sampled_from([None, "alpha", "a=b"]),
)
def test_the_last_n_events_read_from_the_end_are_the_last_n_of_the_whole(
    lines, count, block, wanted
):
    path = _write(lines, True)
    keep = build_filter(["alpha"] if wanted == "alpha" else [], wheres=[wanted] * (wanted == "a=b"))
    old, history.BLOCK = history.BLOCK, block  # force several backward steps, lines cut
    try:
        got, state = _last(path, count, keep)
    finally:
        history.BLOCK = old
        path.unlink()
    assert _summary(got) == _summary(_expected_last(lines, count, keep))
    assert state.offset == sum(len(line) + 1 for line in lines)
    assert state.lines == len(lines)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(LINE_KINDS, max_size=40),
    st.integers(min_value=0, max_value=45),
    st.integers(min_value=1, max_value=200),
    st.booleans(),
    st.booleans(),
)
def test_without_following_the_last_n_events_are_those_of_the_whole_file(
    lines, count, block, newline_at_end, exact
):
    # `--no-follow -n N`: the last line is read, with or without its newline, as when every
    # line is read (it ends the file, and any message still open)
    path = _write(lines, newline_at_end)
    old, history.BLOCK = history.BLOCK, block
    try:
        got, _ = _last(path, count, exact=exact, final=True)
    finally:
        history.BLOCK = old
        path.unlink()
    assert _summary(got) == _summary(_expected_last(lines, count, final=True))


@settings(max_examples=100, deadline=None)
@given(st.lists(LINE_KINDS, max_size=30), st.integers(min_value=0, max_value=40))
def test_every_line_in_view_is_read_without_counting(lines, count):
    path = _write(lines, True)
    try:
        got, _ = _last(path, count, exact=False)
    finally:
        path.unlink()
    assert _summary(got) == _summary(_expected_last(lines, count))


def test_the_last_events_of_a_session_come_from_its_rotated_pieces_too(tmp_path):
    from telemetry_inspector.logs.follow import start_following
    from telemetry_inspector.logs.sessions import Targets

    session = tmp_path / "20260330T100000"
    session.mkdir()
    line = '2026-03-30 10:00:0{n}.000 [trace] telemetry/e{n} {{"properties":{{}}}}\n'
    (session / "telemetry.1.log").write_text(line.format(n=1) + line.format(n=2))
    os.utime(session / "telemetry.1.log", (1, 1))
    (session / "telemetry.log").write_text(line.format(n=3))
    batches, tracked = start_following(Targets(sessions=(session,)), 2, build_filter())
    entries = [entry for batch in batches for entry in batch]
    for file in tracked.values():
        file.close()
    assert [e.event for e in entries] == ["e2", "e3"]


@pytest.mark.parametrize("count", [0, 1, 5])
def test_an_empty_file_has_no_last_events(tmp_path, count):
    path = tmp_path / "telemetry.log"
    path.write_bytes(b"")
    got, state = _last(path, count)
    assert got == [] and state.offset == 0


def test_a_file_cut_while_read_back_is_noticed(tmp_path):
    path = tmp_path / "telemetry.log"
    line = '2026-03-30 10:00:00.000 [trace] telemetry/e {"properties":{}}\n'
    path.write_text(line * 50)
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        os.truncate(path, size // 2)  # copytruncate, between looking and reading
        with pytest.raises(history._Shrank):
            history.last_span(stream.fileno(), str(path), 5, lambda e: True, None, size, 50, False)

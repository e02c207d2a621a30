"""The follow state machine as a pure function: growth, split lines, truncation, rewrites,
replacement. A small in-memory "file" stands in for the disk; the real disk is in test_tracked."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry_inspector.logs.follow_state import (
    TAIL_BYTES,
    FollowState,
    Look,
    needs_head,
    read_start,
    step,
)

A = (1, 100)  # (device, inode) of one file
B = (1, 200)  # another file at the same path


@dataclass
class Follower:
    """Drives `step` against in-memory file contents, the way TrackedFile drives it on disk."""

    state: FollowState = field(default_factory=FollowState)

    def look(self, identity, content: bytes) -> list[bytes]:
        lines: list[bytes] = []
        for _ in range(3):  # a reset asks for one more look, from byte 0
            state = self.state
            start = read_start(state) if state.identity is not None else 0
            head = content[:TAIL_BYTES] if needs_head(state, identity, len(content)) else b""
            moved = step(state, Look(identity, len(content), start, content[start:], head))
            self.state = moved.state
            lines += moved.data[:-1].split(b"\n") if moved.data else []
            if not moved.reset:
                return lines
        raise AssertionError("a reset must settle on the next look")


def line(n: int) -> bytes:
    return b"2026-03-30 10:00:%02d.%03d [trace] telemetry/e%d {}" % (n // 1000 % 60, n % 1000, n)


def test_growth_gives_each_complete_line_once():
    follower = Follower()
    content = line(1) + b"\n" + line(2) + b"\n"
    assert follower.look(A, content) == [line(1), line(2)]
    assert follower.look(A, content) == []
    content += line(3) + b"\n"
    assert follower.look(A, content) == [line(3)]
    assert follower.state.lines == 3


def test_a_line_written_in_two_pieces_comes_out_once_whole():
    follower = Follower()
    whole = line(7)
    assert follower.look(A, whole[:20]) == []
    assert follower.state.partial == whole[:20]
    assert follower.look(A, whole + b"\n") == [whole]
    assert follower.state.partial == b""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=30))
def test_any_way_of_cutting_the_writes_gives_the_same_lines(cuts):
    content = b"".join(line(n) + b"\n" for n in range(40))
    follower = Follower()
    seen: list[bytes] = []
    position = 0
    for cut in cuts:
        position = min(len(content), position + cut)
        seen += follower.look(A, content[:position])
    seen += follower.look(A, content)
    assert seen == [line(n) for n in range(40)]


def test_truncation_starts_over_with_the_new_content():
    follower = Follower()
    follower.look(A, line(1) + b"\n" + line(2) + b"\n")
    assert follower.look(A, line(9) + b"\n") == [line(9)]
    assert follower.state.offset == len(line(9)) + 1


def test_emptied_file_waits_for_new_bytes_then_reads_them_from_the_start():
    follower = Follower()
    follower.look(A, line(1) + b"\n")
    assert follower.look(A, b"") == []
    assert follower.look(A, line(5) + b"\n" + line(6) + b"\n") == [line(5), line(6)]


def test_rewrite_with_the_same_beginning_is_not_read_twice():
    """The web logger writes the whole file again (old content + new lines)."""
    old = line(1) + b"\n" + line(2) + b"\n"
    follower = Follower()
    follower.look(A, old)
    assert follower.look(A, old[:30]) == []  # caught mid-rewrite: wait
    assert follower.look(A, old + line(3) + b"\n") == [line(3)]


def test_rewrite_with_other_content_of_greater_size_starts_over():
    follower = Follower()
    follower.look(A, line(1) + b"\n")
    other = line(50) + b"\n" + line(51) + b"\n"
    assert follower.look(A, other) == [line(50), line(51)]


def test_replacement_with_the_same_content_and_more_goes_on():
    """An atomic rewrite (temporary file renamed over the log) keeps what was there."""
    old = line(1) + b"\n"
    follower = Follower()
    follower.look(A, old)
    assert follower.look(B, old + line(2) + b"\n") == [line(2)]
    assert follower.state.identity == B


def test_replacement_with_a_new_file_reads_it_all_and_ends_the_pending_piece():
    follower = Follower()
    follower.look(A, line(1) + b"\n" + b"2026-03-30 10:00:01.500 [trace] tele")
    lines = follower.look(B, line(2) + b"\n")
    assert lines == [b"2026-03-30 10:00:01.500 [trace] tele", line(2)]


def test_replacement_by_an_empty_file_waits_for_its_first_bytes():
    follower = Follower()
    follower.look(A, line(1) + b"\n")
    assert follower.look(B, b"") == []
    assert follower.look(B, line(2) + b"\n") == [line(2)]


def test_line_numbers_count_from_the_start_of_the_content_being_read():
    follower = Follower()
    follower.look(A, line(1) + b"\n" + line(2) + b"\n")
    assert follower.state.lines == 2
    follower.look(B, line(3) + b"\n")  # a new file: its first line is line 1
    assert follower.state.lines == 1

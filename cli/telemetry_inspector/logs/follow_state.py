"""Following one log file by name, like `tail -F`, without losing or repeating a line.

The decisions are a pure step: `step(state, look)` takes what we knew (which file, how far we read,
the incomplete last line, the bytes just before our offset) and one look at the path (who is there,
its size, the bytes from `read_start(state)` on), and returns the new state and the complete lines.
It recognises:
- growth: the bytes before our offset are unchanged, the rest is new;
- truncation, or a rewrite with other content (the web logger rewrites whole files; copytruncate):
  the size fell below our offset, or the bytes before it changed: start over at 0;
- replacement (a new inode at the path): the same bytes before our offset mean the same content
  rewritten (go on); anything else is a new file (start over);
- a line written in two pieces: bytes after the last newline wait in `partial` until the rest comes;
  a line longer than MAX_LINE is not held: its bytes are dropped (`overlong`) and it is reported.
`follow.TrackedFile` is the thin I/O around it.
"""

from __future__ import annotations

from telemetry_inspector.logs import lines as reading
from telemetry_inspector.logs.needles import count_newlines
from telemetry_inspector.records import record, replace

TAIL_BYTES = 64  # enough to tell a rewrite with the same content from different content
READ_LIMIT = 1 << 20  # at most this much per read, so catching up stays responsive

Identity = tuple[int, int]  # (device, inode)


@record
class FollowState:
    identity: Identity | None = None  # the file being read; None: nothing read yet
    offset: int = 0  # bytes of it consumed (complete lines and `partial`)
    partial: bytes = b""  # bytes after the last newline: the start of a line still being written
    lines: int = 0  # complete lines consumed; the next line is number `lines + 1`
    tail: bytes = b""  # the last bytes before `offset`, to recognise the same content later
    head: bytes = b""  # the file's first bytes, to recognise it while it is being rewritten
    overlong: bool = False  # the line being written is longer than MAX_LINE: `partial` dropped it


@record
class Look:
    """One look at a file: who it is, how big, its bytes from `start` (see `read_start`), and
    (when `needs_head`) its first bytes."""

    identity: Identity
    size: int
    start: int
    data: bytes
    head: bytes = b""


@record
class Step:
    state: FollowState
    data: bytes  # complete lines, each with its newline (b"": none)
    first_line: int  # the number of the first of them
    reset: bool = False  # the content changed under us: end any open message, look again from 0
    too_long: int = 0  # a line before `data` skipped as longer than MAX_LINE (its number; 0: none)

    @property
    def lines(self) -> tuple[bytes, ...]:
        """The complete lines, without their newline."""
        return tuple(self.data[:-1].split(b"\n")) if self.data else ()


def read_start(state: FollowState) -> int:
    """Where the next look must start reading: just before our offset, to check what is there."""
    return state.offset - len(state.tail)


def needs_head(state: FollowState, identity: Identity, size: int) -> bool:
    """Whether a look must carry the file's first bytes: it shrank or is another file."""
    return state.identity is not None and (identity != state.identity or size < state.offset)


def step(state: FollowState, look: Look) -> Step:
    """Advance `state` by what `look` saw."""
    if state.identity is None:
        return _consume(replace(state, identity=look.identity), look.data)
    if look.size < state.offset:
        if _being_rewritten(state, look):
            return Step(state, b"", state.lines + 1)  # wait until it is back to our offset
        return _reset(state, look)
    if look.start != read_start(state) or look.data[: len(state.tail)] != state.tail:
        return _reset(state, look)
    if look.identity != state.identity and not _same_head(state, look):
        return _reset(state, look)
    return _consume(replace(state, identity=look.identity), look.data[len(state.tail) :])


def finish(state: FollowState) -> Step:
    """The file will never grow again (it is gone for good): its incomplete last line is a line."""
    if state.overlong:
        done = replace(state, overlong=False, lines=state.lines + 1)
        return Step(done, b"", state.lines + 2, too_long=state.lines + 1)
    if not state.partial:
        return Step(state, b"", state.lines + 1)
    done = replace(state, partial=b"", lines=state.lines + 1)
    return Step(done, state.partial + b"\n", state.lines + 1)


def _same_head(state: FollowState, look: Look) -> bool:
    size = min(len(state.head), len(look.head))
    return size > 0 and look.head[:size] == state.head[:size]


def _being_rewritten(state: FollowState, look: Look) -> bool:
    """A file that shrank but begins as before is being written again from the start (the web
    logger and other whole-file writers): waiting beats reading it all a second time. Emptied,
    it tells nothing yet: the first new bytes will."""
    return look.size == 0 or _same_head(state, look)


def _reset(state: FollowState, look: Look) -> Step:
    """Other content: what was pending is a line of its own; read the new content from 0."""
    if state.overlong:
        number = state.lines + 1
        return Step(FollowState(identity=look.identity), b"", number + 1, True, number)
    data = state.partial + b"\n" if state.partial else b""
    return Step(FollowState(identity=look.identity), data, state.lines + 1, reset=True)


def _consume(state: FollowState, new: bytes) -> Step:
    first = state.lines + 1
    if not new:
        return Step(state, b"", first)
    offset = state.offset + len(new)
    tail = new[-TAIL_BYTES:] if len(new) >= TAIL_BYTES else (state.tail + new)[-TAIL_BYTES:]
    head = state.head if len(state.head) >= TAIL_BYTES else (state.head + new)[:TAIL_BYTES]
    end = new.rfind(b"\n")
    if end < 0:
        overlong = state.overlong or len(state.partial) + len(new) > reading.MAX_LINE
        partial = b"" if overlong else state.partial + new
        moved = replace(state, offset=offset, partial=partial, tail=tail, head=head)
        return Step(replace(moved, overlong=overlong), b"", first)
    before, skipped = state.partial, 0
    newline = new.find(b"\n")
    if state.overlong or len(before) + newline > reading.MAX_LINE:  # that line is skipped, not read
        before, skipped, first = b"", first, first + 1
        new = new[newline + 1 :]
        end = new.rfind(b"\n")
    data = before + new[: end + 1]  # no copy when it is all of `new`
    count = first - 1 + count_newlines(data, 0, len(data))
    moved = FollowState(state.identity, offset, new[end + 1 :], count, tail, head)
    return Step(moved, data, first, too_long=skipped)


def state_at_end(
    size: int,
    identity: Identity,
    lines: int,
    partial: bytes,
    tail: bytes,
    head: bytes,
    overlong: bool = False,
) -> FollowState:
    """The state of having read a file up to `size`: its `lines` complete lines, the bytes after
    them (`partial`, unless there are more than MAX_LINE: `overlong`), its last and first bytes."""
    return FollowState(
        identity, size, partial, lines, tail[-TAIL_BYTES:], head[:TAIL_BYTES], overlong
    )

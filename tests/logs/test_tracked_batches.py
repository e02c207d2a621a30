"""Following reads what reading the whole file reads: the lines of each look go to the line
reader as one block (`feed_lines`), however the writes were cut, with a message left open
between looks."""

from __future__ import annotations

import os
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry_inspector.logs.follow import TrackedFile

from .test_lines import LINE_KINDS, _one_by_one, _summary


@settings(max_examples=100, deadline=None)
@given(
    st.lists(LINE_KINDS, max_size=30),
    st.lists(st.integers(min_value=1, max_value=300), max_size=12),
)
def test_following_a_file_written_in_pieces_reads_what_line_by_line_reading_reads(lines, cuts):
    content = "".join(line + "\n" for line in lines).encode()
    handle, name = tempfile.mkstemp(suffix=".log")
    tracked = TrackedFile(name)
    out: list = []
    try:
        written = 0
        for cut in [*cuts, len(content)]:
            piece = content[written : written + cut]
            os.write(handle, piece)
            written += len(piece)
            tracked.poll(out, 0.0)
        tracked.reader.finish(out)
        assert tracked.state.lines == len(lines)
    finally:
        tracked.close()
        os.close(handle)
        os.unlink(name)
    assert _summary(out) == _summary(_one_by_one(lines))

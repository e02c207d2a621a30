"""Offsets to 1-based line:column, with either idea of a line break."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from telemetry_inspector.positions import BREAKS, NEWLINES, LineIndex, line_column


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("ab", 1, (1, 2)),
        ("a\nb", 2, (2, 1)),
        ("a\r\nb", 3, (2, 1)),
        ("a\rb", 2, (2, 1)),
        ("a\u2028b", 2, (1, 3)),  # not a line break for either idea
        ("", 0, (1, 1)),
        ("a\n", 2, (2, 1)),
    ],
)
def test_line_column_counts_every_kind_of_line_break(text, offset, expected):
    assert line_column(text, offset) == expected


def test_newlines_count_only_line_feeds():
    assert line_column("a\rb\r\nc", 5, NEWLINES) == (2, 1)
    assert line_column("a\rb\r\nc", 5, BREAKS) == (3, 1)


@given(st.text(alphabet="ab\r\n", max_size=30), st.data())
def test_an_index_answers_as_one_lookup_does(text, data):
    offset = data.draw(st.integers(0, len(text)))
    if text[offset - 1 : offset + 1] == "\r\n":
        offset += 1  # inside a CRLF, the whole text and the text before it disagree
    for breaks in (BREAKS, NEWLINES):
        assert LineIndex(text, breaks).line_column(offset) == line_column(text, offset, breaks)


@given(st.text(alphabet='a"\n\t{}', max_size=30))
def test_newlines_agree_with_the_json_module(text):
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        assert line_column(text, exc.pos, NEWLINES) == (exc.lineno, exc.colno)

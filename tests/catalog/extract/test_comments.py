"""Declaration comments are found where the reference's regexes find them, in time that grows
with the file, not with the square of its unclosed openings."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry_inspector.catalog.extract.comments import Kind, _matches, first_quoted
from telemetry_inspector.catalog.extract.js_semantics import JS_SPACE
from tests.conftest import run_cli

# The reference's block-comment patterns as written (Python finds a lazy body slowly).
REFERENCE = {
    Kind.event: re.compile(rf"/\*[{JS_SPACE}]*__GDPR__\b([\s\S]*?)\*/", re.ASCII),
    Kind.fragment: re.compile(rf"/\*[{JS_SPACE}]*__GDPR__FRAGMENT__([\s\S]*?)\*/", re.ASCII),
}
PIECES = ["/*", "*/", "/", "*", " ", "\n", "__GDPR__", "__GDPR__FRAGMENT__", "x", '"e":{}', "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_bodies_are_the_reference_patterns_matches(pieces):
    text = "".join(pieces)
    for kind, pattern in REFERENCE.items():
        expected = [(m.start(), m.span(1)) for m in pattern.finditer(text)]
        assert list(_matches(kind, text)) == expected


def test_unclosed_openings_take_linear_time(tmp_path, env):
    """A megabyte of `/* __GDPR__` lines without `*/`: the reference's regex in Python took
    quadratic time (55 s for 280 KB, hours for this); now well under the run's timeout."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "open.ts").write_text("/* __GDPR__ x\n" * 75_000, encoding="utf-8")
    (source / "b.ts").write_text('/* __GDPR__ "x/y" : { "owner": "o" } */\n', encoding="utf-8")
    run = run_cli("extract", str(source), env=env, cwd=tmp_path, timeout=60)
    assert (run.code, run.err) == (0, "")
    assert json.loads(run.out)["events"] == {"x/y": {"owner": "o"}}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='"ab\\ :', max_size=40), st.lists(st.text(alphabet="ab\\ :", max_size=3)))
def test_the_one_pass_finds_each_quoted_key_where_find_does(text, keys):
    span = (1, len(text) - 1) if len(text) > 2 else (0, len(text))
    firsts = first_quoted(text, span)
    for key in keys:
        quoted = '"' + key + '"'
        assert firsts.get(quoted, -1) == text.find(quoted, *span)


def test_a_comment_with_many_properties_takes_linear_time(tmp_path, env):
    """Each property's place was found by a search from the comment's start: 40,000 properties
    (5 MB) took a minute; now well under the run's timeout."""
    entry = '"p{0}": {{"classification": "SystemMetaData", "purpose": "FeatureInsight"}}'
    body = ", ".join(entry.format(number) for number in range(40_000))
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.ts").write_text(f'/* __GDPR__ "x/y" : {{ "owner": "o", {body} }} */\n')
    run = run_cli("extract", str(source), env=env, cwd=tmp_path, timeout=30)
    assert (run.code, run.err) == (0, "")
    assert len(json.loads(run.out)["events"]["x/y"]) == 40_001

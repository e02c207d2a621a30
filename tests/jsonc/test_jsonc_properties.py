"""Properties of the JSONC core that hold for any input (hypothesis)."""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonc_documents import random_document, tree_shape

from telemetry_inspector.jsonc import exact
from telemetry_inspector.jsonc import fast as fast_road
from telemetry_inspector.jsonc.edit import detect_formatting, remove_property, set_property
from telemetry_inspector.jsonc.json_writer import stringify
from telemetry_inspector.jsonc.parser import find_members, parse, parse_exactly, to_value
from telemetry_inspector.jsonc.scanner import TokenKind, scan

JSONISH = st.text(
    alphabet=st.sampled_from(
        [*"{}[]:,\"\\/*-+.0123456789eEtruefalsnl \t\r\n\x01\u2028\u00a0\ufeff'é😀\ud800x"]
    ),
    max_size=80,
)
ANY_TEXT = st.one_of(JSONISH, st.text(max_size=80))
# A seed per document: drawing every choice from hypothesis would be many times slower.
DOCUMENTS = st.integers(0, 2**32).map(lambda seed: random_document(random.Random(seed)))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
EXAMPLES = 200  # per property over generated documents (the differential test covers thousands)
COMMENT_KINDS = (TokenKind.LINE_COMMENT, TokenKind.BLOCK_COMMENT, TokenKind.OPEN_COMMENT)


def comments(text: str) -> list[str]:
    return [text[t.start : t.end] for t in scan(text) if t.kind in COMMENT_KINDS]


def clean(doc) -> str:
    assume(not parse(doc.text).issues and parse(doc.text).root is not None)
    assume(parse(doc.text).root.type == "object")
    return doc.text


def unique_keys(text: str) -> list[str]:
    root = parse(text).root
    keys = [member.key for member in root.children]
    return [key for key in keys if keys.count(key) == 1]


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_the_scanner_never_fails_and_covers_every_character(text):
    tokens = scan(text)
    assert tokens[-1].kind == TokenKind.EOF
    position = 0
    for token in tokens[:-1]:
        assert token.start == position and token.end > token.start
        position = token.end
    assert position in (len(text), len(text) + 1)  # +1: VS Code's overshoot after an open `/*`


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_the_parser_never_fails_and_locates_every_issue(text):
    document = parse(text)
    for issue in document.issues:
        assert issue.line >= 1 and issue.column >= 1 and issue.message
        assert 0 <= issue.offset <= len(text)
    assert document.issues == parse_exactly(text).issues


@settings(max_examples=400, deadline=None)
@given(st.one_of(ANY_TEXT, DOCUMENTS.map(lambda doc: doc.text)))
def test_the_exact_parser_reads_alike_with_either_pattern(text):
    """A small text is read with every token, blanks too (the pattern edits scan with); a large
    one with the pattern that folds blanks into the next token (exact.EVERY_TOKEN_BELOW)."""
    saved, exact.EVERY_TOKEN_BELOW = exact.EVERY_TOKEN_BELOW, 0
    try:
        folded_root, folded_problems = exact.parse_document(text)
    finally:
        exact.EVERY_TOKEN_BELOW = saved
    assert len(text) < saved  # so the line below reads with every token
    root, problems = exact.parse_document(text)
    assert problems == folded_problems
    assert tree_shape(root) == tree_shape(folded_root)
    assert to_value(root) == to_value(folded_root)


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS)
def test_the_fast_road_builds_the_tree_the_exact_parser_builds(doc):
    fast, exact = parse(doc.text), parse_exactly(doc.text)
    assert fast.issues == exact.issues
    assert tree_shape(fast.root) == tree_shape(exact.root)
    assert to_value(fast.root) == to_value(exact.root)


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS)
def test_every_clean_document_takes_the_fast_road(doc):
    """Whatever VS Code reads without a complaint, with an object or nothing at the top."""
    exact = parse_exactly(doc.text)
    assume(not exact.issues and (exact.root is None or exact.root.type == "object"))
    assert fast_road.parse_clean(doc.text) is not fast_road.FAILED


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(DOCUMENTS.map(lambda doc: doc.text), JSONISH))
def test_the_common_blanks_read_a_text_as_every_blank_does_or_not_at_all(text):
    """The fast road tries the patterns with spaces, tabs and line breaks first
    (fast.common_blanks())."""
    common = fast_road._parse(text, fast_road.common_blanks())
    every = fast_road._parse(text, fast_road._every_blank())
    if common is not fast_road.FAILED:
        assert every is not fast_road.FAILED
        assert tree_shape(common) == tree_shape(every)


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS)
def test_the_shallow_patterns_large_files_use_build_the_same_tree(doc):
    """Forced on small documents: the nested values matched whole, their rows walked later."""
    saved, fast_road.SHALLOW_FROM = fast_road.SHALLOW_FROM, 0
    try:
        shallow = fast_road.parse_clean(doc.text)
    finally:
        fast_road.SHALLOW_FROM = saved
    walked = fast_road.parse_clean(doc.text)
    assert (shallow is fast_road.FAILED) == (walked is fast_road.FAILED)
    if shallow is not fast_road.FAILED:
        assert tree_shape(shallow) == tree_shape(walked)
        assert to_value(shallow) == to_value(walked)


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS, st.data())
def test_a_broken_fragment_is_always_reported(doc, data):
    text = clean(doc)
    at = data.draw(st.sampled_from([token.start for token in scan(text)]))
    fragment = data.draw(st.sampled_from(["@", "'x'", "tru", "#", "NaN", ",,", "::"]))
    # On a line of its own, so that no comment swallows it.
    assert parse(text[:at] + "\n" + fragment + "\n" + text[at:]).issues


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS, st.data())
def test_a_raw_control_character_in_a_string_is_reported(doc, data):
    text = clean(doc)
    strings = [t for t in scan(text) if t.kind == TokenKind.STRING]
    assume(strings)
    at = data.draw(st.sampled_from(strings)).start + 1
    broken = text[:at] + data.draw(st.sampled_from(["\t", "\x00", "\x1f"])) + text[at:]
    assert [issue.kind for issue in parse(broken).issues] == ["InvalidCharacter"]


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS, SCALARS, st.data())
def test_setting_a_key_keeps_every_other_value_and_every_comment(doc, value, data):
    text = clean(doc)
    key = data.draw(st.sampled_from([*unique_keys(text), "telemetry.new", "é 😀"]))
    assume(key in unique_keys(text) or not find_members(parse(text).root, [key]))
    target = find_members(parse(text).root, [key])
    assume(not target or target[0].value_node.type not in ("object", "array"))
    before = to_value(parse(text).root)
    after_text = set_property(text, [key], value, detect_formatting(text))
    after = parse(after_text)
    assert not after.issues
    assert _same(to_value(after.root), {**before, key: value})
    assert comments(after_text) == comments(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS, st.data())
def test_setting_the_current_value_changes_nothing(doc, data):
    text = clean(doc)
    members = [m for m in parse(text).root.children if m.value_node.type not in ("object", "array")]
    assume(members)
    member = data.draw(st.sampled_from(members))
    node = member.value_node
    assume(text[node.offset : node.end] == stringify(node.value))  # written as VS Code writes it
    if find_members(parse(text).root, [member.key])[0] is member:
        assert set_property(text, [member.key], node.value, detect_formatting(text)) == text


@settings(max_examples=EXAMPLES, deadline=None)
@given(DOCUMENTS, st.data())
def test_removing_a_key_removes_it_and_keeps_the_rest(doc, data):
    text = clean(doc)
    keys = unique_keys(text)
    assume(keys)
    key = data.draw(st.sampled_from(keys))
    before = to_value(parse(text).root)
    after = parse(remove_property(text, [key], detect_formatting(text)))
    assert not after.issues
    assert to_value(after.root) == {name: v for name, v in before.items() if name != key}


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_stringify_reads_back_as_the_same_value(value):
    text = stringify(value)
    assert _same(json.loads(text), value)
    assert _same(to_value(parse(text).root), value)
    assert not parse(text).issues


def _same(read: Any, written: Any) -> bool:
    """Equal as JavaScript sees values: numbers are doubles (1e16 reads back as an int here)."""
    if isinstance(written, dict):
        return (
            isinstance(read, dict)
            and read.keys() == written.keys()
            and all(_same(read[key], written[key]) for key in written)
        )
    if isinstance(written, list):
        return (
            isinstance(read, list)
            and len(read) == len(written)
            and all(_same(a, b) for a, b in zip(read, written, strict=True))
        )
    if isinstance(written, float | int) and not isinstance(written, bool):
        return not isinstance(read, bool) and float(read) == float(written)
    return read == written

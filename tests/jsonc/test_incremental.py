"""incremental.py: a text an edit made is read again around the edit only, and reads exactly as
the token-by-token parser reads the whole text, whatever the edit did (edits broken on purpose
included: they must fall back to a whole read and find the problems)."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonc_documents import random_document, random_value, tree_shape

from telemetry_inspector.jsonc import fast, incremental
from telemetry_inspector.jsonc.edit import (
    Formatting,
    apply_edits,
    detect_formatting,
    remove_property,
    set_property,
)
from telemetry_inspector.jsonc.parser import (
    find_members,
    find_node,
    forget_documents,
    parse,
    parse_exactly,
    remember_edit,
    to_value,
)

FOUR = Formatting(insert_spaces=True, tab_size=4, eol="\n")
DOCUMENTS = st.integers(0, 2**32).map(lambda seed: random_document(random.Random(seed)))
# What an edit may put in: whole members, values, and pieces that break or change the structure
# (a comment or a string that runs on, a bracket, a stray comma, a blank VS Code accepts).
FRAGMENTS = st.sampled_from(
    [
        "",
        '"k": 1,',
        ', "k": 2',
        '"x": [1, {"y": 2}],',
        '"telemetry": {"telemetryLevel": "off"},',
        "1",
        '"off"',
        "/*",
        "*/",
        "//",
        "\n",
        '"',
        "}",
        "{",
        "]",
        ",",
        ":",
        " ",
        "\u00a0",
        "\u2028",
        '"a\u2028b"',
    ]
)


def _reads_as_a_whole_read(text: str) -> None:
    read, whole = parse(text), parse_exactly(text)
    assert read.issues == whole.issues
    assert to_value(read.root) == to_value(whole.root)  # before any node is built
    assert tree_shape(read.root) == tree_shape(whole.root)
    if read.root is not None and read.root.type == "object":
        assert read.root.member_keys() == [member.key for member in whole.root.children]


def _clean(doc) -> str:
    forget_documents()
    document = parse(doc.text)
    assume(not document.issues and document.root is not None and document.root.type == "object")
    return doc.text


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS, st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), FRAGMENTS), max_size=4))
def test_a_text_edited_anywhere_reads_as_a_whole_read(doc, edits):
    """Edits one after the other, each read back before the next (as set-level reads them)."""
    text = _clean(doc)
    for first, second, fragment in edits:
        start, end = sorted((round(first * len(text)), round(second * len(text))))
        text = apply_edits(text, [(start, end, fragment)])
        _reads_as_a_whole_read(text)


@settings(max_examples=200, deadline=None)
@given(DOCUMENTS, st.data())
def test_a_text_set_and_removed_by_key_reads_as_a_whole_read(doc, data):
    text = _clean(doc)
    keys = [*to_value(parse(text).root), "telemetry.telemetryLevel", "new"]
    formatting = detect_formatting(text)
    for _ in range(data.draw(st.integers(1, 5))):
        key = data.draw(st.sampled_from(keys))
        if data.draw(st.booleans()):
            text = set_property(text, [key], random_value(random.Random(len(text))), formatting)
        else:
            text = remove_property(text, [key], formatting)
        _reads_as_a_whole_read(text)


def _settings(count: int) -> str:
    members = ",\n".join(f'    "key{index}": {{"deep": [{index}, "x"]}}' for index in range(count))
    return "// settings\n{\n" + members + "\n}\n"


def test_an_edit_of_a_clean_file_is_read_again_around_the_edit_only():
    """If the fast road, or the re-read around an edit, were lost, everything would still read
    right, only slower: this is the test that notices."""
    text = _settings(500)
    assert isinstance(parse(text).root.source, fast.ObjectTable)  # the fast road
    edited = set_property(text, ["key7", "deep"], "off", FOUR)
    root = parse(edited).root
    assert isinstance(root.source, incremental.EditedTable)
    assert root.source.generation == 1
    # Rows before and after the edit are the ones read before, until a node is asked of them.
    stale = [row[0].string is not edited for row in root.source.rows]
    assert sum(stale) == 499 and not stale[7]
    assert to_value(find_node(root, ["key300"])) == {"deep": [300, "x"]}
    assert find_node(root, ["key300"]).offset == edited.index('{"deep": [300,')
    assert root.source.rows[300][0].string is edited  # read again where it now is


def test_edits_in_a_row_are_read_whole_again_now_and_then():
    """Rows kept from earlier texts keep those texts alive: a run of edits is bounded."""
    text = _settings(50)
    parse(text)
    generations = []
    for index in range(2 * incremental.MAX_GENERATIONS):
        text = set_property(text, [f"key{index}"], index, FOUR)
        generations.append(getattr(parse(text).root.source, "generation", None))
    assert max(generations) == incremental.MAX_GENERATIONS
    assert generations.count(0) >= 1  # a whole read, then edits read around again
    _reads_as_a_whole_read(text)


@pytest.mark.parametrize(
    ("fragment", "issue"),
    [
        ('"off" /*', "UnexpectedEndOfComment"),  # a comment running to the end
        ('"off', "UnexpectedEndOfString"),
        ('"off"}', "EndOfFileExpected"),  # the object closed early
        ('"off" "on"', "CommaExpected"),
    ],
)
def test_an_edit_that_breaks_the_rest_is_read_whole(fragment, issue):
    text = _settings(20)
    node = find_node(parse(text).root, ["key3"])
    broken = apply_edits(text, [(node.offset, node.end, fragment)])
    assert issue in [found.kind for found in parse(broken).issues]
    _reads_as_a_whole_read(broken)


def test_a_change_that_is_not_where_it_is_said_to_be_is_refused():
    text = _settings(3)
    parse(text)
    edited = text.replace("key1", "keyX")
    with pytest.raises(ValueError):
        remember_edit(text, edited, 0, 5, 5)  # the change is further on
    remember_edit(text, edited, text.index("key1"), text.index("key1") + 4, text.index("key1") + 4)
    assert find_members(parse(edited).root, ["keyX"])

"""The JSONC core's interface as the settings layer uses it (expectations worked out by hand)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from telemetry_inspector.jsonc import fast as fast_road
from telemetry_inspector.jsonc import parser
from telemetry_inspector.jsonc.edit import (
    EditError,
    Formatting,
    detect_formatting,
    remove_property,
    replace_value,
    set_property,
)
from telemetry_inspector.jsonc.json_writer import stringify
from telemetry_inspector.jsonc.parser import (
    MESSAGES,
    find_members,
    find_node,
    forget_documents,
    parse,
    parse_exactly,
    to_value,
)
from telemetry_inspector.jsonc.scanner import ScanError, TokenKind, scan, token_error

FOUR = Formatting(insert_spaces=True, tab_size=4, eol="\n")
CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.jsonc"))


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_an_issue_has_line_and_column_counted_from_one(eol):
    text = eol.join(["{", '  "a": 1', '  "b": 2', "}"])
    (issue,) = parse(text).issues
    assert (issue.kind, issue.line, issue.column) == ("CommaExpected", 3, 3)
    assert issue.offset == text.index('"b"') and issue.length == 3
    assert issue.message == "expected a comma between members"


def test_columns_count_characters_not_bytes():
    issue = parse('{"é😀": x}').issues[0]
    assert (issue.kind, issue.line, issue.column, issue.length) == ("InvalidSymbol", 1, 8, 1)


def test_every_message_is_a_plain_lower_case_sentence():
    for kind, message in MESSAGES.items():
        assert message[0].islower() and not message.endswith("."), kind


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ('{"a": "x\ty"}', ["InvalidCharacter"]),
        ('{"a": "\\u12"}', ["InvalidUnicode"]),
        ('{"a": "\\q"}', ["InvalidEscapeCharacter"]),
        ('{"a": "x', ["UnexpectedEndOfString", "CloseBraceExpected"]),
        ('{"a": 1 /* x', ["UnexpectedEndOfComment", "CloseBraceExpected"]),
        ('{"a": yes}', ["InvalidSymbol", "ValueExpected"]),
        ('{"a": 1.}', ["UnexpectedEndOfNumber"]),
        ("{'a': 1}", ["InvalidSymbol", "PropertyNameExpected", "ValueExpected"]),
        ('{"a" 1}', ["ColonExpected"]),
        ('{"a": 1,, "b": 2}', ["PropertyNameExpected", "ValueExpected"]),
        ("{} {}", ["EndOfFileExpected"]),
        ('{"a": 1,}', []),
        ("// only a comment", []),
        ("", []),
        ("\u00a0{\u2028}\ufeff", []),  # blanks VS Code's copy accepts
    ],
)
def test_issues_are_the_ones_vscode_reports(text, kinds):
    assert [issue.kind for issue in parse(text).issues] == kinds


def test_nesting_up_to_the_limit_parses_and_deeper_stops_there():
    from telemetry_inspector.jsonc.scanner import MAX_DEPTH

    nested = '{"a": ' * MAX_DEPTH + "1" + "}" * MAX_DEPTH
    document = parse(nested)
    assert not document.issues
    value = to_value(document.root)
    for _ in range(MAX_DEPTH):
        value = value["a"]
    assert value == 1
    # One level more (and a hostile 100,000) stops at the bracket past the limit, at once.
    for depth in (MAX_DEPTH + 1, 100_000):
        for opener in ('{"a": ', "["):
            text = opener * depth
            [issue] = [i for i in parse(text).issues if i.kind == "NestingTooDeep"]
            assert issue.offset == len(opener) * MAX_DEPTH  # the opener past the limit
            assert parse(text).root is None


def test_the_scanner_names_every_token():
    kinds = [token.kind for token in scan('{"a": -1.5e3, // c\n"b": [tru]}')]
    assert kinds == [
        TokenKind.OPEN_BRACE,
        TokenKind.STRING,
        TokenKind.COLON,
        TokenKind.TRIVIA,
        TokenKind.NUMBER,
        TokenKind.COMMA,
        TokenKind.TRIVIA,
        TokenKind.LINE_COMMENT,
        TokenKind.LINE_BREAK,
        TokenKind.STRING,
        TokenKind.COLON,
        TokenKind.TRIVIA,
        TokenKind.OPEN_BRACKET,
        TokenKind.UNKNOWN,
        TokenKind.CLOSE_BRACKET,
        TokenKind.CLOSE_BRACE,
        TokenKind.EOF,
    ]
    text = '"a\\q" "b'
    errors = [token_error(text, token) for token in scan(text)]
    assert errors == [
        ScanError.INVALID_ESCAPE_CHARACTER,
        None,
        ScanError.UNEXPECTED_END_OF_STRING,
        None,
    ]


def test_a_later_duplicate_wins_when_reading():
    text = '{"level": "all", "x": 1, "level": "off"}'
    assert to_value(parse(text).root) == {"level": "off", "x": 1}
    members = find_members(parse(text).root, ["level"])
    assert [member.value_node.value for member in members] == ["all", "off"]
    assert find_node(parse(text).root, ["level"]).value == "all"  # what VS Code's editor edits


def test_find_members_follows_the_first_match_of_the_outer_keys():
    text = '{"a": {"k": 1, "k": 2}, "a": {"k": 3}}'
    members = find_members(parse(text).root, ["a", "k"])
    assert [member.value_node.value for member in members] == [1, 2]
    assert find_members(parse(text).root, ["missing", "k"]) == []
    assert find_members(parse(text).root, []) == []


def test_every_duplicate_can_be_set_one_by_one():
    text = '{\n    "level": "all",\n    "level": "error"\n}\n'
    for index in range(2):
        member = find_members(parse(text).root, ["level"])[index]
        text = replace_value(text, member.value_node, "off", FOUR)
    assert text == '{\n    "level": "off",\n    "level": "off"\n}\n'


@pytest.mark.parametrize("text", ["[]", '"a"', "1", "null", "true"])
def test_a_top_level_value_that_is_not_an_object_is_refused(text):
    with pytest.raises(EditError):
        set_property(text, ["telemetry.telemetryLevel"], "off", FOUR)
    with pytest.raises(EditError):
        remove_property(text, ["telemetry.telemetryLevel"], FOUR)


def test_a_property_below_a_value_that_is_not_an_object_is_refused():
    with pytest.raises(EditError):
        set_property('{"a": [1]}', ["a", "b"], 1, FOUR)


def test_a_path_is_a_sequence_of_keys_not_a_string():
    with pytest.raises(TypeError):
        set_property("{}", "telemetry.telemetryLevel", "off", FOUR)


@pytest.mark.parametrize("text", ["", "// c\n", '{"a": 1}', '{"b": {}}'])
def test_removing_what_is_not_there_changes_nothing(text):
    assert remove_property(text, ["b", "c"], FOUR) == text
    assert remove_property(text, ["c"], FOUR) == text


def test_removing_the_only_member_takes_its_trailing_comma_too():
    # VS Code writes `{\n    ,\n}` here, which it cannot read back.
    assert remove_property('{\n    "a": 1,\n}\n', ["a"], FOUR) == "{\n}\n"
    assert remove_property('{"a": 1 /* x */ , // y\n}', ["a"], FOUR) == "{ // y\n}"


def test_missing_objects_on_the_path_are_created():
    assert (
        set_property("{}", ["a", "b"], True, FOUR) == '{\n    "a": {\n        "b": true\n    }\n}'
    )
    assert set_property("", ["a"], 1, Formatting(False, 4, "\r\n")) == '{\r\n\t"a": 1\r\n}'


def test_formatting_defaults_to_four_spaces_and_the_given_line_break():
    assert detect_formatting('{"a": 1}', "\r\n") == Formatting(True, 4, "\r\n")
    assert detect_formatting('{\r  "a": 1\r}') == Formatting(True, 2, "\r")
    assert detect_formatting('{\n\t"a": {\n\t\t"b": 1\n\t}\n}') == Formatting(False, 4, "\n")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.0, "1"),
        (-0.0, "0"),
        (1e21, "1e+21"),
        (1e-7, "1e-7"),
        (123456789012345680000.0, "123456789012345680000"),
        (2**60, "1152921504606847000"),
        (float("nan"), "null"),
        ("é\u2028\x7f", '"é\u2028\x7f"'),
        ("\x00\x1f\b\t", '"\\u0000\\u001f\\b\\t"'),
        ("\ud800", '"\\ud800"'),
        ({"b": 1, "10": 2, "2": [True, None]}, '{"2":[true,null],"10":2,"b":1}'),
    ],
)
def test_values_are_written_as_json_stringify_writes_them(value, text):
    assert stringify(value) == text


@pytest.mark.parametrize("shallow_from", [fast_road.SHALLOW_FROM, 0], ids=["as-is", "shallow"])
@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_the_fast_road_and_the_exact_parser_agree_on_the_corpus(path, shallow_from, monkeypatch):
    """Also with the shallow patterns, which only large files use, forced on small ones."""
    monkeypatch.setattr(fast_road, "SHALLOW_FROM", shallow_from)
    forget_documents()
    text = path.read_bytes().decode("utf-8")
    fast, exact = parse(text), parse_exactly(text)
    forget_documents()
    assert fast.issues == exact.issues
    assert to_value(fast.root) == to_value(exact.root)
    assert _nodes(fast.root) == _nodes(exact.root)


@pytest.mark.parametrize("size", [100, 2047, 2048, 9000])
def test_a_small_file_is_read_token_by_token_and_a_larger_one_on_the_fast_road(size):
    """Below parser.FAST_FROM the fast road's patterns would cost more to compile than they
    save; either way the tree is the same."""
    frame = '{\n    "a": [1, "x"],\n    "b": {"c": true},\n    "pad": ""\n}\n'
    text = frame.replace('""', '"' + "x" * (size - len(frame)) + '"')
    assert len(text) == size
    saved, parser.FAST_FROM = parser.FAST_FROM, 2 * 1024  # conftest.py sets 0 for the others
    forget_documents()
    try:
        read = parse(text)
    finally:
        parser.FAST_FROM = saved
        forget_documents()
    assert isinstance(read.root.source, fast_road.ObjectTable) == (len(text) >= 2 * 1024)
    assert _nodes(read.root) == _nodes(parse_exactly(text).root)


def _nodes(root) -> list:
    found, pending = [], [root] if root is not None else []
    while pending:
        node = pending.pop()
        found.append((node.type, node.offset, node.length, node.key, node.colon_offset))
        pending.extend(reversed(node.children))
    return found


def test_every_source_of_a_lazy_tree_overrides_the_whole_protocol():
    """Node calls its source directly: a method missing from a source would fail at once, but
    only if every source declares every method of nodes.Source."""
    from telemetry_inspector.jsonc.incremental import EditedTable
    from telemetry_inspector.jsonc.nodes import Source

    methods = [name for name, value in vars(Source).items() if callable(value)]
    assert len(methods) == 7
    for table in (fast_road.ObjectTable, fast_road.ArrayTable, EditedTable):
        assert issubclass(table, Source)
        assert [name for name in methods if getattr(table, name) is getattr(Source, name)] == []


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_a_clean_settings_file_takes_the_fast_road(path):
    text = path.read_bytes().decode("utf-8")
    exact = parse_exactly(text)
    forget_documents()
    root = parse(text).root
    if exact.issues or exact.root is None or exact.root.type != "object":
        assert root is None or root.source is None  # the exact parser read it
    else:
        assert isinstance(root.source, fast_road.ObjectTable)


def test_looking_up_one_key_of_a_clean_file_builds_no_other_member():
    members = ",\n".join(f'    "key{index}": {{"deep": [{index}, "x"]}}' for index in range(500))
    text = "{\n" + members + ',\n    "key7": 1\n}\n'
    root = parse(text).root
    assert root.member_keys()[:2] == ["key0", "key1"] and root.member_count() == 501
    assert root.first_member_index("key7") == 7
    found = find_members(root, ["key7"])
    assert [member.value_node.type for member in found] == ["object", "number"]
    assert to_value(find_node(root, ["key3", "deep"])) == [3, "x"]
    assert root._children is None  # the lazy road answered all of it: nothing else was built


def test_every_name_of_the_package_surface_is_there():
    import telemetry_inspector.jsonc as jsonc

    assert sorted(jsonc.__all__) == sorted(jsonc._HOMES)
    assert all(callable(getattr(jsonc, name)) for name in jsonc.__all__)
    with pytest.raises(AttributeError):
        jsonc.walk  # noqa: B018 - the roads behind parse() are not part of the surface


PACKAGE = Path(__file__).resolve().parents[2] / "cli" / "telemetry_inspector"


def test_the_rest_of_the_package_uses_the_surface_only():
    """Outside jsonc/, `from telemetry_inspector.jsonc import ...`, never one of its modules."""
    reaching = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "jsonc":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            modules = {name for name in names if name.startswith("telemetry_inspector.jsonc.")}
            reaching += [f"{path.relative_to(PACKAGE)}: {name}" for name in sorted(modules)]
    # `from telemetry_inspector.jsonc import parse` names jsonc.parse too: only modules count.
    jsonc_modules = {
        f"telemetry_inspector.jsonc.{p.stem}" for p in (PACKAGE / "jsonc").glob("*.py")
    }
    assert [r for r in reaching if r.split(": ")[1] in jsonc_modules] == []

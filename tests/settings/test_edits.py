"""Key edits on settings text: every spelling VS Code reads, removal, keys hidden by nesting."""

from __future__ import annotations

import random
import re
import subprocess
import sys

import pytest

from telemetry_inspector.jsonc.edit import Formatting, apply_edits
from telemetry_inspector.jsonc.parser import parse, to_value
from telemetry_inspector.settings.edits import edit_settings
from telemetry_inspector.settings.telemetry import reads_as, spellings
from telemetry_inspector.settings.values import read_setting
from telemetry_inspector.vscode.model import UNSET
from telemetry_inspector.vscode.switch_model import REMOVE

SPACES = Formatting(insert_spaces=True, tab_size=4, eol="\n")


def read(text: str, key: str):
    return read_setting(to_value(parse(text).root), key)


def test_spellings_split_only_the_top_level_key():
    assert spellings("a.b.c") == [["a.b.c"], ["a.b", "c"], ["a", "b", "c"]]
    assert spellings("enable-crash-reporter") == [["enable-crash-reporter"]]


def test_a_missing_key_is_added_flat():
    text, changes = edit_settings('{\n    "x": 1\n}', [("update.mode", "none")], SPACES)
    assert text == '{\n    "x": 1,\n    "update.mode": "none"\n}'
    assert [(c.key, c.action, c.new) for c in changes] == [("update.mode", "add", "none")]


def test_every_spelling_is_set_and_nothing_is_added_beside_them():
    text = (
        '{\n    "workbench.cloudChanges.autoResume": "onReload",\n'
        '    "workbench.cloudChanges": {"autoResume": "onReload"},\n'
        '    "workbench": {"cloudChanges": {"autoResume": "onReload"}, "colorTheme": "x"}\n}'
    )
    edited, changes = edit_settings(text, [("workbench.cloudChanges.autoResume", "off")], SPACES)
    assert edited.count('"off"') == 3 and "onReload" not in edited
    assert [c.action for c in changes] == ["set", "set", "set"]
    assert read(edited, "workbench.colorTheme") == "x"


def test_a_key_that_is_not_a_spelling_is_left_alone():
    text = '{\n    "workbench": {"cloudChanges.autoResume": "onReload"}\n}'  # VS Code ignores it
    edited, _ = edit_settings(text, [("workbench.cloudChanges.autoResume", "off")], SPACES)
    assert '"cloudChanges.autoResume": "onReload"' in edited
    assert read(edited, "workbench.cloudChanges.autoResume") == "off"


def test_remove_takes_every_spelling():
    text = (
        '{\n    "telemetry.enableTelemetry": false,\n    "telemetry": {"enableTelemetry": true}\n}'
    )
    edited, changes = edit_settings(text, [("telemetry.enableTelemetry", REMOVE)], SPACES)
    assert read(edited, "telemetry.enableTelemetry") is UNSET
    assert [c.action for c in changes] == ["remove", "remove"]


@pytest.mark.parametrize(
    "text",
    [
        # A nested object after the flat key replaces it as VS Code builds its value tree ...
        '{\n    "update.showReleaseNotes": false,\n    "update": {"mode": "none"}\n}',
        # ... also once the removal of a deprecated key has emptied it.
        '{\n    "update.showReleaseNotes": false,\n    "update": {}\n}',
    ],
)
def test_a_key_hidden_by_a_later_nested_object_is_set_inside_it(text):
    assert read(text, "update.showReleaseNotes") is UNSET  # what VS Code sees today
    edited, changes = edit_settings(text, [("update.showReleaseNotes", False)], SPACES)
    assert read(edited, "update.showReleaseNotes") is False
    assert reads_as(edited, {"update.showReleaseNotes": False})
    assert '"update.showReleaseNotes": false' in edited  # the flat key stays as it was
    assert changes and changes[-1].action == "add"


def test_reads_as():
    text = '{"a.b": 1, "c": {"d": "x"}}'
    assert reads_as(text, {"a.b": 1, "c.d": "x", "e": REMOVE})
    assert not reads_as(text, {"a.b": True})  # 1 is not true
    assert not reads_as(text, {"c.d": REMOVE})
    assert not reads_as('{"a.b": 1,,}', {"a.b": 1})  # does not parse


def _settings(count: int) -> str:
    members = ",\n".join(f'    "editor.setting{index}": [{index}, "x"]' for index in range(count))
    return "// settings\n{\n" + members + "\n}\n"


@pytest.mark.parametrize(
    ("where", "fragment"),
    [
        ("value", '"all"'),  # another level
        ("value", '"off" /*'),  # a comment that swallows the rest of the file
        ("value", '"off"}'),  # the settings object closed early
        ("after", ', "telemetry.telemetryLevel": "all"'),  # a later duplicate wins
        ("after", ', "telemetry": {"telemetryLevel": "all"}'),  # so does the nested spelling
        ("start", '"telemetry": {"telemetryLevel": "all", "x": 1}, "telemetry": 1,'),
    ],
)
def test_the_check_of_an_edit_catches_a_wrong_one(where, fragment):
    """The edited text is read back as VS Code reads it before anything is written: around the
    edit only (jsonc/incremental.py), but every spelling and duplicate of the key is seen."""
    key = "telemetry.telemetryLevel"
    text, _ = edit_settings(_settings(300), [(key, "off")], SPACES)
    assert reads_as(text, {key: "off"})
    value = parse(text).root.member_at(-1).value_node
    start, end = {
        "value": (value.offset, value.end),
        "after": (value.end, value.end),
        "start": (text.index("{") + 1, text.index("{") + 1),
    }[where]
    wrong = apply_edits(text, [(start, end, fragment)])
    assert not reads_as(wrong, {key: "off"})


def test_a_value_that_does_not_read_back_as_written_ends_the_edit_and_is_refused():
    # 2**60 is written as JavaScript writes it (1152921504606847000), which reads back as another
    # number: setting it again and again would never end. Run apart, so a hang fails the test.
    code = (
        "from telemetry_inspector.settings.edits import edit_settings\n"
        "from telemetry_inspector.settings.telemetry import misread\n"
        "from telemetry_inspector.jsonc.edit import Formatting\n"
        "spaces = Formatting(insert_spaces=True, tab_size=4, eol='\\n')\n"
        'for text in (\'{"x": 1}\', \'{"x": 1, "x": 2}\', \'{"x": 1, "x": {"y": 2}}\'):\n'
        "    edited, changes = edit_settings(text, [('x', 2**60)], spaces)\n"
        "    print(misread(edited, {'x': 2**60}), len(changes) <= 2)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines() == ["['x'] True"] * 3


def test_bytes_that_are_not_utf8_are_edited_around_as_any_other_character(tmp_path):
    # A settings file keeps its bytes that are not UTF-8 through an edit (files.read_text with
    # keep_bytes: one lone surrogate each). The edit must be the one made on the same file with
    # an ASCII character in each byte's place, and write every kept byte back unchanged.
    from telemetry_inspector.jsonc import detect_formatting, scan
    from telemetry_inspector.jsonc.scanner import TokenKind
    from telemetry_inspector.settings.edits import set_level
    from telemetry_inspector.settings.files import read_text
    from telemetry_inspector.vscode.model import Level
    from tests.conftest import EXAMPLES

    source = (EXAMPLES / "home/.config/Code/User/settings.json").read_bytes()
    assert b"~" not in source
    text = source.decode()
    holders = [
        token.start + (2 if token.kind != TokenKind.STRING else 1)
        for token in scan(text)
        if token.kind in (TokenKind.STRING, TokenKind.LINE_COMMENT, TokenKind.BLOCK_COMMENT)
    ]
    bad = [b"\xe9", b"\xff", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf0\x9f\x98"]
    rng = random.Random(14)
    for case in range(120):
        places = sorted(rng.sample(holders, rng.randint(1, 6)), reverse=True)
        chars = list(text)
        for place in places:  # ASCII text: a character is a byte
            chars.insert(place, rng.choice(bad).decode("latin-1"))
        data = "".join(chars).encode("latin-1")
        path = tmp_path / f"{case}.json"
        path.write_bytes(data)
        file = read_text(path, keep_bytes=True)
        assert file.invalid is not None and file.encode(file.text) == data
        level = rng.choice(list(Level))
        edited, _ = set_level(file.text, level, detect_formatting(file.text, "\n"))
        twin = re.sub("[\udc80-\udcff]", "~", file.text)
        twin_edited, _ = set_level(twin, level, detect_formatting(twin, "\n"))
        assert re.sub("[\udc80-\udcff]", "~", edited) == twin_edited
        # each kept character is written as the byte it was read from
        assert file.encode(edited).decode("utf-8", "surrogateescape") == edited
        assert read(twin_edited, "telemetry.telemetryLevel") == level.value

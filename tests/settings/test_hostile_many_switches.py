"""Many switches (issue 11, item 10): lockdown's time grew with the square of the number of
switches (10,000: 157 s) because each key was a separate edit of the whole file."""

from __future__ import annotations

import random
import time

import pytest

from telemetry_inspector.jsonc.edit import Formatting
from telemetry_inspector.settings.edits import edit_settings
from telemetry_inspector.settings.telemetry import misread
from telemetry_inspector.vscode.switch_model import REMOVE
from tests.conftest import assert_one_line_error
from tests.settings.worlds import install, settings_of, values, write

TABS = Formatting(insert_spaces=False, tab_size=4, eol="\n")
TEXT = '{\n\t// mine\n\t"editor.fontSize": 14,\n\t"git.autofetch": true\n}\n'


def _edits(count: int) -> list:
    return [
        ("git.autofetch", False),
        *((f"acme.f{i}.enableTelemetry", False) for i in range(count)),
    ]


def _timed(count: int) -> float:
    started = time.perf_counter()
    edit_settings(TEXT, _edits(count), TABS)
    return time.perf_counter() - started


def test_edit_time_grows_linearly_with_the_switches():
    _timed(50)  # warm up
    # the best of three of each: a busy machine slows single runs, never the best one much
    small = min(_timed(500) for _ in range(3))
    large = min(_timed(4_000) for _ in range(3))
    assert large < 24 * small  # 8x the keys: linear ~8x, quadratic ~64x


def test_every_switch_is_set_and_the_changes_listed_in_order():
    text, changes = edit_settings(TEXT, _edits(300), TABS)
    assert not misread(text, dict(_edits(300)))
    assert [c.key for c in changes] == [key for key, _ in _edits(300)]
    assert "// mine" in text


def test_lockdown_of_an_extension_with_thousands_of_switches(cli, home):
    properties = {
        f"acme.f{i}.enableTelemetry": {"type": "boolean", "default": True, "tags": ["telemetry"]}
        for i in range(3_000)
    }
    install(home / ".vscode" / "extensions", "acme.big", "1.0.0", properties)
    settings = write(settings_of(home), "{}\n")
    run = cli("lockdown", "--json", timeout=120)
    assert run.code == 0, run
    after = values(settings)
    assert all(after[f"acme.f{i}.enableTelemetry"] is False for i in range(3_000))


def _duplicates(count: int) -> str:
    return "{\n" + ",\n".join('\t"telemetry.telemetryLevel": "all"' for _ in range(count)) + "\n}\n"


def test_a_key_written_thousands_of_times_is_set_in_linear_time():
    # Each duplicate was set by its own edit and re-read of every member: 2,000 took 45 s.
    def timed(count: int) -> float:
        started = time.perf_counter()
        text, changes = edit_settings(
            _duplicates(count), [("telemetry.telemetryLevel", "off")], TABS
        )
        assert len(changes) == count and "all" not in text
        return time.perf_counter() - started

    timed(50)  # warm up
    small = min(timed(500) for _ in range(3))
    large = min(timed(4_000) for _ in range(3))
    assert large < 24 * small  # 8x the members: linear ~8x, quadratic ~64x


@pytest.mark.parametrize("seed", range(300))
def test_every_duplicate_set_at_once_is_each_set_in_turn(seed):
    from telemetry_inspector.jsonc.edit import detect_formatting, replace_value
    from telemetry_inspector.jsonc.parser import find_members, parse, to_value
    from telemetry_inspector.settings.edits import _set_every
    from telemetry_inspector.vscode.switches import same_value
    from tests.jsonc.jsonc_documents import SETTING_KEYS, random_document

    rng = random.Random(seed)
    while True:  # a clean object: a text with issues takes the careful road, one member a time
        doc = random_document(rng)
        document = parse(doc.text)
        if not document.issues and document.root is not None and document.root.type == "object":
            break
    key = rng.choice([k for k in SETTING_KEYS if find_members(document.root, [k])] or [""])
    value = rng.choice(["off", True, False, None, "x\u2028\\"])
    formatting = detect_formatting(doc.text, "\n")
    expected, count = doc.text, 0
    for _ in find_members(document.root, [key]):  # the members one at a time, as before
        members = find_members(parse(expected).root, [key])
        stale = next((m for m in members if not same_value(to_value(m.value_node), value)), None)
        if stale is None:
            break
        expected, count = replace_value(expected, stale.value_node, value, formatting), count + 1
    text, changes = _set_every(doc.text, [key], value, formatting, insert=False)
    assert (text, len(changes)) == (expected, count)


def _removed_one_at_a_time(text: str, path: list[str], formatting) -> tuple[str, list]:
    """VS Code's removal of the first copy, until none is left: the reference road."""
    from telemetry_inspector.jsonc import find_members, parse, remove_first_member, to_value

    removed = []
    while members := find_members(parse(text).root, path):
        old = to_value(members[0].value_node)
        text, lost = remove_first_member(text, path, formatting)
        removed.append((old, lost))
    return text, removed


@pytest.mark.parametrize("seed", range(200))
def test_every_copy_removed_at_once_is_each_removed_in_turn(seed, monkeypatch):
    # Removing a key written many times took a re-read of the file per copy: 1,000 copies took
    # 12 s. The copies now go in one pass where that gives the same text, comments and values.
    from telemetry_inspector.jsonc import detect_formatting, find_members, parse
    from telemetry_inspector.jsonc.edit import remove_members_at_once
    from tests.jsonc import jsonc_documents

    key = "telemetry.enableTelemetry"
    rng = random.Random(seed)
    plain = jsonc_documents._Writer.key
    monkeypatch.setattr(
        jsonc_documents._Writer, "key", lambda self: key if self.rng.random() < 0.6 else plain(self)
    )
    while True:  # documents until one whose copies go at once
        doc = jsonc_documents.random_document(rng)
        document = parse(doc.text)
        if document.issues or document.root is None or document.root.type != "object":
            continue
        paths = [[key], *([outer, key] for outer in doc.object_keys)]
        path = rng.choice([p for p in paths if len(find_members(document.root, p)) > 1] or [[]])
        formatting = detect_formatting(doc.text, "\n")
        at_once = remove_members_at_once(doc.text, path, formatting) if path else None
        if at_once is not None:
            break
    assert at_once == _removed_one_at_a_time(doc.text, path, formatting)


def test_a_key_written_thousands_of_times_is_removed_in_linear_time():
    def timed(count: int, layout: str) -> float:
        copies = [f'  "telemetry.enableTelemetry": {str(i % 2 == 0).lower()}' for i in range(count)]
        text = '{"telemetry.telemetryLevel": "all",' + layout.join(copies) + "}"
        started = time.perf_counter()
        text, changes = edit_settings(text, [("telemetry.enableTelemetry", REMOVE)], TABS)
        assert len(changes) == count and "enableTelemetry" not in text
        return time.perf_counter() - started

    for layout in (",\n", ","):  # a member a line; all on one line
        timed(50, layout)  # warm up
        small = min(timed(500, layout) for _ in range(3))
        large = min(timed(4_000, layout) for _ in range(3))
        assert large < 24 * small, layout  # 8x the copies: linear ~8x, quadratic ~64x


def test_copies_that_could_only_go_one_by_one_are_refused_in_bounded_time(cli, home):
    # One line too long to lay out a member a line: each removal would re-read the whole file
    copies = ",".join('"telemetry.enableTelemetry":false' for _ in range(20_000))
    text = '{"telemetry.telemetryLevel":"all",' + copies + "}"
    path = home / "settings.json"
    path.write_text(text)
    run = cli("set-level", "off", "--settings", str(path), timeout=60)
    assert_one_line_error(run, f"{path}: telemetry.enableTelemetry is written 19999 times")
    assert path.read_text() == text
    assert sorted(p.name for p in home.iterdir()) == ["settings.json"]

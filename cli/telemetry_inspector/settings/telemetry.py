"""The telemetry keys of a settings document: what VS Code reads from them; the set-level edit.

Every edit is one of VS Code's own (jsonc set/replace/remove, byte-identical to VS Code's).
We go beyond VS Code in two decided ways: every occurrence of a duplicated key is set (VS Code edits
the first while the last one wins), and the deprecated switches that would force telemetry off are
removed in the same write. A removal takes the comments inside the removed lines with it, as VS
Code's own removal does; those are named in the change so the user is told.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from telemetry_inspector.jsonc.edit import (
    Formatting,
    remove_property,
    replace_value,
    set_property,
)
from telemetry_inspector.jsonc.parser import Document, find_members, parse, to_value
from telemetry_inspector.jsonc.scanner import TokenKind, scan
from telemetry_inspector.settings.values import read_setting, settings_for
from telemetry_inspector.vscode.levels import DEPRECATED_SETTINGS, LEVEL_SETTING, UNSET, Level


@dataclass(frozen=True, slots=True)
class TelemetrySettings:
    configured: Any  # what VS Code reads for telemetry.telemetryLevel, or UNSET
    deprecated: dict[str, Any]  # deprecated switches present, with the value VS Code reads
    level_members: int  # how many members spell the level: duplicates, nested objects


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    action: str  # "set", "add" or "remove"
    old: Any = None
    new: Any = None
    comments: tuple[str, ...] = ()  # comments that stood inside a removed member's lines


def comments(text: str) -> list[str]:
    return [
        text[token.offset : token.offset + token.length]
        for token in scan(text)
        if token.kind in (TokenKind.LINE_COMMENT, TokenKind.BLOCK_COMMENT)
    ]


READ = (LEVEL_SETTING, *DEPRECATED_SETTINGS)


def read_telemetry(document: Document) -> TelemetrySettings:
    settings = settings_for(document.root, READ)
    deprecated = {key: read_setting(settings, key) for key in DEPRECATED_SETTINGS}
    members = sum(len(find_members(document.root, p)) for p in _paths(LEVEL_SETTING))
    return TelemetrySettings(
        configured=read_setting(settings, LEVEL_SETTING),
        deprecated={key: value for key, value in deprecated.items() if value is not UNSET},
        level_members=members if document.root is not None else 0,
    )


def line_break_setting(document: Document) -> Any:
    """files.eol as VS Code reads it: the line break it uses where the file has none yet."""
    return read_setting(settings_for(document.root, ["files.eol"]), "files.eol")


def _paths(key: str) -> list[list[str]]:
    """The member paths that can spell a setting: flat (`a.b`) and nested (`a` -> `b`)."""
    head, _, tail = key.partition(".")
    return [[key], [head, tail]]


def set_level(text: str, level: Level, formatting: Formatting) -> tuple[str, list[Change]]:
    """The text with the level set everywhere it is spelled and the deprecated switches removed."""
    flat, nested = _paths(LEVEL_SETTING)
    text, changes = _set_every(text, flat, level.value, formatting, insert=True)
    text, more = _set_every(text, nested, level.value, formatting, insert=False)
    changes += more
    for key in DEPRECATED_SETTINGS:
        for path in _paths(key):
            text, more = _remove_every(text, path, formatting)
            changes += more
    return text, changes


def _set_every(
    text: str, path: list[str], value: Any, formatting: Formatting, *, insert: bool
) -> tuple[str, list[Change]]:
    key = ".".join(path)
    changes: list[Change] = []
    while True:
        root = parse(text).root
        members = find_members(root, path) if root else []
        if not members:
            if insert and not changes:
                return set_property(text, path, value, formatting), [Change(key, "add", new=value)]
            return text, changes
        stale = next((m for m in members if not _same(to_value(m.value_node), value)), None)
        if stale is None:
            return text, changes
        changes.append(Change(key, "set", old=to_value(stale.value_node), new=value))
        text = replace_value(text, stale.value_node, value, formatting)


def _remove_every(text: str, path: list[str], formatting: Formatting) -> tuple[str, list[Change]]:
    key = ".".join(path)
    changes: list[Change] = []
    while True:
        root = parse(text).root
        members = find_members(root, path) if root else []
        if not members:
            return text, changes
        removed = remove_property(text, path, formatting)
        lost = tuple((Counter(comments(text)) - Counter(comments(removed))).elements())
        changes.append(Change(key, "remove", old=to_value(members[0].value_node), comments=lost))
        text = removed


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b  # False is not 0, and "0" is not 0

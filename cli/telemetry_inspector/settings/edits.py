"""Key edits on settings text: the telemetry keys set or removed wherever VS Code reads them.

Every edit is one of VS Code's own (jsonc set/replace/remove, byte-identical to VS Code's).
We go beyond VS Code in two decided ways: every spelling of a key is set (a duplicated key: VS Code
edits the first while the last one wins; a nested `{"telemetry": {...}}` object), and set-level
removes the deprecated switches that would force telemetry off in the same write. A removal takes
the comments inside the removed lines with it, as VS Code's own removal does; those are named in
the change so the user is told. The result is re-read as VS Code reads it (telemetry.misread)
before anyone may write: jsonc reads a text its edits made again around the edits only, to the
tree a whole read gives, so each check costs what the edit changed, not the file's size.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from telemetry_inspector.errors import RefusedError
from telemetry_inspector.jsonc import (
    Formatting,
    add_members,
    apply_edits,
    find_members,
    parse,
    remove_first_member,
    remove_members_at_once,
    replace_value,
    set_property,
    stringify,
    to_value,
)
from telemetry_inspector.settings.telemetry import misread, spellings
from telemetry_inspector.settings.values import read_setting, settings_for
from telemetry_inspector.settings.write_model import Action, Change
from telemetry_inspector.vscode.model import DEPRECATED_SETTINGS, LEVEL_SETTING, Level
from telemetry_inspector.vscode.switch_model import REMOVE
from telemetry_inspector.vscode.switches import same_value

# Removals one at a time, each a new read of the text, before a key is refused (~1 s of work).
_ONE_BY_ONE = 256


def set_level(
    text: str, level: Level, formatting: Formatting, file: Path | None = None
) -> tuple[str, list[Change]]:
    """The text with the level set everywhere it is spelled and the deprecated switches removed
    (`file`: the file the text is of, for a refusal to name)."""
    return edit_settings(text, level_edits(level), formatting, file)


def level_edits(level: Level) -> list[tuple[str, Any]]:
    return [(LEVEL_SETTING, level.value), *((key, REMOVE) for key in DEPRECATED_SETTINGS)]


def edit_settings(
    text: str, edits: Iterable[tuple[str, Any]], formatting: Formatting, file: Path | None = None
) -> tuple[str, list[Change]]:
    """Each (key, value) set wherever it is spelled (added flat when nowhere), each (key, REMOVE)
    removed wherever it is spelled, in order."""
    changes: list[Change] = []
    edits = list(edits)
    pending: list[tuple[str, Any]] = []  # keys spelled nowhere yet: added together, in order
    for key, value in edits:
        flat, *nested = spellings(key)
        if value is not REMOVE and _spelled_nowhere(text, key):
            pending.append((key, value))
            changes.append(Change(key, Action.add, new=value))
            continue
        text = add_members(text, pending, formatting)
        pending = []
        if value is REMOVE:
            for path in (flat, *nested):
                text, more = _remove_every(text, path, formatting, file)
                changes += more
            continue
        text, more = _set_every(text, flat, value, formatting, insert=True)
        changes += more
        for path in nested:
            text, more = _set_every(text, path, value, formatting, insert=False)
            changes += more
    text = add_members(text, pending, formatting)
    wanted = {key: value for key, value in edits if value is not REMOVE}
    # Every key edited, as the caller's check reads them next (the same text is read once).
    for key in misread(text, dict(edits)):
        if key in wanted:  # rare: only keys a nested object hides
            text, more = _unhide(text, key, wanted[key], formatting)
            changes += more
    return text, changes


def _spelled_nowhere(text: str, key: str) -> bool:
    """No member spells `key` yet (each parse of the same text is cached)."""
    root = parse(text).root
    if root is None or root.type != "object" or parse(text).issues:
        return False  # the careful road, one edit at a time
    return not any(find_members(root, path) for path in spellings(key))


def _unhide(text: str, key: str, value: Any, formatting: Formatting) -> tuple[str, list[Change]]:
    """A nested object later in the file replaces what a flat key set (`{"a.b": 1, "a": {}}` reads
    a.b as unset in VS Code): then the value goes inside that object too."""
    changes: list[Change] = []
    for path in spellings(key)[1:]:
        document = parse(text)
        if same_value(read_setting(settings_for(document.root, [key]), key), value):
            break
        holders = find_members(document.root, path[:1]) if document.root else []
        holder = holders[-1].value_node if holders else None
        if holder is not None and holder.type == "object":  # missing levels get created
            text = set_property(text, path, value, formatting)
            changes.append(Change(key, Action.add, new=value))
    return text, changes


def _set_every(
    text: str, path: list[str], value: Any, formatting: Formatting, *, insert: bool
) -> tuple[str, list[Change]]:
    key = ".".join(path)
    if value is None or isinstance(value, str | bool):
        at_once = _set_scalar_at_once(text, path, value)
        if at_once is not None:
            return at_once
    changes: list[Change] = []
    rounds = None  # one member set a round, as many rounds as there were members
    while True:
        root = parse(text).root
        members = find_members(root, path) if root else []
        if not members:
            if insert and not changes:
                added = Change(key, Action.add, new=value)
                return set_property(text, path, value, formatting), [added]
            return text, changes
        stale = next((m for m in members if not same_value(to_value(m.value_node), value)), None)
        rounds = len(members) if rounds is None else rounds
        if stale is None or len(changes) == rounds:
            # or a value that does not read back as written (2**60 is written as JavaScript
            # would, 1152921504606847000): the caller's check (misread) refuses the text
            return text, changes
        changes.append(Change(key, Action.set, old=to_value(stale.value_node), new=value))
        text = replace_value(text, stale.value_node, value, formatting)


def _set_scalar_at_once(text: str, path: list[str], value: Any) -> tuple[str, list[Change]] | None:
    """Every member set in one edit, when each is a plain replacement: the value is one token
    that reads back as itself, so formatting it changes nothing and the members one at a time
    give the same text. A file with thousands of duplicates took a re-read per member (quadratic:
    2,000 in 70 KB took 45 s). None: the careful road."""
    document = parse(text)
    members = find_members(document.root, path) if document.root and not document.issues else []
    if not members:
        return None
    stale = [m for m in members if not same_value(to_value(m.value_node), value)]
    key = ".".join(path)
    changes = [Change(key, Action.set, old=to_value(m.value_node), new=value) for m in stale]
    token = stringify(value)
    edits = [(m.value_node.offset, m.value_node.end, token) for m in stale]
    return apply_edits(text, edits), changes


def _remove_every(
    text: str, path: list[str], formatting: Formatting, file: Path | None
) -> tuple[str, list[Change]]:
    """Every member spelled `path` removed, as VS Code's removal of the first one, again and
    again, would: all at once where that gives the same text (jsonc remove_members_at_once);
    else one at a time (the first removal may lay a one-line object out a member a line, after
    which the rest go at once). One at a time re-reads the file each time, so a key written more
    than _ONE_BY_ONE times in a layout that allows no other way is refused, not edited for hours."""
    key = ".".join(path)
    changes: list[Change] = []
    rounds = None  # one member removed a round: never more rounds than there were members
    while True:
        root = parse(text).root
        members = find_members(root, path) if root else []
        rounds = len(members) if rounds is None else rounds
        if not members or len(changes) == rounds:
            return text, changes
        at_once = remove_members_at_once(text, path, formatting) if len(members) > 1 else None
        if at_once is not None:
            text, removed = at_once
            changes += [Change(key, Action.remove, old=old, comments=lost) for old, lost in removed]
            return text, changes
        if changes and len(members) > _ONE_BY_ONE:
            raise RefusedError(
                f"{key} is written {len(members)} times, in a layout whose copies can only be "
                "removed one by one, each a new read of the file; nothing was written",
                path=file,
                hint="put each copy on a line of its own, or remove the copies by hand",
            )
        old = to_value(members[0].value_node)
        text, lost = remove_first_member(text, path, formatting)
        changes.append(Change(key, Action.remove, old=old, comments=lost))

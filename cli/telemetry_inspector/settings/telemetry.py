"""The telemetry keys of a settings document: what VS Code reads from them, and the check that an
edited text reads as intended. Reading only (`status` needs nothing more); the edits are in
edits.py, which loads the JSONC editor.
"""

from __future__ import annotations

import atexit
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from telemetry_inspector.errors import RefusedError
from telemetry_inspector.jsonc import Document, find_members, parse
from telemetry_inspector.settings.model import TelemetrySettings
from telemetry_inspector.settings.values import look_up, read_setting, settings_for, values_tree
from telemetry_inspector.vscode.model import DEPRECATED_SETTINGS, LEVEL_SETTING, UNSET

READ = (LEVEL_SETTING, *DEPRECATED_SETTINGS)
EOL_SETTING = "files.eol"


def read_telemetry(document: Document, settings: dict[str, Any] | None = None) -> TelemetrySettings:
    """The telemetry keys of `document`; `settings`: its members for READ (and maybe more) when
    the caller has them already (settings_for walks every top-level key: once is enough)."""
    if settings is None:
        settings = settings_for(document.root, READ)
    deprecated = {key: read_setting(settings, key) for key in DEPRECATED_SETTINGS}
    members = sum(len(find_members(document.root, p)) for p in spellings(LEVEL_SETTING))
    return TelemetrySettings(
        configured=read_setting(settings, LEVEL_SETTING),
        deprecated={key: value for key, value in deprecated.items() if value is not UNSET},
        level_members=members if document.root is not None else 0,
    )


def line_break_setting(document: Document, settings: dict[str, Any] | None = None) -> Any:
    """files.eol as VS Code reads it: the line break it uses where the file has none yet
    (`settings`: as for read_telemetry, with the members for EOL_SETTING)."""
    if settings is None:
        settings = settings_for(document.root, [EOL_SETTING])
    return read_setting(settings, EOL_SETTING)


def spellings(key: str) -> list[list[str]]:
    """Every member path VS Code reads a setting from, flat first: only top-level keys are split at
    their dots, so `a.b.c` is also `a.b` > `c` and `a` > `b` > `c` (but not `a` > `b.c`)."""
    segments = key.split(".")
    return [[".".join(segments[:k]), *segments[k:]] for k in range(len(segments), 0, -1)]


def reads_as(text: str, expected: Mapping[str, Any]) -> bool:
    """Does `text` parse, and does VS Code read every key as expected (REMOVE: not set at all)?"""
    return not misread(text, expected)


def hidden_by_a_member(key: str, value: str, path: Path) -> RefusedError:
    """The refusal when an edit cannot make VS Code read `key`: a member named like its first
    segment (`{"telemetry": 5}`) stands in the way."""
    import json  # here: a refusal is rare, and set-level's start loads no JSON module otherwise

    return RefusedError(
        f"VS Code would still not read {key} as {value} after the edit, so nothing was written",
        path=path,
        hint=f"a member named {json.dumps(key.split('.')[0])} hides it: not an object, "
        "or an object written twice; fix that and try again",
    )


def misread(text: str, expected: Mapping[str, Any]) -> list[str]:
    """The keys VS Code would not read as expected from `text` (all, if it does not parse)."""
    # Here, not at the top: `status` reads, and has no use for the switches and their records.
    from telemetry_inspector.vscode.switch_model import REMOVE
    from telemetry_inspector.vscode.switches import same_value

    document = parse(text)
    if document.issues:
        return list(expected)
    tree = values_tree(_members_for(document, tuple(expected)))  # only the members that matter
    wrong = []
    for key, value in expected.items():
        found = look_up(tree, key)
        if (found is not UNSET) if value is REMOVE else not same_value(found, value):
            wrong.append(key)
    return wrong


# The last document misread read and the members it found: an edit checks its result (edits.py),
# then the plan checks it again before writing (plan.py, lockdown.py); each check walks every
# top-level key of the text, and the second would find what the first found.
_last_read: list[tuple[Document, tuple[str, ...], dict[str, Any]]] = []
atexit.register(_last_read.clear)  # let go before teardown, as jsonc's own cache (parser.py)


def _members_for(document: Document, keys: tuple[str, ...]) -> dict[str, Any]:
    if _last_read and _last_read[0][0] is document and _last_read[0][1] == keys:
        return _last_read[0][2]  # a Document is immutable: the same one reads the same
    settings = settings_for(document.root, keys)
    _last_read[:] = [(document, keys, settings)]
    return settings

"""How VS Code reads a setting out of a parsed settings object.

VS Code builds a value tree from the top-level keys in order, splitting each key at its dots, so
`{"telemetry.telemetryLevel": "off"}` and `{"telemetry": {"telemetryLevel": "off"}}` both set the
same setting, and whichever comes later in the file wins. A duplicate key keeps its first position
and its last value (JSON.parse). Language overrides (`"[python]": {...}`) are not settings here.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from telemetry_inspector.vscode.levels import UNSET

_OVERRIDE = re.compile(r"^\[.*\]$")


def values_tree(settings: dict[str, Any]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, value in settings.items():
        if not _OVERRIDE.match(key):
            _add(tree, key.split("."), value)
    return tree


def _add(tree: dict[str, Any], segments: list[str], value: Any) -> None:
    node = tree
    for segment in segments[:-1]:
        child = node.setdefault(segment, {})
        if not isinstance(child, dict):
            return  # VS Code reports a conflict and ignores the key ("Ignoring a.b as a is 1")
        node = child
    # Copied: a later dotted key may write into this object, and the parsed input must not change.
    node[segments[-1]] = copy.deepcopy(value) if isinstance(value, dict) else value


def read_setting(settings: dict[str, Any] | None, key: str) -> Any:
    """The value VS Code would read for `key`, or UNSET when the file does not set it."""
    return look_up(values_tree(settings or {}), key)


def look_up(tree: dict[str, Any], key: str) -> Any:
    """`key` in a tree made by values_tree (build it once to read many keys)."""
    node: Any = tree
    for segment in key.split("."):
        if not isinstance(node, dict) or segment not in node:
            return UNSET
        node = node[segment]
    return node

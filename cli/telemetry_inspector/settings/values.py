"""How VS Code reads a setting out of a parsed settings object.

VS Code builds a value tree from the top-level keys in order, splitting each key at its dots, so
`{"telemetry.telemetryLevel": "off"}` and `{"telemetry": {"telemetryLevel": "off"}}` both set the
same setting, and whichever comes later in the file wins. A duplicate key keeps its first position
and its last value (JSON.parse). Language overrides (`"[python]": {...}`) are not settings here.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from itertools import compress, repeat
from typing import Any

from telemetry_inspector.jsonc import Node, to_value
from telemetry_inspector.settings.model import as_javascript
from telemetry_inspector.vscode.model import UNSET

_OVERRIDE = re.compile(r"^\[.*\]$")


def as_json(value: Any) -> str:
    """A settings value in a message, spelled as in the file: JSON (`true`, `"all"`, `null`)."""
    import json  # here: only audit and lockdown messages need it, not set-level's start

    return json.dumps(as_javascript(value))  # a number as VS Code holds it (1E2: 100)


def settings_for(root: Node | None, keys: Iterable[str]) -> dict[str, Any]:
    """The members of a settings object that can set `keys`, as JSON.parse gives them.

    A member can set a key when one of the two is a dotted prefix of the other (`telemetry` holds
    `telemetry.telemetryLevel`). Only those become values: a settings file can be large.
    """
    if root is None or root.type != "object":
        return {}
    wanted = tuple(keys)
    prefixes = {
        ".".join(key.split(".")[:n]) for key in wanted for n in range(1, key.count(".") + 2)
    }
    deeper = tuple(key + "." for key in wanted)
    names = root.member_keys()
    # Each such name starts with a wanted key's first segment: that test runs in C over the
    # names (a large file has tens of thousands), only the few that pass are looked at here.
    starts = tuple({key.split(".", 1)[0] for key in wanted})
    found: dict[str, Any] = {}
    for index in compress(range(len(names)), map(str.startswith, names, repeat(starts))):
        name = names[index]
        if name in prefixes or name.startswith(deeper):
            value_node = root.member_at(index).value_node
            if value_node is not None:
                found[name] = to_value(value_node)  # a later duplicate keeps the first place
    return found


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

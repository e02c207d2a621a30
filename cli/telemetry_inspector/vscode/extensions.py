"""An extension's own telemetry and online-service switches, read from its package.json.

An extension declares its settings in `contributes.configuration` (one object or an array of them),
`properties` keyed by setting id. A setting is a switch when it is tagged `telemetry` or
`usesOnlineServices`, or when it is a boolean or an enum whose id names telemetry (many extensions
tag nothing: `redhat.telemetry.enabled`). The value that turns it off is derived from its type and
enum, and from its name for inverted switches (`disableTelemetry`, `telemetry.optOut`).
Everything here works on parsed manifests; reading them from disk is the settings layer's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from telemetry_inspector.vscode.extension_model import Extension
from telemetry_inspector.vscode.switch_model import ONLINE, TELEMETRY, UNKNOWN, Switch

TAGS = (TELEMETRY, "usesOnlineServices")
# Enum members that mean "off", best first.
OFF_WORDS = ("off", "none", "disabled", "disable", "never", "false", "no", "optout", "opt-out")
# Words that make `true` the off value of a boolean: disableX, telemetry.optOut, noTracking.
_NEGATIONS = {"disable", "disabled", "disables", "optout", "not", "no", "deny", "prevent"}
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_TYPE_DEFAULTS = {
    "boolean": False,
    "number": 0,
    "integer": 0,
    "string": "",
    "array": [],
    "object": {},
}


def extension_id(manifest: dict[str, Any]) -> str | None:
    """`publisher.name`, or None when the manifest does not say (VS Code would not load it)."""
    publisher, name = manifest.get("publisher"), manifest.get("name")
    if isinstance(publisher, str) and isinstance(name, str) and publisher and name:
        return f"{publisher}.{name}"
    return None


def configuration_properties(manifest: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (setting id, schema) the manifest contributes, in declaration order."""
    contributes = manifest.get("contributes")
    if not isinstance(contributes, dict):
        return
    sections = contributes.get("configuration")
    for section in sections if isinstance(sections, list) else [sections]:
        properties = section.get("properties") if isinstance(section, dict) else None
        if isinstance(properties, dict):
            for key, schema in properties.items():
                if isinstance(schema, dict):
                    yield key, schema


def manifest_switches(manifest: dict[str, Any], scope: str) -> list[Switch]:
    return [
        _switch(key, schema, scope)
        for key, schema in configuration_properties(manifest)
        if is_switch(key, schema)
    ]


def is_switch(key: str, schema: dict[str, Any]) -> bool:
    tags = schema.get("tags")
    if isinstance(tags, list) and any(tag in tags for tag in TAGS):
        return True
    return names_telemetry(key) and ("boolean" in _types(schema) or _enum(schema) is not None)


def names_telemetry(key: str) -> bool:
    return "telemetry" in key.lower()


def _switch(key: str, schema: dict[str, Any], scope: str) -> Switch:
    tags = schema.get("tags") if isinstance(schema.get("tags"), list) else []
    kind = TELEMETRY if TELEMETRY in tags or names_telemetry(key) else ONLINE
    off = off_value(key, schema)
    relevant = [tag for tag in TAGS if tag in tags]
    notes = [f"tagged {', '.join(relevant)}" if relevant else "untagged, found by its name"]
    if off is True:
        notes.append("inverted: true turns it off")
    if off is UNKNOWN:
        notes.append("no off value for its type: check by hand")
    return Switch(key, scope, kind, default_value(schema), off, note="; ".join(notes))


def off_value(key: str, schema: dict[str, Any]) -> Any:
    """The value that turns the setting off, or UNKNOWN."""
    enum = _enum(schema)
    if enum is not None:
        return _off_member(key, enum)
    if "boolean" in _types(schema):
        return is_inverted(key)
    return UNKNOWN


def _off_member(key: str, enum: list[Any]) -> Any:
    if is_inverted(key) and True in _booleans(enum):
        return True
    if False in _booleans(enum):
        return False
    words = {member.lower(): member for member in enum if isinstance(member, str)}
    return next((words[word] for word in OFF_WORDS if word in words), UNKNOWN)


def _booleans(enum: list[Any]) -> list[bool]:
    return [member for member in enum if isinstance(member, bool)]


def is_inverted(key: str) -> bool:
    """Does the name say that `true` turns something off (disableX, optOut, noX, doNotTrack)?"""
    words = [w.lower() for part in key.split(".")[1:] for w in _WORD.findall(part)]
    pairs = {"".join(words[i : i + 2]) for i in range(len(words) - 1)}
    return bool(_NEGATIONS & set(words)) or "optout" in pairs


def default_value(schema: dict[str, Any]) -> Any:
    """The schema's default; without one, VS Code's default for the type (false, 0, "", ...)."""
    if "default" in schema:
        return schema["default"]
    types = _types(schema)
    return _TYPE_DEFAULTS.get(types[0]) if types else None


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []


def _enum(schema: dict[str, Any]) -> list[Any] | None:
    enum = schema.get("enum")
    return enum if isinstance(enum, list) and enum else None


def version_key(version: str) -> tuple[int, ...]:
    """Orders versions as semver does for releases: 1.10.0 after 1.9.2."""
    return tuple(int(n) for n in re.findall(r"\d+", version.split("-")[0]))


def newest_of_each(extensions: Iterable[Extension]) -> list[Extension]:
    """One extension per id (VS Code ids ignore case): the highest version, in first-seen order."""
    chosen: dict[str, Extension] = {}
    for extension in extensions:
        key = extension.id.lower()
        held = chosen.get(key)
        if held is None or version_key(extension.version) > version_key(held.version):
            chosen[key] = extension
    return list(chosen.values())

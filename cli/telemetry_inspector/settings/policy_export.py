"""`lockdown --export`: the policies that turn off what the audit lists, in the files admins
deploy: Linux's policy.json, a macOS configuration profile, a Windows .reg file.

An export covers exactly the audited switches that have a policy; the others can only be turned
off in settings, and are returned so the command can say so. Each rendered file is read back
through the same reader `status` uses on that OS before it is handed out (docs/vscode.md,
"Policies on every OS").
"""

from __future__ import annotations

import json
import plistlib
import re
import tempfile
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from telemetry_inspector.errors import RefusedError
from telemetry_inspector.settings.audit import Audit
from telemetry_inspector.settings.lockdown_model import PolicyExport
from telemetry_inspector.settings.policy import parse_policy
from telemetry_inspector.settings.policy_sources import (
    MappingRegistry,
    read_managed_preferences,
    read_registry_policy,
    registry_data,
)
from telemetry_inspector.vscode.flavors import DEFAULT, Flavor
from telemetry_inspector.vscode.model import DEPRECATED_SETTINGS, LEVEL_POLICY
from telemetry_inspector.vscode.policies import (
    BY_NAME,
    HKLM,
    MANAGED_PREFERENCES,
    REG_DWORD,
    REG_MULTI_SZ,
    REG_QWORD,
    REG_SZ,
    registry_key,
)
from telemetry_inspector.vscode.switches import ONLINE, Switch

FORMATS = ("json", "mobileconfig", "reg")
# Stable ids: the same export twice is the same file, and a new one replaces the old profile.
_PROFILE_NAMESPACE = uuid.UUID("6d1f1c1e-8a43-4c55-9a0e-3f1d0c3e7a21")


def plan_export(
    audits: Iterable[Audit], keep: frozenset[str] = frozenset(), only_telemetry: bool = False
) -> PolicyExport:
    values: dict[str, Any] = {}
    covered: dict[str, Switch] = {}
    rest: dict[str, Switch] = {}
    flavors: dict[str, Flavor] = {}
    audits = list(audits)
    for audit in audits:
        flavor = audit.target.flavor or DEFAULT
        flavors.setdefault(flavor.id, flavor)
        for finding in audit.findings:
            switch = finding.switch
            if _left_alone(switch, keep, only_telemetry):
                continue
            if switch.policy and switch.policy in BY_NAME:
                values[switch.policy] = switch.off
                covered.setdefault(switch.id, switch)
            else:
                rest.setdefault(switch.id, switch)
    if LEVEL_POLICY in values:  # the level's policy decides the level, whatever these say
        for key in DEPRECATED_SETTINGS:
            if key in rest:
                covered[key] = rest.pop(key)
    ordered = {name: values[name] for name in BY_NAME if name in values}
    return PolicyExport(
        ordered, tuple(covered.values()), tuple(rest.values()), tuple(flavors.values())
    )


def _left_alone(switch: Switch, keep: frozenset[str], only_telemetry: bool) -> bool:
    if switch.id.lower() in keep or switch.scope.lower() in keep:
        return True
    return only_telemetry and switch.kind == ONLINE


def render(export: PolicyExport, fmt: str) -> bytes:
    """The file, checked: its values read back through the policy reader of its OS."""
    if fmt == "json":
        data = (json.dumps(export.values, indent=2) + "\n").encode()
        values = parse_policy(data.decode(), Path("policy.json"))  # the Linux reader's parse
        back = {flavor.id: values for flavor in export.flavors}
    elif fmt == "mobileconfig":
        data = render_mobileconfig(export.values, export.flavors)
        back = read_back_profile(data, export.flavors)
    else:
        data = render_reg(export.values, export.flavors)
        registry = parse_reg(data.decode("utf-16"))
        back = {
            flavor.id: read_registry_policy(registry, flavor.win32_policy_key).values
            for flavor in export.flavors
        }
    for flavor in export.flavors:
        if back.get(flavor.id) != export.values:
            raise RefusedError(
                f"the {fmt} export would not read back as written for {flavor.display_name}; "
                "nothing was written"
            )
    return data


# -- macOS ----------------------------------------------------------------------------------


def _profile_uuid(*parts: str) -> str:
    return str(uuid.uuid5(_PROFILE_NAMESPACE, "/".join(parts))).upper()


def render_mobileconfig(values: dict[str, Any], flavors: Iterable[Flavor]) -> bytes:
    """A Configuration profile with one payload per flavor, typed as VS Code's own sample is:
    the payload's PayloadType is the bundle id, and its other keys are the policies."""
    flavors = list(flavors)
    payloads = []
    for flavor in flavors:
        bundle = flavor.darwin_bundle_identifier
        payload_uuid = _profile_uuid(bundle, "payload")
        payloads.append(
            {
                "PayloadDisplayName": f"{flavor.display_name} telemetry",
                "PayloadIdentifier": f"{bundle}.{payload_uuid}",
                "PayloadType": bundle,
                "PayloadUUID": payload_uuid,
                "PayloadVersion": 1,
                **values,
            }
        )
    names = ", ".join(flavor.display_name for flavor in flavors)
    ids = ",".join(flavor.darwin_bundle_identifier for flavor in flavors)
    profile = {
        "PayloadContent": payloads,
        "PayloadDescription": f"Turns off telemetry and online services of {names}.",
        "PayloadDisplayName": f"{names}: telemetry off",
        "PayloadIdentifier": f"{flavors[0].darwin_bundle_identifier}.telemetry-lockdown",
        "PayloadType": "Configuration",
        "PayloadUUID": _profile_uuid(ids, "profile"),
        "PayloadVersion": 1,
        "PayloadScope": "System",
        "TargetDeviceType": 5,  # macOS
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=False)


def managed_preferences_of(profile: bytes) -> dict[str, dict[str, Any]]:
    """What installing the profile puts in /Library/Managed Preferences: for each payload, its
    keys other than the Payload* ones, under its PayloadType (the bundle id)."""
    content = plistlib.loads(profile)
    found: dict[str, dict[str, Any]] = {}
    for payload in content.get("PayloadContent", []):
        keys = {k: v for k, v in payload.items() if not k.startswith("Payload")}
        found.setdefault(payload["PayloadType"], {}).update(keys)
    return found


def read_back_profile(profile: bytes, flavors: Iterable[Flavor]) -> dict[str, dict[str, Any]]:
    """Each flavor's policies as the macOS reader sees them once the profile is installed."""
    with tempfile.TemporaryDirectory(prefix="telemetry-profile-") as folder:
        root = Path(folder)
        for bundle, keys in managed_preferences_of(profile).items():
            plist = root / MANAGED_PREFERENCES / f"{bundle}.plist"
            plist.parent.mkdir(parents=True, exist_ok=True)
            plist.write_bytes(plistlib.dumps(keys, fmt=plistlib.FMT_BINARY))
        return {
            flavor.id: read_managed_preferences(root, flavor.darwin_bundle_identifier).values
            for flavor in flavors
        }


# -- Windows --------------------------------------------------------------------------------


def render_reg(values: dict[str, Any], flavors: Iterable[Flavor]) -> bytes:
    """A regedit file setting the machine policies: UTF-16LE with a byte order mark and CRLF,
    as regedit writes them. Parent keys are listed too, since not every importer makes them."""
    lines = ["Windows Registry Editor Version 5.00", ""]
    made: set[str] = set()
    for flavor in flavors:
        key = registry_key(flavor.win32_policy_key)
        parts = key.split("\\")
        for depth in range(2, len(parts) + 1):
            path = "\\".join((HKLM, *parts[:depth]))
            if path.lower() in made:
                continue
            made.add(path.lower())
            lines.append(f"[{path}]")
            if depth == len(parts):
                for name, value in values.items():
                    lines.append(f'"{_reg_escape(name)}"={_reg_data(name, value)}')
            lines.append("")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-16-le")


def _reg_data(name: str, value: Any) -> str:
    data, kind = registry_data(BY_NAME[name], value)
    if kind == REG_DWORD:
        return f"dword:{data:08x}"
    return f'"{_reg_escape(data)}"'


def _reg_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


_HIVE_NAMES = {"HKLM": HKLM, "HKEY_LOCAL_MACHINE": HKLM}
_HIVE_NAMES.update({"HKCU": "HKEY_CURRENT_USER", "HKEY_CURRENT_USER": "HKEY_CURRENT_USER"})
_VALUE = re.compile(r'^(?:"((?:[^"\\]|\\.)*)"|@)=(.*)$')
_HEX = re.compile(r"^hex(?:\(([0-9a-fA-F]+)\))?:(.*)$")


def parse_reg(text: str) -> MappingRegistry:
    """A regedit file (as regedit or hivexregedit writes it) into a registry mapping: string,
    dword and hex(N) values; `-` deletes. What we do not understand raises a ValueError."""
    registry = MappingRegistry()
    hive = key = None
    for line in _logical_lines(text):
        if not line or line.startswith(";") or line.startswith("Windows Registry Editor"):
            continue
        if line.startswith("[") and line.endswith("]"):
            path = line[1:-1]
            if path.startswith("-"):
                hive = key = None
                continue
            hive_name, _, key = path.partition("\\")
            hive = _HIVE_NAMES.get(hive_name.upper())
            if hive is None:
                raise ValueError(f"unknown hive in [{path}]")
            continue
        match = _VALUE.match(line)
        if match is None or hive is None or key is None:
            raise ValueError(f"not a registry value line: {line[:60]!r}")
        name = re.sub(r"\\(.)", r"\1", match.group(1) or "")
        parsed = _parse_data(match.group(2))
        if parsed is not None:
            registry.set_value(hive, key.rstrip("\\"), name, *parsed)
    return registry


def _logical_lines(text: str) -> Iterable[str]:
    """Lines with hex data continued by a trailing backslash joined back into one."""
    pending = ""
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if line.endswith("\\") and not line.startswith("["):
            pending += line[:-1]
            continue
        yield pending + line
        pending = ""
    if pending:
        yield pending


def _parse_data(data: str) -> tuple[Any, int] | None:
    if data == "-":
        return None
    if data.startswith('"') and data.endswith('"'):
        return re.sub(r"\\(.)", r"\1", data[1:-1]), REG_SZ
    if data.lower().startswith("dword:"):
        return int(data[6:], 16), REG_DWORD
    match = _HEX.match(data)
    if match is None:
        raise ValueError(f"not a registry value: {data[:60]!r}")
    kind = int(match.group(1) or "3", 16)
    raw = bytes(int(byte, 16) for byte in match.group(2).replace(" ", "").split(",") if byte)
    if kind == REG_SZ:
        return raw.decode("utf-16-le").split("\0", 1)[0], REG_SZ
    if kind == REG_MULTI_SZ:
        return [s for s in raw.decode("utf-16-le").split("\0") if s], REG_MULTI_SZ
    if kind in (REG_DWORD, REG_QWORD):
        return int.from_bytes(raw, "little"), kind
    return raw, kind

"""The VS Code policies that reach a telemetry or online-service switch, with their value types,
and where each operating system keeps them (docs/vscode.md, "Policies on every OS").

Facts only: the readers and writers live in settings/policy_sources.py and policy_export.py.
"""

from __future__ import annotations

from typing import Literal

from telemetry_inspector.records import record
from telemetry_inspector.vscode.model import FEEDBACK_POLICY, LEVEL_POLICY

PolicyType = Literal["string", "boolean", "number"]

UPDATE_POLICY = "UpdateMode"

# Windows: every flavor's policies are values of one key under each hive (HKLM wins over HKCU).
REGISTRY_KEY_PREFIX = "Software\\Policies\\Microsoft\\"
HKLM = "HKEY_LOCAL_MACHINE"
HKCU = "HKEY_CURRENT_USER"
HIVES: tuple[str, ...] = (HKLM, HKCU)

# The registry value types VS Code's reader takes (winnt.h numbers, as winreg names them).
REG_SZ = 1
REG_DWORD = 4
REG_MULTI_SZ = 7
REG_QWORD = 11

# macOS: what a configuration profile installs, per user and machine-wide, under this folder.
MANAGED_PREFERENCES = "Library/Managed Preferences"


@record
class PolicyDef:
    name: str  # the value name in the registry, the key in a plist or policy.json
    setting: str  # the setting it overrides
    type: PolicyType
    enum: tuple[str, ...] = ()
    minimum_version: str = ""


# From policyData.jsonc (build/lib/policies) and the settings' own `policy` blocks in 1.139.
POLICIES: tuple[PolicyDef, ...] = (
    PolicyDef(
        LEVEL_POLICY,
        "telemetry.telemetryLevel",
        "string",
        ("all", "error", "crash", "off"),
        "1.99",
    ),
    PolicyDef(FEEDBACK_POLICY, "telemetry.feedback.enabled", "boolean", (), "1.99"),
    PolicyDef(
        UPDATE_POLICY, "update.mode", "string", ("none", "manual", "start", "default"), "1.67"
    ),
)
BY_NAME: dict[str, PolicyDef] = {policy.name: policy for policy in POLICIES}


def registry_key(win32_reg_value_name: str) -> str:
    """The key under HKLM or HKCU holding a flavor's policies (product.json win32RegValueName)."""
    return REGISTRY_KEY_PREFIX + win32_reg_value_name

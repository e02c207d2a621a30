"""The switches that let VS Code send telemetry or contact online services, and their off values.

The core ones are facts of VS Code (settings tagged `usesOnlineServices`, the telemetry settings,
argv.json's crash reporter); extensions add their own, derived from their manifests (extensions.py).
The `Switch` record itself is in vscode/model.py, for render to show. A switch is "off" when its
value is its off value; the level-related ones can also be judged against a level other than off
(`audit --level`).
"""

from __future__ import annotations

from typing import Any

from telemetry_inspector.vscode.model import (
    DEPRECATED_SETTINGS,
    FEEDBACK_POLICY,
    LEVEL_POLICY,
    LEVEL_SETTING,
    UNSET,
)
from telemetry_inspector.vscode.policies import UPDATE_POLICY
from telemetry_inspector.vscode.switch_model import ARGV, ONLINE, REMOVE, TELEMETRY, UNKNOWN, Switch

CORE = "core"
CRASH_REPORTER = "enable-crash-reporter"
FEEDBACK_SETTING = "telemetry.feedback.enabled"


def is_off_value(switch: Switch, value: Any) -> bool | None:
    """Does `value` turn the switch off? None when no off value is known."""
    if switch.off is UNKNOWN:
        return None
    if switch.off is REMOVE:
        return value is UNSET or value is False
    return any(same_value(value, off) for off in (switch.off, *switch.also_off))


def same_value(a: Any, b: Any) -> bool:
    """JSON equality that tells false from 0 and "0" from 0, as VS Code's `===` does."""
    return type(a) is type(b) and a == b


def _core(key: str, default: Any, off: Any, kind: str = ONLINE, **more: Any) -> Switch:
    return Switch(key, CORE, kind, default, off, **more)


def _builtin(folder: str, key: str, default: Any, off: Any, **more: Any) -> Switch:
    return Switch(key, f"built-in {folder}", ONLINE, default, off, **more)


def _deprecated(key: str) -> Switch:
    # Absent is its normal state: only false does anything (it forces telemetry off).
    note = "deprecated: false forces telemetry off"
    return _core(key, UNSET, REMOVE, TELEMETRY, level=True, note=note)


# docs/vscode.md, "The telemetry level" and "Switches that let VS Code go online".
# Order: what a reader checks first.
CORE_SWITCHES: tuple[Switch, ...] = (
    _core(LEVEL_SETTING, "all", "off", TELEMETRY, level=True, policy=LEVEL_POLICY),
    *(_deprecated(key) for key in DEPRECATED_SETTINGS),
    Switch(
        CRASH_REPORTER,
        "argv",
        TELEMETRY,
        True,
        False,
        file=ARGV,
        level=True,
        note="restart VS Code after a change",
    ),
    _core(FEEDBACK_SETTING, True, False, TELEMETRY, policy=FEEDBACK_POLICY),
    _core("telemetry.editStats.enabled", True, False, TELEMETRY),
    _core("workbench.enableExperiments", True, False),
    _core(
        "update.mode",
        "default",
        "none",
        also_off=("manual",),
        policy=UPDATE_POLICY,
        note="manual: no background",
    ),
    _core("update.showReleaseNotes", True, False),
    # An enum since VS Code 1.125; 1.139 migrates false (and "onlySelectedExtensions") in the
    # user's settings.json to "off" (docs/vscode.md, "What the real VS Code server showed").
    _core(
        "extensions.autoUpdate",
        "on",
        "off",
        also_off=(False, "onlySelectedExtensions"),
        note='"off" since 1.125; VS Code migrates false to it',
    ),
    _core("extensions.autoCheckUpdates", True, False),
    _core("extensions.gallery.useUnpkgResourceApi", True, False),
    _core("workbench.settings.enableNaturalLanguageSearch", True, False),
    _core("workbench.cloudChanges.autoResume", "onReload", "off"),
    _core("workbench.cloudChanges.continueOn", "prompt", "off"),
    _core("workbench.experimental.cloudChanges.autoStore", "off", "off"),
    _builtin("git", "git.autofetch", False, False),
    _builtin("json-language-features", "json.schemaDownload.enable", True, False),
    _builtin("npm", "npm.fetchOnlinePackageInfo", True, False),
    _builtin(
        "typescript-language-features",
        "typescript.disableAutomaticTypeAcquisition",
        False,
        True,
        note="inverted: true turns it off",
    ),
)

"""The core switch catalogue against docs/vscode.md ("Switches that let VS Code go online"),
and what counts as off."""

from __future__ import annotations

import pytest

from telemetry_inspector.vscode.model import UNSET
from telemetry_inspector.vscode.switch_model import ARGV, ONLINE, REMOVE, TELEMETRY, UNKNOWN, Switch
from telemetry_inspector.vscode.switches import CORE_SWITCHES, is_off_value

# The table in docs/vscode.md (setting: default, off value), typed in from there.
REFERENCE_TABLE = {
    "telemetry.telemetryLevel": ("all", "off"),
    "update.mode": ("default", "none"),
    "update.showReleaseNotes": (True, False),
    "extensions.autoUpdate": ("on", "off"),
    "extensions.autoCheckUpdates": (True, False),
    "extensions.gallery.useUnpkgResourceApi": (True, False),
    "workbench.settings.enableNaturalLanguageSearch": (True, False),
    "workbench.enableExperiments": (True, False),
    "workbench.cloudChanges.autoResume": ("onReload", "off"),
    "workbench.cloudChanges.continueOn": ("prompt", "off"),
    "workbench.experimental.cloudChanges.autoStore": ("off", "off"),
    "git.autofetch": (False, False),
    "json.schemaDownload.enable": (True, False),
    "npm.fetchOnlinePackageInfo": (True, False),
    "typescript.disableAutomaticTypeAcquisition": (False, True),
}
BY_ID = {switch.id: switch for switch in CORE_SWITCHES}


@pytest.mark.parametrize(("key", "expected"), sorted(REFERENCE_TABLE.items()))
def test_every_setting_of_the_reference_table_with_its_default_and_off_value(key, expected):
    switch = BY_ID[key]
    assert (switch.default, switch.off) == expected
    assert switch.file != ARGV


def test_the_telemetry_switches_beside_the_table():
    assert BY_ID["telemetry.feedback.enabled"].off is False
    assert BY_ID["telemetry.feedback.enabled"].policy == "EnableFeedback"
    assert BY_ID["telemetry.editStats.enabled"].off is False
    assert BY_ID["telemetry.telemetryLevel"].policy == "TelemetryLevel"
    for key in ("telemetry.enableTelemetry", "telemetry.enableCrashReporter"):
        assert BY_ID[key].off is REMOVE and BY_ID[key].level
    crash = BY_ID["enable-crash-reporter"]
    assert (crash.file, crash.default, crash.off, crash.level) == (ARGV, True, False, True)


def test_ids_are_unique_and_kinds_split_telemetry_from_online_services():
    assert len(BY_ID) == len(CORE_SWITCHES)
    telemetry = {s.id for s in CORE_SWITCHES if s.kind == TELEMETRY}
    assert all(key.startswith("telemetry.") or key == "enable-crash-reporter" for key in telemetry)
    assert {s.kind for s in CORE_SWITCHES} == {TELEMETRY, ONLINE}


def _switch(off, also_off=()):
    return Switch("x.y", "core", ONLINE, True, off, also_off=also_off)


@pytest.mark.parametrize(
    ("off", "value", "expected"),
    [
        (False, False, True),
        (False, 0, False),  # 0 is not false, as VS Code's === says
        (False, "false", False),
        (False, None, False),
        (False, UNSET, False),
        ("off", "off", True),
        ("off", "OFF", False),
        (True, 1, False),
        (REMOVE, UNSET, True),
        (REMOVE, False, True),
        (REMOVE, True, False),
        (REMOVE, "false", False),
        (UNKNOWN, 0.1, None),
    ],
)
def test_is_off_value(off, value, expected):
    assert is_off_value(_switch(off), value) is expected


def test_update_mode_manual_counts_as_off_too():
    switch = BY_ID["update.mode"]
    assert is_off_value(switch, "manual") and is_off_value(switch, "none")
    assert not is_off_value(switch, "start") and not is_off_value(switch, "default")

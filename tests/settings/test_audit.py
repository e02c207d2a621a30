"""The audit's judgement on plain values: sources, policies, the level, --level, every kind."""

from __future__ import annotations

import pytest

from telemetry_inspector.settings.audit import all_switches, evaluate
from telemetry_inspector.settings.audit_model import Source
from telemetry_inspector.vscode.extension_model import Extension
from telemetry_inspector.vscode.model import UNSET, Level
from telemetry_inspector.vscode.switch_model import ONLINE, TELEMETRY, UNKNOWN, Switch
from telemetry_inspector.vscode.switches import CORE_SWITCHES


def judge(settings=None, argv=None, policy=None, allowed=Level.off, switches=CORE_SWITCHES):
    findings = evaluate(switches, settings or {}, argv or {}, policy or {}, allowed)
    return {finding.switch.id: finding for finding in findings}


def test_defaults_leave_online_services_and_telemetry_on():
    found = judge()
    assert found["update.showReleaseNotes"].source == Source.default
    assert found["update.showReleaseNotes"].off is False
    assert found["telemetry.telemetryLevel"].value == "all"
    assert found["telemetry.telemetryLevel"].off is False
    assert found["git.autofetch"].off is True  # off by default
    assert found["workbench.experimental.cloudChanges.autoStore"].off is True
    assert found["telemetry.enableTelemetry"].value is UNSET
    assert found["telemetry.enableTelemetry"].off is True  # absent: nothing forced either way
    assert found["enable-crash-reporter"].off is False


def test_user_settings_flat_or_nested_as_vscode_reads_them():
    found = judge(
        {
            "update": {"showReleaseNotes": False},
            "typescript.disableAutomaticTypeAcquisition": True,
            "workbench.cloudChanges.autoResume": "off",
        }
    )
    for key in (
        "update.showReleaseNotes",
        "typescript.disableAutomaticTypeAcquisition",
        "workbench.cloudChanges.autoResume",
    ):
        assert (found[key].source, found[key].off) == (Source.user, True), key


def test_a_value_of_the_wrong_type_is_not_off():
    found = judge({"update.showReleaseNotes": 0, "git.autofetch": "false", "update.mode": None})
    assert [found[k].off for k in ("update.showReleaseNotes", "git.autofetch", "update.mode")] == [
        False,
        False,
        False,
    ]


def test_a_deprecated_switch_left_false_forces_the_level_off():
    found = judge({"telemetry.enableCrashReporter": False, "telemetry.telemetryLevel": "all"})
    level = found["telemetry.telemetryLevel"]
    assert (level.value, level.source, level.off) == ("all", Source.user, True)
    assert "telemetry.enableCrashReporter" in level.note
    assert found["telemetry.enableCrashReporter"].off is True


def test_a_deprecated_switch_set_true_is_not_off():
    found = judge({"telemetry.enableTelemetry": True, "telemetry.telemetryLevel": "off"})
    assert found["telemetry.enableTelemetry"].off is False
    assert found["telemetry.telemetryLevel"].off is True


def test_an_unknown_level_is_not_off_and_says_why():
    level = judge({"telemetry.telemetryLevel": "none"})["telemetry.telemetryLevel"]
    assert level.off is False and "not a telemetry level" in level.note


def test_a_policy_overrides_the_user_and_remembers_the_users_value():
    found = judge(
        {"telemetry.telemetryLevel": "off", "telemetry.feedback.enabled": False},
        policy={"TelemetryLevel": "error", "EnableFeedback": True},
    )
    level, feedback = found["telemetry.telemetryLevel"], found["telemetry.feedback.enabled"]
    expected = ("error", Source.policy, "off", False)
    assert (level.value, level.source, level.own, level.off) == expected
    assert (feedback.value, feedback.source, feedback.own, feedback.off) == (
        True,
        Source.policy,
        False,
        False,
    )


def test_a_policy_turning_things_off_counts():
    found = judge(policy={"TelemetryLevel": "off", "EnableFeedback": False})
    assert found["telemetry.telemetryLevel"].off and found["telemetry.feedback.enabled"].off
    assert found["telemetry.telemetryLevel"].own is UNSET


def test_argv_json_crash_reporter():
    assert judge(argv={"enable-crash-reporter": False})["enable-crash-reporter"].off is True
    assert judge(argv={"enable-crash-reporter": "false"})["enable-crash-reporter"].off is False


@pytest.mark.parametrize(
    ("allowed", "level", "ok"),
    [
        (Level.crash, "crash", True),
        (Level.crash, "off", True),
        (Level.crash, "error", False),
        (Level.error, "error", True),
        (Level.all, "all", True),
        (Level.off, "crash", False),
    ],
)
def test_level_asks_for_at_most_that_level(allowed, level, ok):
    found = judge(
        {"telemetry.telemetryLevel": level},
        argv={"enable-crash-reporter": True},
        allowed=allowed,
    )
    assert found["telemetry.telemetryLevel"].off is ok
    # Crash reports are allowed at any level but off; feedback and online services are not levels.
    assert found["enable-crash-reporter"].off is (allowed is not Level.off)
    assert found["telemetry.feedback.enabled"].off is False


def test_extension_switches_follow_the_core_ones_and_never_replace_them():
    mine = Switch("git.autofetch", "p.x", ONLINE, True, True)
    theirs = Switch("x.telemetry.enabled", "p.x", TELEMETRY, None, False)
    manual = Switch("x.telemetry.rate", "p.x", TELEMETRY, 1, UNKNOWN)
    extension = Extension("p.x", "1.0.0", "/ext/p.x-1.0.0", False, (mine, theirs, manual))
    switches = all_switches([extension])
    assert switches[: len(CORE_SWITCHES)] == list(CORE_SWITCHES)
    assert switches[len(CORE_SWITCHES) :] == [theirs, manual]
    found = judge({"x.telemetry.enabled": True}, switches=switches)
    assert found["x.telemetry.enabled"].off is False
    assert found["x.telemetry.rate"].off is None  # unknown: never counted as on
    assert found["git.autofetch"].switch.scope == "built-in git"

from __future__ import annotations

import pytest

from telemetry_inspector.vscode.flavors import CODE, INSIDERS, VSCODIUM_INSIDERS, find_flavor
from telemetry_inspector.vscode.levels import effective_level
from telemetry_inspector.vscode.model import SENDS, UNSET, Level


def test_what_each_level_sends():
    assert [SENDS[level] for level in Level] == [
        SENDS[Level.all],
        SENDS[Level.error],
        SENDS[Level.crash],
        SENDS[Level.off],
    ]
    table = {level.value: tuple(vars_of(SENDS[level])) for level in Level}
    assert table == {
        "all": (True, True, True),
        "error": (True, True, False),
        "crash": (True, False, False),
        "off": (False, False, False),
    }


def vars_of(sends):
    return (sends.crash_reports, sends.error_telemetry, sends.usage_data)


@pytest.mark.parametrize(
    ("configured", "deprecated", "policy", "level", "source"),
    [
        (UNSET, {}, UNSET, "all", "default"),
        (None, {}, UNSET, "all", "default"),  # `?? 'all'`: JSON null is unset
        ("error", {}, UNSET, "error", "settings"),
        ("off", {}, UNSET, "off", "settings"),
        ("all", {"telemetry.enableTelemetry": False}, UNSET, "off", "telemetry.enableTelemetry"),
        (
            "all",
            {"telemetry.enableCrashReporter": False},
            UNSET,
            "off",
            "telemetry.enableCrashReporter",
        ),
        ("all", {"telemetry.enableTelemetry": "false"}, UNSET, "all", "settings"),  # only false
        ("all", {"telemetry.enableTelemetry": True}, UNSET, "all", "settings"),
        ("all", {}, "crash", "crash", "policy"),
        ("off", {}, "all", "all", "policy"),  # a policy wins over the user
        ("all", {"telemetry.enableTelemetry": False}, "all", "off", "telemetry.enableTelemetry"),
        ("Off", {}, UNSET, None, "settings"),  # case matters to VS Code
        (3, {}, UNSET, None, "settings"),
        ("all", {}, "bogus", None, "policy"),
    ],
)
def test_effective_level_as_vscode_computes_it(configured, deprecated, policy, level, source):
    effective = effective_level(configured=configured, deprecated=deprecated, policy=policy)
    assert (effective.level.value if effective.level else None, effective.source) == (level, source)
    assert (effective.sends is None) == (level is None)


@pytest.mark.parametrize(
    ("name", "flavor"),
    [
        ("code", CODE),
        ("Code - Insiders", INSIDERS),
        ("INSIDERS", INSIDERS),
        ("vscodium insiders", VSCODIUM_INSIDERS),
    ],
)
def test_flavors_are_found_by_any_of_their_names(name, flavor):
    assert find_flavor(name) is flavor


def test_unknown_flavor():
    assert find_flavor("sublime") is None

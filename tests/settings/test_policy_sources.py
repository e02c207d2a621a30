"""Policy read as VS Code reads it on each OS: the same rules on a registry held in a mapping,
plist files under a temporary root, and the real JSON file on Linux."""

from __future__ import annotations

import plistlib
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from telemetry_inspector.settings.audit import audit_target
from telemetry_inspector.settings.policy_sources import (
    MappingRegistry,
    PolicySources,
    read_managed_preferences,
    read_policy_scope,
    read_registry_policy,
)
from telemetry_inspector.settings.status import read_status
from telemetry_inspector.settings.survey import Survey
from telemetry_inspector.settings.targets import Target
from telemetry_inspector.vscode.flavors import CODE, INSIDERS
from telemetry_inspector.vscode.locations import Host
from telemetry_inspector.vscode.policies import HKCU, HKLM, REG_DWORD, REG_MULTI_SZ, REG_SZ

KEY = "Software\\Policies\\Microsoft\\VSCode"


def registry(*values: tuple[str, str, str, object, int]) -> MappingRegistry:
    fake = MappingRegistry()
    for hive, key, name, data, kind in values:
        fake.set_value(hive, key, name, data, kind)
    return fake


# -- Windows --------------------------------------------------------------------------------


def test_the_machine_hive_wins_over_the_users():
    policy = read_registry_policy(
        registry(
            (HKLM, KEY, "TelemetryLevel", "off", REG_SZ),
            (HKCU, KEY, "TelemetryLevel", "all", REG_SZ),
            (HKCU, KEY, "EnableFeedback", 0, REG_DWORD),
        ),
        "VSCode",
    )
    assert policy.values == {"TelemetryLevel": "off", "EnableFeedback": False}
    assert policy.origins == {"TelemetryLevel": f"HKLM\\{KEY}", "EnableFeedback": f"HKCU\\{KEY}"}
    assert policy.notes == ()


def test_a_value_of_a_type_vscode_does_not_read_is_passed_over_for_the_users():
    policy = read_registry_policy(
        registry(
            (HKLM, KEY, "TelemetryLevel", 0, REG_DWORD),  # a level is a string
            (HKCU, KEY, "TelemetryLevel", "crash", REG_SZ),
            (HKLM, KEY, "EnableFeedback", "false", REG_SZ),  # a boolean is a DWORD
        ),
        "VSCode",
    )
    assert policy.values == {"TelemetryLevel": "crash"}
    assert policy.origins["TelemetryLevel"].startswith("HKCU\\")
    assert len(policy.notes) == 2
    assert "TelemetryLevel is REG_DWORD" in policy.notes[0]
    assert "EnableFeedback is REG_SZ" in policy.notes[1]


def test_registry_names_are_case_insensitive_and_multi_strings_join_with_newlines():
    policy = read_registry_policy(
        registry(
            (HKLM, KEY.upper(), "updatemode", ["none", "x"], REG_MULTI_SZ),
            (HKLM, KEY.lower(), "ENABLEFEEDBACK", 7, REG_DWORD),  # any non-zero DWORD is true
        ),
        "VSCode",
    )
    assert policy.values == {"UpdateMode": "none\nx", "EnableFeedback": True}


def test_each_flavor_reads_its_own_key():
    fake = registry((HKLM, KEY + "Insiders", "TelemetryLevel", "off", REG_SZ))
    host = Host("win32", {}, PureWindowsPath("C:\\Users\\me"))
    scope = read_policy_scope(host, [CODE, INSIDERS], sources=PolicySources(fake))
    assert scope.for_flavor(INSIDERS).level == "off"
    assert scope.for_flavor(CODE).exists is False
    assert scope.for_flavor(None) is scope.for_flavor(CODE)  # a --settings file: VS Code's


# -- macOS ----------------------------------------------------------------------------------


def plist(path: Path, values: dict, fmt=plistlib.FMT_XML) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(plistlib.dumps(values, fmt=fmt))
    return path


MANAGED = Path("Library") / "Managed Preferences"
BUNDLE = "com.microsoft.VSCode.plist"


def test_a_users_profile_wins_over_the_machines_and_both_over_plain_defaults(tmp_path):
    home = tmp_path / "Users" / "me"
    plist(tmp_path / MANAGED / "me" / BUNDLE, {"TelemetryLevel": "error"})
    plist(tmp_path / MANAGED / BUNDLE, {"TelemetryLevel": "off", "EnableFeedback": False})
    plist(home / "Library" / "Preferences" / BUNDLE, {"UpdateMode": "none"}, plistlib.FMT_BINARY)
    policy = read_managed_preferences(tmp_path, "com.microsoft.VSCode", "me", home)
    assert policy.values == {
        "TelemetryLevel": "error",
        "EnableFeedback": False,
        "UpdateMode": "none",
    }
    assert "(managed, this user)" in policy.origins["TelemetryLevel"]
    assert "(managed, every user)" in policy.origins["EnableFeedback"]
    assert "(user defaults)" in policy.origins["UpdateMode"]


def test_another_users_profile_and_another_bundle_do_not_count(tmp_path):
    plist(tmp_path / MANAGED / "someone" / BUNDLE, {"TelemetryLevel": "all"})
    plist(tmp_path / MANAGED / "com.microsoft.VSCodeInsiders.plist", {"TelemetryLevel": "all"})
    policy = read_managed_preferences(tmp_path, "com.microsoft.VSCode", "me", None)
    assert (policy.exists, policy.values) == (False, {})


def test_a_broken_plist_or_a_mistyped_value_is_ignored_with_a_note(tmp_path):
    bad = tmp_path / MANAGED / "me" / BUNDLE
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"<plist><dict><key>TelemetryLevel</key>")
    plist(tmp_path / MANAGED / BUNDLE, {"TelemetryLevel": "off", "EnableFeedback": "false"})
    policy = read_managed_preferences(tmp_path, "com.microsoft.VSCode", "me", None)
    assert policy.values == {"TelemetryLevel": "off"}
    assert any(str(bad) in note and "not a property list" in note for note in policy.notes)
    assert any("EnableFeedback is not a boolean" in note for note in policy.notes)


def test_a_plist_that_is_not_a_dictionary_is_ignored(tmp_path):
    plist_path = tmp_path / MANAGED / BUNDLE
    plist_path.parent.mkdir(parents=True)
    plist_path.write_bytes(plistlib.dumps(["TelemetryLevel", "off"]))
    policy = read_managed_preferences(tmp_path, "com.microsoft.VSCode", "", None)
    assert policy.values == {} and "not a dictionary" in policy.notes[0]


# -- Linux ----------------------------------------------------------------------------------


def test_linux_reads_the_one_json_file_for_every_flavor(tmp_path):
    host = Host("linux", {}, PurePosixPath(tmp_path))
    scope = read_policy_scope(host, [CODE, INSIDERS])
    assert scope.shared is not None and str(scope.shared.path) == "/etc/vscode/policy.json"
    assert scope.for_flavor(CODE) is scope.for_flavor(INSIDERS) is scope.shared


def test_a_named_policy_file_wins_on_every_os(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text('{"TelemetryLevel": "crash"}')
    host = Host("darwin", {}, PurePosixPath(tmp_path))
    scope = read_policy_scope(host, [CODE], path, PolicySources(None, tmp_path, "me"))
    assert scope.for_flavor(CODE).level == "crash"


# -- status and audit judge each flavor by its own policy -------------------------------


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_status_and_audit_use_the_flavors_policy_and_say_where_it_is(tmp_path, platform):
    settings = tmp_path / "settings.json"
    settings.write_text('{"telemetry.telemetryLevel": "all", "update.mode": "default"}')
    if platform == "win32":
        sources = PolicySources(
            registry(
                (HKLM, KEY, "TelemetryLevel", "off", REG_SZ),
                (HKLM, KEY, "UpdateMode", "none", REG_SZ),
            )
        )
        where = f"HKLM\\{KEY}"
    else:
        plist(tmp_path / MANAGED / BUNDLE, {"TelemetryLevel": "off", "UpdateMode": "none"})
        sources = PolicySources(None, tmp_path, "me")
        where = str(tmp_path / MANAGED / BUNDLE)
    host = Host(platform, {}, PurePosixPath(tmp_path / "home"))
    target = Target(settings, CODE, None, "user")
    scope = read_policy_scope(host, [CODE], sources=sources)

    status = read_status(target, scope)
    assert (status.effective.level.value, status.effective.source) == ("off", "policy")
    assert any(note.startswith("the level is set by policy: " + where) for note in status.notes())

    audit = audit_target(target, scope, Survey(host).sources(target))
    found = {finding.switch.id: finding for finding in audit.findings}
    assert (found["update.mode"].source, found["update.mode"].off) == ("policy", True)
    assert found["telemetry.telemetryLevel"].off is True

    insiders = Target(settings, INSIDERS, None, "user")  # its own key or bundle id: no policy
    assert read_status(insiders, scope).effective.source == "settings"


# -- what the views say -------------------------------------------------------------------


def test_set_levels_override_warning_names_the_registry_key(capsys):
    from types import SimpleNamespace

    from telemetry_inspector.render.level import warn_about_overrides
    from telemetry_inspector.vscode.model import Level

    fake = registry((HKCU, KEY, "TelemetryLevel", "error", REG_SZ))
    host = Host("win32", {}, PureWindowsPath("C:\\Users\\me"))
    scope = read_policy_scope(host, [CODE, INSIDERS], sources=PolicySources(fake))
    plans = [
        SimpleNamespace(target=Target(Path(name), flavor, None, "user"), level_members=1)
        for name, flavor in (("a.json", CODE), ("b.json", INSIDERS))
    ]
    warn_about_overrides(plans, scope, Level.off)
    err = capsys.readouterr().err
    assert err.count("sets the level to error by policy") == 1  # Insiders has no policy
    assert f"HKCU\\{KEY} sets the level to error by policy" in err


def test_values_vscode_passes_over_are_warnings_naming_them(tmp_path, capsys):
    from telemetry_inspector.render.level import warn_about_policy

    plist(tmp_path / MANAGED / BUNDLE, {"EnableFeedback": "no"})
    host = Host("darwin", {}, PurePosixPath(tmp_path / "home"))
    scope = read_policy_scope(host, [CODE], sources=PolicySources(None, tmp_path, "me"))
    warn_about_policy(scope)
    err = capsys.readouterr().err
    assert err.startswith("warning: ") and "EnableFeedback is not a boolean" in err


def test_audit_json_says_where_each_policy_value_was_found(tmp_path, capsys):
    import json

    from telemetry_inspector.render.privacy import audit_json
    from telemetry_inspector.vscode.model import Level

    settings = tmp_path / "settings.json"
    settings.write_text("{}")
    fake = registry(
        (HKLM, KEY, "TelemetryLevel", "off", REG_SZ), (HKCU, KEY, "EnableFeedback", 0, REG_DWORD)
    )
    host = Host("win32", {}, PurePosixPath(tmp_path / "home"))
    scope = read_policy_scope(host, [CODE], sources=PolicySources(fake))
    target = Target(settings, CODE, None, "user")
    audit_json([audit_target(target, scope, Survey(host).sources(target))], Level.off)
    [record] = json.loads(capsys.readouterr().out)
    assert record["policy"]["file"] is None
    assert record["policy"]["sources"] == {
        "TelemetryLevel": f"HKLM\\{KEY}",
        "EnableFeedback": f"HKCU\\{KEY}",
    }
    sources = {s["id"]: s["source"] for s in record["switches"]}
    assert sources["telemetry.feedback.enabled"] == "policy"

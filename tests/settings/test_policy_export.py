"""lockdown --export: the three files admins deploy, each read back through the policy reader of
its OS, the .reg also merged by the real hivexregedit; and the Windows registry write."""

from __future__ import annotations

import json
import plistlib
import shutil
import subprocess
from pathlib import PurePosixPath

import pytest

from telemetry_inspector.settings.policy import read_policy
from telemetry_inspector.settings.policy_export import managed_preferences_of, parse_reg
from telemetry_inspector.settings.policy_sources import (
    MappingRegistry,
    plan_registry_policy,
    read_managed_preferences,
    read_registry_policy,
    write_registry_policy,
)
from telemetry_inspector.vscode.policies import HKLM, REG_DWORD, REG_SZ
from tests.conftest import assert_one_line_error
from tests.settings.hive import empty_hive
from tests.settings.worlds import (
    copy_examples,
    extensions_of,
    files_under,
    install,
    records,
    settings_of,
    write,
)

OFF = {"TelemetryLevel": "off", "EnableFeedback": False, "UpdateMode": "none"}
WITH_POLICY = {"telemetry.telemetryLevel", "telemetry.feedback.enabled", "update.mode"}
DEPRECATED = {"telemetry.enableTelemetry", "telemetry.enableCrashReporter"}


def audited_ids(cli, *args: str) -> list[str]:
    """Every switch the audit lists, over every flavor's file, in its order."""
    ids = [s["id"] for record in records(cli("audit", "--json", *args)) for s in record["switches"]]
    return list(dict.fromkeys(ids))


def needs_settings(stderr: str) -> list[str]:
    [line] = [line for line in stderr.splitlines() if "needs settings" in line]
    return line.split(": ", 2)[-1].split(", ")


@pytest.fixture
def world(home):
    """The examples world plus an extension whose switch no policy reaches."""
    copy_examples(home)
    props = {"acme.telemetry.enabled": {"type": "boolean", "default": True, "tags": ["telemetry"]}}
    install(extensions_of(home), "acme.tracker", "1.0.0", props)
    return home


def test_json_export_is_the_linux_policy_file_and_lists_the_rest(cli, world, tmp_path):
    out = tmp_path / "deploy" / "policy.json"
    before = files_under(world)
    run = cli("lockdown", "--export", "json", "-o", str(out))
    assert run.code == 0, run
    assert run.out == ""
    assert read_policy(out).values == OFF  # the reader status uses on Linux
    assert files_under(world) == before  # an export changes nothing on this machine
    audited = audited_ids(cli)
    assert "acme.telemetry.enabled" in audited
    # exactly the audited switches without a policy (the deprecated ones yield to the level's)
    expected = [i for i in audited if i not in WITH_POLICY and i not in DEPRECATED]
    assert needs_settings(run.err) == expected


def test_json_export_to_stdout_feeds_a_pipe(cli, world):
    run = cli("lockdown", "--export", "json", "--only", "telemetry")
    assert run.code == 0, run
    assert json.loads(run.out) == {"TelemetryLevel": "off", "EnableFeedback": False}
    assert "update.mode" not in run.err  # left alone by --only, so not needing settings either


def test_keep_leaves_a_policy_out_of_the_export(cli, world):
    run = cli("lockdown", "--export", "json", "--keep", "telemetry.feedback.enabled")
    assert json.loads(run.out) == {"TelemetryLevel": "off", "UpdateMode": "none"}
    assert "telemetry.feedback.enabled" not in needs_settings(run.err)


def test_mobileconfig_is_a_profile_vscode_reads_back_per_flavor(cli, world, tmp_path):
    out = tmp_path / "vscode.mobileconfig"
    run = cli("lockdown", "--export", "mobileconfig", "--flavor", "code", "--flavor", "vscodium")
    assert run.code == 0, run
    out.write_bytes(run.out.encode())
    profile = plistlib.loads(out.read_bytes())
    assert profile["PayloadType"] == "Configuration"
    assert [p["PayloadType"] for p in profile["PayloadContent"]] == [
        "com.microsoft.VSCode",
        "com.vscodium",
    ]
    assert len({p["PayloadUUID"] for p in profile["PayloadContent"]}) == 2
    root = tmp_path / "mac"
    for bundle, keys in managed_preferences_of(out.read_bytes()).items():
        plist = root / "Library" / "Managed Preferences" / f"{bundle}.plist"
        plist.parent.mkdir(parents=True, exist_ok=True)
        plist.write_bytes(plistlib.dumps(keys))
    for bundle in ("com.microsoft.VSCode", "com.vscodium"):
        policy = read_managed_preferences(root, bundle, "me", None)
        assert policy.values == OFF and policy.notes == ()
        assert type(policy.values["EnableFeedback"]) is bool  # a <false/>, not a string
    again = cli("lockdown", "--export", "mobileconfig", "--flavor", "code", "--flavor", "vscodium")
    assert again.out == run.out  # stable ids: re-deploying replaces the profile, not adds one


def test_reg_export_reads_back_through_the_registry_reader(cli, world, tmp_path):
    out = tmp_path / "vscode.reg"
    run = cli("lockdown", "--export", "reg", "-o", str(out), "--flavor", "insiders")
    assert run.code == 0, run
    data = out.read_bytes()
    assert data.startswith(b"\xff\xfe") and b"\r\x00\n\x00" in data  # as regedit writes them
    registry = parse_reg(data.decode("utf-16"))
    assert read_registry_policy(registry, "VSCodeInsiders").values == OFF
    assert read_registry_policy(registry, "VSCode").values == {}  # another flavor's key


@pytest.mark.skipif(
    shutil.which("hivexregedit") is None, reason="needs hivexregedit (.ci/pol-install)"
)
def test_reg_export_merges_into_a_real_hive_with_hivexregedit(cli, world, tmp_path):
    out = tmp_path / "vscode.reg"
    assert cli("lockdown", "--export", "reg", "-o", str(out)).code == 0
    # hivexregedit reads regedit files in the local encoding (its manual): UTF-8, LF.
    local = tmp_path / "local.reg"
    local.write_text(out.read_bytes().decode("utf-16").replace("\r\n", "\n"), encoding="utf-8")
    hive = tmp_path / "SOFTWARE"
    hive.write_bytes(empty_hive())
    prefix = ["--prefix", "HKEY_LOCAL_MACHINE\\SOFTWARE"]
    merge = ["hivexregedit", "--merge", *prefix, str(hive), str(local)]
    subprocess.run(merge, check=True, capture_output=True, timeout=60)
    exported = subprocess.run(
        ["hivexregedit", "--export", *prefix, str(hive), "\\Policies\\Microsoft\\VSCode"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "hex(1):" in exported  # its own spelling of REG_SZ: not just our text echoed back
    registry = parse_reg(exported)
    assert read_registry_policy(registry, "VSCode").values == OFF


def test_registry_write_sets_only_what_differs_and_reads_back():
    registry = MappingRegistry()
    key = "Software\\Policies\\Microsoft\\VSCode"
    registry.set_value(HKLM, key, "TelemetryLevel", "off", REG_SZ)
    registry.set_value(HKLM, key, "EnableFeedback", "0", REG_SZ)  # a type VS Code ignores
    changes = plan_registry_policy(registry, "VSCode", OFF)
    assert [(c.name, c.old) for c in changes] == [("EnableFeedback", None), ("UpdateMode", None)]
    write_registry_policy(registry, changes)
    assert registry.value(HKLM, key, "EnableFeedback") == (0, REG_DWORD)
    assert read_registry_policy(registry, "VSCode").values == OFF
    assert plan_registry_policy(registry, "VSCode", OFF) == []


def test_macos_policy_points_at_a_profile():
    from telemetry_inspector.actions.lockdown import _policy_target
    from telemetry_inspector.errors import UsageError
    from telemetry_inspector.vscode.locations import Host

    with pytest.raises(UsageError) as raised:
        _policy_target(True, None, Host("darwin", {}, PurePosixPath("/Users/me")))
    assert "configuration profile" in raised.value.message
    assert "--export mobileconfig" in raised.value.hint


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--export", "yaml"], "yaml"),
        (["--export", "json", "--check"], "takes no --policy, --dry-run or --check"),
        (["--export", "json", "--undo"], "--undo and --backups take only"),
    ],
)
def test_bad_export_options_are_usage_errors(cli, world, tmp_path, args, needle):
    before = files_under(world)
    run = cli("lockdown", *args)
    assert run.code == 2, run
    assert needle in run.err and "Traceback" not in run.err
    assert files_under(world) == before


def test_an_output_that_is_a_folder_is_one_error_and_nothing_is_written(cli, world, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    run = cli("lockdown", "--export", "reg", "-o", str(folder))
    assert_one_line_error(run, str(folder), "directory")
    assert list(folder.iterdir()) == []


def test_nothing_to_export_when_every_policy_is_kept(cli, world):
    keep = ["--keep", "telemetry.telemetryLevel", "--keep", "telemetry.feedback.enabled"]
    run = cli("lockdown", "--export", "json", "--only", "telemetry", *keep)
    assert_one_line_error(run, "nothing to export")


def test_a_settings_file_that_does_not_parse_stops_the_export(cli, home, tmp_path):
    write(settings_of(home), '{"telemetry.telemetryLevel": ')
    out = tmp_path / "policy.json"
    run = cli("lockdown", "--export", "json", "-o", str(out))
    assert run.code == 1 and not out.exists()
    assert "Traceback" not in run.err

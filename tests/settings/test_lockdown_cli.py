"""lockdown as a user runs it: the examples world, options, refusals, the policy, undo."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import (
    EXAMPLES,
    Run,
    assert_one_line_error,
    run_in_terminal,
    run_unprivileged,
)
from tests.settings.worlds import (
    ALL_OFF,
    all_off_world,
    argv_of,
    copy_examples,
    extensions_of,
    files_under,
    install,
    records,
    settings_of,
    switches,
    values,
    write,
)

EXAMPLE_SETTINGS = EXAMPLES / "home" / ".config" / "Code" / "User" / "settings.json"


def lockdown(cli, *args: str):
    run = cli("lockdown", "--json", *args)
    return run, records(run)


def audit_code(cli, *args: str) -> int:
    return cli("audit", "--json", *args).code


def plain(run: Run) -> Run:
    """The run with terminal styling (bold, dim) taken out."""
    strip = re.compile(r"\x1b\[[0-9;]*m")
    return Run(run.code, strip.sub("", run.out), strip.sub("", run.err))


def backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".lockdown-" in p.name)


def test_the_examples_world_round_trip(cli, home):
    copy_examples(home)
    assert audit_code(cli, "--flavor", "code") == 1
    run, result = lockdown(cli, "--flavor", "code")
    assert run.code == 0, run
    assert audit_code(cli, "--flavor", "code") == 0
    settings, argv = settings_of(home), argv_of(home)
    assert [(f["file"], f["role"], f["written"]) for f in result["files"]] == [
        (str(settings), "settings", True),
        (str(argv), "argv", True),
    ]
    before, after = values(EXAMPLE_SETTINGS), values(settings)
    assert before.pop("telemetry.enableTelemetry") is False  # replaced by the level
    for key, value in ALL_OFF.items():
        if key != "update.mode":  # "manual" already sends nothing: left as the user set it
            assert after[key] == value, key
    assert after["update.mode"] == "manual"
    assert after["redhat.telemetry.enabled"] is False
    assert after["cloudDeploy.enableTelemetry"] is False
    assert after["lintPro.telemetryLevel"] == "off"
    assert after["lintPro.disableRemoteRules"] is True
    assert "docsPreview.telemetry.sampleRate" not in after  # no off value known: left alone
    assert "docsPreview.telemetry.sampleRate" in run.err and "by hand" in run.err
    untouched = {k: v for k, v in before.items() if k not in after or after[k] == v}
    assert {k: after[k] for k in untouched} == untouched  # editor.*, [python], ...
    assert "// Ada's VS Code settings" in settings.read_text()
    assert values(argv)["enable-crash-reporter"] is False
    assert values(argv)["crash-reporter-id"] == "3c1f7a52-9e0d-4b8e-a7d1-2f6b0c9e4d11"
    assert len(backups(settings.parent)) == 2 and len(backups(argv.parent)) == 2
    assert result["files"][0]["backup"] in {
        str(settings.parent / n) for n in backups(settings.parent)
    }
    assert "diff" not in result["files"][0]  # written: no preview
    # A second run has nothing left to do.
    run, again = lockdown(cli, "--flavor", "code")
    assert run.code == 0 and again["changed"] is False and again["files"] == []


def test_dry_run_prints_diffs_that_patch_applies_and_writes_nothing(cli, home, tmp_path):
    copy_examples(home)
    before = files_under(home)
    run = cli("lockdown", "--flavor", "code", "--dry-run")
    assert run.code == 0, run
    assert files_under(home) == before
    assert run.out.count("--- a/") == 2
    copy = copy_examples(tmp_path / "copy")
    patched = subprocess.run(
        ["patch", "-p1", "-d", "/"],
        input=run.out.replace(str(home), str(copy)),
        text=True,
        capture_output=True,
        check=False,
    )
    assert patched.returncode == 0, patched.stderr
    assert cli("lockdown", "--flavor", "code").code == 0
    assert values(settings_of(copy)) == values(settings_of(home))
    assert values(argv_of(copy)) == values(argv_of(home))


def test_check_says_by_exit_code_and_writes_nothing(cli, home):
    copy_examples(home)
    before = files_under(home)
    assert cli("lockdown", "--check").code == 1
    assert files_under(home) == before
    assert cli("lockdown").code == 0
    assert cli("lockdown", "--check").code == 0


def test_terminal_lines_say_what_changed_and_where_the_backup_is(env, home):
    copy_examples(home)
    run = run_in_terminal("--color", "never", "lockdown", "--flavor", "code", env=env)
    assert run.code == 0, run
    run = plain(run)
    lines = run.out.splitlines()
    at = lines.index(str(settings_of(home)))  # the file, then one change per line under it
    changes = [line.strip() for line in lines[at + 1 :] if line.startswith("  ")]
    assert "changed git.autofetch from true to false" in changes
    assert any(c.startswith("removed telemetry.enableTelemetry (false)") for c in changes)
    assert "set telemetry.telemetryLevel to off" in changes
    assert f"{argv_of(home)}\n  changed enable-crash-reporter from true to false" in run.out
    assert f"{settings_of(home)}: backup {settings_of(home)}.lockdown-" in run.err
    assert "restart VS Code" in run.err


def test_keep_leaves_a_switch_or_a_whole_extension_alone(cli, home):
    copy_examples(home)
    run, result = lockdown(
        cli, "--flavor", "code", "--keep", "git.autofetch", "--keep", "examplecorp.Lint-Pro"
    )
    assert run.code == 0, run
    after = values(settings_of(home))
    assert after["git.autofetch"] is True and "lintPro.telemetryLevel" not in after
    kept = {item["id"] for item in result["skipped"] if "--keep" in item["why"]}
    assert kept == {"git.autofetch", "lintPro.telemetryLevel", "lintPro.disableRemoteRules"}
    assert audit_code(cli, "--flavor", "code") == 1


def test_an_unknown_keep_is_a_usage_error_naming_close_matches(cli, home):
    copy_examples(home)
    before = files_under(home)
    run = cli("lockdown", "--keep", "git.autofech")
    assert run.code == 2
    assert_one_line_error(run, "'git.autofech'", "git.autofetch")
    assert files_under(home) == before


def test_only_telemetry_leaves_online_services_alone(cli, home):
    copy_examples(home)
    run, _ = lockdown(cli, "--flavor", "code", "--only", "telemetry")
    assert run.code == 0, run
    after = values(settings_of(home))
    assert after["git.autofetch"] is True and "extensions.autoUpdate" not in after
    assert after["telemetry.telemetryLevel"] == "off" and after["redhat.telemetry.enabled"] is False
    assert (
        after["cloudDeploy.enableTelemetry"] is False and after["lintPro.telemetryLevel"] == "off"
    )
    assert "cloudDeploy.checkForUpdates" not in after
    [record] = records(cli("audit", "--json", "--flavor", "code"))
    still_on = {s["id"] for s in record["switches"] if s["off"] is False}
    assert still_on and all(switches(record)[k]["kind"] == "online" for k in still_on)


def test_policy_is_merged_into_the_policy_file(cli, home, tmp_path):
    all_off_world(home)
    policy = write(
        tmp_path / "etc" / "policy.json",
        '{\n  "UpdateMode": "none",\n  "TelemetryLevel": "all"\n}\n',
    )
    run, result = lockdown(cli, "--policy", "--policy-file", str(policy))
    assert run.code == 0, run
    assert json.loads(policy.read_text()) == {
        "UpdateMode": "none",
        "TelemetryLevel": "off",
        "EnableFeedback": False,
    }
    assert [f["role"] for f in result["files"]] == ["policy"]
    assert audit_code(cli, "--policy-file", str(policy)) == 0


def test_policy_file_and_its_folder_are_created(cli, home, tmp_path):
    all_off_world(home)
    policy = tmp_path / "etc" / "vscode" / "policy.json"
    assert cli("lockdown", "--policy", "--policy-file", str(policy)).code == 0
    assert json.loads(policy.read_text()) == {
        "TelemetryLevel": "off",
        "EnableFeedback": False,
        "UpdateMode": "none",
    }


def test_keep_feedback_leaves_its_policy_alone(cli, home, tmp_path):
    all_off_world(home)
    policy = tmp_path / "policy.json"
    run = cli(
        "lockdown", "--policy", "--policy-file", str(policy), "--keep", "telemetry.feedback.enabled"
    )
    assert run.code == 0, run
    assert json.loads(policy.read_text()) == {"TelemetryLevel": "off", "UpdateMode": "none"}


def test_without_policy_a_policy_that_keeps_telemetry_on_is_pointed_out(cli, home, tmp_path):
    all_off_world(home)
    policy = write(tmp_path / "policy.json", '{"TelemetryLevel": "all"}')
    run, result = lockdown(cli, "--policy-file", str(policy))
    assert run.code == 0 and result["files"] == []
    [skipped] = result["skipped"]
    assert skipped["id"] == "telemetry.telemetryLevel" and "--policy" in skipped["why"]
    assert policy.read_text() == '{"TelemetryLevel": "all"}'


def test_under_a_policy_the_users_own_level_is_still_set_off(cli, home, tmp_path):
    all_off_world(home, **{"telemetry.telemetryLevel": "all"})
    policy = write(tmp_path / "policy.json", '{"TelemetryLevel": "error"}')
    run, result = lockdown(cli, "--policy-file", str(policy))
    assert run.code == 0, run
    assert values(settings_of(home))["telemetry.telemetryLevel"] == "off"
    assert [s["id"] for s in result["skipped"]] == ["telemetry.telemetryLevel"]
    assert 'a policy sets it to "error"' in run.err
    assert audit_code(cli, "--policy-file", str(policy)) == 1  # the policy still rules


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{\n  // a comment\n  "TelemetryLevel": "all"\n}', ":2:3:"),  # strict JSON: no comments
        ('{"TelemetryLevel": "all",}', ":1:26:"),
        ('["TelemetryLevel"]', ":1:1:"),
    ],
)
def test_a_malformed_policy_is_refused_and_nothing_is_written_anywhere(
    cli, home, tmp_path, text, where
):
    copy_examples(home)
    policy = write(tmp_path / "policy.json", text)
    before = files_under(home)
    run = cli("lockdown", "--policy", "--policy-file", str(policy))
    assert_one_line_error(run, f"{policy}{where}")
    assert policy.read_text() == text and files_under(home) == before


def test_policy_without_permission_says_root_is_needed_and_writes_nothing(env, home, tmp_path):
    copy_examples(home)
    folder = tmp_path / "etc-vscode"
    policy = write(folder / "policy.json", '{"UpdateMode": "none"}')
    folder.chmod(0o555)  # a folder this user cannot write, as /etc/vscode is for all but root
    before = files_under(home)
    try:
        run = run_unprivileged("lockdown", "--policy", "--policy-file", str(policy), env=env)
    finally:
        folder.chmod(0o755)
    assert_one_line_error(run, str(policy), "permission denied", "needs root")
    assert policy.read_text() == '{"UpdateMode": "none"}'
    assert files_under(home) == before  # the settings it could write were not written either


def test_a_settings_folder_without_permission_stops_before_any_write(env, home):
    copy_examples(home)
    folder = settings_of(home).parent
    folder.chmod(0o555)
    before = files_under(home)
    try:
        run = run_unprivileged("lockdown", "--flavor", "code", env=env)
    finally:
        folder.chmod(0o755)
    assert_one_line_error(run, str(settings_of(home)), "permission denied")
    assert files_under(home) == before  # argv.json, which could be written, was not


@pytest.mark.parametrize("broken", ["settings", "argv"])
def test_a_file_that_does_not_parse_stops_every_write(cli, home, broken):
    copy_examples(home)
    path = settings_of(home) if broken == "settings" else argv_of(home)
    write(path, '{\n  "a": 1,\n  "b" 2\n}')
    before = files_under(home)
    run = cli("lockdown", "--flavor", "code")
    assert_one_line_error(run, f"{path}:3:7:")
    assert files_under(home) == before


@pytest.mark.parametrize(
    "members",
    ['"update": 1', '"update": {"x": 1},\n    "update": {"y": 2}'],
    ids=["not an object", "an object twice"],
)
def test_a_key_vscode_cannot_read_after_the_edit_is_refused(cli, home, members):
    all_off_world(home)
    path = settings_of(home)
    text = path.read_text().replace(
        '"update.mode": "none"', '"update.mode": "start",\n    ' + members
    )
    path.write_text(text)
    before = files_under(home)
    run = cli("lockdown")
    assert_one_line_error(run, str(path), "would still not read update.mode", '"update" hides it')
    assert files_under(home) == before


def test_profile_settings_are_refused(cli, home):
    copy_examples(home)
    profile = home / ".config" / "Code" / "User" / "profiles" / "5f3a9c1e" / "settings.json"
    before = files_under(home)
    run = cli("lockdown", "--settings", str(profile))
    assert_one_line_error(run, str(profile), "default profile")
    assert files_under(home) == before


def test_bom_crlf_permissions_and_symlinks_are_kept(cli, home, tmp_path):
    real = write(
        tmp_path / "dotfiles" / "settings.json",
        b'\xef\xbb\xbf{\r\n\t"git.autofetch": true\r\n}\r\n',
    )
    real.chmod(0o600)
    link = settings_of(home)
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    write(argv_of(home), '{"enable-crash-reporter": false}')
    assert cli("lockdown").code == 0
    assert link.is_symlink() and stat.S_IMODE(real.stat().st_mode) == 0o600
    data = real.read_bytes()
    assert data.startswith(b'\xef\xbb\xbf{\r\n\t"git.autofetch": false,\r\n')
    assert b"\n" not in data.replace(b"\r\n", b"")
    [backup] = [p for p in real.parent.iterdir() if p.suffix == ".bak"]
    assert backup.read_bytes().startswith(b'\xef\xbb\xbf{\r\n\t"git.autofetch": true')
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert cli("audit").code == 0


def test_flavors_that_share_argv_json_get_one_write(cli, home):
    for folder in ("Code - OSS", "VSCodium"):
        write(settings_of(home, folder), "{}")
    run, result = lockdown(cli)
    assert run.code == 0, run
    argv = argv_of(home, ".vscode-oss")
    shared = [f for f in result["files"] if f["role"] == "argv"]
    assert [(f["file"], f["flavors"], f["created"]) for f in shared] == [
        (str(argv), ["oss", "vscodium"], True)
    ]
    assert values(argv) == {"enable-crash-reporter": False}
    assert cli("audit").code == 0


def test_nothing_installed_creates_the_default_flavors_files(cli, home):
    run, result = lockdown(cli)
    assert run.code == 0, run
    assert {f["file"] for f in result["files"]} == {str(settings_of(home)), str(argv_of(home))}
    for record in result["files"]:  # new files: nothing to copy, a record of what was written
        assert record["created"] and record["backup"] is None
        assert record["record"].startswith(record["file"] + ".lockdown-")
    assert values(settings_of(home))["telemetry.telemetryLevel"] == "off"
    assert cli("audit").code == 0


# ---- undo ----------------------------------------------------------------------------------------


def test_undo_restores_every_file_byte_for_byte_and_says_so(cli, home):
    copy_examples(home)
    original = files_under(home)
    assert cli("lockdown", "--flavor", "code").code == 0
    run = cli("lockdown", "--undo", "--flavor", "code", "--json")
    assert run.code == 0, run
    restored = records(run)
    assert {(r["file"], r["action"]) for r in restored} == {
        (str(settings_of(home)), "restored"),
        (str(argv_of(home)), "restored"),
    }
    assert files_under(home) == original  # backups used up, files as they were


def test_undo_on_a_terminal_names_each_file(env, home):
    copy_examples(home)
    run_in_terminal("lockdown", "--flavor", "code", env=env)
    run = run_in_terminal("--color", "never", "lockdown", "--undo", "--flavor", "code", env=env)
    assert run.code == 0, run
    run = plain(run)
    assert f"restored {settings_of(home)} from {settings_of(home)}.lockdown-" in run.out
    assert f"restored {argv_of(home)} from" in run.out


def test_undo_refuses_when_a_file_changed_since_and_restores_nothing(cli, home):
    copy_examples(home)
    assert cli("lockdown", "--flavor", "code").code == 0
    settings = settings_of(home)
    settings.write_text(
        settings.read_text().replace('"update.mode": "manual"', '"update.mode": "start"')
    )
    before = files_under(home)
    run = cli("lockdown", "--undo", "--flavor", "code")
    assert run.code == 1
    assert_one_line_error(
        run, str(settings), "changed since lockdown wrote it", "nothing was restored"
    )
    assert files_under(home) == before


def test_undo_removes_files_lockdown_created(cli, home):
    write(settings_of(home), "{}")
    assert cli("lockdown").code == 0
    assert argv_of(home).exists()
    assert cli("lockdown", "--undo").code == 0
    assert not argv_of(home).exists() and settings_of(home).read_text() == "{}"


def test_undo_with_nothing_to_undo(cli, home):
    write(settings_of(home), "{}")
    run = cli("lockdown", "--undo", "--json")
    assert run.code == 0 and json.loads(run.out) == [] and "nothing to undo" in run.err


def test_undo_of_the_policy_only_with_policy(cli, home, tmp_path):
    all_off_world(home)
    policy = write(tmp_path / "policy.json", '{"UpdateMode": "none"}')
    assert cli("lockdown", "--policy", "--policy-file", str(policy)).code == 0
    assert cli("lockdown", "--undo", "--policy-file", str(policy)).code == 0
    assert json.loads(policy.read_text())["TelemetryLevel"] == "off"  # not asked for
    assert cli("lockdown", "--undo", "--policy", "--policy-file", str(policy)).code == 0
    assert policy.read_text() == '{"UpdateMode": "none"}'


def test_undo_takes_no_lockdown_options(cli):
    run = cli("lockdown", "--undo", "--dry-run")
    assert run.code == 2
    assert_one_line_error(run, "--undo")


def test_a_new_extension_after_a_lockdown_is_caught_by_audit_and_the_next_lockdown(cli, home):
    all_off_world(home)
    assert cli("lockdown").code == 0
    install(
        extensions_of(home),
        "acme.tool",
        "1.0.0",
        {"acme.sendUsageData": {"type": "boolean", "default": True, "tags": ["telemetry"]}},
        as_array=True,
    )
    assert audit_code(cli) == 1
    assert cli("lockdown").code == 0
    assert values(settings_of(home))["acme.sendUsageData"] is False
    assert audit_code(cli) == 0
    # Two lockdowns, two undos, back to the start.
    assert cli("lockdown", "--undo").code == 0 and cli("lockdown", "--undo").code == 0
    assert values(settings_of(home)) == ALL_OFF


def test_os_environment_is_not_needed(cli, home):
    # The real HOME must never be used: the isolated one is.
    assert os.environ.get("HOME") != str(home)
    all_off_world(home)
    assert cli("lockdown", "--check").code == 0


# ---- bad input: a one-line error and nothing written ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (None, ": cannot read: is a directory"),
        ('{\n  "a": 1\n  "b": 2\n}', ":3:3: expected a comma"),
        ("[1]", ": the top level is an array"),
    ],
    ids=["a directory", "missing comma", "an array"],
)
def test_a_named_settings_file_that_cannot_be_used_stops_every_write(cli, home, text, where):
    copy_examples(home)
    path = home / "loose" / "settings.json"
    if text is None:
        path.mkdir(parents=True)
    else:
        write(path, text)
    before = files_under(home)
    run = cli("lockdown", "--settings", str(path), "--flavor", "code")
    assert_one_line_error(run, f"{path}{where}")
    assert files_under(home) == before


def test_an_unreadable_settings_file_stops_every_write(env, home):
    copy_examples(home)
    path = settings_of(home)
    path.chmod(0o000)
    before_argv = argv_of(home).read_bytes()
    try:
        run = run_unprivileged("lockdown", "--flavor", "code", env=env)
    finally:
        path.chmod(0o644)
    assert_one_line_error(run, str(path), "permission denied")
    assert argv_of(home).read_bytes() == before_argv
    assert backups(path.parent) == [] and backups(argv_of(home).parent) == []


@pytest.mark.parametrize(
    ("option", "kind", "needle"),
    [
        ("--user-data-dir", "missing", "no such user-data-dir"),
        ("--user-data-dir", "a file", "not a folder"),
        ("--app-root", "missing", "no VS Code app root there"),
        ("--app-root", "a folder", "no VS Code app root there"),
    ],
)
def test_a_bad_folder_option_stops_before_any_write(cli, home, tmp_path, option, kind, needle):
    copy_examples(home)
    path = tmp_path / "given"
    if kind == "a file":
        write(path, "{}")
    elif kind == "a folder":
        path.mkdir()
    before = files_under(home)
    run = cli("lockdown", option, str(path))
    assert_one_line_error(run, str(path), needle)
    assert run.code == 1
    assert files_under(home) == before


def test_a_missing_extensions_dir_stops_before_any_write(cli, home, tmp_path):
    # A typo here would lock down the settings while every extension switch stays on; report,
    # show, tail and stats refuse such a folder ("no such folder (check --extensions-dir)").
    copy_examples(home)
    before = files_under(home)
    run = cli("lockdown", "--flavor", "code", "--extensions-dir", str(tmp_path / "typo"))
    assert_one_line_error(run, str(tmp_path / "typo"), "no such folder")
    assert files_under(home) == before


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("--only", "online"), ["'online'", "telemetry"]),
        (("--flavor", "sublime"), ["'sublime'", "vscodium"]),
    ],
)
def test_bad_option_values_are_usage_errors_and_write_nothing(cli, home, args, needles):
    copy_examples(home)
    before = files_under(home)
    run = cli("lockdown", *args)
    assert_one_line_error(run, *needles)
    assert run.code == 2
    assert files_under(home) == before


@pytest.mark.parametrize("kind", ["a directory", "unreadable"])
def test_a_policy_file_that_cannot_be_read_stops_every_write(env, home, tmp_path, kind):
    copy_examples(home)
    policy = tmp_path / "etc" / "policy.json"
    if kind == "a directory":
        policy.mkdir(parents=True)
    else:
        write(policy, '{"UpdateMode": "none"}').chmod(0o000)
    before = files_under(home)
    try:
        run = run_unprivileged("lockdown", "--policy", "--policy-file", str(policy), env=env)
    finally:
        policy.chmod(0o755 if kind == "a directory" else 0o644)
    assert_one_line_error(run, str(policy), "cannot read")
    assert files_under(home) == before
    if kind == "unreadable":
        assert policy.read_text() == '{"UpdateMode": "none"}'


def _locked_down(cli, home: Path) -> tuple[Path, Path]:
    """A lockdown of one settings file; its backup record and copy."""
    write(settings_of(home), '{"git.autofetch": true}')
    assert cli("lockdown", "--flavor", "code").code == 0
    [record] = sorted(settings_of(home).parent.glob("settings.json.lockdown-*.json"))
    return record, record.with_suffix(".bak")


@pytest.mark.parametrize(
    ("damage", "needle"),
    [
        ("malformed", ":3:12: "),
        ("not a record", ": not a lockdown backup record"),
        ("copy missing", ": the backup is missing; nothing was restored"),
    ],
)
def test_undo_with_a_damaged_backup_restores_nothing(cli, home, damage, needle):
    record, copy = _locked_down(cli, home)
    if damage == "malformed":
        record.write_text('{\n  "format": 1,\n  "backup" "x"\n}\n')
    elif damage == "not a record":
        record.write_text("[1, 2]\n")
    else:
        copy.unlink()
    before = files_under(home)
    run = cli("lockdown", "--undo", "--flavor", "code")
    named = copy if damage == "copy missing" else record
    assert_one_line_error(run, f"{named}{needle}")
    assert run.code == 1
    assert files_under(home) == before


def test_undo_with_an_unreadable_backup_record_restores_nothing(env, cli, home):
    record, _ = _locked_down(cli, home)
    before = files_under(home)
    record.chmod(0o000)
    try:
        run = run_unprivileged("lockdown", "--undo", "--flavor", "code", env=env)
    finally:
        record.chmod(0o644)
    assert_one_line_error(run, str(record), "permission denied")
    assert files_under(home) == before


def test_undo_of_a_directory_is_an_error_naming_it_and_restores_nothing(cli, home, tmp_path):
    # It said "nothing to undo" and exited 0, as if the folder were a file lockdown never changed.
    write(settings_of(home), '{"git.autofetch": true}')
    assert cli("lockdown", "--settings", str(settings_of(home))).code == 0
    folder = tmp_path / "a-folder"
    folder.mkdir()
    before = files_under(home)
    run = cli("lockdown", "--undo", "--settings", str(settings_of(home)), "--settings", str(folder))
    assert_one_line_error(run, f"{folder}: is a directory, not a file")
    assert run.code == 1
    assert files_under(home) == before


@pytest.mark.parametrize(
    "data",
    [b'\xef\xbb\xbf{"TelemetryLevel": "all"}', b'{"TelemetryLevel": "all", "x": NaN}'],
    ids=["bom", "nan"],
)
def test_lockdown_policy_refuses_a_file_vs_code_cannot_parse(cli, home, tmp_path, data):
    policy = tmp_path / "policy.json"
    policy.write_bytes(data)
    run = cli("lockdown", "--policy", "--policy-file", str(policy))
    assert_one_line_error(run, str(policy), "strict JSON")
    assert policy.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "policy.json"]
    assert not any(home.rglob("*.json"))


def test_a_policy_file_with_a_huge_integer_is_read_and_merged(cli, home, tmp_path):
    policy = tmp_path / "policy.json"
    policy.write_text('{"TelemetryLevel": "all", "x": ' + "1" * 5000 + "}\n")
    assert cli("status", "--policy-file", str(policy)).code == 0
    run = cli("lockdown", "--policy", "--policy-file", str(policy), "--json")
    assert run.code == 0, run
    assert '"TelemetryLevel": "off"' in policy.read_text() and "1" * 5000 in policy.read_text()


def test_a_policy_file_not_utf8_is_in_force_and_merged_keeping_its_bytes(cli, home, tmp_path):
    # VS Code reads such bytes as U+FFFD and keeps the policies, so status does too; lockdown
    # merges into the file and writes every byte it did not edit back as it was.
    policy = tmp_path / "policy.json"
    data = b'{"TelemetryLevel": "all",\n "Note": "caf\xe9"}'
    policy.write_bytes(data)
    run = cli("status", "--json", "--policy-file", str(policy))
    assert run.code == 0, run
    [status] = json.loads(run.out)
    assert (status["effective"], status["effective_source"]) == ("all", "policy")
    assert f"{policy}:2:14: not valid UTF-8 (byte 0xe9)" in run.err
    run = cli("lockdown", "--policy", "--policy-file", str(policy), "--json")
    assert run.code == 0, run
    # the same merge as into the file with an ASCII character in the byte's place
    twin = tmp_path / "twin" / "policy.json"
    twin.parent.mkdir()
    twin.write_bytes(data.replace(b"\xe9", b"~"))
    assert cli("lockdown", "--policy", "--policy-file", str(twin), "--json").code == 0
    merged = policy.read_bytes()
    assert merged == twin.read_bytes().replace(b"~", b"\xe9")
    assert json.loads(merged.decode("utf-8", "replace"))["TelemetryLevel"] == "off"
    assert cli("lockdown", "--undo", "--policy", "--policy-file", str(policy)).code == 0
    assert policy.read_bytes() == data


def test_an_argv_json_with_a_byte_that_is_not_utf8_is_named_before_lockdown_edits_it(cli, home):
    # status and audit said nothing of it, and lockdown kept the byte through its edit of the
    # crash reporter switch without the warning a settings.json with such a byte gets.
    (home / ".config" / "Code" / "User").mkdir(parents=True)
    argv = home / ".vscode" / "argv.json"
    argv.parent.mkdir()
    argv.write_bytes(b'{\n  // \xe2\x82 x\n  "enable-crash-reporter": true\n}')
    warning = f"warning: {argv}:2:6: not valid UTF-8 (byte 0xe2): VS Code reads such bytes as"
    for command in ("status", "audit", "lockdown"):
        run = cli(*command.split(), "--flavor", "code")
        assert run.err.count(warning) == 1, (command, run.err)
    assert argv.read_bytes() == b'{\n  // \xe2\x82 x\n  "enable-crash-reporter": false\n}'

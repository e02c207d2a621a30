"""audit as a user runs it: the examples world, sources, exit codes, bad input."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES, assert_one_line_error, run_in_terminal, run_unprivileged
from tests.settings.worlds import (
    all_off_world,
    argv_of,
    copy_examples,
    extensions_of,
    install,
    records,
    settings_of,
    switches,
    write,
)


def audit(cli, *args: str):
    run = cli("audit", "--json", *args)
    return run, records(run)


def test_the_examples_world(cli, home):
    copy_examples(home)
    run, found = audit(cli, "--flavor", "code")
    assert run.code == 1
    [record] = found
    assert record["flavor"] == "code" and record["passed"] is False
    assert record["settings"] == str(settings_of(home))
    assert record["extensions_dir"] == str(extensions_of(home))
    assert record["builtin_extensions_dir"] is None  # no installation on this machine
    by_id = switches(record)
    # The deprecated switch in the user's file still forces the level off.
    level = by_id["telemetry.telemetryLevel"]
    assert (level["value"], level["source"], level["off"]) == ("all", "default", True)
    assert "telemetry.enableTelemetry" in level["note"]
    assert by_id["enable-crash-reporter"] | {"note": ""} == {
        "id": "enable-crash-reporter",
        "scope": "argv",
        "kind": "telemetry",
        "file": "argv",
        "value": True,
        "source": "argv.json",
        "off_value": False,
        "off": False,
        "note": "",
    }
    expected = {
        # id: (scope, value, source, off value, off?)
        "git.autofetch": ("built-in git", True, "user settings", False, False),
        "update.mode": ("core", "manual", "user settings", "none", True),
        "workbench.enableExperiments": ("core", False, "user settings", False, True),
        "redhat.telemetry.enabled": (
            "examplecorp.yaml-support",
            True,
            "user settings",
            False,
            False,
        ),
        "yaml.schemaStore.enable": ("examplecorp.yaml-support", True, "default", False, False),
        "cloudDeploy.enableTelemetry": ("examplecorp.cloud-deploy", True, "default", False, False),
        "cloudDeploy.checkForUpdates": ("examplecorp.cloud-deploy", True, "default", False, False),
        "lintPro.telemetryLevel": ("examplecorp.lint-pro", "all", "default", "off", False),
        "lintPro.disableRemoteRules": ("examplecorp.lint-pro", False, "default", True, False),
        "docsPreview.fetchRemoteImages": (
            "examplecorp.docs-preview",
            True,
            "default",
            False,
            False,
        ),
        "docsPreview.telemetry.sampleRate": (
            "examplecorp.docs-preview",
            0.1,
            "default",
            None,
            None,
        ),
    }
    for key, (scope, value, source, off_value, off) in expected.items():
        got = by_id[key]
        assert (got["scope"], got["value"], got["source"], got["off_value"], got["off"]) == (
            scope,
            value,
            source,
            off_value,
            off,
        ), key
    # Ordinary settings of those extensions are not switches.
    for key in ("yaml.format.enable", "cloudDeploy.region", "cloudDeploy.telemetry.endpoint"):
        assert key not in by_id
    assert "switches are on" in run.err


def test_every_switch_off_exits_0(cli, home):
    all_off_world(home)
    run, [record] = audit(cli)
    assert run.code == 0, run
    assert record["passed"] is True
    assert all(switch["off"] for switch in record["switches"])
    assert "every switch is off" in run.err


def test_level_lets_that_much_through(cli, home):
    all_off_world(home, **{"telemetry.telemetryLevel": "crash"})
    write(argv_of(home), '{"enable-crash-reporter": true}')
    assert audit(cli)[0].code == 1
    assert audit(cli, "--level", "crash")[0].code == 0
    assert audit(cli, "--level", "error")[0].code == 0
    run = cli("audit", "--level", "sometimes")
    assert run.code == 2
    assert_one_line_error(run, "sometimes")


def test_an_extension_switch_left_on_fails_the_audit(cli, home):
    all_off_world(home, **{"acme.telemetry.optOut": False})
    install(
        extensions_of(home), "acme.tool", "1.0.0", {"acme.telemetry.optOut": {"type": "boolean"}}
    )
    run, [record] = audit(cli)
    assert run.code == 1
    optout = switches(record)["acme.telemetry.optOut"]
    assert (optout["off_value"], optout["value"], optout["source"]) == (
        True,
        False,
        "user settings",
    )


def test_a_policy_overrides_and_is_named(cli, home, tmp_path):
    all_off_world(home)
    policy = write(tmp_path / "policy.json", '{"TelemetryLevel": "error", "EnableFeedback": false}')
    run, [record] = audit(cli, "--policy-file", str(policy))
    assert run.code == 1
    by_id = switches(record)
    assert (
        by_id["telemetry.telemetryLevel"]["source"],
        by_id["telemetry.telemetryLevel"]["value"],
    ) == (
        "policy",
        "error",
    )
    assert by_id["telemetry.feedback.enabled"]["source"] == "policy"
    assert record["policy"]["values"] == {"TelemetryLevel": "error", "EnableFeedback": False}


def test_a_malformed_policy_is_ignored_as_vscode_ignores_it(cli, home, tmp_path):
    all_off_world(home)
    policy = write(tmp_path / "policy.json", '{"TelemetryLevel": "all",}')
    run, [record] = audit(cli, "--policy-file", str(policy))
    assert run.code == 0
    assert f"{policy}:1:" in run.err and "ignores" in run.err
    assert switches(record)["telemetry.telemetryLevel"]["source"] == "user settings"


def test_a_malformed_argv_json_is_a_warning_and_vscode_falls_back_to_the_default(cli, home):
    all_off_world(home)
    argv = write(argv_of(home), '{\n  "enable-crash-reporter": false\n  "locale": "en"\n}')
    run, [record] = audit(cli)
    assert run.code == 1
    assert f"{argv}:3:3:" in run.err
    crash = switches(record)["enable-crash-reporter"]
    assert (crash["value"], crash["source"], crash["off"]) == (True, "default", False)


def test_a_malformed_extension_manifest_is_a_warning_naming_line_and_column(cli, home):
    all_off_world(home)
    bad = write(
        extensions_of(home) / "acme.bad-1.0.0" / "package.json",
        '{\n  "name": "bad",\n  "publisher": "acme",\n  "version": 1.0.0\n}',
    )
    run, [record] = audit(cli)
    assert run.code == 0, run
    assert str(bad) + ":4:" in run.err and "does not load" in run.err
    assert record["problems"] and record["problems"][0].startswith(f"{bad}:4:")


@pytest.mark.parametrize(
    ("text", "where"),
    [('{\n  "a": 1\n  "b": 2\n}', ":3:3:"), ('{"a": "x}', ":1:7:"), ("[]", ": the top level")],
)
def test_a_settings_file_that_does_not_parse_is_an_error(cli, home, text, where):
    path = write(settings_of(home), text)
    run = cli("audit", "--json")
    assert run.code == 1
    assert json.loads(run.out)[0]["error"].startswith(f"{path}{where}")
    assert f"{path}{where}" in run.err and "Traceback" not in run.err


def test_other_flavors_are_still_audited_beside_a_broken_one(cli, home):
    all_off_world(home)
    broken = write(settings_of(home, "VSCodium"), "{,}")
    run, found = audit(cli)
    assert run.code == 1
    assert [r.get("flavor") for r in found] == ["code", "vscodium"]
    assert found[0]["passed"] is True and found[1]["error"].startswith(str(broken))


def test_extensions_dir_and_a_bare_settings_file(cli, home, tmp_path):
    settings = all_off_world(home)
    elsewhere = tmp_path / "exts"
    install(
        elsewhere,
        "acme.tool",
        "2.0.0",
        {"acme.enableTelemetry": {"type": "boolean", "default": True}},
    )
    run, [record] = audit(cli, "--extensions-dir", str(elsewhere))
    assert record["extensions_dir"] == str(elsewhere) and "acme.enableTelemetry" in switches(record)
    # A file of no known flavor has no argv.json and no extensions folder unless one is given.
    loose = write(tmp_path / "loose.json", settings.read_text())
    run, [record] = audit(cli, "--settings", str(loose))
    assert run.code == 0 and record["argv"] is None and record["extensions_dir"] is None
    assert "enable-crash-reporter" not in switches(record)


def test_workspace_settings_are_refused(cli, home):
    path = write(home / "project" / ".vscode" / "settings.json", "{}")
    run = cli("audit", "--settings", str(path))
    assert run.code == 1 and "Traceback" not in run.err
    assert run.err.startswith(f"error: {path}: this is workspace settings")
    assert json.loads(run.out)[0]["error"].startswith(f"{path}: this is workspace settings")


def test_piped_output_is_json(cli, home):
    all_off_world(home)
    run = cli("audit")
    assert run.code == 0 and json.loads(run.out)[0]["passed"] is True


def test_terminal_table_shows_file_text_literally(env, home):
    all_off_world(home)
    key = "acme.\x1b[31mtelemetry[bold].enabled"
    install(extensions_of(home), "acme.tool", "1.0.0", {key: {"type": "boolean", "default": True}})
    run = run_in_terminal("--color", "never", "audit", env=env)
    assert run.code == 1, run
    assert "telemetry.telemetryLevel" in run.out and "enable-crash-reporter" in run.out
    assert "\x1b[31m" not in run.out and "\\x1b[31mtelemetry[bold]" in run.out.replace("\n", "")


def test_built_in_extensions_of_the_installation(cli, home):
    all_off_world(home)
    install_root = EXAMPLES / "install"
    run, [record] = audit(cli, "--app-root", str(install_root))
    builtins = install_root / "resources" / "app" / "extensions"
    assert record["builtin_extensions_dir"] == str(builtins)
    by_id = switches(record)
    assert by_id["git.autofetch"]["scope"] == "built-in git" and by_id["git.autofetch"]["off"]
    domains = by_id["json.schemaDownload.trustedDomains"]  # an object: only a person can judge
    assert (domains["scope"], domains["off_value"], domains["off"]) == (
        "built-in json-language-features",
        None,
        None,
    )
    assert "json.format.enable" not in by_id and "git.enabled" not in by_id
    assert run.code == 0, run


def test_an_app_root_that_is_no_installation(cli, home, tmp_path):
    all_off_world(home)
    run = cli("audit", "--app-root", str(tmp_path))
    assert run.code == 1 and str(tmp_path) in run.err and "Traceback" not in run.err


def test_audit_and_report_read_the_same_extensions_of_a_portable_install(cli, home):
    """A portable install (an app root with data/ beside it) keeps extensions in data/extensions:
    report and audit both read those, not ~/.vscode/extensions."""
    import shutil

    portable = home / "VSCode-linux-x64"
    shutil.copytree(EXAMPLES / "install", portable)
    own = portable / "data" / "extensions"
    for folder, ident in ((own, "acme.portable"), (extensions_of(home), "acme.home")):
        key = f"{ident}.enableTelemetry"
        manifest = install(folder, ident, "1.0.0", {key: {"type": "boolean", "default": True}})
        write(manifest.parent / "telemetry.json", '{"events": {}, "commonProperties": {}}')
    write(settings_of(home), "{}")
    report = cli("report", "--no-builtin")
    assert report.code == 0, report
    assert list(json.loads(report.out)) == [
        "acme.portable-1.0.0",
        "vscode-core",
        "vscode-extensions",
    ]
    _, [record] = audit(cli, "--flavor", "code")
    assert record["extensions_dir"] == str(own)
    by_id = switches(record)
    assert "acme.portable.enableTelemetry" in by_id and "acme.home.enableTelemetry" not in by_id


# ---- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["a directory", "unreadable"])
def test_a_named_settings_file_that_cannot_be_read_is_one_line(env, tmp_path, kind):
    path = tmp_path / "settings.json"
    if kind == "a directory":
        path.mkdir()
    else:
        write(path, "{}").chmod(0o000)
    run = run_unprivileged("audit", "--json", "--settings", str(path), env=env)
    assert run.code == 1 and "Traceback" not in run.err
    [line] = run.err.strip().splitlines()
    assert line.startswith(f"error: {path}: cannot read:")
    assert json.loads(run.out)[0]["error"].startswith(f"{path}: cannot read:")


def test_a_missing_user_data_dir_is_one_line(cli, tmp_path):
    run = cli("audit", "--user-data-dir", str(tmp_path / "nope"))
    assert_one_line_error(run, str(tmp_path / "nope"), "no such user-data-dir")
    assert run.code == 1


def test_unknown_flavor_is_a_usage_error(cli):
    run = cli("audit", "--flavor", "sublime")
    assert_one_line_error(run, "'sublime'", "vscodium")
    assert run.code == 2


def test_a_policy_file_that_is_a_directory_is_ignored_with_a_warning_naming_it(cli, home, tmp_path):
    all_off_world(home)
    run, [record] = audit(cli, "--policy-file", str(tmp_path))
    assert run.code == 0, run  # VS Code ignores a policy it cannot read
    assert f"{tmp_path}: cannot read" in run.err and "ignores" in run.err
    assert switches(record)["telemetry.telemetryLevel"]["source"] == "user settings"


def test_a_missing_extensions_dir_is_an_error_not_an_empty_folder(cli, home, tmp_path):
    # report, show, tail and stats refuse it ("no such folder (check --extensions-dir)"); audit
    # must not pass a machine because the extensions it was told to check are not there.
    all_off_world(home)
    typo = tmp_path / "typo"
    run = cli("audit", "--extensions-dir", str(typo))
    assert run.code == 1 and "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and str(typo) in lines[0] and "no such folder" in lines[0], run.err


def test_a_bad_app_root_is_said_once_not_once_per_flavor(cli, home, tmp_path):
    all_off_world(home)
    write(settings_of(home, "Code - Insiders"), "{}")
    run = cli("audit", "--app-root", str(tmp_path / "nope"))
    assert run.code == 1 and "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path / "nope") in lines[0], run.err


def test_an_app_root_of_another_flavor_lends_built_ins_not_its_extensions(cli, home):
    # Code's installation named, Insiders' settings audited too: each flavor keeps its own
    # installed extensions, and both get the named installation's built-in extensions.
    copy_examples(home)
    run, found = audit(cli, "--app-root", str(EXAMPLES / "install"))
    assert run.code == 1  # the examples world has switches on
    by_flavor = {record["flavor"]: record for record in found}
    assert by_flavor["code"]["extensions_dir"] == str(home / ".vscode" / "extensions")
    assert by_flavor["insiders"]["extensions_dir"] == str(home / ".vscode-insiders" / "extensions")
    assert "redhat.telemetry.enabled" in switches(by_flavor["code"])
    assert "redhat.telemetry.enabled" not in switches(by_flavor["insiders"])
    for record in found:
        assert record["builtin_extensions_dir"] == str(
            EXAMPLES / "install" / "resources" / "app" / "extensions"
        )

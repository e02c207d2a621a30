"""set-level as a user runs it: real files, real processes, every refusal."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from telemetry_inspector.jsonc.parser import parse, to_value
from tests.conftest import (
    EXAMPLES,
    assert_one_line_error,
    clean_env,
    run_in_terminal,
    run_unprivileged,
)

LEVEL = "telemetry.telemetryLevel"


def user_settings(home: Path, flavor_folder: str = "Code") -> Path:
    return home / ".config" / flavor_folder / "User" / "settings.json"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def values(path: Path) -> dict:
    return to_value(parse(path.read_text(encoding="utf-8-sig")).root)


def comments(text: str) -> list[str]:
    import re

    return re.findall(r"//[^\n]*|/\*.*?\*/", text, flags=re.S)


def test_sets_the_level_keeping_every_other_byte(cli, home):
    path = write(user_settings(home), '{\n    "editor.fontSize": 14\n}\n')
    run = cli("set-level", "off", "--settings", str(path))
    assert run.code == 0, run
    assert (
        path.read_text()
        == '{\n    "editor.fontSize": 14,\n    "telemetry.telemetryLevel": "off"\n}\n'
    )


def test_replaces_only_the_value(cli, home):
    text = (
        '{\n  // why: privacy\n  "telemetry.telemetryLevel" /* was */ : "all", // end\n  "x": 1\n}'
    )
    path = write(user_settings(home), text)
    assert cli("set-level", "crash", "--settings", str(path)).code == 0
    assert path.read_text() == text.replace('"all"', '"crash"')


def test_the_examples_world_keeps_its_comments_and_values(cli, home, tmp_path):
    source = EXAMPLES / "home" / ".config" / "Code" / "User" / "settings.json"
    path = write(tmp_path / "settings.json", source.read_bytes())
    run = cli("set-level", "off", "--settings", str(path), "--json")
    assert run.code == 0, run
    old, new = values(source), values(path)
    assert new.pop(LEVEL) == "off"
    assert old.pop("telemetry.enableTelemetry") is False  # removed in the same write
    assert new == old
    [record] = json.loads(run.out)
    assert record["written"] is True
    add, remove = sorted(record["changes"], key=lambda c: c["action"])
    assert (add["key"], remove["key"]) == (LEVEL, "telemetry.enableTelemetry")
    # VS Code's removal takes the comment that stood in the removed member's lines: we say so.
    lost = remove["comments_removed"]
    assert len(lost) == 1 and lost[0].startswith("/* ---- privacy")
    assert comments(path.read_text()) == [c for c in comments(source.read_text()) if c not in lost]


def test_a_removed_comment_is_named_on_the_terminal_summary(home):
    path = write(
        user_settings(home),
        '{\n  "a": 1,\n  // old switch\n  "telemetry.enableTelemetry": false\n}',
    )
    run = run_in_terminal("set-level", "off", "--settings", str(path), env=clean_env(home))
    assert run.code == 0, run
    assert (
        "removed telemetry.enableTelemetry (false), and with it the comment in its lines: "
        "// old switch" in run.out
    )


def test_every_duplicate_is_set_and_the_user_is_told(cli, home):
    path = write(
        user_settings(home),
        '{\n  "telemetry.telemetryLevel": "all",\n  "a": 1,\n'
        '  "telemetry.telemetryLevel": "error"\n}',
    )
    run = cli("set-level", "off", "--settings", str(path))
    assert run.code == 0, run
    assert path.read_text().count('"telemetry.telemetryLevel": "off"') == 2
    assert "spelled 2 times" in run.err


def test_a_nested_telemetry_object_is_set_too(cli, home):
    path = write(
        user_settings(home),
        '{\n  "telemetry.telemetryLevel": "off",\n'
        '  "telemetry": {\n    "telemetryLevel": "all"\n  }\n}',
    )
    assert cli("set-level", "off", "--settings", str(path)).code == 0
    assert values(path)["telemetry"] == {"telemetryLevel": "off"}


def test_missing_file_and_folders_are_created_with_tabs(cli, tmp_path):
    path = tmp_path / "new" / "User" / "settings.json"
    run = cli("set-level", "error", "--settings", str(path))
    assert run.code == 0, run
    assert path.read_text() == '{\n\t"telemetry.telemetryLevel": "error"\n}'


def test_without_options_every_flavor_that_has_run_is_set(cli, home):
    code = write(user_settings(home), "{}")
    (home / ".config" / "VSCodium").mkdir(parents=True)  # has run, never wrote settings
    run = cli("set-level", "off", "--json")
    assert run.code == 0, run
    written = {record["settings"] for record in json.loads(run.out)}
    vscodium = user_settings(home, "VSCodium")
    assert written == {str(code), str(vscodium)}
    assert values(code)[LEVEL] == values(vscodium)[LEVEL] == "off"


def test_nothing_installed_creates_the_default_flavor_and_says_so(cli, home):
    run = cli("set-level", "off")
    assert run.code == 0, run
    assert values(user_settings(home)) == {LEVEL: "off"}
    assert "no VS Code settings found" in run.err


def test_flavor_selects_one(cli, home):
    code = write(user_settings(home), "{}")
    insiders = write(user_settings(home, "Code - Insiders"), "{}")
    assert cli("set-level", "crash", "--flavor", "insiders").code == 0
    assert values(insiders) == {LEVEL: "crash"}
    assert code.read_text() == "{}"


def test_user_data_dir(cli, tmp_path):
    folder = tmp_path / "portable-data"
    folder.mkdir()
    assert cli("set-level", "off", "--user-data-dir", str(folder)).code == 0
    assert values(folder / "User" / "settings.json") == {LEVEL: "off"}


@pytest.mark.parametrize("flag", ["--user-data-dir", "--settings"])
def test_missing_or_wrong_kind_of_path(cli, tmp_path, flag):
    if flag == "--user-data-dir":
        run = cli("set-level", "off", flag, str(tmp_path / "nope"))
        assert_one_line_error(run, str(tmp_path / "nope"), "no such user-data-dir")
    else:
        run = cli("set-level", "off", flag, str(tmp_path))
        assert_one_line_error(run, str(tmp_path), "is a directory")


def test_unknown_level_is_a_usage_error_listing_the_four(cli, home):
    path = write(user_settings(home), "{}")
    run = cli("set-level", "none", "--settings", str(path))
    assert run.code == 2
    assert_one_line_error(run, "'none'", "all", "error", "crash", "off")
    assert path.read_text() == "{}"


def test_unknown_flavor_is_a_usage_error(cli):
    run = cli("set-level", "off", "--flavor", "sublime")
    assert run.code == 2
    assert_one_line_error(run, "sublime", "vscodium")


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ('{\n  "a": 1\n  "b": 2\n}', ":3:3:", "comma"),
        ('{\n  "a": tru\n}', ":2:8:", ""),
        ('{\n  "a": "unterminated\n}', ":2:8:", ""),
        ("{\n  /* open comment\n}", ":2:3:", "comment"),
        ('{"a": 1} {"b": 2}', ":1:10:", ""),
    ],
)
def test_a_file_that_does_not_parse_is_never_written(cli, home, text, where, what):
    path = write(user_settings(home), text)
    before = path.stat()
    run = cli("set-level", "off", "--settings", str(path))
    assert_one_line_error(run, f"{path}{where}", what)
    assert path.read_text() == text and path.stat().st_mtime_ns == before.st_mtime_ns


def test_top_level_array_is_refused(cli, home):
    path = write(user_settings(home), '["telemetry.telemetryLevel"]')
    assert_one_line_error(cli("set-level", "off", "--settings", str(path)), str(path), "array")
    assert path.read_text() == '["telemetry.telemetryLevel"]'


def test_one_bad_file_stops_every_write(cli, home):
    good = write(user_settings(home), "{}")
    bad = write(user_settings(home, "Code - Insiders"), "{,}")
    run = cli("set-level", "off")
    assert_one_line_error(run, str(bad))
    assert good.read_text() == "{}"


@pytest.mark.parametrize(
    ("relative", "why"),
    [
        ("project/.vscode/settings.json", "workspace settings"),
        ("team.code-workspace", "workspace settings"),
        (".config/Code/User/profiles/abc123/settings.json", "default profile"),
        (".vscode-server/data/Machine/settings.json", "remote server"),
    ],
)
def test_files_vscode_ignores_for_telemetry_are_refused(cli, home, relative, why):
    path = write(home / relative, "{}")
    assert_one_line_error(cli("set-level", "off", "--settings", str(path)), str(path), why)
    assert path.read_text() == "{}"


def test_bom_crlf_permissions_and_symlink_are_kept(cli, home, tmp_path):
    real = write(tmp_path / "dotfiles" / "settings.json", b'\xef\xbb\xbf{\r\n\t"a": 1\r\n}\r\n')
    real.chmod(0o600)
    link = user_settings(home)
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    assert cli("set-level", "off").code == 0
    assert link.is_symlink()
    assert (
        real.read_bytes()
        == b'\xef\xbb\xbf{\r\n\t"a": 1,\r\n\t"telemetry.telemetryLevel": "off"\r\n}\r\n'
    )
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_mixed_line_breaks_are_all_counted_to_guess_the_indentation(cli, home):
    # Lines ending in LF and one in CRLF: VS Code guesses 2 spaces from every line, and its edit
    # (jsonc-parser's modify with that guess) keeps "b" where it is.
    path = write(user_settings(home), '{\n  "a": 1,\n  "b": 2\r\n}')
    assert cli("set-level", "off", "--settings", str(path)).code == 0
    assert path.read_bytes() == b'{\n  "a": 1,\n  "b": 2,\n  "telemetry.telemetryLevel": "off"\r\n}'


def test_dry_run_prints_a_diff_that_patch_applies_and_writes_nothing(cli, home, tmp_path):
    text = '{\n  "telemetry.enableTelemetry": false,\n  "a": 1\n}\n'
    path = write(user_settings(home), text)
    run = cli("set-level", "off", "--dry-run", "--settings", str(path))
    assert run.code == 0, run
    assert path.read_text() == text
    assert run.out.startswith(f"--- a{path}\n+++ b{path}\n@@")
    copy = write(tmp_path / "copy.json", text)
    patched = subprocess.run(
        ["patch", str(copy)], input=run.out, text=True, capture_output=True, check=False
    )
    assert patched.returncode == 0, patched.stderr
    assert values(copy) == {"a": 1, LEVEL: "off"}


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "telemetry.enableTelemetry": false}',
        '{\r  "a": 1,\r  "telemetry.enableTelemetry": false\r}\r',
        '{\n  "a": 1,\r\n  "telemetry.enableTelemetry": false\r}',
        '{\n  "a": "x\u2028y",\f\n  "telemetry.enableTelemetry": false\n}\n',
    ],
    ids=["no-final-newline", "cr", "mixed", "u2028-and-form-feed"],
)
def test_dry_run_diff_makes_exactly_the_file_the_write_makes(cli, env, home, tmp_path, text):
    # diff(1) and patch(1) split lines at LF only, and mark a last line without one.
    path = write(user_settings(home), text)
    command = [sys.executable, "-m", "telemetry_inspector", "set-level", "off", "--dry-run"]
    run = subprocess.run([*command, "--settings", str(path)], env=env, capture_output=True)
    assert run.returncode == 0, run  # read as bytes: every CR as written
    copy = write(tmp_path / "copy.json", text)
    patched = subprocess.run(
        ["patch", "--binary", str(copy)], input=run.stdout, capture_output=True, check=False
    )
    assert patched.returncode == 0, patched
    assert cli("set-level", "off", "--settings", str(path)).code == 0
    assert copy.read_bytes() == path.read_bytes()


def test_check_writes_nothing_and_says_by_exit_code(cli, home):
    path = write(user_settings(home), '{"telemetry.telemetryLevel": "all"}')
    assert cli("set-level", "off", "--check", "--settings", str(path)).code == 1
    assert path.read_text() == '{"telemetry.telemetryLevel": "all"}'
    assert cli("set-level", "all", "--check", "--settings", str(path)).code == 0
    run = cli("set-level", "off", "--check", "--json", "--settings", str(path))
    assert json.loads(run.out)[0]["changed"] is True and json.loads(run.out)[0]["written"] is False


def test_setting_the_current_level_writes_nothing(cli, home):
    path = write(user_settings(home), '{ "telemetry.telemetryLevel":"off" }')
    before = path.stat().st_mtime_ns
    run = cli("set-level", "off", "--json", "--settings", str(path))
    assert json.loads(run.out)[0]["changed"] is False
    assert path.stat().st_mtime_ns == before


def test_a_policy_that_overrides_the_level_is_pointed_out(cli, home, tmp_path):
    policy = write(tmp_path / "policy.json", '{"TelemetryLevel": "all"}')
    path = write(user_settings(home), "{}")
    run = cli("set-level", "off", "--settings", str(path), "--policy-file", str(policy))
    assert run.code == 0
    assert "by policy" in run.err and str(policy) in run.err


def test_permission_denied_reading(env, tmp_path):
    path = write(tmp_path / "settings.json", "{}")
    path.chmod(0o000)
    run = run_unprivileged("set-level", "off", "--settings", str(path), env=env)
    assert_one_line_error(run, str(path), "permission denied")


def test_permission_denied_writing_leaves_the_file_alone(env, tmp_path):
    folder = tmp_path / "ro"
    path = write(folder / "settings.json", "{}")
    folder.chmod(0o555)  # the temporary file cannot be created beside it
    try:
        run = run_unprivileged("set-level", "off", "--settings", str(path), env=env)
    finally:
        folder.chmod(0o755)
    assert_one_line_error(run, str(path), "cannot write", "permission denied")
    assert path.read_text() == "{}"


def test_a_read_only_second_target_stops_the_run_before_the_first_write(env, home):
    first = write(user_settings(home), "{}")
    second = write(user_settings(home, "Code - Insiders"), "{}")
    second.parent.chmod(0o555)  # the second file cannot be replaced
    try:
        run = run_unprivileged("set-level", "off", env=env)
    finally:
        second.parent.chmod(0o755)
    assert_one_line_error(run, str(second), "cannot write", "permission denied")
    assert first.read_text() == "{}"
    assert second.read_text() == "{}"


@pytest.mark.parametrize("command", [["set-level", "off"], ["lockdown"]])
def test_a_read_only_settings_file_is_left_alone(env, tmp_path, command):
    # a rename could replace it, but read-only is the owner's choice; VS Code's write fails too
    path = write(tmp_path / "work" / "settings.json", '{\n  "telemetry.telemetryLevel": "all"\n}\n')
    path.chmod(0o444)
    run = run_unprivileged(*command, "--settings", str(path), env=env)
    assert_one_line_error(run, str(path), "read-only")
    assert run.code == 1
    assert path.read_text() == '{\n  "telemetry.telemetryLevel": "all"\n}\n'
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no backup either


def test_a_user_data_dir_that_is_a_file(cli, tmp_path):
    path = write(tmp_path / "data", "{}")
    run = cli("set-level", "off", "--user-data-dir", str(path))
    assert_one_line_error(run, str(path), "not a folder")
    assert path.read_text() == "{}" and list(tmp_path.rglob("settings.json")) == []


def test_a_settings_path_through_a_file_creates_nothing(cli, tmp_path):
    blocker = write(tmp_path / "not-a-folder", "x")
    path = blocker / "User" / "settings.json"
    run = cli("set-level", "off", "--settings", str(path))
    assert_one_line_error(run, str(path), "not a directory")
    assert blocker.read_text() == "x"


def test_a_malformed_policy_file_is_named_not_silently_ignored(cli, home, tmp_path):
    # status, audit and lockdown say "VS Code ignores this policy file: FILE:LINE:COL: ...";
    # set-level reads the same --policy-file to point out overrides and must not stay silent.
    policy = write(tmp_path / "policy.json", '{\n  "TelemetryLevel": "all",\n}')
    path = write(user_settings(home), "{}")
    run = cli("set-level", "off", "--settings", str(path), "--policy-file", str(policy))
    assert run.code == 0, run
    assert values(path) == {LEVEL: "off"}
    assert f"{policy}:3:1:" in run.err and "Traceback" not in run.err


def test_a_settings_file_that_is_not_utf8_keeps_every_byte_it_does_not_edit(env, home, tmp_path):
    # VS Code reads such a file (each bad byte as U+FFFD) and uses its settings; set-level edits
    # it as it edits the same file with an ASCII character in each bad byte's place, and writes
    # the bytes back as they were. The diff of --dry-run holds the file's own bytes, so patch
    # applies it; --undo puts the file back byte for byte.
    data = b'{\n  // caf\xe9 \xff\n  "telemetry.enableTelemetry": false,\n  "a": "\xe2\x82"\n}'
    twin = write(tmp_path / "twin.json", data.replace(b"\xe9", b"~").replace(b"\xff", b"^"))
    twin_text = twin.read_bytes().replace(b"\xe2\x82", b"%%")
    twin.write_bytes(twin_text)
    path = write(user_settings(home), data)
    command = [sys.executable, "-m", "telemetry_inspector", "set-level", "off"]
    dry = subprocess.run([*command, "--dry-run", "--settings", str(path)], env=env,
                         capture_output=True, check=True)  # fmt: skip
    assert path.read_bytes() == data
    copy = write(tmp_path / "copy.json", data)
    patched = subprocess.run(["patch", "--binary", str(copy)], input=dry.stdout,
                             capture_output=True, check=False)  # fmt: skip
    assert patched.returncode == 0, patched.stderr
    done = subprocess.run([*command, "--settings", str(path)], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert f"{path}:2:9: not valid UTF-8 (byte 0xe9)".encode() in done.stderr
    assert subprocess.run([*command, "--settings", str(twin)], env=env).returncode == 0
    expected = twin.read_bytes().replace(b"~", b"\xe9").replace(b"^", b"\xff")
    assert path.read_bytes() == expected.replace(b"%%", b"\xe2\x82") == copy.read_bytes()
    assert b'"telemetry.telemetryLevel": "off"' in expected
    undo = subprocess.run([*command[:-2], "set-level", "--undo", "--settings", str(path)], env=env)
    assert undo.returncode == 0
    assert path.read_bytes() == data


def test_a_utf16_settings_file_is_refused_naming_the_encoding_and_left_alone(cli, home, tmp_path):
    # Notepad's "Unicode" is UTF-16: VS Code reads the file as UTF-8 and cannot use it either
    data = '{"telemetry.telemetryLevel": "all"}'.encode("utf-16")
    path = write(user_settings(home), data)
    run = cli("set-level", "off", "--settings", str(path))
    assert_one_line_error(
        run, f"{path}:1:1: ", "(it is not UTF-8 at 1:1, and VS Code reads it as UTF-8)"
    )
    assert path.read_bytes() == data
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


def _as_node_reads(paths: list[Path]) -> list[bytes]:
    # buffer.toString() as VS Code reads a file, written back as UTF-8: its U+FFFD as EF BF BD
    script = (
        "for (const f of process.argv.slice(1))"
        " console.log(Buffer.from(require('fs').readFileSync(f).toString()).toString('hex'))"
    )
    done = subprocess.run(["node", "-e", script, *map(str, paths)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return [bytes.fromhex(line) for line in done.stdout.split()]


def test_a_truncated_sequence_counts_as_the_one_character_vs_code_reads(env, tmp_path, node_tools):
    # VS Code reads \xe2\x82 as one U+FFFD, Python's surrogateescape keeps it as two characters.
    # Counted as two, the comment's ' ' sat one column off: the next line no longer looked
    # aligned, and the indentation guessed was 5 (VS Code's: 4).
    data = b'{\n/*\n"a\xe2\x82\xe2\x82 b",\n     2\n*/\n}\n'
    path = write(tmp_path / "settings.json", data)
    twin = write(tmp_path / "twin.json", _as_node_reads([path])[0])
    command = [sys.executable, "-m", "telemetry_inspector", "set-level", "off", "--settings"]
    for each in (path, twin):
        assert subprocess.run([*command, str(each)], env=env, capture_output=True).returncode == 0
    assert b'\n    "telemetry.telemetryLevel": "off"' in twin.read_bytes()
    assert path.read_bytes().decode("utf-8", "replace").encode() == twin.read_bytes()
    assert path.read_bytes().count(b"\xe2\x82") == 2


def test_a_parse_error_after_a_truncated_sequence_names_the_column_status_names(cli, tmp_path):
    # Three truncated sequences are three U+FFFD to VS Code (and to status) but seven lone
    # surrogates in the text set-level edits: its error named 2:18 for the x at 2:14.
    path = write(tmp_path / "settings.json", b'{\n  "a": "\xe2\x82\xe2\x82\xf0\x9f\x98" x\n}\n')
    [status] = json.loads(cli("status", "--json", "--settings", str(path)).out)
    assert status["error"].startswith(f"{path}:2:14: unexpected text")
    for command in ("set-level off", "lockdown"):
        run = cli(*command.split(), "--settings", str(path))
        assert_one_line_error(run, f"{path}:2:14: unexpected text")
    assert path.read_bytes() == b'{\n  "a": "\xe2\x82\xe2\x82\xf0\x9f\x98" x\n}\n'
    # lockdown --policy merges into the policy file read the same way (strict JSON)
    policy = write(tmp_path / "policy.json", b'{"a": "\xe2\x82\xe2\x82\xf0\x9f\x98" x}')
    settings = write(tmp_path / "clean.json", b"{}")
    run = cli("lockdown", "--policy", "--policy-file", str(policy), "--settings", str(settings))
    assert_one_line_error(run, f"{policy}:1:13: expecting ',' delimiter")
    assert settings.read_bytes() == b"{}"


@pytest.mark.parametrize("command", ["set-level off", "lockdown"])
def test_the_dry_run_diff_of_a_file_with_a_bom_applies_with_patch(env, tmp_path, command):
    # The diff left the BOM out of the first line, so patch found no such line and refused it.
    data = b'\xef\xbb\xbf{"telemetry.enableTelemetry": false, "b": "\xc0"} // \xff'
    path = write(tmp_path / "settings.json", data)
    cli = [sys.executable, "-m", "telemetry_inspector", *command.split(), "--settings", str(path)]
    dry = subprocess.run([*cli, "--dry-run"], env=env, capture_output=True, check=True)
    copy = write(tmp_path / "copy.json", data)
    patched = subprocess.run(["patch", "--binary", str(copy)], input=dry.stdout,
                             capture_output=True, check=False)  # fmt: skip
    assert patched.returncode == 0, patched.stdout
    assert path.read_bytes() == data
    assert subprocess.run(cli, env=env, capture_output=True).returncode == 0
    assert path.read_bytes() == copy.read_bytes() != data
    assert path.read_bytes().startswith(b"\xef\xbb\xbf{") and b"\xc0" in path.read_bytes()


def test_a_parse_error_blames_the_encoding_only_where_a_bad_byte_stopped_the_parse(cli, tmp_path):
    # The hint named the file's first bad byte (a Latin-1 comment) for any error: a missing
    # comma two lines on read as 'it is not UTF-8 at 1:9', and a bad byte that did stop the
    # parse was not the place named.
    comma = write(tmp_path / "comma.json", b'{ // caf\xe9\n "a": 1\n "b": 2 }')
    stray = write(tmp_path / "stray.json", b'{ // caf\xe9\n "a": tru\xff}')
    for command in ("set-level off", "lockdown"):
        run = cli(*command.split(), "--settings", str(comma))
        assert_one_line_error(run, f"{comma}:3:2: expected a comma between members")
        assert "UTF-8" not in run.err
        run = cli(*command.split(), "--settings", str(stray))
        assert_one_line_error(run, f"{stray}:2:7: unexpected text", "not UTF-8 at 2:10,")
    [status] = json.loads(cli("status", "--json", "--settings", str(comma)).out)
    assert "UTF-8" not in status["error"]


def test_the_place_of_a_bad_byte_on_the_first_line_of_a_file_with_a_bom_counts_without_it(
    cli, tmp_path
):
    # Parse errors count columns without the BOM (VS Code sets it aside); the bad byte's place
    # counted it, one column too far: 1:9 for the byte at 1:8.
    path = write(tmp_path / "settings.json", b'\xef\xbb\xbf{"a": "\xff"}')
    [status] = json.loads(cli("status", "--json", "--settings", str(path)).out)
    assert any(note.startswith("1:8: not valid UTF-8 (byte 0xff)") for note in status["notes"])
    run = cli("set-level", "off", "--settings", str(path))
    assert run.code == 0 and f"{path}:1:8: not valid UTF-8 (byte 0xff)" in run.err, run
    broken = write(tmp_path / "broken.json", b'\xef\xbb\xbf{"a": \xff}')
    run = cli("set-level", "off", "--settings", str(broken))
    assert_one_line_error(run, f"{broken}:1:7: unexpected text", "not UTF-8 at 1:7,")

"""Where the catalog goes: stdout, or -o FILE written atomically; compact or `code` format;
config files; the progress bar on a terminal only."""

from __future__ import annotations

import json
import os
import pty
import stat
import subprocess
import sys
from pathlib import Path

from extract_corpus import load_case, load_expected, materialize, working_dir

from tests.conftest import assert_one_line_error, run_cli, run_unprivileged


def _typed_basic(tmp: Path) -> tuple[Path, dict]:
    case = load_case("typed-basic")
    root = materialize(case, tmp)
    return working_dir(case, root), load_expected(case)["catalog"]


def test_stdout_is_compact_json_with_a_final_newline(tmp_path, env):
    source, expected = _typed_basic(tmp_path)
    run = run_cli("extract", str(source), env=env)
    assert run.out.endswith("}\n") and run.out.count("\n") == 1
    assert json.loads(run.out) == expected


def test_format_code_is_four_space_indented(tmp_path, env):
    source, expected = _typed_basic(tmp_path)
    run = run_cli("extract", str(source), "--format", "code", env=env)
    assert run.out.startswith('{\n    "commonProperties": {},\n    "events": {\n        "')
    assert json.loads(run.out) == expected


def test_output_file_gets_the_catalog_and_stdout_stays_empty(tmp_path, env):
    source, expected = _typed_basic(tmp_path)
    target = tmp_path / "telemetry.json"
    run = run_cli("extract", str(source), "-o", str(target), env=env)
    assert (run.code, run.out, run.err) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8")) == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".telemetry-")] == []


def test_output_file_keeps_its_mode_and_a_link_is_written_through(tmp_path, env):
    source, expected = _typed_basic(tmp_path)
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    run = run_cli("extract", str(source), "-o", str(link), env=env)
    assert run.code == 0, run.err
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert json.loads(real.read_text(encoding="utf-8")) == expected


def test_output_into_a_missing_folder_fails_and_writes_nothing(tmp_path, env):
    source, _ = _typed_basic(tmp_path)
    target = tmp_path / "missing" / "telemetry.json"
    run = run_cli("extract", str(source), "-o", str(target), env=env)
    assert_one_line_error(run, str(target), "cannot write")
    assert not target.parent.exists()


def test_config_file_like_the_references(tmp_path, env):
    case = load_case("config")
    root = materialize(case, tmp_path)
    run = run_cli("extract", "--config", "telemetry-config.json", env=env, cwd=root)
    assert run.code == 0, run.err
    assert json.loads(run.out) == load_expected(case)["catalog"]


def test_malformed_config_is_located(tmp_path, env):
    (tmp_path / "c.json").write_text('[\n  {"sourceDirs": ["a"],}\n]\n', encoding="utf-8")
    run = run_cli("extract", "--config", "c.json", env=env, cwd=tmp_path)
    assert_one_line_error(run, "c.json:2:24", "invalid JSON")


def test_config_entry_without_sources(tmp_path, env):
    (tmp_path / "c.json").write_text('[{"eventPrefix": "x/"}]', encoding="utf-8")
    run = run_cli("extract", "--config", "c.json", env=env, cwd=tmp_path)
    assert_one_line_error(run, "c.json", "entry 0: sourceDirs must be a list of folders")


def test_config_naming_a_missing_folder(tmp_path, env):
    (tmp_path / "c.json").write_text('[{"sourceDirs": ["gone"]}]', encoding="utf-8")
    run = run_cli("extract", "--config", "c.json", env=env, cwd=tmp_path)
    assert_one_line_error(run, "gone", "no such folder", "named in c.json")


def _tree_of(count: int, folder: Path) -> None:
    for index in range(count):
        part = folder / f"part{index % 20}"
        part.mkdir(parents=True, exist_ok=True)
        (part / f"f{index}.ts").write_text(f"export const v{index} = {index};\n", encoding="utf-8")
    (folder / "event.ts").write_text(
        '/* __GDPR__ "big/event" : { "owner": "o", "comment": "c" } */\n', encoding="utf-8"
    )


def _run_with_terminal_stderr(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "telemetry_inspector", *args],
        env={**env, "TERM": "xterm", "COLUMNS": "80"},
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    out, _ = process.communicate(timeout=120)
    os.close(leader)
    return process.returncode, out.decode(), screen.decode(errors="replace")


def test_a_large_tree_shows_progress_on_a_terminal_and_stdout_stays_clean(tmp_path, env):
    _tree_of(2100, tmp_path / "big")
    code, out, screen = _run_with_terminal_stderr(["extract", str(tmp_path / "big")], env)
    assert code == 0
    assert json.loads(out) == {
        "commonProperties": {},
        "events": {"big/event": {"owner": "o", "comment": "c"}},
    }
    assert "reading sources" in screen


def test_progress_shows_from_the_first_file_found(tmp_path, env):
    """Even a small tree: the count of files found is on screen before any is read."""
    _tree_of(30, tmp_path / "small")
    code, out, screen = _run_with_terminal_stderr(["extract", str(tmp_path / "small")], env)
    assert code == 0
    assert "big/event" in json.loads(out)["events"]
    found = screen.index("finding sources")
    assert screen.index("reading sources", found) > found
    assert "31/31" in screen  # the bar's last state: every file read


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path, env):
    _tree_of(2100, tmp_path / "big")
    run = run_cli("extract", str(tmp_path / "big"), env=env)
    assert (run.code, run.err) == (0, "")


def test_a_read_only_output_file_is_left_alone_as_a_shell_redirection_would(tmp_path, env):
    source, _ = _typed_basic(tmp_path)
    target = tmp_path / "telemetry.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o444)
    run = run_unprivileged("extract", str(source), "-o", str(target), env=env)
    assert_one_line_error(run, str(target), "read-only")
    assert target.read_text(encoding="utf-8") == "old\n"


def test_output_onto_a_folder_fails_naming_it(tmp_path, env):
    source, _ = _typed_basic(tmp_path)
    target = tmp_path / "out"
    target.mkdir()
    run = run_cli("extract", str(source), "-o", str(target), env=env)
    assert_one_line_error(run, str(target), "cannot write", "is a directory")
    assert list(target.iterdir()) == []


def test_a_failed_run_leaves_the_output_file_alone(tmp_path, env):
    work = tmp_path / "work"
    work.mkdir()
    target = work / "telemetry.json"
    target.write_text("previous catalog", encoding="utf-8")
    (work / "c.json").write_text('[\n  {"sourceDirs": ["a"],}\n]\n', encoding="utf-8")
    for args in (("--config", "c.json"), ("no-such-dir",)):
        run = run_cli("extract", *args, "-o", str(target), env=env, cwd=work)
        assert_one_line_error(run, "c.json:2:24" if args[0] == "--config" else "no-such-dir")
        assert target.read_text(encoding="utf-8") == "previous catalog"
    assert sorted(p.name for p in work.iterdir()) == ["c.json", "telemetry.json"]


def test_a_config_that_is_missing_or_a_folder_is_named(tmp_path, env):
    (tmp_path / "folder.json").mkdir()
    for name, why in (("gone.json", "no such file"), ("folder.json", "is a directory")):
        run = run_cli("extract", "--config", name, env=env, cwd=tmp_path)
        assert_one_line_error(run, f"{name}: cannot read the config file", why)
        assert run.code == 1


def test_an_unreadable_config_is_named(tmp_path, env):
    config = tmp_path / "c.json"
    config.write_text('[{"sourceDirs": ["."]}]', encoding="utf-8")
    config.chmod(0o000)
    try:
        run = run_unprivileged("extract", "--config", str(config), env=env, cwd=tmp_path)
    finally:
        config.chmod(0o644)
    assert_one_line_error(run, str(config), "permission denied")


def test_a_config_with_a_wrongly_typed_field_is_named(tmp_path, env):
    (tmp_path / "src").mkdir()
    (tmp_path / "c.json").write_text('[{"sourceDirs": ["src"], "eventPrefix": 3}]')
    run = run_cli("extract", "--config", "c.json", env=env, cwd=tmp_path)
    assert_one_line_error(run, "c.json", "entry 0: eventPrefix must be a string")
    assert run.code == 1

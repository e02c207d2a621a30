"""What users expect of a command-line tool: --format and -o FILE, global options anywhere, -V,
shell completion, a pipe's reader leaving early, one change per line."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, assert_one_line_error, clean_env, run_in_terminal
from tests.settings.worlds import copy_examples

INSTALL = ("--app-root", str(EXAMPLES / "install"))


@pytest.fixture
def world(home: Path) -> Path:
    """A copy of the examples home, safe to write in."""
    return copy_examples(home)


def test_csv_of_audit_has_a_row_per_switch_as_the_json_has(cli, world):
    records = json.loads(cli("audit", "--json", *INSTALL).out)
    run = cli("audit", "--format", "csv", *INSTALL)
    assert run.code == 1  # switches are on in the examples world
    rows = list(csv.DictReader(io.StringIO(run.out)))
    expected = [(r["settings"], s["id"]) for r in records for s in r["switches"]]
    assert [(row["settings"], row["id"]) for row in rows] == expected
    by_id = {(r["settings"], s["id"]): s for r in records for s in r["switches"]}
    for row in rows:
        switch = by_id[row["settings"], row["id"]]
        assert row["off"] == {True: "yes", False: "no", None: "unknown"}[switch["off"]]
        assert (json.loads(row["value"]) if row["value"] else None) == switch["value"]


def test_csv_of_stats_counts_as_the_json_does(cli, world):
    counts = json.loads(cli("stats", "--json").out)["by_event"]
    rows = list(csv.DictReader(io.StringIO(cli("stats", "--format", "csv").out)))
    assert [(r["event"], int(r["count"]), r["first"]) for r in rows] == [
        (c["event"], c["count"], c["first"]) for c in counts
    ]


def test_the_human_view_goes_to_a_pipe_when_asked(cli, world):
    run = cli("status", "--format", "table", "--color", "never")
    assert run.code == 0
    assert "effective" in run.out and "\x1b[" not in run.out
    with pytest.raises(json.JSONDecodeError):
        json.loads(run.out)
    assert json.loads(cli("status").out)  # piped, the default stays JSON


def test_json_and_another_format_together_is_a_usage_error(cli, world):
    run = cli("audit", "--json", "--format", "csv")
    assert_one_line_error(run, "--json", "--format csv")
    assert run.code == 2


def test_report_table_needs_summary(cli, world):
    run = cli("report", "--format", "table", *INSTALL)
    assert_one_line_error(run, "--summary")


@pytest.mark.parametrize(
    "args",
    [
        ("report", *INSTALL),
        ("report", "--summary", *INSTALL),
        ("show", "editorOpened", *INSTALL),
        ("status",),
        ("audit", *INSTALL),
        ("stats",),
        ("stats", "--format", "csv"),
        ("tail", "--no-follow"),
    ],
)
def test_o_writes_what_stdout_would_get(cli, world, tmp_path, args):
    piped = cli(*args)
    target = tmp_path / "out.txt"
    run = cli(*args, "-o", str(target))
    assert run.code == piped.code
    assert run.out == ""
    assert target.read_text(encoding="utf-8") == piped.out
    assert piped.out


def test_o_on_failure_creates_nothing_and_keeps_an_old_file(cli, world, tmp_path):
    missing_install = ("--app-root", str(tmp_path / "no-such-install"))
    new = tmp_path / "new.json"
    run = cli("report", *missing_install, "-o", str(new))
    assert run.code == 1 and run.out == ""
    assert list(tmp_path.iterdir()) == [tmp_path / "home"]  # no file, no temporary left
    old = tmp_path / "old.json"
    old.write_text("precious\n", encoding="utf-8")
    run = cli("report", *missing_install, "-o", str(old))
    assert run.code == 1
    assert old.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "old.json"]


def test_o_into_a_missing_folder_is_one_line(cli, world, tmp_path):
    run = cli("status", "-o", str(tmp_path / "nope" / "status.json"))
    assert_one_line_error(run, "nope", "no such file or folder")
    assert not (tmp_path / "nope").exists()


def test_o_dash_is_stdout(cli, world):
    assert json.loads(cli("status", "-o", "-").out)


def test_tail_following_into_a_file_is_refused(cli, world, tmp_path):
    run = cli("tail", "-o", str(tmp_path / "events.json"))
    assert_one_line_error(run, "--no-follow")
    assert run.code == 2
    assert not (tmp_path / "events.json").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--color", "never", "--format", "table"),
        ("status", "--format", "table", "--color=never"),
        ("status", "--debug", "--color", "never", "--format", "table"),
    ],
)
def test_global_options_after_the_command(cli, world, args):
    run = cli(*args)
    assert run.code == 0, run.err
    before = cli("--color", "never", "status", "--format", "table")
    assert run.out == before.out


def test_global_options_after_the_command_are_checked_as_before(cli, world):
    run = cli("status", "--color", "sometimes")
    assert_one_line_error(run, "sometimes")
    assert run.code == 2


def test_dash_v_is_version(cli):
    run = cli("-V")
    assert run.code == 0 and run.out.startswith("telemetry ")
    assert run.out == cli("--version").out == cli("status", "-V").out


def test_bash_completes_commands_and_options(cli, tmp_path):
    script = tmp_path / "telemetry.bash"
    script.write_text(cli("completion", "bash").out, encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    shell = (
        f"source {script}\n"
        "COMP_WORDS=(telemetry sta); COMP_CWORD=1; _telemetry_completion telemetry\n"
        'echo "${COMPREPLY[*]}"\n'
        "COMP_WORDS=(telemetry audit --le); COMP_CWORD=2; _telemetry_completion telemetry\n"
        'echo "${COMPREPLY[*]}"\n'
    )
    env = {**clean_env(tmp_path), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "-c", shell], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    commands, options = done.stdout.splitlines()
    assert sorted(commands.split()) == ["stats", "status"]
    assert options.split() == ["--level"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_call_back_telemetry(cli, shell):
    run = cli("completion", shell)
    assert run.code == 0
    assert "_TELEMETRY_COMPLETE=complete_" + shell in run.out


def test_an_unknown_shell_is_a_usage_error(cli):
    run = cli("completion", "ksh")
    assert_one_line_error(run, "ksh")
    assert run.code == 2


def test_completion_costs_a_normal_start_nothing():
    """Beyond what `import typer` loads anyway, a start loads nothing of completion: only the
    command being run is built (app.COMMANDS), and completion's module with it."""
    code = (
        "import sys; import typer; before = set(sys.modules)\n"
        "import telemetry_inspector.app\n"
        "print(sorted(m for m in set(sys.modules) - before if 'complet' in m or 'shell' in m))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("reader", [["head", "-1"], ["grep", "-m1", "time"]])
def test_tail_ends_while_idle_once_its_reader_has_gone(world, reader):
    """`telemetry tail -n 3 | head -1`: nothing new is logged, yet it exits 141 at once."""
    tail = subprocess.Popen(
        [sys.executable, "-m", "telemetry_inspector", "tail", "-n", "3"],
        env=clean_env(world),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    head = subprocess.Popen(reader, stdin=tail.stdout, stdout=subprocess.PIPE)
    tail.stdout.close()  # the reader alone holds the pipe, as in a shell
    first, _ = head.communicate(timeout=60)
    assert json.loads(first)["time"]
    started = time.monotonic()
    try:
        code = tail.wait(timeout=30)
    finally:
        tail.kill()
    assert code == 141  # errors.EXIT_BROKEN_PIPE
    assert time.monotonic() - started < 30
    assert b"Traceback" not in tail.stderr.read()
    tail.stderr.close()


def test_lockdown_says_one_change_per_line(cli, world):
    planned = json.loads(cli("lockdown", "--json", "--dry-run", *INSTALL).out)["files"]
    screen = run_in_terminal(
        "--color", "never", "lockdown", *INSTALL, env=clean_env(world), columns=200
    )
    assert screen.code == 0, screen.err
    lines = screen.out.splitlines()
    for file in (f for f in planned if f["changes"]):
        at = next(i for i, line in enumerate(lines) if line.startswith(file["file"]))
        shown = lines[at + 1 : at + 1 + len(file["changes"])]
        keys = {change["key"] for change in file["changes"]}
        for line, change in zip(shown, file["changes"], strict=True):
            assert line.startswith("  ") and change["key"] in line
            others = {key for key in keys - {change["key"]} if f" {key} " in line}
            assert others == set(), line  # one change per line


COMMANDS = (
    "report",
    "show",
    "diff",
    "extract",
    "status",
    "set-level",
    "audit",
    "lockdown",
    "tail",
    "stats",
    "completion",
)


@pytest.mark.parametrize("command", COMMANDS)
def test_usage_lines_read_like_the_rest_of_the_help(cli, command):
    run = cli(command, "--help", env={**clean_env(Path("/nonexistent")), "COLUMNS": "200"})
    assert run.code == 0
    usage = next(line for line in run.out.splitlines() if "Usage:" in line).split()
    assert usage[:4] == ["Usage:", "telemetry", command, "[OPTIONS]"]
    for piece in usage[4:]:  # arguments: NAME, [NAME], NAME... or [NAME...]
        name = piece.strip("[]").removesuffix("...")
        assert name.isupper() and "{" not in piece and ":" not in piece, piece


def test_usage_says_when_an_argument_takes_several(cli):
    for command in ("extract", "tail", "stats"):
        usage = cli(command, "--help", env={**clean_env(Path("/x")), "COLUMNS": "200"}).out
        assert "...]" in next(line for line in usage.splitlines() if "Usage:" in line)


def test_show_takes_the_name_as_the_log_writes_it(cli, world):
    plain = cli("show", "editorOpened", "--json", *INSTALL)
    prefixed = cli("show", "telemetry/editorOpened", "--json", *INSTALL)
    assert prefixed.code == 0, prefixed.err
    assert json.loads(prefixed.out) == json.loads(plain.out)
    missing = cli("show", "telemetry/editorOpenedX", *INSTALL)
    assert missing.code == 1 and "did you mean: editorOpened" in missing.err


def test_tail_without_logs_names_where_it_looked_and_why_there_may_be_none(cli, home):
    run = cli("tail", "--no-follow")
    assert_one_line_error(run, str(home / ".config" / "Code" / "logs"), "Trace")
    assert str(home / ".vscode-server" / "data" / "logs") in run.err


@pytest.mark.parametrize("command", ["tail", "stats"])
def test_without_a_catalog_it_says_once_that_events_are_not_annotated(cli, world, command):
    # the examples home has logs but no installation is found from it: no catalog
    args = ("--no-follow", "--format", "text") if command == "tail" else ("--format", "table")
    run = cli(command, *args)
    assert run.code == 0, run.err
    assert run.err.count("without annotations") == 1
    named = cli(command, *args, "--no-catalog")
    assert "without annotations" not in named.err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{\n  // set by IT\n  "TelemetryLevel": "off"\n}\n', "comments are not allowed"),
        ('{\n  "TelemetryLevel": "off",\n}\n', "a trailing comma is not allowed"),
    ],
)
def test_a_policy_file_with_settings_json_habits_is_explained(cli, world, tmp_path, text, words):
    policy = tmp_path / "policy.json"
    policy.write_text(text, encoding="utf-8")
    run = cli("status", "--policy-file", str(policy))
    assert run.code == 0
    assert f"{policy}:" in run.err and "policy.json is strict JSON: " + words in run.err


def test_o_will_not_replace_a_folder_or_a_fifo(cli, world, tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    for target, reason in ((folder, "is a directory"), (fifo, "not a regular file")):
        run = cli("status", "-o", str(target))
        assert_one_line_error(run, str(target), reason)
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-fifo", "a-folder", "home"]

"""`telemetry tail --no-follow`: the real CLI over the example session and generated logs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import assert_one_line_error, run_unprivileged

from .helpers import (
    CATALOG,
    EXAMPLE_LOGS,
    EXAMPLE_SESSION,
    EXAMPLES,
    event_line,
    run_in_terminal,
    without_styles,
)

# Written for the example session (see examples/home/.config/Code/logs/20260330T095512): the one
# event whose JSON spans lines, and the one line cut short by a killed process.
MULTI_LINE = ("2026-03-30T09:58:05.774", "settingsEditor.searchResults", "telemetry.log", 5)
CUT_LINE = ("telemetry.log", 11)

_LINE = re.compile(
    r"^\[?(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})\]?(?: \[\w+\])? \[trace\] "
    r"(?:\[(\S+)\] )?(\S+?)/(\S+) (\{.*\})$"
)


def expected_events(*paths):
    """The single-line events of log files, read with a regex and json (not with our code)."""
    found = []
    for path in paths:
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = _LINE.match(text)
            if match is None:
                continue
            try:
                payload = json.loads(match[6])
            except ValueError:
                continue
            core = match[4] == "telemetry"
            name = match[5] if core else f"{match[4]}/{match[5]}"
            found.append((f"{match[1]}T{match[2]}", name, path.name, number, payload))
    return sorted(found, key=lambda item: item[0])


def records(run) -> list[dict]:
    assert run.code == 0, run.err
    return [json.loads(line) for line in run.out.splitlines()]


def session_files():
    return sorted(EXAMPLE_SESSION.rglob("*elemetry*.log"))


def test_session_events_in_time_order_with_their_payloads(cli):
    run = cli("tail", "--no-follow", "--json", str(EXAMPLE_SESSION))
    got = records(run)
    expected = expected_events(*session_files())
    as_keys = [(r["time"], r["event"], r["file"].rsplit("/", 1)[-1], r["line"]) for r in got]
    assert as_keys == sorted(
        [item[:4] for item in expected] + [MULTI_LINE], key=lambda item: item[0]
    )
    for record in got:
        match = [e for e in expected if e[0] == record["time"] and e[1] == record["event"]]
        if match and "properties" in match[0][4]:
            assert record["properties"] == match[0][4]["properties"]
            assert record["measurements"] == match[0][4]["measurements"]
    assert run.err == "note: 1 line could not be read as events (--verbose shows them)\n"


def test_verbose_shows_the_unreadable_line_raw_on_stderr(cli):
    run = cli("tail", "--no-follow", "--json", "--verbose", str(EXAMPLE_SESSION))
    assert run.code == 0
    [note] = run.err.splitlines()
    assert f"{CUT_LINE[0]}:{CUT_LINE[1]}:" in note
    assert "telemetry/editorClosed" in note


def test_sources_and_kinds(cli):
    got = records(cli("tail", "--no-follow", "--json", str(EXAMPLE_SESSION)))
    by_event = {r["event"]: (r["kind"], r["source"]) for r in got}
    assert by_event["editorOpened"] == ("core", "core")
    assert by_event["debugSessionStart"] == ("endpoint", "ms-vscode.js-debug")
    assert by_event["ms-python.python/LINTING"] == ("extension", "ms-python.python")
    # logged as `git/...`, its payload's common.extname names the extension: vscode.git
    assert by_event["git/git.command"] == ("extension", "vscode.git")


def test_flat_extension_payload(cli):
    got = records(cli("tail", "--no-follow", "--json", "--event", "git/*", str(EXAMPLE_SESSION)))
    [git] = got
    assert git["properties"]["command"] == "git.stage"
    assert git["measurements"] == {"success": True, "duration": 42}


def test_old_format_session_with_header_lines(cli):
    old = EXAMPLE_LOGS / "20220815T101010"
    run = cli("tail", "--no-follow", "--json", str(old))
    got = records(run)
    expected = expected_events(*sorted(old.rglob("*.log")))
    assert [(r["time"], r["event"]) for r in got] == [item[:2] for item in expected]
    assert run.err == ""


def test_a_logs_folder_means_its_newest_session(cli):
    got = records(cli("tail", "--no-follow", "--json", str(EXAMPLE_LOGS)))
    assert {r["time"][:4] for r in got} == {"2026"}


def test_last_n_events(cli):
    got = records(cli("tail", "--no-follow", "--json", "-n", "3", str(EXAMPLE_SESSION)))
    everything = expected_events(*session_files())
    assert [r["time"] for r in got] == [item[0] for item in everything[-3:]]


@pytest.mark.parametrize(
    ("options", "wanted"),
    [
        (["--event", "workbench*"], {"workbenchActionExecuted"}),
        (
            ["--event", "telemetry/editorOpened", "--event", "git/*"],
            {"editorOpened", "git/git.command"},
        ),
        (
            ["--source", "extension", "--exclude", "ms-python.python/*"],
            {"git/git.command", "github-authentication/login"},
        ),
        (["--source", "ms-vscode.js-debug"], {"debugSessionStart"}),
        (["--source", "endpoint"], {"debugSessionStart"}),
        (["--where", "from=keybinding"], {"workbenchActionExecuted"}),
        (["--where", "breakpointCount=2"], {"debugSessionStart"}),
        (["--where", "success=true"], {"git/git.command"}),
        (
            ["--source", "core", "--event", "*Opened", "--where", "resource.ext=.py"],
            {"editorOpened"},
        ),
    ],
)
def test_filters(cli, options, wanted):
    got = records(cli("tail", "--no-follow", "--json", *options, str(EXAMPLE_SESSION)))
    assert {r["event"] for r in got} == wanted


@pytest.mark.parametrize("where", ["no-equals-sign", "=value"])
def test_malformed_where_is_a_usage_error(cli, where):
    run = cli("tail", "--no-follow", "--json", "--where", where, str(EXAMPLE_SESSION))
    assert_one_line_error(run, "--where", "KEY=VALUE")
    assert run.code == 2


def test_missing_file_is_a_one_line_error_naming_it(cli, tmp_path):
    missing = tmp_path / "nowhere" / "telemetry.log"
    run = cli("tail", "--no-follow", str(missing))
    assert_one_line_error(run, str(missing))
    assert run.code == 1


def test_folder_without_logs_says_so(cli, tmp_path):
    run = cli("tail", "--no-follow", str(tmp_path))
    assert_one_line_error(run, str(tmp_path), "no telemetry logs")


def test_broken_pipe_ends_quietly(env, tmp_path):
    log = tmp_path / "telemetry.log"
    line = event_line("2026-03-30 10:00:00.000", "telemetry/x", {"k": "v" * 200})
    log.write_text(line * 20_000, encoding="utf-8")
    tail = subprocess.Popen(
        [sys.executable, "-m", "telemetry_inspector", "tail", "--json", "--no-follow", str(log)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    head = subprocess.Popen(["head", "-1"], stdin=tail.stdout, stdout=subprocess.PIPE)
    tail.stdout.close()  # head alone holds the pipe, as in a shell
    first, _ = head.communicate(timeout=60)
    error = tail.stderr.read()
    tail.stderr.close()
    assert tail.wait(timeout=60) == 141  # errors.EXIT_BROKEN_PIPE: 128 + SIGPIPE
    assert error == b""
    assert json.loads(first)["event"] == "x"


def test_payloads_are_shown_literally_on_a_terminal(env, tmp_path):
    log = tmp_path / "telemetry.log"
    hostile = {
        "markup": "[bold red]loud[/bold red] [link=https://example.invalid]click[/link]",
        "escape": "\x1b[31mred\x1b]8;;https://example.invalid\x07",
    }
    log.write_text(
        event_line("2026-03-30 10:00:00.000", "telemetry/[bold]name[/bold]", hostile),
        encoding="utf-8",
    )
    raw = run_in_terminal(["--color", "never", "tail", "--no-follow", str(log)], env)
    # none of the payload's sequences reached the terminal (our own styles may)
    assert "\x1b[31mred" not in raw and "\x1b]8;;" not in raw and "\x07" not in raw
    shown = without_styles(raw)
    assert "[bold red]loud[/bold red]" in shown
    assert "[link=https://example.invalid]cli" in shown  # long values are cut on a terminal
    assert "[bold]name[/bold]" in shown
    assert "\\x1b[31mred\\x1b]8;;https://example.invalid\\x07" in shown


def test_terminal_line_hides_common_properties_unless_asked(env):
    args = ["--color", "never", "tail", "--no-follow", "--event", "editorOpened"]
    shown = without_styles(run_in_terminal([*args, str(EXAMPLE_SESSION)], env))
    assert "typeId=workbench.editors.files.fileEditorInput" in shown
    assert "common.machineId" not in shown
    every = without_styles(run_in_terminal([*args, "--all-properties", str(EXAMPLE_SESSION)], env))
    assert "common.machineId=3f9ad2c0" in every


def test_annotation_is_a_field_of_each_record(cli):
    args = ["tail", "--no-follow", "--json", "--catalog", str(CATALOG), str(EXAMPLE_SESSION)]
    got = {r["event"]: r for r in records(cli(*args))}
    opened = got["editorOpened"]["annotation"]
    assert opened["known"] is True and opened["catalog"] == "vscode-core"
    assert opened["classifications"]["resource.path"] == "CustomerContent"
    assert "resource.path" in opened["personal"]
    assert "common.machineId" in opened["personal"]
    assert "owner" not in opened
    unknown = got["notification:show"]["annotation"]
    assert unknown["known"] is False
    assert {"id", "source", "silent"} <= set(unknown["not_in_catalog"])
    assert unknown["classifications"]["common.machineId"] == "EndUserPseudonymizedInformation"
    assert got["ms-python.python/EXTENSION.LOAD"]["annotation"]["personal"] == [
        "common.vscodemachineid",
        "common.vscodesessionid",
        "hashedName",
    ]


def test_explain_adds_owner_and_comment(cli):
    args = ["tail", "--no-follow", "--json", "--explain", "--catalog", str(CATALOG)]
    got = records(cli(*args, "--event", "editorOpened", str(EXAMPLE_SESSION)))
    note = got[0]["annotation"]
    assert (note["owner"], note["comment"]) == ("editorowner", "An editor opened a resource.")
    assert note["comments"]["typeId"] == "The kind of editor input."


def test_annotation_on_a_terminal_flags_unknowns_and_personal_data(env):
    args = ["--color", "never", "tail", "--no-follow", "--catalog", str(CATALOG)]
    shown = without_styles(
        run_in_terminal([*args, "--event", "notification:show", str(EXAMPLE_SESSION)], env)
    )
    assert "notification:show (not in catalog)" in shown
    shown = without_styles(
        run_in_terminal([*args, "--explain", "--event", "editorOpened", str(EXAMPLE_SESSION)], env)
    )
    assert "!resource.path=<REDACTED: user-file-path>" in shown
    assert "owner editorowner: An editor opened a resource." in shown


def test_bad_catalog_is_a_one_line_error(cli, tmp_path):
    bad = tmp_path / "catalog.json"
    bad.write_text('{"vscode-core": {"events": {,}}}', encoding="utf-8")
    run = cli("tail", "--no-follow", "--json", "--catalog", str(bad), str(EXAMPLE_SESSION))
    assert_one_line_error(run, f"{bad}:1:")


def test_the_installation_catalog_annotates_as_report_finds_it(cli):
    install = ["--app-root", str(EXAMPLES / "install")]
    extensions = ["--extensions-dir", str(EXAMPLES / "home" / ".vscode" / "extensions")]
    args = ["tail", "--no-follow", "--json", *install, *extensions, "--event", "editorOpened"]
    [record] = records(cli(*args, str(EXAMPLE_SESSION)))
    assert record["annotation"]["known"] is True
    assert record["annotation"]["catalog"] == "vscode-core"
    [plain] = records(cli(*args, "--no-catalog", str(EXAMPLE_SESSION)))
    assert "annotation" not in plain


def test_with_two_installations_tail_says_which_catalog_annotates_as_report_does(cli, home):
    for name in ("VSCode-linux-x64", "VSCode-old"):  # tarballs unpacked in the home folder
        shutil.copytree(EXAMPLES / "install", home / name)
    run = cli("tail", "--no-follow", "--json", "--event", "editorOpened", str(EXAMPLE_SESSION))
    [record] = records(run)
    assert record["annotation"]["known"] is True
    [note] = [line for line in run.err.splitlines() if "also found" in line]
    assert str(home / "VSCode-linux-x64") in note and str(home / "VSCode-old") in note
    assert note in cli("report", "--summary", "--json").err.splitlines()


def test_an_app_root_without_a_catalog_is_an_error(cli, tmp_path):
    run = cli("tail", "--no-follow", "--json", "--app-root", str(tmp_path), str(EXAMPLE_SESSION))
    assert_one_line_error(run, str(tmp_path))


@pytest.mark.parametrize(
    ("kind", "needle"),
    [
        ("missing", "cannot read"),
        ("a folder", "cannot read"),
        ("not a catalog", "not a report"),
    ],
)
def test_a_catalog_that_cannot_be_used_is_a_one_line_error(cli, tmp_path, kind, needle):
    path = tmp_path / "catalog.json"
    if kind == "a folder":
        path.mkdir()
    elif kind == "not a catalog":
        path.write_text("[1]", encoding="utf-8")
    run = cli("tail", "--no-follow", "--json", "--catalog", str(path), str(EXAMPLE_SESSION))
    assert_one_line_error(run, str(path), needle)
    assert run.code == 1


def test_an_unreadable_log_is_named(env, tmp_path):
    log = tmp_path / "telemetry.log"
    log.write_text(event_line("2026-03-30 09:55:13.201", "telemetry/editorOpened", {}))
    log.chmod(0o000)
    try:
        run = run_unprivileged("tail", "--no-follow", str(log), env=env)
    finally:
        log.chmod(0o644)
    assert_one_line_error(run, str(log), "permission denied")


def test_a_negative_line_count_is_a_usage_error(cli):
    run = cli("tail", "--no-follow", "-n", "-1", str(EXAMPLE_SESSION))
    assert_one_line_error(run, "--lines", "-1")
    assert run.code == 2


def test_a_missing_extensions_dir_is_an_error(cli, tmp_path):
    run = cli(
        "tail",
        "--no-follow",
        "--app-root",
        str(EXAMPLES / "install"),
        "--extensions-dir",
        str(tmp_path / "typo"),
        str(EXAMPLE_SESSION),
    )
    assert_one_line_error(run, str(tmp_path / "typo"), "no such folder")
    assert run.code == 1


def test_a_scripted_tail_defines_no_records_of_annotations_or_counts(env):
    """`tail --json` without a catalog writes the payloads as logged: it does not pay at start-up
    for the records of annotations and counts (nor for rich)."""
    code = (
        "import sys\n"
        "from telemetry_inspector.app import main\n"
        "code = main(sys.argv[1:])\n"
        "ours = [m for n, m in sys.modules.items() if n.startswith('telemetry_inspector')]\n"
        "made = {'Annotation', 'PropertyNote', 'Stats', 'Tally'}.intersection(\n"
        "    name for module in ours for name in vars(module))\n"
        "loaded = [m for m in sys.modules if m.endswith('_model') or m.startswith('rich')]\n"
        "print(sorted(made), sorted(loaded), file=sys.stderr)\n"
    )
    log = str(EXAMPLE_SESSION / "telemetry.log")
    args = ["tail", "--no-follow", "--json", "--no-catalog", log]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") > 5
    assert done.stderr.strip().splitlines()[-1] == "[] []"


def test_a_log_whose_name_holds_a_percent_sign_is_named_as_it_is(cli, tmp_path):
    line = event_line("2026-03-30 10:00:00.000", "telemetry/x", {"k": "v"})
    for name in ("50%d.log", "a%%b.log", "c%s.log"):
        log = tmp_path / name
        log.write_text(line, encoding="utf-8")
        for where in ([], ["--where", "k=v"]):  # the payload as logged, and an Event
            [record] = records(cli("tail", "--no-follow", "--json", *where, str(log)))
            assert record["file"] == str(log)


def test_a_flat_payload_nested_as_deep_as_orjson_reads_is_flattened(cli, tmp_path):
    # orjson reads 1024 levels of nesting; a flat payload's objects are flattened into dotted
    # names however deep they go (not by a recursion as deep as the payload)
    log = tmp_path / "telemetry.log"
    payload = '{"a":' + '{"b":' * 1022 + '"v"' + "}" * 1023
    log.write_text(f"2026-03-30 10:00:00.000 [trace] telemetry/e {payload}\n", encoding="utf-8")
    [record] = records(cli("tail", "--no-follow", "--json", str(log)))
    assert record["properties"] == {"a" + ".b" * 1022: "v"}
    run = cli("stats", "--json", str(log))
    assert run.code == 0, run.err
    assert json.loads(run.out)["events"] == 1


def test_values_nested_deeper_than_orjson_writes_are_written(cli, tmp_path):
    # orjson reads 1024 levels of nesting but writes fewer than 255: an event whose payload is
    # not the logged {properties, measurements} is written from its values, however deep
    log = tmp_path / "telemetry.log"
    lines, expected = [], []
    for number, depth in enumerate((252, 253, 300, 1023), 1):
        deep = "[" * depth + '"v"' + "]" * depth
        lines.append(f'2026-03-30 10:00:00.000 [trace] telemetry/e{depth} {{"a":{deep},"n":1}}')
        expected.append(
            '{"time":"2026-03-30T10:00:00.000","level":"trace","kind":"core","source":"core",'
            f'"event":"e{depth}","properties":{{"a":{deep}}},"measurements":{{"n":1}},'
            f'"file":{json.dumps(str(log))},"line":{number}}}'
        )
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for where in ([], ["--where", "n=1"]):  # records made by the reader, and from Events
        run = cli("tail", "--no-follow", "--json", *where, str(log))
        assert run.code == 0, run.err
        assert run.out.splitlines() == expected
    shown = cli("tail", "--no-follow", "--format", "text", "--all-properties", str(log))
    assert shown.code == 0, shown.err
    assert shown.out.count("a=" + "[" * 59 + "…") == 4  # cut to the width of a value


def test_a_value_holding_the_writers_stand_in_is_written_as_it_is(cli, tmp_path):
    # a file name that is not UTF-8 is written with \udcXX escapes through stand-ins made of
    # U+10FFFF; a payload holding that character (and what would follow a stand-in) keeps it
    log = tmp_path / os.fsdecode(b"t\xe9.log")
    value = "\U0010ffffdce9 \U0010ffffh \U0010ffffp0"
    log.write_text(
        "2026-03-30 10:00:00.000 [trace] telemetry/e " + json.dumps({"k": value, "n": 1}) + "\n",
        encoding="utf-8",
    )
    [record] = records(cli("tail", "--no-follow", "--json", "--where", "n=1", str(log)))
    assert record["properties"] == {"k": value}
    assert record["file"] == str(log)


def test_the_last_n_events_of_a_log_whose_last_line_has_no_newline(cli, tmp_path):
    # without following, the file ends where it ends: its last line is read whatever -n is, as
    # it is without -n (following, a line without its newline waits for it)
    log = tmp_path / "telemetry.log"
    lines = [
        event_line(f"2026-03-30 10:00:0{n}.000", f"telemetry/e{n}", {"n": n}) for n in range(4)
    ]
    log.write_text("".join(lines).rstrip("\n"), encoding="utf-8")
    every = cli("tail", "--no-follow", "--json", str(log))
    assert [record["event"] for record in records(every)] == ["e0", "e1", "e2", "e3"]
    for count in ("1", "2", "4", "5", "1000000"):
        for options in ([], ["--event", "e3"], ["--where", "n=3"]):
            got = cli("tail", "--no-follow", "--json", "-n", count, *options, str(log))
            expected = [
                line for line in every.out.splitlines(True) if '"e3"' in line or not options
            ]
            assert got.out == "".join(expected[-int(count) :]), (count, options)

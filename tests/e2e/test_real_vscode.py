"""The real VS Code 1.139.1 (code-server 4.139.1) as the oracle for what `telemetry` claims.

One VS Code session is driven through its workbench in the order a user lives it, so the tests
run in file order and share it (conftest.Session): activity is logged; the Settings UI and
`set-level` write the same bytes; `set-level off` really silences VS Code; `audit` and `lockdown`
agree with the real extensions and leave files VS Code starts with; `tail` saw every event.
docs/testing.md tells how it runs; docs/vscode.md holds the facts checked here.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.e2e.conftest import CHECKED, HAND_WRITTEN_SETTINGS, Session
from tests.e2e.harness import (
    VSCODE_VERSION,
    count_lines,
    logged_events,
    telemetry,
    telemetry_logs,
    wait_until,
)

pytestmark = pytest.mark.e2e

LEVEL = "telemetry.telemetryLevel"


def _exthost_folders(session: Session) -> set[Path]:
    return {p for p in session.world.logs.glob("*/exthost*") if p.is_dir()}


def _git_scanned(folder: Path) -> bool:
    """The git extension ran its first scan in this extension host: what, with telemetry on,
    sends `git.repositoryInitialScan`."""
    log = folder / "vscode.git/Git.log"
    return log.is_file() and "Initial repository scan" in log.read_text(errors="replace")


def _reload_and_wait_for_extension_host(session: Session) -> Path:
    before = _exthost_folders(session)
    assert session.workbench is not None
    session.workbench.reload()

    def new_host_scanned() -> Path | None:
        fresh = [p for p in _exthost_folders(session) - before if _git_scanned(p)]
        return fresh[0] if fresh else None

    return wait_until(new_host_scanned, 180, "a new extension host to scan the workspace")


def _work_in_the_editor(session: Session) -> None:
    """Open and edit a file, save it, run a few commands: what a user does all day."""
    workbench = session.workbench
    assert workbench is not None
    workbench.open_file("notes.txt")
    workbench.press("Control+End")
    workbench.type("a line typed in VS Code\n")
    workbench.call(
        "waitForFunction",
        # the editor draws spaces as U+00A0
        js="(document.querySelector('.editor-group-container.active .view-lines')?.textContent"
        " || '').replace(/\\u00a0/g, ' ').includes('typed in VS Code')",
    )
    workbench.command("File: Save")
    wait_until(
        lambda: "typed in VS Code" in (session.world.workspace / "notes.txt").read_text(),
        60,
        "VS Code to save notes.txt",
    )
    workbench.command("View: Toggle Terminal")
    workbench.command("View: Toggle Word Wrap")
    workbench.open_file("hello.py")


def _status(session: Session) -> list[dict]:
    result = telemetry(
        session.world, "status", "--json", "--user-data-dir", str(session.world.user_data_dir)
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _effective_level(status: list[dict]) -> str:
    [target] = status
    return target["effective"]


def test_activity_in_the_workbench_is_logged_on_disk(session: Session) -> None:
    """With the default level, a server session logs core, agent-host and extension events."""
    _work_in_the_editor(session)
    logs = session.world.logs
    wait_until(
        lambda: (
            {p.name for p in telemetry_logs(logs) if p.stat().st_size}
            >= {"remoteTelemetry.log", "agentHostTelemetry.log", "remoteExtHostTelemetry.log"}
        ),
        180,
        "events in the server, agent host and extension host telemetry logs",
    )
    names = {event.name for event in logged_events(logs)}
    assert "telemetry/serverStart" in names
    assert any(name.startswith("git/") for name in names)


def test_settings_ui_and_set_level_write_the_same_bytes(session: Session, tmp_path: Path) -> None:
    """VS Code's own Settings UI is the oracle for the bytes `set-level` writes."""
    world = session.world
    ours = tmp_path / "settings.json"
    shutil.copyfile(world.settings, ours)
    result = telemetry(world, "set-level", "off", "--settings", str(ours))
    assert result.returncode == 0, result.stderr

    assert session.workbench is not None
    session.workbench.set_in_settings_ui(LEVEL, "off")
    vscode_wrote = wait_until(
        lambda: (
            (data := world.settings.read_bytes()).endswith(b"}\n")
            and LEVEL.encode() in data
            and data
        ),
        60,
        "the Settings UI to write settings.json",
    )
    assert ours.read_bytes() == vscode_wrote
    # The window's level is off, but the server process reads its own from the machine settings,
    # which the Settings UI does not write: status says the server still sends its start events.
    [status] = _status(session)
    assert (status["configured"], status["server"]["configured"]) == ("off", None)
    assert status["effective"] == "all"
    assert any("serverStart" in note for note in status["notes"])

    # Back to the default through the UI: VS Code removes the key rather than write "all",
    # leaving the hand-written file as it was; status follows what VS Code wrote.
    session.workbench.set_in_settings_ui(LEVEL, "all")
    # VS Code rewrites the file in place (truncate, then write): wait for a whole file.
    wait_until(
        lambda: LEVEL not in (text := world.settings.read_text()) and text.endswith("}\n"),
        60,
        "the UI to remove the level",
    )
    assert world.settings.read_text() == HAND_WRITTEN_SETTINGS
    assert _effective_level(_status(session)) == "all"
    CHECKED["settings files written by VS Code"] = 2


def _ui_shows(session: Session, key: str, value: str) -> None:
    """The Settings editor, open on `key`, shows `value`: VS Code has read the file."""
    assert session.workbench is not None
    session.workbench.show_in_settings_ui(key)
    select = f'document.querySelector(\'select[aria-label="{key}"]\')?.value === "{value}"'
    session.workbench.call("waitForFunction", js=select, timeout=60000)


def test_a_settings_file_that_is_not_utf8_is_read_and_edited_as_vscode_does(
    session: Session, tmp_path: Path
) -> None:
    """VS Code reads a byte that is not UTF-8 as U+FFFD and uses the rest of the file; editing it,
    it writes U+FFFD there. set-level reads the same settings and makes the same edit, but keeps
    the user's byte."""
    world = session.world
    data = (
        HAND_WRITTEN_SETTINGS.encode()
        .replace(b"the demo.", b"the d\xe9mo.")
        .replace(
            b'  "editor.fontSize"', b'  "telemetry.telemetryLevel": "error",\n  "editor.fontSize"'
        )
    )
    assert session.workbench is not None
    try:
        world.settings.write_bytes(data)
        # the Settings editor does not follow a write from outside: a reloaded window reads it
        session.workbench.reload()
        _ui_shows(session, LEVEL, "error")  # VS Code read the level from the file
        [status] = _status(session)
        assert status["configured"] == "error"
        assert any("not valid UTF-8 (byte 0xe9)" in note for note in status["notes"])

        ours = tmp_path / "settings.json"
        ours.write_bytes(data)
        result = telemetry(world, "set-level", "off", "--settings", str(ours))
        assert result.returncode == 0, result.stderr
        session.workbench.set_in_settings_ui(LEVEL, "off")
        vscode_wrote = wait_until(
            lambda: (
                (written := world.settings.read_bytes()).endswith(b"}\n")
                and b'"telemetry.telemetryLevel": "off"' in written
                and written
            ),
            60,
            "the Settings UI to write settings.json",
        )
        assert b"the d\xe9mo." in ours.read_bytes()
        assert vscode_wrote == ours.read_bytes().replace(b"\xe9", "\ufffd".encode())
    finally:
        world.settings.write_text(HAND_WRITTEN_SETTINGS)  # the level unset, for what follows
        session.workbench.reload()
        _ui_shows(session, LEVEL, "all")
    checked = "settings files written by VS Code"
    CHECKED[checked] = CHECKED.get(checked, 0) + 1


def test_set_level_off_really_silences_vscode(session: Session) -> None:
    world = session.world
    # Before: a reloaded window's extension host logs telemetry.
    before = count_lines(telemetry_logs(world.logs))
    host = _reload_and_wait_for_extension_host(session)
    wait_until(
        lambda: count_lines(telemetry_logs(world.logs)) > before,
        120,
        f"telemetry from the reloaded window ({host.name})",
    )

    result = telemetry(world, "set-level", "off", "--user-data-dir", str(world.user_data_dir))
    assert result.returncode == 0, result.stderr
    [status] = _status(session)
    assert (status["configured"], status["server"]["configured"]) == ("off", "off")
    assert status["effective"] == "off"

    # After: the same reload and more work, and not one more line in any telemetry log.
    silent_from = {p: p.stat().st_size for p in telemetry_logs(world.logs)}
    host = _reload_and_wait_for_extension_host(session)
    _work_in_the_editor(session)
    wait_until(lambda: _git_scanned(host), 60, "the git extension to scan again")
    grown = {
        p: p.stat().st_size
        for p in telemetry_logs(world.logs)
        if p.stat().st_size != silent_from.get(p, 0)
    }
    assert grown == {}, f"VS Code logged telemetry with the level off: {grown}"
    session.silent_from = silent_from  # type: ignore[attr-defined]


def _online_switches(app_root: Path) -> set[str]:
    """The oracle for audit: built-in extensions' settings VS Code itself tags as telemetry or
    online services (what the Settings UI's @tag:usesOnlineServices and @tag:telemetry show)."""
    found = set()
    for manifest in (app_root / "extensions").glob("*/package.json"):
        contributes = json.loads(manifest.read_text()).get("contributes", {})
        sections = contributes.get("configuration", [])
        for section in sections if isinstance(sections, list) else [sections]:
            for key, schema in section.get("properties", {}).items():
                tags = set(schema.get("tags", ()))
                if tags & {"usesOnlineServices", "telemetry"}:
                    found.add(key)
    return found


def test_audit_and_lockdown_against_the_real_extensions(session: Session) -> None:
    world, app_root = session.world, session.install.app_root
    where = [
        "--user-data-dir", str(world.user_data_dir),
        "--extensions-dir", str(world.extensions_dir),
        "--app-root", str(app_root),
    ]  # fmt: skip
    result = telemetry(world, "audit", "--json", *where)
    assert result.returncode == 1, result.stderr  # some switch is still on
    [audit] = json.loads(result.stdout)
    audited = {switch["id"] for switch in audit["switches"]}
    expected = _online_switches(app_root)
    assert expected, "the real built-in extensions declare tagged settings"
    assert expected <= audited, f"audit misses {sorted(expected - audited)}"
    CHECKED["built-in extension switches"] = len(expected)

    result = telemetry(world, "lockdown", *where)
    assert result.returncode == 0, result.stderr

    # VS Code starts on the locked-down files: a new server session, a new window, no error.
    session.stop()
    workbench = session.start()
    # VS Code read the locked-down file: its own Settings UI shows the values lockdown wrote.
    workbench.show_in_settings_ui(LEVEL)
    workbench.call(
        "waitForFunction",
        js=f"document.querySelector('select[aria-label=\"{LEVEL}\"]')?.value === 'off'",
    )
    notices = workbench.call(
        "evaluate",
        js="Array.from(document.querySelectorAll('.notification-list-item-message'))"
        ".map(e => e.textContent)",
    )
    assert not [n for n in notices if "settings" in n.lower()], notices

    result = telemetry(world, "audit", "--json", *where)
    assert result.returncode == 0, result.stdout + result.stderr


def test_report_on_code_server_says_why_there_is_no_catalog(session: Session) -> None:
    for root in (session.install.app_root, session.install.package):
        result = telemetry(session.world, "report", "--app-root", str(root))
        assert result.returncode == 1
        assert result.stdout == ""
        assert "telemetry-core.json" in result.stderr
        assert "Traceback" not in result.stderr


def test_tail_and_stats_saw_every_event(session: Session) -> None:
    """Every event VS Code wrote to any telemetry log on disk, once, in tail; stats agrees."""
    tail = session.tail
    assert tail is not None
    logged = logged_events(session.world.logs)
    wait_until(lambda: len(tail.records()) >= len(logged), 60, "tail to catch up")
    assert tail.stop() in (0, 130)
    shown = tail.records()

    def key(name: str, time: str, properties: dict) -> tuple[str, str, str]:
        # tail shows core events without the `telemetry/` VS Code puts in front of them
        return name.removeprefix("telemetry/"), time, json.dumps(properties, sort_keys=True)

    expected = Counter(key(e.name, e.time, e.payload.get("properties", {})) for e in logged)
    seen = Counter(key(r["event"], r["time"], r.get("properties", {})) for r in shown)
    assert seen == expected
    assert "browser" in tail.stderr()  # a web client's window log is not on disk: it says so
    assert "Traceback" not in tail.stderr()

    sessions = sorted(p for p in session.world.logs.iterdir() if p.is_dir())
    result = telemetry(session.world, "stats", "--json", "--no-catalog", *map(str, sessions))
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    counted = {row["event"]: row["count"] for row in stats["by_event"]}
    assert stats["events"] == len(logged)
    assert counted == dict(Counter(e.name.removeprefix("telemetry/") for e in logged))
    CHECKED["real events"] = len(logged)
    CHECKED["telemetry logs"] = len(telemetry_logs(session.world.logs))


def test_tail_event_reads_what_vscode_wrote_the_same_in_c_and_in_python(session: Session) -> None:
    """`tail --event NAME` on every telemetry log VS Code wrote, for every name in it: the C
    reading (logs/_speedups.c, docs/architecture.md "Native code") gives the entries Python
    gives, and makes records of real lines (its notion of a plain line fits what VS Code logs)."""
    from tests.logs.test_speedups import _counting_records, _in_python, _read, speedups

    assert speedups is not None, "pip built the package without logs/_speedups.c"
    logged = logged_events(session.world.logs)
    made: list[bytes] = []
    compared = 0
    for log in telemetry_logs(session.world.logs):
        for name in sorted({e.name.removeprefix("telemetry/") for e in logged if e.file == log}):
            with _counting_records(made):
                in_c = _read(log, [name])
            with _in_python():
                in_python = _read(log, [name])
            assert in_c == in_python, (log, name)
            compared += 1
    assert compared > 0 and made
    core = sum(e.name.startswith("telemetry/") for e in logged)  # extensions' are Python's
    CHECKED[f"of {core} core event lines made records by C"] = len(made)


def test_after_a_restart_nothing_more_was_logged(session: Session) -> None:
    """From `set-level off` on, through reloads, work in the editor and a server restart (the
    lockdown test), not one more line in any telemetry log, the server's own included: set-level
    and lockdown set the level in the machine settings too, which the server reads at its start
    (docs/vscode.md, "What the real VS Code server showed")."""
    silent_from = getattr(session, "silent_from", None)
    if silent_from is None:
        pytest.skip("the set-level test did not get as far as turning telemetry off")
    assert session.starts >= 2, "the lockdown test did not restart the server"
    sessions = [p for p in session.world.logs.iterdir() if p.is_dir()]
    assert len(sessions) >= 2 and all((p / "remoteagent.log").is_file() for p in sessions)
    grown = {
        str(p.relative_to(session.world.logs)): p.stat().st_size
        for p in telemetry_logs(session.world.logs)
        if p.stat().st_size != silent_from.get(p, 0)
    }
    assert grown == {}, f"VS Code logged telemetry after set-level and lockdown: {grown}"
    assert VSCODE_VERSION in (session.install.app_root / "package.json").read_text()

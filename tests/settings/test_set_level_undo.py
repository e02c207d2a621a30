"""set-level keeps a backup of each file it writes, says what it removes, and --undo puts the
files back as they were (only set-level's own backups, only while the file is as it wrote it)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import assert_one_line_error
from tests.settings.worlds import copy_examples, files_under, settings_of


def _set(cli, *args):
    run = cli("set-level", *args, "--json")
    assert run.code == 0, run.err
    return run, json.loads(run.out)


def test_a_backup_of_every_written_file_and_undo_restores_every_byte(cli, home):
    copy_examples(home)
    before = files_under(home)
    original = settings_of(home).read_bytes()
    run, records = _set(cli, "all")
    by_file = {record["settings"]: record for record in records}
    kept = by_file[str(settings_of(home))]
    assert kept["written"] and Path(kept["backup"]).read_bytes() == original
    record = json.loads(Path(kept["record"]).read_text(encoding="utf-8"))
    assert record["written_by"] == "telemetry set-level"
    created = [r for r in records if r["created"]]
    assert created and all(r["backup"] is None for r in created)
    assert f"{settings_of(home)}: backup {kept['backup']}" in run.err
    assert "set-level --undo" in run.err

    undo = cli("set-level", "--undo", "--json")
    assert undo.code == 0, undo.err
    actions = {item["file"]: item["action"] for item in json.loads(undo.out)}
    assert actions[str(settings_of(home))] == "restored"
    assert {actions[r["settings"]] for r in created} == {"removed"}
    after = files_under(home)
    assert {path: data for path, data in after.items() if path in before} == before
    assert set(after) - set(before) == set()  # backups used up, created files removed


def test_undo_refuses_a_file_changed_since_and_restores_nothing(cli, home):
    copy_examples(home)
    _set(cli, "all", "--flavor", "code")
    path = settings_of(home)
    path.write_text(path.read_text(encoding="utf-8") + "\n// mine\n", encoding="utf-8")
    edited = files_under(home)
    run = cli("set-level", "--undo", "--flavor", "code")
    assert_one_line_error(run, str(path), "changed since set-level wrote it")
    assert files_under(home) == edited


def test_undo_takes_back_only_set_levels_own_write(cli, home):
    copy_examples(home)
    _set(cli, "crash", "--flavor", "code")
    run = cli("lockdown", "--undo", "--flavor", "code")
    assert run.code == 0 and "nothing to undo: no lockdown backup" in run.err
    run = cli("set-level", "--undo", "--flavor", "code", "--json")
    assert [item["action"] for item in json.loads(run.out)] == ["restored"]
    again = cli("set-level", "--undo", "--flavor", "code")
    assert again.code == 0 and "nothing to undo: no set-level backup" in again.err


def test_nothing_written_no_backup(cli, home):
    copy_examples(home)
    before = files_under(home)
    cli("set-level", "off", "--dry-run")
    cli("set-level", "off", "--check")
    assert files_under(home) == before


def test_level_and_undo_go_one_at_a_time(cli, home):
    copy_examples(home)
    missing = cli("set-level")
    assert_one_line_error(missing, "missing LEVEL", "--undo")
    assert missing.code == 2
    both = cli("set-level", "off", "--undo")
    assert_one_line_error(both, "--undo takes no LEVEL")
    assert both.code == 2

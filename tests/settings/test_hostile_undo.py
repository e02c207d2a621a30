"""Hostile inputs for lockdown's backups and undo (issue 11, item 4 and the smaller undo items):
runs killed or terminated mid-write, several records to pick from, crafted records, a file
replaced by a link."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import assert_one_line_error
from tests.settings.worlds import all_off_world, files_under, values

ON = {"git.autofetch": True, "npm.fetchOnlinePackageInfo": True}


def _world(home: Path, size: int = 0) -> Path:
    padding = {f"example.setting{i}": i for i in range(size)}  # a longer write: a wider window
    return all_off_world(home, **ON, **padding)


def _interrupted_lockdown(env: dict, settings: Path, sig: int) -> tuple[int, str]:
    """Start a lockdown and send it `sig` as soon as its backup copy appears (the moment between
    the backup and the write)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "telemetry_inspector", "lockdown", "--json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if any(name.endswith(".bak") for name in os.listdir(settings.parent)):
            process.send_signal(sig)
            break
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def _ours(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "settings.json")


@pytest.mark.parametrize("round_", range(4))
def test_a_lockdown_killed_after_its_backup_leaves_an_undo_that_works(cli, env, home, round_):
    settings = _world(home, 30_000)
    original = settings.read_bytes()
    code, _ = _interrupted_lockdown(env, settings, signal.SIGKILL)
    listed = cli("lockdown", "--backups", "--json")
    assert listed.code == 0, listed
    assert all(not item["state"].startswith("unusable") for item in json.loads(listed.out))
    undo = cli("lockdown", "--undo", "--json")
    assert undo.code == 0, undo  # never "cannot parse", never "changed since"
    assert settings.read_bytes() == original or code == 0
    # And the next lockdown and its undo work as if nothing had happened.
    assert cli("lockdown", "--json").code == 0
    assert cli("lockdown", "--undo", "--json").code == 0
    assert settings.read_bytes() == original
    assert not [n for n in _ours(settings.parent) if n.endswith(".tmp")]


def test_sigterm_between_backup_and_write_cleans_up_like_ctrl_c(env, home):
    settings = _world(home, 30_000)
    before = files_under(home)
    original = settings.read_bytes()
    code, err = _interrupted_lockdown(env, settings, signal.SIGTERM)
    if code == 0 or settings.read_bytes() != original:
        # on a busy machine the signal can land after the write: nothing between to clean up
        pytest.skip("the run had written the file before the signal came")
    assert code == 143 and "Traceback" not in err
    assert files_under(home) == before  # no backup, no record, no temporary file left


def test_temporary_files_of_a_killed_run_are_cleaned_by_the_next(cli, home):
    settings = _world(home)
    stale = settings.parent / ".telemetry-settings.json.k1ll3d00.tmp"
    stale.write_text("half a file")
    other = settings.parent / ".telemetry-other.json.k1ll3d00.tmp"  # not beside our file's name
    other.write_text("not ours to judge")
    assert cli("set-level", "crash").code == 0
    assert not stale.exists() and other.exists()


def test_backups_lists_every_record_and_undo_picks_an_older_one(cli, home):
    settings = _world(home)
    original = settings.read_bytes()
    assert cli("lockdown", "--keep", "git.autofetch").code == 0
    assert cli("lockdown").code == 0
    listed = json.loads(cli("lockdown", "--backups", "--json").out)
    mine = [item for item in listed if item["file"] == str(settings)]
    assert len(mine) == 2 and mine[0]["stamp"] > mine[1]["stamp"]
    assert mine[0]["state"] == "undoable" and mine[1]["state"].startswith("undoable (also")
    run = cli("lockdown", "--undo", "--backup", mine[1]["stamp"], "--json")
    assert run.code == 0, run
    assert settings.read_bytes() == original
    assert [
        i
        for i in json.loads(cli("lockdown", "--backups", "--json").out)
        if i["file"] == str(settings)
    ] == []


def test_a_broken_newest_record_does_not_hide_the_older_ones(cli, home):
    settings = _world(home)
    original = settings.read_bytes()
    assert cli("lockdown").code == 0
    # What an interrupted run of the old code left: an empty record, newer than the good one.
    empty = settings.parent / "settings.json.lockdown-20991231T000000.000000Z.json"
    empty.write_text("")
    assert_one_line_error(cli("lockdown", "--undo"), str(empty))
    listed = json.loads(cli("lockdown", "--backups", "--json").out)
    assert [item["state"].split(":")[0] for item in listed] == ["unusable", "undoable"]
    assert cli("lockdown", "--undo", "--backup", listed[1]["stamp"]).code == 0
    assert settings.read_bytes() == original


def test_an_unknown_stamp_is_an_error(cli, home):
    _world(home)
    assert cli("lockdown").code == 0
    assert_one_line_error(cli("lockdown", "--undo", "--backup", "1999"), "no lockdown backup 1999")
    assert_one_line_error(cli("lockdown", "--backup", "1999"), "--undo")


@pytest.mark.parametrize("crafted", ["../../B/x.bak", "/etc/passwd", "settings.json"])
def test_a_crafted_record_is_refused_and_nothing_restored(cli, home, tmp_path, crafted):
    settings = _world(home)
    assert cli("lockdown").code == 0
    [record] = settings.parent.glob("settings.json.lockdown-*.json")
    fields = json.loads(record.read_text())
    fields["backup"] = crafted
    record.write_text(json.dumps(fields))
    before = files_under(home)
    run = cli("lockdown", "--undo")
    assert_one_line_error(run, str(record), "not a lockdown backup record")
    assert run.code == 1 and files_under(home) == before


def test_a_deeply_nested_record_is_refused(cli, home):
    settings = _world(home)
    assert cli("lockdown").code == 0
    [record] = settings.parent.glob("settings.json.lockdown-*.json")
    record.write_text("[" * 100_000 + "]" * 100_000)
    assert_one_line_error(cli("lockdown", "--undo"), str(record), "not a lockdown backup record")


def test_undo_after_the_file_was_replaced_by_a_link_says_so(cli, home, tmp_path):
    settings = _world(home)
    assert cli("lockdown").code == 0
    elsewhere = tmp_path / "dotfiles" / "settings.json"
    elsewhere.parent.mkdir()
    settings.rename(elsewhere)
    settings.symlink_to(elsewhere)
    before = files_under(home)
    run = cli("lockdown", "--undo")
    assert_one_line_error(run, str(settings), "is now a symbolic link", "nothing was restored")
    assert run.code == 1 and files_under(home) == before
    assert values(elsewhere)["git.autofetch"] is False

"""Backups beside the files lockdown writes, and undo, on real files."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from telemetry_inspector.errors import FileReadError, ParseError, RefusedError
from telemetry_inspector.settings.atomic import write_atomic
from telemetry_inspector.settings.backups import (
    newest_backup,
    plan_undo,
    restore,
    save_backup,
    sha256,
)


def lockdown_write(path: Path, new: bytes) -> None:
    """What lockdown does: back up, then write."""
    before = path.read_bytes() if path.exists() else None
    save_backup(path, before, new)
    write_atomic(path, new)


def test_backup_beside_the_file_with_its_mode_and_a_record(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"old")
    path.chmod(0o600)
    backup = save_backup(path, b"old", b"new")
    assert backup.copy.parent == tmp_path and backup.copy.read_bytes() == b"old"
    assert backup.copy.name.startswith("settings.json.lockdown-") and backup.copy.suffix == ".bak"
    assert stat.S_IMODE(backup.copy.stat().st_mode) == 0o600
    assert backup.written_sha256 == sha256(b"new")
    assert newest_backup(path) == backup


def test_undo_restores_the_newest_then_the_one_before(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"v1")
    lockdown_write(path, b"v2")
    lockdown_write(path, b"v3")
    for expected in (b"v2", b"v1"):
        [item] = plan_undo([path])
        restore(item)
        assert path.read_bytes() == expected
    assert plan_undo([path]) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]  # backups used up


def test_undo_refuses_when_the_file_changed_since_and_touches_nothing(tmp_path: Path):
    path = tmp_path / "settings.json"
    other = tmp_path / "argv.json"
    for file in (path, other):
        file.write_bytes(b"old")
        lockdown_write(file, b"locked")
    path.write_bytes(b"edited by hand")
    with pytest.raises(RefusedError) as caught:
        plan_undo([other, path])
    assert str(path) in caught.value.one_line() and "changed since" in caught.value.one_line()
    assert path.read_bytes() == b"edited by hand" and other.read_bytes() == b"locked"


def test_a_file_lockdown_created_is_removed_by_undo(tmp_path: Path):
    path = tmp_path / "argv.json"
    lockdown_write(path, b"{}")
    [item] = plan_undo([path])
    assert item.removes
    restore(item)
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_symbolic_links_keep_their_backups_beside_the_target(tmp_path: Path):
    real = tmp_path / "dotfiles" / "settings.json"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "User" / "settings.json"
    link.parent.mkdir()
    link.symlink_to(real)
    lockdown_write(link, b"new")
    assert newest_backup(link).copy.parent == real.parent
    restore(plan_undo([link])[0])
    assert link.is_symlink() and real.read_bytes() == b"old"


def test_every_backup_gets_its_own_name(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"a")
    names = {save_backup(path, b"a", bytes([i])).record.name for i in range(20)}
    assert len(names) == 20


def test_a_broken_record_is_an_error_naming_it(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"a")
    record = tmp_path / "settings.json.lockdown-20990101T000000.000000Z.json"
    record.write_text("{\n  oops\n}")
    with pytest.raises(ParseError) as caught:
        plan_undo([path])
    assert caught.value.one_line().startswith(f"{record}:2:3: ")
    record.write_text('{"file": 1}')
    with pytest.raises(RefusedError, match="not a lockdown backup record"):
        plan_undo([path])


def test_undo_refuses_a_directory(tmp_path: Path):
    with pytest.raises(FileReadError) as caught:
        plan_undo([tmp_path])
    assert caught.value.one_line().startswith(f"{tmp_path}: is a directory, not a file")

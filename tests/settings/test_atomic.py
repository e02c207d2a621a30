"""Atomic writes on real files: permissions, symlinks, folders, failures, a killed writer."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from telemetry_inspector.errors import FileWriteError
from telemetry_inspector.settings.atomic import TEMP_PREFIX, write_atomic


def test_replaces_content_and_keeps_permissions(tmp_path: Path):
    target = tmp_path / "settings.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temp file left


def test_new_file_gets_the_usual_mode_and_its_folders(tmp_path: Path):
    target = tmp_path / "a" / "b" / "settings.json"
    old = os.umask(0o022)
    try:
        write_atomic(target, b"{}")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"{}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_writes_through_a_symlink_to_its_target(tmp_path: Path):
    real = tmp_path / "dotfiles" / "settings.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "settings.json"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"


def test_a_directory_in_the_way_is_an_error_naming_it(tmp_path: Path):
    target = tmp_path / "settings.json"
    target.mkdir()
    with pytest.raises(FileWriteError) as caught:
        write_atomic(target, b"x")
    assert "is a directory" in caught.value.one_line()
    assert str(target) in caught.value.one_line()


def test_a_file_in_place_of_a_folder_is_an_error(tmp_path: Path):
    (tmp_path / "User").write_text("not a folder")
    with pytest.raises(FileWriteError) as caught:
        write_atomic(tmp_path / "User" / "settings.json", b"x")
    assert "cannot write" in caught.value.one_line()


_WRITER = """
import sys
from pathlib import Path
from telemetry_inspector.settings.atomic import write_atomic
target = Path(sys.argv[1])
blobs = [Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()]
print("ready", flush=True)
i = 0
while True:
    write_atomic(target, blobs[i % 2])
    print(i, flush=True)
    i += 1
"""


def test_killed_writer_leaves_the_old_or_the_new_file_never_a_broken_one(tmp_path: Path):
    """SIGKILL a process that rewrites a 2 MB file in a loop, 40 times or more at varied moments.

    Under load a kill can land before any write finishes, so the rounds go on (up to 400) until
    both contents have been seen: a condition, not a longer sleep."""
    old = b"{\n" + b'  "k": "' + b"o" * 2_000_000 + b'"\n}\n'
    new = b"{\n" + b'  "k": "' + b"n" * 2_000_000 + b'"\n}\n'
    (tmp_path / "old").write_bytes(old)
    (tmp_path / "new").write_bytes(new)
    target = tmp_path / "cfg" / "settings.json"
    target.parent.mkdir()
    target.write_bytes(old)
    seen = set()
    for round_ in range(400):
        if round_ >= 40 and len(seen) == 2:
            break
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WRITER,
                str(target),
                str(tmp_path / "old"),
                str(tmp_path / "new"),
            ],
            stdout=subprocess.PIPE,
        )
        assert child.stdout.readline() == b"ready\n"
        if round_ % 2:  # every other round, once the new content has been written at least once
            while child.stdout.readline() not in (b"1\n", b""):
                pass
        time.sleep(0.002 + (round_ % 10) * 0.004)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        data = target.read_bytes()
        assert data in (old, new), f"round {round_}: broken file of {len(data)} bytes"
        seen.add(data)
    assert seen == {old, new}  # the kills did land at different moments
    leftovers = [p.name for p in target.parent.iterdir() if p.name != "settings.json"]
    assert all(name.startswith(TEMP_PREFIX + "settings.json.") for name in leftovers)

"""Hostile inputs for the writers (issue 11, items 1 and 2): what is at the path is not a regular
file, and another program writes the settings while we edit them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from telemetry_inspector.errors import FileWriteError
from telemetry_inspector.fileio import check_regular_target, names_stdout
from telemetry_inspector.settings.atomic import ChangedMeanwhile, check_unchanged, write_atomic
from telemetry_inspector.settings.files import read_text
from tests.conftest import Run, assert_one_line_error
from tests.settings.worlds import all_off_world, settings_of, values, write

WRITER = Path(__file__).with_name("concurrent_writer.py")
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="inotify and device nodes: Linux")


def _special(tmp_path: Path, kind: str) -> Path:
    """A FIFO, a character device (a twin of /dev/null), or a symbolic link to one."""
    path = tmp_path / f"special-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("only root may make a device node")
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        os.mkfifo(tmp_path / "target-fifo")
        path.symlink_to(tmp_path / "target-fifo")
    return path


def _still_special(path: Path) -> bool:
    mode = os.stat(path).st_mode
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


@linux_only
@pytest.mark.parametrize("kind", ["fifo", "device", "link-to-fifo"])
def test_write_atomic_replaces_only_regular_files(tmp_path, kind):
    path = _special(tmp_path, kind)
    with pytest.raises(FileWriteError) as caught:
        write_atomic(path, b"{}")
    assert "not a regular file" in caught.value.one_line()
    assert _still_special(path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".telemetry-")] == []


def test_the_shared_rule_lets_new_files_and_regular_files_through(tmp_path):
    check_regular_target(tmp_path / "new.json")
    check_regular_target(write(tmp_path / "old.json", "{}"))
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere.json")
    check_regular_target(tmp_path / "dangling")
    assert names_stdout(Path("-")) and not names_stdout("./-") and not names_stdout(None)


@linux_only
@pytest.mark.parametrize("kind", ["fifo", "device", "link-to-fifo"])
@pytest.mark.parametrize("command", [["set-level", "off"], ["lockdown"]])
def test_set_level_and_lockdown_refuse_a_settings_path_that_is_not_a_file(
    cli, tmp_path, kind, command
):
    path = _special(tmp_path, kind)
    run = cli(*command, "--settings", str(path), timeout=20)  # a FIFO once hung here
    assert_one_line_error(run, "not a regular file")
    assert _still_special(path)


@linux_only
@pytest.mark.parametrize("kind", ["fifo", "device", "link-to-fifo"])
def test_extract_output_replaces_only_regular_files(cli, tmp_path, kind):
    source = write(tmp_path / "src" / "a.ts", "// nothing here\n").parent
    path = _special(tmp_path, kind)
    run = cli("extract", str(source), "-o", str(path), timeout=60)
    assert run.code == 1 and "not a regular file" in run.err and "Traceback" not in run.err
    assert _still_special(path)


def test_extract_output_dash_is_stdout(cli, tmp_path):
    source = write(tmp_path / "src" / "a.ts", "// nothing here\n").parent
    run = cli("extract", str(source), "-o", "-", cwd=tmp_path)
    assert run.code == 0, run
    assert json.loads(run.out) == {"events": {}, "commonProperties": {}}
    assert not (tmp_path / "-").exists()


def test_a_same_size_change_within_one_clock_tick_is_caught_by_the_bytes(tmp_path):
    path = write(tmp_path / "settings.json", '{"a": 1}')
    before = read_text(path)
    info = path.stat()
    with open(path, "r+b") as handle:  # in place, as VS Code saves: same inode, same size
        handle.write(b'{"a": 2}')
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same time stamp
    with pytest.raises(ChangedMeanwhile):
        check_unchanged(path, before.snapshot)
    with pytest.raises(ChangedMeanwhile):
        write_atomic(path, b'{"a": 3}', expected=before.snapshot)
    assert path.read_bytes() == b'{"a": 2}'


def _big_settings(home: Path) -> Path:
    """Settings large enough that a run spends a while between its read and its rename."""
    members = {f"example.setting{i}": i for i in range(5_000)}
    return write(settings_of(home), json.dumps(members, indent=4) + "\n")


def _start_writer(tmp_path: Path, settings: Path, writes: int) -> tuple[subprocess.Popen, Path]:
    ready = tmp_path / "writer.log"
    arguments = [str(settings), str(ready), str(writes), str(tmp_path / "pid")]
    writer = subprocess.Popen([sys.executable, str(WRITER), *arguments])
    deadline = time.monotonic() + 30
    while not ready.exists():  # the writer is watching before we start
        assert writer.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    return writer, ready


def _set_level_beside_writer(tmp_path: Path, env: dict, *args: str) -> Run:
    command = [sys.executable, "-m", "telemetry_inspector", "set-level", "off", *args]
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    (tmp_path / "pid.new").write_text(str(run.pid))
    (tmp_path / "pid.new").rename(tmp_path / "pid")  # whole, for the writer
    out, err = run.communicate(timeout=120)
    return Run(run.returncode, out.decode(), err.decode())


def _saves(ready: Path) -> int:
    return ready.read_text().count("saved")


@linux_only
def test_a_concurrent_save_is_kept_and_the_level_set_on_top_of_it(env, home, tmp_path):
    settings = _big_settings(home)
    writer, ready = _start_writer(tmp_path, settings, writes=1)
    try:
        run = _set_level_beside_writer(tmp_path, env, "--json")
    finally:
        writer.kill()
        writer.wait()
    assert _saves(ready) == 1  # the other program did save while we were editing
    assert run.code == 0, run
    after = values(settings)
    assert after["writer.save1"] == 1  # its change survived ...
    assert after["telemetry.telemetryLevel"] == "off"  # ... and ours was made on top of it
    assert after["example.setting4999"] == 4999


@linux_only
def test_a_file_that_keeps_changing_is_left_to_the_other_writer_with_exit_1(env, home, tmp_path):
    settings = _big_settings(home)
    writer, ready = _start_writer(tmp_path, settings, writes=50)
    try:
        run = _set_level_beside_writer(tmp_path, env)
    finally:
        writer.kill()
        writer.wait()
    assert_one_line_error(run, "changed while telemetry was editing it")
    saves = _saves(ready)
    assert saves >= 3  # one per attempt at least (a backup record is written aside too)
    after = values(settings)
    assert after[f"writer.save{saves}"] == saves and "telemetry.telemetryLevel" not in after
    assert [p for p in settings.parent.iterdir() if p.name.startswith(".telemetry-")] == []


@pytest.mark.parametrize("round_", range(3))
def test_two_lockdowns_at_once_both_count(home, env, round_):
    # large, so that each run spends a while between its read and its write
    padding = {f"example.setting{i}": i for i in range(60_000)}
    on = {"git.autofetch": True, "npm.fetchOnlinePackageInfo": True}
    settings = all_off_world(home, **on, **padding)
    command = [sys.executable, "-m", "telemetry_inspector", "lockdown", "--json", "--keep"]
    runs = [
        subprocess.Popen([*command, keep], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for keep in ("git.autofetch", "npm.fetchOnlinePackageInfo")
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    after = values(settings)
    # The first run turned one off, the second the other, each keeping what the other did.
    assert after["git.autofetch"] is False and after["npm.fetchOnlinePackageInfo"] is False
    records = [
        p for p in settings.parent.iterdir() if p.name.endswith(".json") and ".lockdown-" in p.name
    ]
    assert len(records) == 2


def _acl(uid: int) -> bytes:
    """A POSIX access ACL in the kernel's xattr form: owner rw, user `uid` r, group r, mask r,
    other none (what `setfacl -m u:UID:r` makes)."""
    import struct

    entries = [(0x01, 6, 0xFFFFFFFF), (0x02, 4, uid), (0x04, 4, 0xFFFFFFFF)]
    entries += [(0x10, 4, 0xFFFFFFFF), (0x20, 0, 0xFFFFFFFF)]
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)


@linux_only
def test_extended_attributes_and_an_acl_survive_a_write(cli, home):
    settings = write(settings_of(home), '{"git.autofetch": true}\n')
    os.setxattr(settings, "user.origin", b"dotfiles")
    try:
        os.setxattr(settings, "system.posix_acl_access", _acl(12345))
    except OSError:
        pytest.skip("the file system has no POSIX ACLs")
    acl = os.getxattr(settings, "system.posix_acl_access")
    assert cli("set-level", "off").code == 0
    assert values(settings)["telemetry.telemetryLevel"] == "off"
    assert os.getxattr(settings, "user.origin") == b"dotfiles"
    assert os.getxattr(settings, "system.posix_acl_access") == acl


def test_a_hard_linked_settings_file_is_refused_with_the_reason(cli, home, tmp_path):
    settings = write(settings_of(home), '{"git.autofetch": true}\n')
    twin = tmp_path / "twin.json"
    os.link(settings, twin)
    for command in (["set-level", "off"], ["lockdown"]):
        assert_one_line_error(cli(*command), "2 hard links", "split")
    assert twin.read_bytes() == settings.read_bytes() == b'{"git.autofetch": true}\n'
    assert os.stat(twin).st_ino == os.stat(settings).st_ino

"""Hostile inputs for a run as root with a user's HOME (issue 11, item 3, and the 0444 item):
`sudo -E telemetry lockdown` must not follow the user's links out of what the user controls, and
what it creates in the user's folders must stay the user's.

Run as root for real (skipped otherwise), with `nobody` as the user: its HOME is a folder it owns,
and it acts through util-linux setpriv.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Run, assert_one_line_error, clean_env, run_cli
from tests.settings.worlds import settings_of, values, write

pytestmark = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv to act as root and as a user",
)

USER = "nobody"


def _ids() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam(USER)
    return entry.pw_uid, entry.pw_gid


@pytest.fixture
def user_home() -> Iterator[Path]:
    """A HOME the user owns, outside root's private temporary folders."""
    top = Path(tempfile.mkdtemp(prefix="telemetry-root-test-"))
    top.chmod(0o755)
    home = top / "home"
    home.mkdir()
    uid, gid = _ids()
    os.chown(home, uid, gid)
    yield home
    shutil.rmtree(top)


def as_user(*args: str, home: Path) -> Run:
    uid, gid = _ids()
    done = subprocess.run(
        [
            *("setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--"),
            *(sys.executable, "-m", "telemetry_inspector", *args),
        ],
        env=clean_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def as_root(*args: str, home: Path) -> Run:
    return run_cli(*args, env=clean_env(home))  # what `sudo -E` does: root, the user's HOME


def _user_makes(path: Path, text: str | None = None) -> Path:
    """A folder chain (and file) made by the user, as the user would."""
    uid, gid = _ids()
    home = next(p for p in path.parents if p.name == "home")
    for folder in reversed(path.parents):
        if folder.is_relative_to(home) and not folder.exists():
            folder.mkdir()
            os.chown(folder, uid, gid)
    if text is not None:
        path.write_text(text)
        os.chown(path, uid, gid)
    return path


def _plant_link(link: Path, target: Path) -> None:
    uid, gid = _ids()
    _user_makes(link)
    link.symlink_to(target)
    os.chown(link, uid, gid, follow_symlinks=False)


def test_a_users_link_to_a_root_only_file_is_not_followed(user_home, tmp_path):
    secret = write(tmp_path / "root-only.json", '{"root": true}\n')
    secret.chmod(0o600)
    _plant_link(settings_of(user_home), secret)
    for command in (["set-level", "off"], ["lockdown"]):
        run = as_root(*command, home=user_home)
        assert_one_line_error(run, "symbolic link owned by nobody", "not followed")
    assert secret.read_text() == '{"root": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root-only.json"]


def test_a_users_link_to_a_root_folder_creates_nothing_there(user_home, tmp_path):
    root_folder = tmp_path / "root-folder"
    root_folder.mkdir()
    _plant_link(user_home / ".config" / "Code", root_folder)
    run = as_root("set-level", "off", home=user_home)
    assert_one_line_error(run, "symbolic link owned by nobody", "not followed")
    assert list(root_folder.iterdir()) == []


def test_a_users_link_to_the_users_own_file_is_followed(user_home):
    real = _user_makes(user_home / "dotfiles" / "settings.json", "{}\n")
    _plant_link(settings_of(user_home), real)
    assert as_root("set-level", "off", home=user_home).code == 0
    assert values(real)["telemetry.telemetryLevel"] == "off"
    assert settings_of(user_home).is_symlink()
    assert real.stat().st_uid == _ids()[0]


def test_what_root_creates_in_a_users_home_is_the_users_and_the_user_can_undo(user_home):
    run = as_root("lockdown", home=user_home)
    assert run.code == 0, run
    uid, _ = _ids()
    made = [p for p in user_home.rglob("*")]
    assert made and {p: p.lstat().st_uid for p in made} == {p: uid for p in made}
    undo = as_user("lockdown", "--undo", home=user_home)
    assert undo.code == 0, undo
    assert not settings_of(user_home).exists()


def test_root_keeps_a_users_file_owned_by_the_user_with_its_backups(user_home):
    settings = _user_makes(settings_of(user_home), '{"git.autofetch": true}\n')
    assert as_root("lockdown", home=user_home).code == 0
    uid, _ = _ids()
    assert {p.name: p.stat().st_uid for p in settings.parent.iterdir()} == {
        p.name: uid for p in settings.parent.iterdir()
    }
    assert as_user("lockdown", "--undo", home=user_home).code == 0
    assert settings.read_text() == '{"git.autofetch": true}\n'


def test_a_read_only_file_is_left_alone_even_by_root(user_home):
    settings = _user_makes(settings_of(user_home), '{"git.autofetch": true}\n')
    settings.chmod(0o444)
    for command in (["set-level", "off"], ["lockdown"]):
        run = as_root(*command, home=user_home)
        assert_one_line_error(run, "read-only")
    assert settings.read_text() == '{"git.autofetch": true}\n'
    assert stat.S_IMODE(settings.stat().st_mode) == 0o444


def test_undo_as_root_does_not_restore_from_a_backup_the_user_made_a_link(user_home, tmp_path):
    # A record the user wrote names its copy beside it, and the copy is a link to a root-only
    # file: root would read that file into the user's settings.json.
    secret = write(tmp_path / "root-only.txt", "root:SECRET\n")
    secret.chmod(0o600)
    settings = _user_makes(settings_of(user_home), "{}\n")
    stem = settings.name + ".lockdown-20260101T000000.000000Z"
    _plant_link(settings.with_name(stem + ".bak"), secret)
    record = _user_makes(
        settings.with_name(stem + ".json"),
        json.dumps(
            {
                "backup": stem + ".bak",
                "before_sha256": None,
                "written_sha256": hashlib.sha256(b"{}\n").hexdigest(),
                "written_at": "2026-01-01T00:00:00Z",
            }
        ),
    )
    run = as_root("lockdown", "--undo", home=user_home)
    assert_one_line_error(run, "not a regular file")
    assert settings.read_text() == "{}\n"
    assert record.exists()


def test_an_output_file_the_user_linked_to_a_root_file_is_not_followed(user_home, tmp_path):
    secret = write(tmp_path / "root-only.txt", "root data\n")
    link = user_home / "audit.csv"
    _plant_link(link, secret)
    run = as_root("audit", "--format", "csv", "-o", str(link), home=user_home)
    assert_one_line_error(run, "symbolic link owned by nobody", "not followed")
    assert secret.read_text() == "root data\n"
    assert link.is_symlink()

"""Which logs tail and stats read when no file is named, on a host laid out in a temporary home."""

from __future__ import annotations

from pathlib import Path

import pytest

from telemetry_inspector.errors import FileReadError, NotFoundError
from telemetry_inspector.logs.discovery import find_logs
from telemetry_inspector.settings.targets import Selection, find_targets
from telemetry_inspector.vscode.flavors import find_flavor
from telemetry_inspector.vscode.locations import Host

CODE = find_flavor("code")
INSIDERS = find_flavor("insiders")
VSCODIUM = find_flavor("vscodium")


def session(logs: Path, name: str, *, with_log: bool = True) -> Path:
    folder = logs / name
    folder.mkdir(parents=True)
    if with_log:
        (folder / "telemetry.log").write_text("", encoding="utf-8")
    return folder


@pytest.fixture
def home(tmp_path):
    return tmp_path


@pytest.fixture
def host(home):
    return Host("linux", {}, home)


def test_every_flavor_with_a_session_is_found_desktop_and_server(home, host):
    session(home / ".config/Code/logs", "20260101T000000")
    newest = session(home / ".config/Code/logs", "20260301T000000")
    server = session(home / ".vscode-server/data/logs", "20260201T000000")
    insiders = session(home / ".config/Code - Insiders/logs", "20260102T000000")
    (home / ".config/VSCodium/logs").mkdir(parents=True)  # a logs folder without a session

    found = find_logs((), (), host, None, following=False)

    assert found.targets.roots == (newest.parent, server.parent, insiders.parent)
    assert found.sessions == (newest, server, insiders)
    assert found.flavors == (CODE, INSIDERS)
    assert found.targets.live_logs() == [p / "telemetry.log" for p in (newest, server, insiders)]


def test_a_chosen_flavor_limits_the_search(home, host):
    session(home / ".config/Code/logs", "20260101T000000")
    insiders = session(home / ".config/Code - Insiders/logs", "20260102T000000")

    found = find_logs((), (INSIDERS,), host, None, following=False)

    assert found.sessions == (insiders,) and found.flavors == (INSIDERS,)


def test_a_user_data_dir_is_read_alone_without_server_logs(home, host, tmp_path):
    session(home / ".vscode-server/data/logs", "20260201T000000")
    own = session(tmp_path / "profile-dir/logs", "20260105T000000")

    found = find_logs((), (), host, tmp_path / "profile-dir", following=False)

    assert found.targets.roots == (own.parent,)
    assert found.flavors == (CODE,)


def test_a_user_data_dir_named_like_a_flavor_is_that_flavor_as_status_reads_it(home, host):
    session(home / "elsewhere/VSCodium/logs", "20260105T000000")
    folder = home / "elsewhere" / "VSCodium"

    found = find_logs((), (), host, folder, following=False)
    [target] = find_targets(Selection(user_data_dir=folder), host)

    assert found.flavors == (VSCODIUM,) and target.flavor == VSCODIUM
    # --flavor still decides when given
    assert find_logs((), (CODE,), host, folder, following=False).flavors == (CODE,)


def test_no_session_anywhere_is_an_error_that_says_what_to_pass(host):
    with pytest.raises(NotFoundError, match="no VS Code logs folder") as caught:
        find_logs((), (), host, None, following=True)
    assert "--user-data-dir" in caught.value.hint


def test_a_session_without_telemetry_logs_is_an_error_only_without_following(home, host):
    empty = session(home / ".config/Code/logs", "20260101T000000", with_log=False)

    with pytest.raises(NotFoundError, match=str(empty.parent)):
        find_logs((), (), host, None, following=False)
    assert find_logs((), (), host, None, following=True).sessions == (empty,)


def test_named_files_are_read_as_named(tmp_path, host):
    log = tmp_path / "a.log"
    log.write_text("", encoding="utf-8")

    found = find_logs((log,), (CODE,), host, None, following=False)

    assert found.targets.files == (log,) and found.flavors == () and found.sessions == ()


def test_a_missing_named_file_may_be_waited_for_only_in_an_existing_folder(tmp_path, host):
    later = tmp_path / "later.log"
    with pytest.raises(FileReadError, match="no such file") as caught:
        find_logs((later,), (), host, None, following=False)
    assert caught.value.path == later

    assert find_logs((later,), (), host, None, following=True).targets.files == (later,)

    nowhere = tmp_path / "missing" / "later.log"
    with pytest.raises(FileReadError, match="no such folder to watch") as caught:
        find_logs((nowhere,), (), host, None, following=True)
    assert caught.value.path == nowhere.parent


def test_a_user_data_dir_that_is_no_folder_is_named(tmp_path, host):
    with pytest.raises(FileReadError, match="no such user-data-dir") as caught:
        find_logs((), (), host, tmp_path / "typo", following=True)
    assert caught.value.path == tmp_path / "typo"
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(FileReadError, match="not a folder"):
        find_logs((), (), host, tmp_path / "file", following=True)

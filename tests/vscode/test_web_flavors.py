"""code-server and openvscode-server: where they keep their files, and finding them.

The code-server facts were read off code-server 4.139.1 itself (tests/vscode/fixtures holds its
real product.json and package.json files); openvscode-server's from its product.json."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from telemetry_inspector.catalog.installed import NoCatalogError
from telemetry_inspector.catalog.locate import load_catalog, locate
from telemetry_inspector.vscode import installs
from telemetry_inspector.vscode.flavors import CODE, CODE_SERVER, OPENVSCODE_SERVER, find_flavor
from telemetry_inspector.vscode.locations import (
    Host,
    flavor_named_like,
    flavor_of_user_data_dir,
    layout,
)
from tests.conftest import assert_one_line_error

CODE_SERVER_PACKAGE = Path(__file__).resolve().parent / "fixtures" / "code-server-4.139.1"
LINUX = Host("linux", {}, PurePosixPath("/home/ada"))


def test_code_server_keeps_everything_in_its_data_folder():
    where = layout(CODE_SERVER, LINUX)
    assert str(where.user_data_dir) == "/home/ada/.local/share/code-server"
    assert str(where.settings) == "/home/ada/.local/share/code-server/User/settings.json"
    assert str(where.extensions) == "/home/ada/.local/share/code-server/extensions"
    assert str(where.logs) == "/home/ada/.local/share/code-server/logs"
    assert where.argv is None  # never ~/.vscode/argv.json (nor ~/.code-server/argv.json)


def test_code_server_follows_xdg_and_its_flags():
    xdg = Host("linux", {"XDG_DATA_HOME": "/data", "VSCODE_PORTABLE": "/p"}, LINUX.home)
    assert str(layout(CODE_SERVER, xdg).user_data_dir) == "/data/code-server"
    mac = Host("darwin", {}, PurePosixPath("/Users/ada"))
    assert str(layout(CODE_SERVER, mac).user_data_dir) == "/Users/ada/.local/share/code-server"
    windows = Host("win32", {"LOCALAPPDATA": r"C:\L"}, PureWindowsPath(r"C:\Users\ada"))
    assert str(layout(CODE_SERVER, windows).user_data_dir) == r"C:\L\code-server\Data"
    given = layout(CODE_SERVER, LINUX, user_data_dir_override="/srv/ud")
    assert str(given.extensions) == "/srv/ud/extensions"  # its extensions follow the flag
    both = layout(CODE_SERVER, LINUX, user_data_dir_override="/u", extensions_dir_override="/e")
    assert (str(both.settings), str(both.extensions)) == ("/u/User/settings.json", "/e")


def test_openvscode_server_keeps_a_servers_layout():
    where = layout(OPENVSCODE_SERVER, LINUX)
    assert str(where.user_data_dir) == "/home/ada/.openvscode-server/data"
    assert str(where.extensions) == "/home/ada/.openvscode-server/extensions"
    assert where.argv is None
    agent = Host("linux", {"VSCODE_AGENT_FOLDER": "/srv/agent"}, LINUX.home)
    assert str(layout(OPENVSCODE_SERVER, agent).logs) == "/srv/agent/data/logs"


def test_web_flavors_are_named_and_recognised():
    assert find_flavor("code-server") is CODE_SERVER and CODE_SERVER.web
    assert find_flavor("OpenVSCode Server") is OPENVSCODE_SERVER and OPENVSCODE_SERVER.web
    assert not CODE.web
    assert flavor_named_like(PurePosixPath("/home/ada/.local/share/code-server")) is CODE_SERVER
    assert flavor_named_like(PurePosixPath("/h/.openvscode-server/data")) is OPENVSCODE_SERVER
    assert flavor_named_like(PurePosixPath("/h/other/data")) is CODE


def test_a_code_server_user_data_dir_is_known_by_its_coder_json(tmp_path):
    (tmp_path / "ud").mkdir()
    assert flavor_of_user_data_dir(tmp_path / "ud") is CODE
    (tmp_path / "ud" / "coder.json").write_text('{"query": {}}', encoding="utf-8")
    assert flavor_of_user_data_dir(tmp_path / "ud") is CODE_SERVER


def test_the_real_code_server_package_is_recognised_from_its_folder(tmp_path):
    install = installs.installation_at(CODE_SERVER_PACKAGE, Host("linux", {}, tmp_path))
    assert install.app_root == CODE_SERVER_PACKAGE / "lib" / "vscode"
    assert install.flavor is CODE_SERVER
    assert install.product.version == "1.139.1"
    assert str(install.extensions(Host("linux", {}, tmp_path))) == str(
        tmp_path / ".local" / "share" / "code-server" / "extensions"
    )
    with pytest.raises(NoCatalogError, match="ships no telemetry catalog"):
        load_catalog(locate(CODE_SERVER_PACKAGE, (), None), builtin=True, strict=False)


def test_installed_web_servers_are_found(tmp_path):
    home = tmp_path / "home"
    standalone = home / ".local" / "lib" / "code-server-4.139.1"
    shutil.copytree(CODE_SERVER_PACKAGE, standalone)
    release = home / "openvscode-server-v1.139.0-linux-x64"
    release.mkdir(parents=True)
    (release / "product.json").write_text(
        '{"nameShort": "OpenVSCode Server", "dataFolderName": ".openvscode-server"}',
        encoding="utf-8",
    )
    found, _ = installs.find_installations(Host("linux", {}, home))
    by_flavor = {install.flavor: install.app_root for install in found}
    assert by_flavor[CODE_SERVER] == standalone / "lib" / "vscode"
    assert by_flavor[OPENVSCODE_SERVER] == release


def test_report_on_the_code_server_package_names_it_and_why_there_is_no_catalog(cli):
    run = cli("report", "--app-root", str(CODE_SERVER_PACKAGE))
    assert_one_line_error(run, "code-server 1.139.1 at", "ships no telemetry catalog")
    assert run.code == 1

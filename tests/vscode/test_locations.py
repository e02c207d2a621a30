"""Every flavor's layout on Linux, macOS and Windows, computed here on Linux."""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath, PureWindowsPath

import pytest

from telemetry_inspector.vscode.flavors import CODE, FLAVORS, INSIDERS, OSS, VSCODIUM
from telemetry_inspector.vscode.locations import (
    Host,
    extensions_dir,
    flavor_named_like,
    layout,
    policy_file,
    portable_data_dir,
    server_layout,
    user_data_dir,
)

LINUX = Host("linux", {}, PurePosixPath("/home/ada"))
MAC = Host("darwin", {}, PurePosixPath("/Users/ada"))
WINDOWS = Host(
    "win32",
    {"APPDATA": r"C:\Users\ada\AppData\Roaming", "USERPROFILE": r"C:\Users\ada"},
    PureWindowsPath(r"C:\Users\ada"),
)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        (LINUX, "/home/ada/.config/Code - Insiders/User/settings.json"),
        (MAC, "/Users/ada/Library/Application Support/Code - Insiders/User/settings.json"),
        (WINDOWS, r"C:\Users\ada\AppData\Roaming\Code - Insiders\User\settings.json"),
    ],
)
def test_user_settings_per_platform(host, expected):
    assert str(layout(INSIDERS, host).settings) == expected


def test_windows_paths_stay_windows_paths_on_linux():
    where = layout(CODE, WINDOWS)
    assert isinstance(where.settings, PureWindowsPath)
    assert str(where.argv) == r"C:\Users\ada\.vscode\argv.json"
    assert str(where.extensions) == r"C:\Users\ada\.vscode\extensions"


def test_windows_without_appdata_falls_back_to_the_user_profile():
    host = Host("win32", {"USERPROFILE": r"D:\profiles\ada"}, PureWindowsPath(r"C:\x"))
    assert str(user_data_dir(CODE, host)) == r"D:\profiles\ada\AppData\Roaming\Code"


def test_xdg_config_home_moves_linux_settings():
    host = Host("linux", {"XDG_CONFIG_HOME": "/cfg"}, PurePosixPath("/home/ada"))
    assert str(layout(VSCODIUM, host).settings) == "/cfg/VSCodium/User/settings.json"
    # XDG_CONFIG_HOME means nothing on macOS
    assert "Library" in str(layout(CODE, Host("darwin", host.env, MAC.home)).settings)


def test_precedence_portable_then_appdata_then_flag():
    env = {"VSCODE_PORTABLE": "/p", "VSCODE_APPDATA": "/a"}
    host = Host("linux", env, PurePosixPath("/h"))
    assert str(user_data_dir(CODE, host, "/flag")) == "/p/user-data"
    host = Host("linux", {"VSCODE_APPDATA": "/a"}, PurePosixPath("/h"))
    assert str(user_data_dir(OSS, host, "/flag")) == "/a/Code - OSS"
    assert str(user_data_dir(OSS, LINUX, "/flag")) == "/flag"


def test_portable_mode_moves_argv_and_extensions():
    host = Host("win32", {"VSCODE_PORTABLE": r"E:\VSCode\data"}, PureWindowsPath(r"C:\Users\ada"))
    where = layout(CODE, host)
    assert where.portable
    assert str(where.user_data_dir) == r"E:\VSCode\data\user-data"
    assert str(where.argv) == r"E:\VSCode\data\argv.json"
    assert str(where.extensions) == r"E:\VSCode\data\extensions"


def test_extensions_dir_order_flag_then_environment():
    host = Host("linux", {"VSCODE_EXTENSIONS": "/ext"}, PurePosixPath("/h"))
    assert str(layout(CODE, host).extensions) == "/ext"
    assert str(layout(CODE, host, extensions_dir_override="/flag").extensions) == "/flag"


# ---- extensions_dir: the one rule (VS Code's environmentService `extensionsPath`) --------------

# Per host: an install folder, the flavor's own folder, and env values of that host's kind.
EXTENSION_CASES = {
    "linux": (LINUX, PurePosixPath("/opt/VSCode"), "/home/ada/.vscode-oss/extensions"),
    "darwin": (
        MAC,
        PurePosixPath("/Volumes/tools/Visual Studio Code.app"),
        "/Users/ada/.vscode-oss/extensions",
    ),
    "win32": (WINDOWS, PureWindowsPath(r"E:\VSCode"), r"C:\Users\ada\.vscode-oss\extensions"),
}
EXTENSION_HOSTS = pytest.mark.parametrize("platform", list(EXTENSION_CASES))


def _with_env(host: Host, **env: str) -> Host:
    return Host(host.platform, {**host.env, **env}, host.home)


def _portable_extensions(platform: str) -> PurePath:
    host, install, _ = EXTENSION_CASES[platform]
    return portable_data_dir(install, host.platform) / "extensions"


@EXTENSION_HOSTS
def test_extensions_dir_the_flag_wins_over_everything(platform):
    host, install, _ = EXTENSION_CASES[platform]
    flag = host.path(install, "flag")
    host = _with_env(host, VSCODE_EXTENSIONS=str(host.path(install, "env")), VSCODE_PORTABLE="p")
    installed = _portable_extensions(platform)
    assert extensions_dir(".vscode", host, flag, installed=installed) == flag


@EXTENSION_HOSTS
def test_extensions_dir_the_environment_wins_over_the_installation(platform):
    host, install, _ = EXTENSION_CASES[platform]
    env_folder = host.path(install, "env")
    host = _with_env(host, VSCODE_EXTENSIONS=str(env_folder))
    installed = _portable_extensions(platform)
    assert extensions_dir(".vscode", host, installed=installed) == env_folder


@EXTENSION_HOSTS
def test_extensions_dir_a_portable_installation_keeps_its_own(platform):
    host, install, _ = EXTENSION_CASES[platform]
    installed = _portable_extensions(platform)
    assert extensions_dir(".vscode-oss", host, installed=installed) == installed
    # VS Code's launcher sets VSCODE_PORTABLE to the installation's own data folder
    elsewhere = _with_env(host, VSCODE_PORTABLE=str(host.path(install, "other")))
    assert extensions_dir(".vscode-oss", elsewhere, installed=installed) == installed


def test_extensions_dir_a_flatpak_keeps_its_own():
    installed = PurePosixPath("/home/ada/.var/app/com.visualstudio.code/data/vscode/extensions")
    assert extensions_dir(".vscode", LINUX, installed=installed) == installed


@EXTENSION_HOSTS
def test_extensions_dir_vscode_portable_without_a_known_installation(platform):
    host, install, _ = EXTENSION_CASES[platform]
    data = host.path(install, "data")
    found = extensions_dir(".vscode-oss", _with_env(host, VSCODE_PORTABLE=str(data)))
    assert found == data / "extensions"


@EXTENSION_HOSTS
def test_extensions_dir_falls_back_to_the_flavors_data_folder(platform):
    host, _, expected = EXTENSION_CASES[platform]
    assert str(extensions_dir(VSCODIUM.data_folder_name, host)) == expected
    assert extensions_dir(None, host) is None  # no flavor, no product: nothing to fall back on
    assert layout(VSCODIUM, host).extensions == extensions_dir(".vscode-oss", host)


@pytest.mark.parametrize("flavor", [f for f in FLAVORS if not f.web], ids=lambda f: f.id)
def test_every_desktop_flavor_has_its_own_folders(flavor):
    where = layout(flavor, LINUX)
    assert where.user_data_dir.name == flavor.name_short
    assert where.argv.parent.name == flavor.data_folder_name
    assert str(where.logs).endswith(f"{flavor.name_short}/logs")
    assert str(where.profiles).endswith("User/profiles")


def test_server_layout_and_its_overrides():
    assert str(server_layout(CODE, LINUX).machine_settings) == (
        "/home/ada/.vscode-server/data/Machine/settings.json"
    )
    assert str(server_layout(INSIDERS, LINUX).logs) == "/home/ada/.vscode-server-insiders/data/logs"
    agent = Host("linux", {"VSCODE_AGENT_FOLDER": "/srv/agent"}, LINUX.home)
    assert str(server_layout(CODE, agent).user_data_dir) == "/srv/agent/data"
    assert str(server_layout(CODE, agent, "/flag").extensions) == "/flag/extensions"


def test_portable_data_folder_per_platform():
    app = PurePosixPath("/Volumes/tools/Visual Studio Code.app")
    assert str(portable_data_dir(app, "darwin")) == "/Volumes/tools/code-portable-data"
    assert str(portable_data_dir(PurePosixPath("/opt/VSCode"), "linux")) == "/opt/VSCode/data"


def test_policy_file_only_on_linux():
    assert str(policy_file(LINUX)) == "/etc/vscode/policy.json"
    assert policy_file(MAC) is None and policy_file(WINDOWS) is None


def test_a_user_data_dir_is_of_the_flavor_it_is_named_like():
    assert flavor_named_like(PurePosixPath("/home/ada/.config/VSCodium")) == VSCODIUM
    assert flavor_named_like(PureWindowsPath(r"D:\profiles\Code - Insiders")) == INSIDERS
    assert flavor_named_like(PurePosixPath("/tmp/portable-data")) == CODE  # the default

"""Where each flavor keeps its files, as pure functions of (platform, environment, home).

Nothing here touches the disk, so every platform's layout is computed (and tested) anywhere. The
rules follow VS Code's own: src/vs/platform/environment/node/userDataPath.ts for the user-data-dir,
the environment service for extensions and argv.json, the server's environment for server data.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Literal

from telemetry_inspector.errors import FileReadError
from telemetry_inspector.records import record
from telemetry_inspector.vscode.flavors import DATA_HOME, DEFAULT, FLAVORS, SERVER, Flavor

Platform = Literal["linux", "darwin", "win32"]
PLATFORMS: tuple[Platform, ...] = ("linux", "darwin", "win32")


@record
class Host:
    """The inputs every location depends on."""

    platform: Platform
    env: Mapping[str, str]
    home: PurePath

    @classmethod
    def current(cls) -> Host:
        return cls(current_platform(), dict(os.environ), Path.home())

    def path(self, *parts: str | PurePath) -> PurePath:
        """A path of this host's kind (Windows paths stay Windows paths when computed on Linux)."""
        kind = PureWindowsPath if self.platform == "win32" else PurePosixPath
        return kind(*parts)


def current_platform() -> Platform:
    if sys.platform.startswith("win"):
        return "win32"
    if sys.platform == "darwin":
        return "darwin"
    return "linux"


@record
class Layout:
    """Where one flavor keeps its files for one user."""

    flavor: Flavor
    user_data_dir: PurePath
    argv: PurePath | None  # None for web flavors: a browser has no crash reporter to switch
    extensions: PurePath
    portable: bool

    @property
    def user_dir(self) -> PurePath:
        return self.user_data_dir / "User"

    @property
    def settings(self) -> PurePath:
        return self.user_dir / "settings.json"

    @property
    def profiles(self) -> PurePath:
        return self.user_dir / "profiles"

    @property
    def logs(self) -> PurePath:
        return self.user_data_dir / "logs"


@record
class ServerLayout:
    """Where a VS Code server for one flavor keeps its files (`~/.vscode-server` and kin)."""

    flavor: Flavor
    root: PurePath

    @property
    def user_data_dir(self) -> PurePath:
        return self.root / "data"

    @property
    def machine_settings(self) -> PurePath:
        return self.user_data_dir / "Machine" / "settings.json"

    @property
    def logs(self) -> PurePath:
        return self.user_data_dir / "logs"

    @property
    def extensions(self) -> PurePath:
        return self.root / "extensions"


def user_data_dir(flavor: Flavor, host: Host, override: str | PurePath | None = None) -> PurePath:
    """VS Code's order: VSCODE_PORTABLE, VSCODE_APPDATA, --user-data-dir, then the platform's.
    A web flavor's server takes --user-data-dir, else its own default (docs/vscode.md)."""
    if flavor.keeps == DATA_HOME:
        return host.path(override) if override else data_home_dir(flavor, host)
    if flavor.keeps == SERVER:
        return host.path(override) if override else server_layout(flavor, host).user_data_dir
    env = host.env
    if env.get("VSCODE_PORTABLE"):
        return host.path(env["VSCODE_PORTABLE"], "user-data")
    if env.get("VSCODE_APPDATA"):
        return host.path(env["VSCODE_APPDATA"], flavor.name_short)
    if override:
        return host.path(override)
    return app_data_dir(host) / flavor.name_short


def flavor_named_like(folder: str | PurePath) -> Flavor:
    """The flavor whose user-data-dir is named like this folder (`~/.config/VSCodium`: VSCodium;
    `~/.openvscode-server/data`: OpenVSCode Server), else the default."""
    path = PurePath(folder)
    for flavor in FLAVORS:
        if flavor.keeps == SERVER:
            if path.name == "data" and path.parent.name == flavor.server_data_folder_name:
                return flavor
        elif flavor.name_short == path.name:
            return flavor
    return DEFAULT


def data_home_dir(flavor: Flavor, host: Host) -> PurePath:
    """code-server's default user-data-dir: <XDG data home>/code-server (macOS too), or
    %LOCALAPPDATA%\\code-server\\Data on Windows (docs/vscode.md, "Web servers")."""
    env = host.env
    if host.platform == "win32":
        local = env.get("LOCALAPPDATA") or host.path(host.home, "AppData", "Local")
        return host.path(local, flavor.name_short, "Data")
    return host.path(env.get("XDG_DATA_HOME") or host.path(host.home, ".local", "share")).joinpath(
        flavor.name_short
    )


def app_data_dir(host: Host) -> PurePath:
    """The per-user folder that holds every flavor's user-data-dir."""
    env = host.env
    if host.platform == "win32":
        if env.get("APPDATA"):
            return host.path(env["APPDATA"])
        return host.path(env.get("USERPROFILE") or host.home, "AppData", "Roaming")
    if host.platform == "darwin":
        return host.path(host.home, "Library", "Application Support")
    return host.path(env.get("XDG_CONFIG_HOME") or host.path(host.home, ".config"))


def data_folder(flavor: Flavor, host: Host) -> PurePath:
    """~/<dataFolderName>, or the portable data folder: it holds extensions/ and argv.json."""
    if host.env.get("VSCODE_PORTABLE"):
        return host.path(host.env["VSCODE_PORTABLE"])
    return host.path(host.home, flavor.data_folder_name)


def extensions_dir(
    data_folder_name: str | None,
    host: Host,
    override: str | PurePath | None = None,
    *,
    installed: PurePath | None = None,
) -> PurePath | None:
    """The extensions folder VS Code loads: the one rule every command uses.

    VS Code's order (`extensionsPath` in src/vs/platform/environment/common/environmentService.ts;
    docs/vscode.md, "Where VS Code keeps its files"): --extensions-dir, then $VSCODE_EXTENSIONS,
    then $VSCODE_PORTABLE/extensions, then ~/<dataFolderName>/extensions. `installed` is where the
    installation keeps them itself, when known: a portable install's <install>/data/extensions
    (its launcher sets VSCODE_PORTABLE to that data folder), Flatpak's (its wrapper passes
    --extensions-dir), a server's. None only when there is no data folder name to fall back on.
    """
    if override:
        return host.path(override)
    if host.env.get("VSCODE_EXTENSIONS"):
        return host.path(host.env["VSCODE_EXTENSIONS"])
    if installed is not None:
        return installed
    if host.env.get("VSCODE_PORTABLE"):
        return host.path(host.env["VSCODE_PORTABLE"], "extensions")
    if data_folder_name:
        return host.path(host.home, data_folder_name, "extensions")
    return None


def layout(
    flavor: Flavor,
    host: Host,
    *,
    user_data_dir_override: str | PurePath | None = None,
    extensions_dir_override: str | PurePath | None = None,
) -> Layout:
    data = user_data_dir(flavor, host, user_data_dir_override)
    if flavor.web:
        extensions = _web_extensions(flavor, host, data, extensions_dir_override)
        return Layout(flavor, data, argv=None, extensions=extensions, portable=False)
    return Layout(
        flavor=flavor,
        user_data_dir=data,
        argv=data_folder(flavor, host) / "argv.json",
        extensions=extensions_dir(flavor.data_folder_name, host, extensions_dir_override),
        portable=bool(host.env.get("VSCODE_PORTABLE")),
    )


def _web_extensions(
    flavor: Flavor, host: Host, data: PurePath, override: str | PurePath | None
) -> PurePath:
    """code-server: --extensions-dir, else <user-data-dir>/extensions (it always passes one, so
    VS Code's own fallbacks never apply); a server: ~/<serverDataFolderName>/extensions."""
    if flavor.keeps == DATA_HOME:
        return host.path(override) if override else data / "extensions"
    installed = server_layout(flavor, host).extensions
    return extensions_dir(None, host, override, installed=installed) or installed


def server_layout(
    flavor: Flavor, host: Host, server_data_dir: str | PurePath | None = None
) -> ServerLayout:
    """--server-data-dir, then VSCODE_AGENT_FOLDER, then ~/<serverDataFolderName>."""
    root = server_data_dir or host.env.get("VSCODE_AGENT_FOLDER")
    if root:
        return ServerLayout(flavor, host.path(root))
    return ServerLayout(flavor, host.path(host.home, flavor.server_data_folder_name))


def portable_data_dir(install_dir: PurePath, platform: Platform) -> PurePath:
    """Where a portable install keeps its data: <install>/data, or beside the .app on macOS."""
    if platform == "darwin":
        return install_dir.parent / "code-portable-data"
    return install_dir / "data"


def policy_file(host: Host) -> PurePath | None:
    """The JSON policy file VS Code reads on Linux (every flavor); other platforms use the OS."""
    return PurePosixPath("/etc/vscode/policy.json") if host.platform == "linux" else None


def flavor_of_user_data_dir(folder: Path) -> Flavor:
    """The flavor a --user-data-dir given without --flavor belongs to: by its name, else by
    what is in it (code-server keeps coder.json there), else the default."""
    named = flavor_named_like(folder)
    if named is DEFAULT and (folder / CODE_SERVER_STATE).is_file():
        return next(flavor for flavor in FLAVORS if flavor.keeps == DATA_HOME)
    return named


CODE_SERVER_STATE = "coder.json"  # code-server's own state, in its user-data-dir


def check_user_data_dir(folder: Path) -> None:
    """--user-data-dir must name a folder: VS Code would create a missing one, but for us a
    missing one is a typo, and reading it as empty would hide that."""
    if not folder.exists():
        raise FileReadError("no such user-data-dir", path=folder)
    if not folder.is_dir():
        raise FileReadError(
            "not a folder (--user-data-dir takes VS Code's user-data-dir)", path=folder
        )

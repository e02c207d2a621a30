"""Where VS Code is installed: every app root (`resources/app`) of every flavor on this machine.

Layout detection is pure: `candidate_app_roots(host, list_dir)` computes, for a platform, an
environment and a home, the app roots worth probing, asking `list_dir` for the few folders whose
children matter (tarballs in ~, *.app bundles, versioned Windows folders, server commits). The thin
disk part (`find_installations`, `installation_at`) probes them: an app root is a folder holding
product.json, and product.json (nameShort, dataFolderName, quality) says which flavor it is, which
is more reliable than the path.

Facts: Linux packages install to /usr/share/code[-insiders] (.deb/.rpm, also inside the snap
at /snap/code/current/usr/share/code), Arch's electron build to /usr/lib/code (the app root
itself); the Flathub package unpacks the .deb's /usr/share/code into /app/extra (older builds:
/app/extra/vscode) and runs with --extensions-dir
~/.var/app/com.visualstudio.code/data/vscode/extensions; macOS bundles keep it in
<X>.app/Contents/Resources/app; the Windows installers (user: %LOCALAPPDATA%\\Programs, system:
Program Files) in <install>\\resources\\app, or <install>\\<commit[:10]>\\resources\\app when
product.json sets win32VersionedUpdate (build/lib/util.ts getVersionedResourcesFolder). A portable
install has <install>/data (macOS: code-portable-data beside the .app). VS Code servers keep one
app root per commit: ~/.vscode-server/bin/<commit>/ and, for the CLI-launched ones,
~/.vscode-server/cli/servers/<Quality>-<commit>/server/; their extensions are in
~/.vscode-server/extensions.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from telemetry_inspector.errors import (
    FileReadError,
    NotFoundError,
    ParseError,
    TelemetryError,
    os_reason,
)
from telemetry_inspector.fileio import SETTINGS_LIMIT, read_regular
from telemetry_inspector.positions import NEWLINES, line_column
from telemetry_inspector.records import record
from telemetry_inspector.vscode.flavors import FLAVORS, Flavor
from telemetry_inspector.vscode.locations import (
    Host,
    extensions_dir,
    layout,
    portable_data_dir,
    server_layout,
)

ListDir = Callable[[PurePath], Sequence[str]]

_LINUX_PACKAGES = (
    "/usr/share/code",
    "/usr/share/code-insiders",
    "/usr/lib/code",
    "/usr/lib/code-insiders",
    "/usr/share/code-oss",
    "/usr/lib/code-oss",
    "/opt/visual-studio-code",
    "/opt/visual-studio-code-insiders",
    "/usr/share/codium",
    "/usr/share/codium-insiders",
    "/opt/vscodium",
    "/opt/vscodium-bin",
)
# code-server: the .deb/.rpm's folder, npm's global folders (docs/vscode.md, "Web servers")
_WEB_PACKAGES = (
    "/usr/lib/code-server",
    "/usr/lib/node_modules/code-server",
    "/usr/local/lib/node_modules/code-server",
)
_SNAPS = (("code", "code"), ("code-insiders", "code-insiders"), ("codium", "codium"))
_FLATPAKS = ("com.visualstudio.code", "com.visualstudio.code.insiders")
_VERSIONED = re.compile(r"[0-9a-f]{10}")
KIND_ORDER = (
    "package",
    "snap",
    "flatpak",
    "app bundle",
    "user installer",
    "system installer",
    "scoop",
    "tarball",
    "portable",
    "server",
    "given",
)


@record
class Candidate:
    """An app root worth probing, how it was installed, where that packaging keeps extensions."""

    app_root: PurePath
    kind: str
    extensions_dir: PurePath | None = None


@record
class Product:
    """What an app root's product.json (and package.json) say about it."""

    name_short: str | None = None
    name_long: str | None = None
    data_folder_name: str | None = None
    quality: str | None = None
    version: str | None = None
    commit: str | None = None


@record
class Installation:
    app_root: PurePath
    kind: str
    product: Product
    flavor: Flavor | None
    extensions_dir: PurePath | None = None  # set by portable mode, Flatpak, servers

    @property
    def data_folder_name(self) -> str | None:
        """~/<this> holds its extensions and argv.json (unless it keeps them elsewhere)."""
        return self.flavor.data_folder_name if self.flavor else self.product.data_folder_name

    def extensions(self, host: Host, override: str | PurePath | None = None) -> PurePath | None:
        """The extensions folder this installation loads (locations.extensions_dir decides; a
        web flavor's follow its user data, as locations.layout says)."""
        if self.flavor is not None and self.flavor.web:
            return layout(self.flavor, host, extensions_dir_override=override).extensions
        return extensions_dir(self.data_folder_name, host, override, installed=self.extensions_dir)

    @property
    def name(self) -> str:
        if self.flavor is not None:
            return self.flavor.display_name
        return self.product.name_long or self.product.name_short or "an unknown product"

    def describe(self) -> str:
        version = f" {self.product.version}" if self.product.version else ""
        return f"{self.name}{version} at {self.app_root}"


# ---- pure: where to look ------------------------------------------------------------------------


def candidate_app_roots(host: Host, list_dir: ListDir) -> list[Candidate]:
    """Every app root worth probing on `host`, in a stable order, without duplicates."""
    if host.platform == "darwin":
        found = _darwin(host, list_dir)
    elif host.platform == "win32":
        found = _windows(host, list_dir)
    else:
        found = _linux(host, list_dir)
    if host.platform != "win32":
        found += _servers(host, list_dir)
    seen: set[PurePath] = set()
    unique = []
    for candidate in found:
        if candidate.app_root not in seen:
            seen.add(candidate.app_root)
            unique.append(candidate)
    return unique


def _linux(host: Host, list_dir: ListDir) -> list[Candidate]:
    path = host.path
    found = []
    for base in _LINUX_PACKAGES:
        found += [
            Candidate(path(base, "resources", "app"), "package"),
            Candidate(path(base), "package"),
        ]
    for snap, folder in _SNAPS:
        found.append(
            Candidate(path("/snap", snap, "current/usr/share", folder, "resources/app"), "snap")
        )
    data_home = path(host.env.get("XDG_DATA_HOME") or path(host.home, ".local", "share"))
    for flatpaks in (path("/var/lib/flatpak"), data_home / "flatpak"):
        for app_id in _FLATPAKS:
            files = flatpaks / "app" / app_id / "current" / "active" / "files"
            extensions = path(host.home, ".var", "app", app_id, "data", "vscode", "extensions")
            for extra in (files / "extra", files / "extra" / "vscode"):
                found.append(Candidate(extra / "resources" / "app", "flatpak", extensions))
    for package in _WEB_PACKAGES:
        found += [Candidate(app_root, "package") for app_root in _web_app_roots(path(package))]
    local_lib = path(host.home, ".local", "lib")  # code-server's standalone install
    tarballs = (
        path(host.home),
        path(host.home, "Applications"),
        data_home,
        path("/opt"),
        local_lib,
    )
    for parent in tarballs:
        for child in list_dir(parent):
            found.append(Candidate(parent / child / "resources" / "app", "tarball"))
            web = [f for f in FLAVORS if f.app_root_in_package and child.startswith(f.id)]
            found += [Candidate(root, "tarball") for root in _web_app_roots(parent / child, web)]
    return found


def _web_app_roots(package: PurePath, flavors: Sequence[Flavor] = FLAVORS) -> list[PurePath]:
    """Where the app root of a web flavor's package folder is (code-server: lib/vscode)."""
    inside = dict.fromkeys(f.app_root_in_package for f in flavors if f.app_root_in_package)
    return [package / folder if folder != "." else package for folder in inside]


def _darwin(host: Host, list_dir: ListDir) -> list[Candidate]:
    found = []
    for parent in (host.path("/Applications"), host.path(host.home, "Applications")):
        for child in list_dir(parent):
            if child.endswith(".app"):
                found.append(
                    Candidate(parent / child / "Contents" / "Resources" / "app", "app bundle")
                )
    return found


def _windows(host: Host, list_dir: ListDir) -> list[Candidate]:
    env = host.env
    local = host.path(env.get("LOCALAPPDATA") or host.path(host.home, "AppData", "Local"))
    parents = [(local / "Programs", "user installer")]
    for variable, default in (("ProgramFiles", "C:\\Program Files"), ("ProgramFiles(x86)", None)):
        if env.get(variable) or default:
            parents.append((host.path(env.get(variable) or default), "system installer"))
    found = []
    for parent, kind in parents:
        for child in list_dir(parent):
            found += _windows_install(parent / child, kind, list_dir)
    scoop = host.path(env.get("SCOOP") or host.path(host.home, "scoop"), "apps")
    for child in list_dir(scoop):
        found += _windows_install(scoop / child / "current", "scoop", list_dir)
    return found


def _windows_install(install: PurePath, kind: str, list_dir: ListDir) -> list[Candidate]:
    found = [Candidate(install / "resources" / "app", kind)]
    for child in list_dir(install):
        if _VERSIONED.fullmatch(child):
            found.append(Candidate(install / child / "resources" / "app", kind))
    return found


def _servers(host: Host, list_dir: ListDir) -> list[Candidate]:
    found = []
    for flavor in FLAVORS:
        if flavor.web:  # a web flavor's server is its package (see _linux)
            continue
        root = server_layout(flavor, host).root
        extensions = root / "extensions"
        for commit in list_dir(root / "bin"):
            found.append(Candidate(root / "bin" / commit, "server", extensions))
        for name in list_dir(root / "cli" / "servers"):
            found.append(
                Candidate(root / "cli" / "servers" / name / "server", "server", extensions)
            )
    return found


def app_root_candidates(folder: PurePath, list_dir: ListDir) -> list[PurePath]:
    """Where the app root may be when a user names `folder`: itself, or an install above it."""
    found = [folder, folder / "resources" / "app", folder / "Contents" / "Resources" / "app"]
    found += [app_root for app_root in _web_app_roots(folder) if app_root != folder]
    found += [
        folder / name / "resources" / "app"
        for name in list_dir(folder)
        if _VERSIONED.fullmatch(name)
    ]
    return [*found, folder / "server"]


def install_dir(app_root: PurePath, platform: str) -> PurePath | None:
    """The install folder holding the app root (the .app bundle on macOS), if laid out as usual."""
    parts = app_root.parts
    if platform == "darwin":
        return app_root.parents[2] if parts[-3:] == ("Contents", "Resources", "app") else None
    if parts[-2:] != ("resources", "app"):
        return None
    install = app_root.parents[1]
    if platform == "win32" and _VERSIONED.fullmatch(install.name):
        return install.parent
    return install


# ---- pure: what it is ---------------------------------------------------------------------------


def read_product(
    product_json: Mapping[str, Any], package_json: Mapping[str, Any] | None
) -> Product:
    def text(mapping: Mapping[str, Any] | None, key: str) -> str | None:
        value = mapping.get(key) if isinstance(mapping, Mapping) else None
        return value if isinstance(value, str) else None

    return Product(
        name_short=text(product_json, "nameShort"),
        name_long=text(product_json, "nameLong"),
        data_folder_name=text(product_json, "dataFolderName"),
        quality=text(product_json, "quality"),
        version=text(package_json, "version") or text(product_json, "version"),
        commit=text(product_json, "commit"),
    )


def identify_flavor(product: Product) -> Flavor | None:
    """The flavor a product.json describes: by nameShort, else by its data folder and quality."""
    for flavor in FLAVORS:
        if product.name_short == flavor.name_short:
            return flavor
    folder = product.data_folder_name
    for flavor in FLAVORS:
        if folder == flavor.data_folder_name and folder != ".vscode-oss":
            return flavor
    if folder == ".vscode-oss":
        codium = "codium" in (product.name_short or "").lower()
        return next(f for f in FLAVORS if f.id == ("vscodium" if codium else "oss"))
    return None


def ordered(installations: Sequence[Installation]) -> list[Installation]:
    """VS Code first, then Insiders, OSS, VSCodium...; within a flavor, packages before tarballs."""

    def rank(install: Installation) -> tuple[int, int]:
        flavor = FLAVORS.index(install.flavor) if install.flavor in FLAVORS else len(FLAVORS)
        return flavor, KIND_ORDER.index(install.kind)

    return sorted(installations, key=rank)


def choose(installations: Sequence[Installation], flavors: Sequence[Flavor]) -> Installation | None:
    """The installation to use: of the first wanted flavor found, else the first `ordered` one."""
    ranked = ordered(installations)
    if not flavors:
        return ranked[0] if ranked else None
    for flavor in flavors:
        for install in ranked:
            if install.flavor == flavor:
                return install
    return None


# ---- the disk -----------------------------------------------------------------------------------


def list_dir(folder: PurePath) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def find_installations(host: Host | None = None) -> tuple[list[Installation], list[PurePath]]:
    """Installations found on this machine, and every app root that was looked at."""
    host = host or Host.current()
    candidates = candidate_app_roots(host, list_dir)
    found = []
    for candidate in candidates:
        install = _probe(Path(candidate.app_root), candidate.kind, candidate.extensions_dir, host)
        if install is not None and install.flavor is not None:
            found.append(install)
    return ordered(found), [candidate.app_root for candidate in candidates]


def installation_at(folder: Path, host: Host | None = None) -> Installation:
    """The installation whose app root is `folder` or lies under it (--app-root)."""
    host = host or Host.current()
    candidates = app_root_candidates(folder, list_dir)
    for app_root in candidates:
        install = _probe(Path(app_root), "given", None, host, strict=True)
        if install is not None:
            return install
    looked = ", ".join(str(path) for path in candidates)
    raise NotFoundError(
        f"no VS Code app root there (looked for product.json in {looked})",
        path=folder,
        hint="name the folder holding product.json, or an install folder above it",
    )


def given_extensions_dir(folder: Path) -> Path:
    """--extensions-dir, checked: a typo read as an empty folder would hide every extension's
    switches (and pass an audit), so a folder that is not there is an error."""
    if not folder.is_dir():
        what = "not a folder" if folder.exists() else "no such folder"
        raise FileReadError(what, path=folder, hint="check --extensions-dir")
    return folder


def _probe(
    app_root: Path, kind: str, extensions: PurePath | None, host: Host, *, strict: bool = False
) -> Installation | None:
    product_path = app_root / "product.json"
    if not product_path.is_file() and not (strict and product_path.exists()):
        if strict and (app_root / "telemetry-core.json").is_file():
            return Installation(app_root, kind, Product(), None, extensions)
        return None
    product_json = _read_json(product_path, strict)
    if product_json is None:
        return None
    product = read_product(product_json, _read_json(app_root / "package.json", False))
    install = install_dir(app_root, host.platform)
    if install is not None:
        data = Path(portable_data_dir(install, host.platform))
        if data.is_dir():
            extensions = data / "extensions"
            kind = kind if kind != "tarball" else "portable"
    return Installation(app_root, kind, product, identify_flavor(product), extensions)


def _read_json(path: Path, strict: bool) -> dict[str, Any] | None:
    """product.json or package.json as a dict; None when absent, or when unusable and not
    strict (strict: an error naming the file and why, for the app root the user named)."""
    try:
        return _json_object(path)
    except FileNotFoundError:
        return None
    except TelemetryError:
        if strict:
            raise
        return None


# Python's default limit on the digits int() converts (sys.get_int_max_str_digits)
_INT_DIGITS = 4300


def js_integer(digits: str) -> int | float:
    """A JSON integer as VS Code's JSON.parse reads it, for json.loads(parse_int=): any length is
    a number (exact as far as Python's int() goes; past its digit limit, JavaScript's double)."""
    return int(digits) if len(digits) <= _INT_DIGITS else float(digits)


def _json_object(path: Path) -> dict[str, Any]:
    try:
        data = read_regular(path, limit=SETTINGS_LIMIT)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        value = json.loads(data.decode("utf-8"), parse_int=js_integer)
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8", "replace")
        line, column = line_column(head, len(head), NEWLINES)  # as JSONDecodeError counts
        why = f"not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        raise ParseError(why, path=path, line=line, column=column) from None
    except json.JSONDecodeError as exc:
        raise ParseError(exc.msg, path=path, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise ParseError("nested too deep to read", path=path, line=1, column=1) from None
    if not isinstance(value, dict):
        raise ParseError("the top level is not an object", path=path, line=1, column=1)
    return value

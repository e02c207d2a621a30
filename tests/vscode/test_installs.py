"""Installation discovery: the pure layout detection per platform, and probing real folders."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from telemetry_inspector.errors import FileReadError, NotFoundError, ParseError
from telemetry_inspector.vscode import installs
from telemetry_inspector.vscode.flavors import CODE, INSIDERS, OSS, VSCODIUM
from telemetry_inspector.vscode.installs import Installation, Product
from telemetry_inspector.vscode.locations import Host


def lister(tree: dict[str, list[str]]):
    """A `list_dir` answering from a dict of folder -> children (folders not in it are empty)."""
    return lambda folder: tree.get(str(folder), [])


def roots(host: Host, tree: dict[str, list[str]]) -> dict[str, str]:
    return {str(c.app_root): c.kind for c in installs.candidate_app_roots(host, lister(tree))}


def test_linux_packages_snap_flatpak_tarballs_and_servers():
    host = Host("linux", {}, PurePosixPath("/home/u"))
    found = roots(
        host,
        {
            "/home/u": ["VSCode-linux-x64", "Documents"],
            "/opt": ["VSCodium-1.99"],
            "/home/u/.vscode-server/bin": ["abc123"],
            "/home/u/.vscode-server/cli/servers": ["Stable-abc123"],
        },
    )
    assert found["/usr/share/code/resources/app"] == "package"
    assert found["/usr/share/code-insiders/resources/app"] == "package"
    assert found["/usr/lib/code"] == "package"  # Arch: the app root itself
    assert found["/snap/code/current/usr/share/code/resources/app"] == "snap"
    assert (
        found["/var/lib/flatpak/app/com.visualstudio.code/current/active/files/extra/resources/app"]
        == "flatpak"
    )
    assert (
        found[
            "/home/u/.local/share/flatpak/app/com.visualstudio.code/current/active/files/extra/vscode/resources/app"
        ]
        == "flatpak"
    )
    assert found["/home/u/VSCode-linux-x64/resources/app"] == "tarball"
    assert found["/opt/VSCodium-1.99/resources/app"] == "tarball"
    assert found["/home/u/.vscode-server/bin/abc123"] == "server"
    assert found["/home/u/.vscode-server/cli/servers/Stable-abc123/server"] == "server"


def test_flatpak_and_server_candidates_say_where_their_extensions_are():
    host = Host("linux", {"XDG_DATA_HOME": "/data"}, PurePosixPath("/home/u"))
    candidates = installs.candidate_app_roots(host, lister({"/home/u/.vscode-server/bin": ["c1"]}))
    by_root = {str(c.app_root): c for c in candidates}
    flatpak = by_root[
        "/data/flatpak/app/com.visualstudio.code/current/active/files/extra/resources/app"
    ]
    assert (
        str(flatpak.extensions_dir)
        == "/home/u/.var/app/com.visualstudio.code/data/vscode/extensions"
    )
    assert (
        str(by_root["/home/u/.vscode-server/bin/c1"].extensions_dir)
        == "/home/u/.vscode-server/extensions"
    )


def test_macos_app_bundles_in_both_applications_folders():
    host = Host("darwin", {}, PurePosixPath("/Users/u"))
    found = roots(
        host,
        {
            "/Applications": ["Visual Studio Code.app", "Safari.app", "notes.txt"],
            "/Users/u/Applications": ["VSCodium.app"],
        },
    )
    assert found["/Applications/Visual Studio Code.app/Contents/Resources/app"] == "app bundle"
    assert found["/Users/u/Applications/VSCodium.app/Contents/Resources/app"] == "app bundle"
    assert not any("notes.txt" in root for root in found)


def test_windows_user_and_system_installers_and_versioned_folders():
    env = {"LOCALAPPDATA": "C:\\Users\\u\\AppData\\Local", "ProgramFiles": "C:\\Program Files"}
    host = Host("win32", env, PureWindowsPath("C:\\Users\\u"))
    found = roots(
        host,
        {
            "C:\\Users\\u\\AppData\\Local\\Programs": ["Microsoft VS Code"],
            "C:\\Users\\u\\AppData\\Local\\Programs\\Microsoft VS Code": [
                "1a2b3c4d5e",
                "bin",
                "data",
            ],
            "C:\\Program Files": ["Microsoft VS Code Insiders"],
            "C:\\Users\\u\\scoop\\apps": ["vscode"],
        },
    )
    assert (
        found["C:\\Users\\u\\AppData\\Local\\Programs\\Microsoft VS Code\\resources\\app"]
        == "user installer"
    )
    assert (
        found[
            "C:\\Users\\u\\AppData\\Local\\Programs\\Microsoft VS Code\\1a2b3c4d5e\\resources\\app"
        ]
        == "user installer"
    )
    assert (
        found["C:\\Program Files\\Microsoft VS Code Insiders\\resources\\app"] == "system installer"
    )
    assert found["C:\\Users\\u\\scoop\\apps\\vscode\\current\\resources\\app"] == "scoop"
    assert not any(root.endswith("\\bin\\resources\\app") for root in found)


@pytest.mark.parametrize(
    ("product", "flavor"),
    [
        ({"nameShort": "Code", "dataFolderName": ".vscode"}, CODE),
        ({"nameShort": "Code - Insiders", "dataFolderName": ".vscode-insiders"}, INSIDERS),
        ({"nameShort": "Code - OSS", "dataFolderName": ".vscode-oss"}, OSS),
        ({"nameShort": "VSCodium", "dataFolderName": ".vscode-oss"}, VSCODIUM),
        ({"nameShort": "Code (custom)", "dataFolderName": ".vscode"}, CODE),
        ({"nameShort": "Cursor", "dataFolderName": ".cursor"}, None),
    ],
)
def test_the_flavor_comes_from_product_json(product, flavor):
    assert installs.identify_flavor(installs.read_product(product, None)) == flavor


def test_install_folder_of_each_layout():
    assert installs.install_dir(
        PurePosixPath("/opt/VSCode/resources/app"), "linux"
    ) == PurePosixPath("/opt/VSCode")
    mac = PurePosixPath("/Applications/Code.app/Contents/Resources/app")
    assert installs.install_dir(mac, "darwin") == PurePosixPath("/Applications/Code.app")
    win = PureWindowsPath("C:\\VS\\0123456789\\resources\\app")
    assert installs.install_dir(win, "win32") == PureWindowsPath("C:\\VS")
    assert installs.install_dir(PurePosixPath("/usr/lib/code"), "linux") is None


def _install(flavor, kind, root="/x") -> Installation:
    return Installation(PurePosixPath(root), kind, Product(), flavor)


def test_choice_prefers_vscode_then_packages_and_honours_the_wanted_order():
    found = [
        _install(VSCODIUM, "package"),
        _install(CODE, "tarball", "/t"),
        _install(CODE, "snap", "/s"),
    ]
    assert installs.choose(found, []).app_root == PurePosixPath("/s")
    assert installs.choose(found, [INSIDERS, VSCODIUM]).flavor == VSCODIUM
    assert installs.choose(found, [INSIDERS]) is None
    assert installs.choose([], []) is None


def _app_root(folder: Path, product: dict) -> Path:
    folder.mkdir(parents=True)
    (folder / "product.json").write_text(json.dumps(product))
    (folder / "package.json").write_text(json.dumps({"version": "1.2.3"}))
    return folder


def test_app_root_is_found_under_an_install_folder(tmp_path: Path):
    _app_root(tmp_path / "VSCode" / "resources" / "app", {"nameShort": "Code"})
    found = installs.installation_at(tmp_path / "VSCode")
    assert found.app_root == tmp_path / "VSCode" / "resources" / "app"
    assert (found.flavor, found.product.version) == (CODE, "1.2.3")
    assert found.extensions_dir is None


def test_a_portable_install_keeps_its_extensions_in_data(tmp_path: Path):
    _app_root(tmp_path / "VSCode" / "resources" / "app", {"nameShort": "Code"})
    (tmp_path / "VSCode" / "data").mkdir()
    found = installs.installation_at(tmp_path / "VSCode" / "resources" / "app")
    assert found.extensions_dir == tmp_path / "VSCode" / "data" / "extensions"
    host = Host("linux", {}, tmp_path / "home")
    assert found.extensions(host) == tmp_path / "VSCode" / "data" / "extensions"
    assert found.extensions(host, tmp_path / "flag") == tmp_path / "flag"


def test_a_malformed_product_json_is_an_error_with_its_position(tmp_path: Path):
    (tmp_path / "product.json").write_text('{\n "nameShort": "Code",,\n}')
    with pytest.raises(ParseError) as caught:
        installs.installation_at(tmp_path)
    assert caught.value.one_line().startswith(f"{tmp_path / 'product.json'}:2:")


def test_a_folder_without_an_app_root_says_where_it_looked(tmp_path: Path):
    with pytest.raises(NotFoundError) as caught:
        installs.installation_at(tmp_path)
    assert str(tmp_path / "resources" / "app") in caught.value.one_line()


def test_discovery_on_disk_finds_tarballs_and_servers_in_home(tmp_path: Path):
    _app_root(tmp_path / "VSCode-linux-x64" / "resources" / "app", {"nameShort": "Code"})
    _app_root(tmp_path / ".vscode-server" / "bin" / "c0ffee", {"nameShort": "Code"})
    _app_root(tmp_path / "Other" / "resources" / "app", {"nameShort": "SomethingElse"})
    found, looked = installs.find_installations(Host("linux", {}, tmp_path))
    mine = [install for install in found if tmp_path in Path(install.app_root).parents]
    assert [(i.kind, i.app_root) for i in mine] == [
        ("tarball", tmp_path / "VSCode-linux-x64" / "resources" / "app"),
        ("server", tmp_path / ".vscode-server" / "bin" / "c0ffee"),
    ]
    assert mine[1].extensions_dir == tmp_path / ".vscode-server" / "extensions"
    assert tmp_path / "Other" / "resources" / "app" in looked


@pytest.mark.parametrize(
    ("kind", "what"), [("missing", "no such folder"), ("a file", "not a folder")]
)
def test_a_given_extensions_dir_must_be_a_folder(tmp_path: Path, kind: str, what: str):
    path = tmp_path / "extensions"
    if kind == "a file":
        path.write_text("{}")
    with pytest.raises(FileReadError) as caught:
        installs.given_extensions_dir(path)
    assert caught.value.one_line() == f"{path}: {what} (check --extensions-dir)"
    assert installs.given_extensions_dir(tmp_path) == tmp_path


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'["nameShort"]', ":1:1: the top level is not an object"),
        (b'{\n  "nameShort": "\xff"\n}', ":2:17: not valid UTF-8 (byte 0xff)"),
        (None, ": cannot read: is a directory, not a file"),
    ],
    ids=["not an object", "not UTF-8", "a directory"],
)
def test_a_named_app_roots_product_json_that_cannot_be_used_is_named(
    tmp_path: Path, content: bytes | None, said: str
):
    product = tmp_path / "product.json"
    if content is None:
        product.mkdir()
    else:
        product.write_bytes(content)
    with pytest.raises((FileReadError, ParseError)) as caught:
        installs.installation_at(tmp_path)
    assert caught.value.one_line() == f"{product}{said}"


def test_an_unusable_product_json_is_no_installation_when_searching(tmp_path: Path):
    app = tmp_path / "VSCode-linux-x64" / "resources" / "app"
    app.mkdir(parents=True)
    (app / "product.json").write_text('["nameShort"]')
    host = Host("linux", {}, tmp_path)
    found, looked = installs.find_installations(host)
    assert app in looked and all(install.app_root != app for install in found)


def test_an_integer_past_pythons_digit_limit_in_product_json_is_read_as_json_parse_reads_it(
    tmp_path: Path,
):
    # JSON.parse reads it as a double; Python's int() raised ValueError ("unexpected" in audit).
    (tmp_path / "product.json").write_text('{"nameShort": "Code", "n": ' + "1" * 5000 + "}")
    assert installs.installation_at(tmp_path).flavor == CODE

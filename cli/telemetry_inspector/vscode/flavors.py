"""The VS Code flavors and the product names that decide where each keeps its files.

Desktop flavors keep their user-data-dir in the platform's app data folder and their extensions
and argv.json in ~/<dataFolderName>. Web flavors serve the workbench to a browser from a server
(docs/vscode.md, "Web servers"): code-server keeps everything in its own data folder (XDG data
home), openvscode-server as every VS Code server does, in ~/<serverDataFolderName>.
"""

from __future__ import annotations

from telemetry_inspector.vscode.model import DATA_HOME, DEFAULT_FLAVOR, SERVER, Flavor

CODE = Flavor(
    "code", "VS Code", "Code", ".vscode", ".vscode-server", "com.microsoft.VSCode", "VSCode", True
)
INSIDERS = Flavor(
    "insiders",
    "VS Code Insiders",
    "Code - Insiders",
    ".vscode-insiders",
    ".vscode-server-insiders",
    "com.microsoft.VSCodeInsiders",
    "VSCodeInsiders",
    True,
)
OSS = Flavor(
    "oss",
    "Code - OSS",
    "Code - OSS",
    ".vscode-oss",
    ".vscode-remote",
    "com.visualstudio.code.oss",
    "CodeOSS",
    False,
)
VSCODIUM = Flavor(
    "vscodium",
    "VSCodium",
    "VSCodium",
    ".vscode-oss",
    ".vscodium-server",
    "com.vscodium",
    "VSCodium",
    False,
)
VSCODIUM_INSIDERS = Flavor(
    "vscodium-insiders",
    "VSCodium Insiders",
    "VSCodium - Insiders",
    ".vscodium-insiders",
    ".vscodium-server-insiders",
    "com.vscodium.VSCodiumInsiders",
    "VSCodiumInsiders",
    False,
)

# code-server 4.139.1's lib/vscode/product.json; its package.json bin is out/node/entry.js
CODE_SERVER = Flavor(
    "code-server",
    "code-server",
    "code-server",
    ".code-server",
    ".vscode-server-oss",
    "com.coder.code.server",
    "CodeOSS",
    False,
    keeps=DATA_HOME,
    app_root_in_package="lib/vscode",
)
# openvscode-server's product.json; its release folder holds product.json itself
OPENVSCODE_SERVER = Flavor(
    "openvscode-server",
    "OpenVSCode Server",
    "OpenVSCode Server",
    ".openvscode-server",
    ".openvscode-server",
    "openvscode.server",
    "OpenVSCodeServer",
    False,
    keeps=SERVER,
    app_root_in_package=".",
)

FLAVORS: tuple[Flavor, ...] = (
    CODE,
    INSIDERS,
    OSS,
    VSCODIUM,
    VSCODIUM_INSIDERS,
    CODE_SERVER,
    OPENVSCODE_SERVER,
)
DEFAULT = next(flavor for flavor in FLAVORS if flavor.id == DEFAULT_FLAVOR)


def _spellings(flavor: Flavor) -> set[str]:
    names = {flavor.id, flavor.display_name, flavor.name_short}
    return {" ".join(name.lower().replace("-", " ").split()) for name in names}


def find_flavor(name: str) -> Flavor | None:
    """The flavor named by its id or product name, ignoring case, dashes and spacing."""
    wanted = " ".join(name.lower().replace("-", " ").split())
    return next((flavor for flavor in FLAVORS if wanted in _spellings(flavor)), None)


def flavor_ids() -> list[str]:
    return [flavor.id for flavor in FLAVORS]

"""The VS Code flavors and the product names that decide where each keeps its files."""

from __future__ import annotations

from telemetry_inspector.vscode.model import Flavor

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

FLAVORS: tuple[Flavor, ...] = (CODE, INSIDERS, OSS, VSCODIUM, VSCODIUM_INSIDERS)
DEFAULT = CODE


def _spellings(flavor: Flavor) -> set[str]:
    names = {flavor.id, flavor.display_name, flavor.name_short}
    return {" ".join(name.lower().replace("-", " ").split()) for name in names}


def find_flavor(name: str) -> Flavor | None:
    """The flavor named by its id or product name, ignoring case, dashes and spacing."""
    wanted = " ".join(name.lower().replace("-", " ").split())
    return next((flavor for flavor in FLAVORS if wanted in _spellings(flavor)), None)


def flavor_ids() -> list[str]:
    return [flavor.id for flavor in FLAVORS]

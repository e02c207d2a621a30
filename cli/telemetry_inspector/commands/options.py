"""Option types shared by several commands, named as VS Code names them where they mean the same.

The steps that turn them into targets live in actions/selection.py; they are named here too for
the commands that still call them directly."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from telemetry_inspector.actions.selection import (  # noqa: F401 (names for the commands)
    check_page_output,
    finish_output,
    flavors_named,
    installed_catalog,
    output_format,
    output_to,
    policy_of,
    policy_path,
    targets_of,
    write_page,
)


def _check_flavors(values: list[str] | None) -> list[str] | None:
    from telemetry_inspector.vscode.flavors import find_flavor, flavor_ids

    for value in values or []:
        if find_flavor(value) is None:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(flavor_ids())}")
    return values


SettingsFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--settings",
        metavar="FILE",
        readable=False,  # our own error names the file and the reason, on one line
        help="Work on exactly this settings.json (repeatable).",
        show_default=False,
    ),
]
UserDataDir = Annotated[
    Path | None,
    typer.Option(
        "--user-data-dir",
        metavar="DIR",
        readable=False,
        help="VS Code's user-data-dir, as given to `code --user-data-dir`.",
        show_default=False,
    ),
]
Flavors = Annotated[
    list[str] | None,
    typer.Option(
        "--flavor",
        metavar="NAME",
        help="code, insiders, oss, vscodium, vscodium-insiders, code-server or openvscode-server "
        "(repeatable).",
        callback=_check_flavors,
        show_default=False,
    ),
]
PolicyFile = Annotated[
    Path | None,
    typer.Option(
        "--policy-file",
        metavar="FILE",
        readable=False,
        help="The policy file to use instead of /etc/vscode/policy.json.",
        show_default=False,
    ),
]
Json = Annotated[
    bool,
    typer.Option(
        "--json", metavar="", help="Print JSON even on a terminal (the default when piped)."
    ),
]
AppRoot = Annotated[
    Path | None,
    typer.Option(
        "--app-root",
        metavar="DIR",
        readable=False,
        help="The installation to read: its app root (the folder holding product.json, "
        "e.g. /usr/share/code/resources/app) or an install folder above it.",
        show_default=False,
    ),
]
ExtensionsDir = Annotated[
    Path | None,
    typer.Option(
        "--extensions-dir",
        metavar="DIR",
        readable=False,
        help="The extensions folder, as given to `code --extensions-dir` (default: "
        "$VSCODE_EXTENSIONS, else a portable or Flatpak installation's own, else the flavor's, "
        "e.g. ~/.vscode/extensions).",
        show_default=False,
    ),
]


OutputFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write what stdout would get to FILE instead: atomically, and only if the command "
        "succeeds (a failure leaves no file, and an old one untouched). - is stdout.",
        show_default=False,
    ),
]

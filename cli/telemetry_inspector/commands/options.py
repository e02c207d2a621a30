"""Option types shared by several commands, named as VS Code names them where they mean the same,
and the small steps that turn them into targets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from telemetry_inspector.catalog.model import Catalog
    from telemetry_inspector.settings.model import Policy, Target
    from telemetry_inspector.vscode.flavors import Flavor
    from telemetry_inspector.vscode.locations import Host


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
        help="code, insiders, oss, vscodium or vscodium-insiders (repeatable).",
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


def flavors_named(names: list[str] | None) -> tuple[Flavor, ...]:
    """The Flavor objects for names already checked by the --flavor option."""
    from telemetry_inspector.vscode.flavors import find_flavor

    return tuple(flavor for flavor in map(find_flavor, names or ()) if flavor is not None)


def targets_of(
    settings: list[Path] | None, user_data_dir: Path | None, flavors: list[str] | None
) -> tuple[list[Target], Host]:
    """The settings files the target options name, and the host they were found on."""
    from telemetry_inspector.settings.targets import Selection, find_targets
    from telemetry_inspector.vscode.locations import Host

    host = Host.current()
    selection = Selection(tuple(settings or ()), user_data_dir, flavors_named(flavors))
    return find_targets(selection, host), host


def policy_path(policy_file: Path | None, host: Host) -> Path | None:
    from telemetry_inspector.vscode.locations import policy_file as default_policy_file

    path = policy_file or default_policy_file(host)
    return Path(path) if path is not None else None


def policy_of(policy_file: Path | None, host: Host) -> Policy | None:
    """The policy in force (--policy-file, else the platform's), or None where there is none."""
    from telemetry_inspector.settings.policy import read_policy

    path = policy_path(policy_file, host)
    return read_policy(path) if path is not None else None


def installed_catalog(
    app_root: Path | None,
    flavors: list[str] | None,
    extensions_dir: Path | None,
    *,
    builtin: bool,
    strict: bool,
) -> Catalog:
    """The merged catalog of the chosen installation (as `report` finds it), with the choice made
    for the user and every skipped file said on stderr."""
    from telemetry_inspector.catalog.locate import load_catalog, locate
    from telemetry_inspector.render import console

    located = locate(app_root, flavors_named(flavors), extensions_dir)
    if located.note():
        console.say(located.note(), kind="note")
    catalog = load_catalog(located, builtin=builtin, strict=strict)
    for warning in catalog.warnings:
        console.warn(warning)
    return catalog

"""Which settings files a command works on, from --settings, --user-data-dir and --flavor.

With none of them: every flavor that has run for this user (its user-data-dir exists, or its
settings file does). A flavor whose settings.json is missing still sends telemetry (the default
level is all), so it counts; a machine with none gets the default flavor's file.
"""

from __future__ import annotations

import os
from pathlib import Path

from telemetry_inspector.errors import RefusedError
from telemetry_inspector.records import record
from telemetry_inspector.settings.model import Target
from telemetry_inspector.vscode.flavors import DEFAULT, FLAVORS, Flavor
from telemetry_inspector.vscode.locations import (
    Host,
    Layout,
    check_user_data_dir,
    flavor_of_user_data_dir,
    layout,
)


@record
class Selection:
    settings_files: tuple[Path, ...] = ()
    user_data_dir: Path | None = None
    flavors: tuple[Flavor, ...] = ()


def find_targets(selection: Selection, host: Host) -> list[Target]:
    if selection.settings_files:
        flavor = selection.flavors[0] if len(selection.flavors) == 1 else None
        return [_file_target(Path(p), flavor, host) for p in selection.settings_files]
    if selection.user_data_dir is not None:
        return [_user_data_dir_target(selection.user_data_dir, selection.flavors, host)]
    flavors = selection.flavors or FLAVORS
    targets = _dedupe(_flavor_target(flavor, host) for flavor in flavors)
    if selection.flavors:
        return targets
    found = [target for target in targets if _has_run(target)]
    return found or [_flavor_target(DEFAULT, host, found=False)]


def _flavor_target(flavor: Flavor, host: Host, *, found: bool = True) -> Target:
    return _layout_target(layout(flavor, host), found)


def _layout_target(where: Layout, found: bool = True) -> Target:
    argv = Path(where.argv) if where.argv is not None else None
    if not where.flavor.web:
        return Target(Path(where.settings), where.flavor, argv, "user", found)
    machine = Path(where.user_data_dir) / "Machine" / "settings.json"
    return Target(
        Path(where.settings), where.flavor, argv, "user", found, Path(where.extensions), machine
    )


def with_servers(targets: list[Target]) -> list[Target]:
    """The targets, each web flavor's followed by its server's machine settings: the files that
    set-level and lockdown write so that nothing sends telemetry (docs/vscode.md)."""
    return [each for target in targets for each in (target, target.server_target()) if each]


def _has_run(target: Target) -> bool:
    return target.settings.exists() or target.settings.parent.parent.is_dir()


def _user_data_dir_target(folder: Path, flavors: tuple[Flavor, ...], host: Host) -> Target:
    check_user_data_dir(folder)
    flavor = flavors[0] if flavors else flavor_of_user_data_dir(folder)
    return _layout_target(layout(flavor, host, user_data_dir_override=os.path.abspath(folder)))


def _file_target(path: Path, flavor: Flavor | None, host: Host) -> Target:
    path = Path(os.path.abspath(path))
    if flavor is None:
        return Target(path, None, None, settings_kind(path))
    named = _layout_target(layout(flavor, host))
    return Target(path, flavor, named.argv, settings_kind(path), extensions=named.extensions)


def settings_kind(path: Path) -> str:
    """What VS Code uses a settings file for, judged from where it lies."""
    parts = path.parts
    if path.suffix == ".code-workspace" or parts[-2:-1] == (".vscode",):
        return "workspace"
    if len(parts) >= 4 and parts[-4] == "User" and parts[-3] == "profiles":
        return "profile"
    if len(parts) >= 3 and parts[-3:-1] == ("data", "Machine"):
        return "machine"
    if len(parts) >= 2 and parts[-2] == "User":
        return "user"
    return "file"


REFUSALS = {
    "workspace": "this is workspace settings: VS Code ignores telemetry settings there "
    "(they are application-wide); set the user settings instead, e.g. without --settings",
    "profile": "this is a profile's settings: VS Code reads telemetry settings only from the "
    "default profile (User/settings.json)",
    "machine": "this is a remote server's machine settings: the server follows the telemetry "
    "level of the VS Code window that connects to it; set it in that VS Code's user settings",
}


def refuse_unwritable(target: Target) -> None:
    """Writing a telemetry level where VS Code never reads it would only look like it worked."""
    if target.kind in REFUSALS:
        raise RefusedError(REFUSALS[target.kind], path=target.settings)


def _dedupe(targets) -> list[Target]:
    seen: set[str] = set()
    unique = []
    for target in targets:
        key = os.path.normcase(os.path.realpath(target.settings))
        if key not in seen:
            seen.add(key)
            unique.append(target)
    return unique

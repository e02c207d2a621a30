"""The small steps shared by several actions: option values turned into targets, policies and
catalogs, the -o file standing in for stdout, the view a command prints."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from telemetry_inspector.catalog.model import Catalog
    from telemetry_inspector.settings.model import Policy, PolicyScope, Target
    from telemetry_inspector.vscode.flavors import Flavor
    from telemetry_inspector.vscode.locations import Host


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


def policy_of(
    policy_file: Path | None, host: Host, targets: Iterable[Target] = ()
) -> Policy | PolicyScope | None:
    """The policies in force (--policy-file, else the OS's own for each target's flavor)."""
    from telemetry_inspector.settings.policy_sources import read_policy_scope

    flavors = [target.flavor for target in targets] or [None]
    return read_policy_scope(host, flavors, policy_file)


def installed_catalog(
    app_root: Path | None,
    flavors: list[str] | None,
    extensions_dir: Path | None,
    *,
    builtin: bool,
    strict: bool,
    as_read: Callable[[Any], Any] | None = None,
) -> Catalog:
    """The merged catalog of the chosen installation (as `report` finds it), with the choice made
    for the user and every skipped file said on stderr. `as_read`: what is kept of each file's
    value (catalog.installed.read_catalog)."""
    from telemetry_inspector.catalog.locate import load_catalog, locate
    from telemetry_inspector.render import console

    located = locate(app_root, flavors_named(flavors), extensions_dir)
    if located.note():
        console.say(located.note(), kind="note")
    catalog = load_catalog(located, builtin=builtin, strict=strict, as_read=as_read)
    for warning in catalog.warnings:
        console.warn(warning)
    return catalog


# (the file being written, the stdout it stands in for), while a command runs with -o
_pending_output: list = []


def output_to(path: Path | None) -> None:
    """Send stdout to `path` until `finish_output()`; its bytes appear there only on success."""
    if path is None or str(path) == "-":
        return
    from telemetry_inspector.render.console import send_stdout_to
    from telemetry_inspector.settings.atomic import AtomicFile

    file = AtomicFile(path)
    _pending_output.append((file, send_stdout_to(file.file)))


def finish_output(*, succeeded: bool) -> None:
    """Put stdout back; move the -o file into place if the command succeeded, else drop it."""
    from telemetry_inspector.render.console import restore_stdout

    while _pending_output:
        file, previous = _pending_output.pop()
        restore_stdout(previous)
        if succeeded:
            file.commit()
        else:
            file.discard()


def output_format(chosen: str | None, json_flag: bool, human: str) -> str:
    """The view to print: --format; json for --json; else `human` on a terminal, json if not.

    Call after `output_to()`: a file is not a terminal."""
    from telemetry_inspector.render.console import stdout_is_terminal

    if json_flag:
        if chosen is not None and chosen != "json":
            from telemetry_inspector.errors import UsageError

            raise UsageError(f"--json and --format {chosen} ask for two views", hint="give one")
        return "json"
    if chosen is not None:
        return str(chosen)
    return human if stdout_is_terminal() else "json"


def check_page_output(
    wanted: bool, output: Path | None, inputs: Iterable[Path | None] = ()
) -> bool:
    """Whether a web page is wanted; refuses, before any work, a page for a terminal and a file to
    write that is one of the files read (the page would replace what it shows). The page itself
    goes to stdout, which -o sends to the file (output_to)."""
    from telemetry_inspector.errors import UsageError

    if not wanted:
        return False
    if output is None or str(output) == "-":
        if sys.stdout.isatty():
            raise UsageError("an HTML page is no use on a terminal", hint="give -o FILE")
        return True
    for source in inputs:
        if source is not None and output.exists() and source.exists() and output.samefile(source):
            raise UsageError(
                "is a file the page is made from: write the page elsewhere", path=output
            )
    return True


def write_page(text: str) -> None:
    """The page on stdout (or in the -o file standing in for it)."""
    from telemetry_inspector.render.machine import write_bytes

    write_bytes(text.encode("utf-8"))

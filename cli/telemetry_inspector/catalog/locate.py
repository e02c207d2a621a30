"""Which installation, and which extensions folder, an installed catalog is read from.

`--app-root` names one; otherwise the installations found on this machine are narrowed by
`--flavor` (an order of preference) or taken in the usual order (VS Code first). Extensions come
from `--extensions-dir`, else $VSCODE_EXTENSIONS, else where that installation keeps them (the rule
is vscode.locations.extensions_dir, which audit and lockdown follow too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from telemetry_inspector.catalog.installed import read_catalog, require_core_files
from telemetry_inspector.catalog.model import Catalog
from telemetry_inspector.errors import NotFoundError, UsageError
from telemetry_inspector.records import record
from telemetry_inspector.vscode import installs
from telemetry_inspector.vscode.flavors import Flavor
from telemetry_inspector.vscode.installs import Installation, given_extensions_dir
from telemetry_inspector.vscode.locations import Host


@record
class Located:
    install: Installation
    extensions_dir: Path | None
    others: tuple[Installation, ...] = ()  # found too, not chosen

    def note(self) -> str | None:
        """What to tell the user when a choice was made for them."""
        if not self.others:
            return None
        return (
            f"using {self.install.describe()} (also found: {_listed(self.others)}; "
            "choose with --flavor or --app-root)"
        )


def locate(
    app_root: Path | None,
    flavors: Sequence[Flavor],
    extensions_dir: Path | None,
    host: Host | None = None,
) -> Located:
    host = host or Host.current()
    if app_root is not None:
        if flavors:
            raise UsageError("give --app-root or --flavor, not both")
        install = installs.installation_at(app_root, host)
        return Located(install, _extensions_dir(install, extensions_dir, host))
    found, looked = installs.find_installations(host)
    chosen = installs.choose(found, flavors)
    if chosen is None:
        which = " or ".join(f.display_name for f in flavors) or "VS Code"
        raise NotFoundError(
            f"no {which} installation found (looked at {len(looked)} places, e.g. "
            f"{', '.join(str(p) for p in looked[:4])})",
            hint="name one with --app-root DIR" + (f"; found: {_listed(found)}" if found else ""),
        )
    others = tuple(i for i in found if i is not chosen) if not flavors else ()
    return Located(chosen, _extensions_dir(chosen, extensions_dir, host), others)


def load_catalog(
    located: Located,
    *,
    builtin: bool,
    strict: bool,
    as_read: Callable[[Any], Any] | None = None,
) -> Catalog:
    """The merged catalog, as `code --telemetry` builds it; warnings are in `Catalog.warnings`.
    `as_read`: what is kept of each file's value (installed.read_catalog)."""
    root = Path(located.install.app_root)
    require_core_files(root, located.install.describe())
    return read_catalog(
        root, located.extensions_dir, builtin=builtin, strict=strict, as_read=as_read
    )


def _listed(found: Sequence[Installation]) -> str:
    return "; ".join(install.describe() for install in found)


def _extensions_dir(install: Installation, given: Path | None, host: Host) -> Path | None:
    if given is not None:
        given_extensions_dir(given)
    folder = install.extensions(host, given)
    return Path(folder) if folder is not None else None

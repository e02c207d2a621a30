"""Where a target's switches come from besides the core ones: the extensions installed for it and
the built-in extensions of its installation, each folder read once per run.

Extensions: the folder `report` reads for the same installation (vscode.locations.extensions_dir):
`--extensions-dir`, else $VSCODE_EXTENSIONS, else where the installation keeps them (portable
data/extensions, Flatpak), else the flavor's own folder (~/.vscode/extensions and kin).
Built-ins: `--app-root`, else the installation of the target's flavor found on this machine; none
found is no error (the core catalogue already holds the built-in switches VS Code is known for).
"""

from __future__ import annotations

import os
from pathlib import Path

from telemetry_inspector.settings.audit_model import Sources
from telemetry_inspector.settings.manifests import Scan, scan_extensions
from telemetry_inspector.settings.model import Target
from telemetry_inspector.vscode import installs
from telemetry_inspector.vscode.installs import Installation
from telemetry_inspector.vscode.locations import Host, extensions_dir

BUILTIN_FOLDER = "extensions"  # <app root>/extensions


class Survey:
    """Reads each folder once however many targets share it (flavors share ~/.vscode-oss)."""

    def __init__(
        self, host: Host, *, extensions_dir: Path | None = None, app_root: Path | None = None
    ) -> None:
        """Raises a TelemetryError when --extensions-dir is no folder or --app-root no
        installation: once, before any file is read or written, not once per target."""
        self.host = host
        self.extensions_dir = (
            installs.given_extensions_dir(extensions_dir) if extensions_dir is not None else None
        )
        self._given = installs.installation_at(app_root, host) if app_root is not None else None
        self._scans: dict[tuple[Path, bool], Scan] = {}
        self._found: list[Installation] | None = None

    def sources(self, target: Target) -> Sources:
        """Raises a TelemetryError when a folder can't be read."""
        builtin, installed = self.builtin_folder(target), self.folder(target)
        wanted = ((builtin, True), (installed, False))
        scans = [self._scan(folder, builtin=flag) for folder, flag in wanted if folder]
        return Sources(
            builtin,
            installed,
            tuple(extension for scan in scans for extension in scan.extensions),
            tuple(problem for scan in scans for problem in scan.problems),
        )

    def folder(self, target: Target) -> Path | None:
        """The folder `report` reads for the target's installation (vscode.locations decides);
        a bare --settings file of no installation has none unless one is given. An --app-root
        of another flavor lends its built-ins, not its extensions: Insiders' settings go with
        ~/.vscode-insiders/extensions whatever Code installation is named."""
        if self.extensions_dir is not None:
            return Path(os.path.abspath(self.extensions_dir))
        if target.extensions is not None:  # a web flavor's: it follows the user-data-dir
            return target.extensions
        install = self.installation(target)
        if install is not None and target.flavor not in (None, install.flavor):
            install = None
        if install is not None:
            folder = install.extensions(self.host)
        else:
            name = target.flavor.data_folder_name if target.flavor is not None else None
            folder = extensions_dir(name, self.host)
        return Path(folder) if folder is not None else None

    def builtin_folder(self, target: Target) -> Path | None:
        install = self.installation(target)
        if install is None:
            return None
        return Path(os.path.abspath(install.app_root)) / BUILTIN_FOLDER

    def installation(self, target: Target) -> Installation | None:
        """--app-root's, else the installation of the target's flavor found on this machine."""
        if self._given is not None:
            return self._given
        if target.flavor is not None:
            return installs.choose(self._installations(), (target.flavor,))
        return None

    def _installations(self) -> list[Installation]:
        if self._found is None:
            self._found = installs.find_installations(self.host)[0]
        return self._found

    def _scan(self, folder: Path, *, builtin: bool) -> Scan:
        key = (folder, builtin)
        if key not in self._scans:
            self._scans[key] = scan_extensions(folder, builtin=builtin)
        return self._scans[key]

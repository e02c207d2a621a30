"""An installed extension and the switches its manifest declares. A leaf module, apart from
switch_model so that what reads no manifest (`status`) does not define it.
"""

from __future__ import annotations

from telemetry_inspector.records import record
from telemetry_inspector.vscode.switch_model import Switch


@record
class Extension:
    id: str  # publisher.name, or the folder name of a built-in extension
    version: str
    folder: str  # where it was found (for messages)
    builtin: bool
    switches: tuple[Switch, ...]

    @property
    def scope(self) -> str:
        return f"built-in {self.id}" if self.builtin else self.id

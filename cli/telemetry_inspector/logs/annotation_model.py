"""What the catalog says about an event that was logged: the records `tail` and `stats` join their
events with when a catalog annotates them (a leaf, as model.py is)."""

from __future__ import annotations

from telemetry_inspector.logs.model import PERSONAL
from telemetry_inspector.records import field, record


@record
class PropertyNote:
    """What the catalog says about one property an event carried."""

    classification: str | None  # None: the catalog does not declare this property
    purpose: str | None = None
    comment: str | None = None
    common: bool = False  # declared among the catalog's common properties

    @property
    def personal(self) -> bool:
        return self.classification in PERSONAL


@record
class Annotation:
    """An event joined with the catalog."""

    known: bool  # the catalog declares this event
    key: str | None = None  # the catalog's name for it
    catalog: str | None = None  # the catalog source that declares it (`vscode-core`, ...)
    owner: str | None = None
    comment: str | None = None
    properties: dict[str, PropertyNote] = field(default_factory=dict)

    @property
    def unknown_properties(self) -> list[str]:
        return [name for name, note in self.properties.items() if note.classification is None]

    @property
    def personal_properties(self) -> list[str]:
        return [name for name, note in self.properties.items() if note.personal]

"""Records that cross module lines in extraction: where a thing is, what went wrong, what was asked.

A leaf module: commands may import it (at run time it imports nothing of the project).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from telemetry_inspector.catalog.model import Change


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; line and column are 1-based (column counts characters)."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the sources; extraction goes on without the broken part."""

    location: Location
    message: str
    severity: Severity = Severity.error
    also_at: tuple[Location, ...] = ()

    def one_line(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """The reference tool's per-source options (its CLI flags and config keys)."""

    event_prefix: str = ""
    apply_endpoints: bool = False
    lower_case_events: bool = False


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One extraction unit: absolute source folders, absolute excluded folders, options.

    `patch_debug_events` adds the two events the reference adds for debug adapters."""

    source_dirs: tuple[str, ...]
    excluded_dirs: tuple[str, ...] = ()
    options: ExtractOptions = field(default_factory=ExtractOptions)
    patch_debug_events: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    """The catalog ({"commonProperties": ..., "events": ...}, keys deep-sorted) and the problems."""

    catalog: dict[str, Any]
    problems: tuple[Problem, ...]
    files_scanned: int = 0


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """`extract --check`: how a committed catalog differs from what the sources declare."""

    changes: list[Change]
    # events (COMMON for the common properties) the changes do not explain, with the keys that
    # differ (owner, comment, a property's comment...)
    other_details: list[tuple[str, list[str]]]

    @property
    def equal(self) -> bool:
        return not self.changes and not self.other_details

"""The event catalog's vocabulary and the records that cross module lines. A leaf module.

A catalog file (`telemetry-core.json`, an extension's `telemetry.json`) looks like:
    {"commonProperties": {name: property}, "events": {event: {"owner"?, "comment"?, "expiration"?,
     property-name: property, "${wildcard}"?: [{"${prefix}": ..., "${classification}": property}]}}}
where a property is {"classification", "purpose", "endPoint"?, "isMeasurement"?, "comment"?,
"owner"?}.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from telemetry_inspector.records import field, record

CLASSIFICATIONS = (
    "SystemMetaData",
    "CallstackOrException",
    "CustomerContent",
    "PublicNonPersonalData",
    "PublicPersonalData",
    "EndUserPseudonymizedInformation",
)
PURPOSES = ("FeatureInsight", "PerformanceAndHealth", "BusinessInsight", "SecurityAndAuditing")

CORE_SOURCE = "vscode-core"
EXTENSIONS_SOURCE = "vscode-extensions"
CORE_FILES = {CORE_SOURCE: "telemetry-core.json", EXTENSIONS_SOURCE: "telemetry-extensions.json"}
EXTENSION_CATALOG = "telemetry.json"

EVENTS = "events"
COMMON = "commonProperties"
WILDCARD = "${wildcard}"
WILDCARD_CLASSIFICATION = "${classification}"
WILDCARD_PREFIX = "${prefix}"
EVENT_DETAILS = ("owner", "comment", "expiration")  # event-level strings, not properties
NO_ENDPOINT = "none"
SINGLE_CATALOG = "catalog"  # the source key a lone catalog file (telemetry-core.json...) gets


class SourceKind(StrEnum):
    builtin = "builtin"  # <app root>/extensions/<folder>/telemetry.json
    extension = "extension"  # <extensions dir>/<folder>/telemetry.json
    core = "core"  # <app root>/telemetry-core.json, telemetry-extensions.json
    report = "report"  # read back from a saved report


@record
class Source:
    """One member of the merged catalog: its key and the file it came from."""

    key: str
    kind: SourceKind
    path: Path


@record
class Catalog:
    """The merged catalog: `merged` maps each source key to its parsed file, in output order."""

    merged: dict[str, Any]
    sources: tuple[Source, ...]
    warnings: tuple[str, ...] = ()
    without_catalog: tuple[str, ...] = ()  # extension folders that ship no telemetry.json


@record
class Property:
    """One property of an event (or a common property, or a wildcard pattern `prefix*`)."""

    name: str
    classification: str | None
    purpose: str | None
    endpoint: str
    measurement: bool
    comment: str | None = None
    wildcard: bool = False
    owner: str | None = None  # a property may name its own owner (rare)


@record
class Event:
    source: str
    name: str
    owner: str | None
    comment: str | None
    expiration: str | None
    properties: tuple[Property, ...]


@record
class SourceSummary:
    source: str
    events: int
    properties: int
    common_properties: int
    classifications: dict[str, int] = field(default_factory=dict)
    purposes: dict[str, int] = field(default_factory=dict)


class ChangeKind(StrEnum):
    source_added = "source-added"
    source_removed = "source-removed"
    event_added = "event-added"
    event_removed = "event-removed"
    property_added = "property-added"
    property_removed = "property-removed"
    property_changed = "property-changed"


@record
class Change:
    """One difference between two catalogs. `event` is None for source-level changes;
    common properties are reported under the event name `commonProperties`."""

    kind: ChangeKind
    source: str
    event: str | None = None
    property: str | None = None
    field: str | None = None  # for property-changed: classification, purpose, endpoint, measurement
    old: Any = None
    new: Any = None
    old_source: str | None = None  # when an extension's key changed with its version


def report_sources(value: object) -> dict[str, Any] | None:
    """The sources of a saved catalog file, keyed as a report keys them; None when it is neither
    a report nor a catalog. The one rule for the shape of such a file:
    - an object with `events` or `commonProperties` is one catalog (an extractor's output, a
      telemetry.json, telemetry-core.json): its only source is SINGLE_CATALOG;
    - any other object is a report (what `telemetry report --json` and `code --telemetry` print),
      each member a source. A member that is not an object is kept (`code --telemetry` copies a
      telemetry.json that is not one) and holds no events; at least one member must be an object
      unless the report is empty."""
    if not isinstance(value, dict):
        return None
    if EVENTS in value or COMMON in value:
        return {SINGLE_CATALOG: value}
    if value and not any(isinstance(member, dict) for member in value.values()):
        return None
    return value

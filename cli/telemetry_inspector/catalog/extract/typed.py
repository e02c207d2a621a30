"""Typed declarations: `publicLog2<Event, Classification>(name, ...)` and `publicLogError2`.

What an event gets from its Classification type, member by member, is the reference's:
- a member whose type is a string literal named owner/comment/expiration is event metadata;
  other string or boolean literal members give nothing;
- any other member is a property named after it in lower case, holding the literal members
  of its type (strings as TypeScript prints them: quotes and backslashes escaped);
- nested object types give `<member>.<parent of the literal>` properties, and every nested
  property of one member shares one record (later literals overwrite earlier ones);
- `endPoint`/`endpoint` members are dropped unless endpoints are applied, and applying them
  adds `"endPoint": "none"` where none is given;
- the Event type's number, boolean, numeric-enum and `number | undefined` members mark
  the same-named property `isMeasurement: true`.
Call sites are processed in the reference's order (files with publicLog2 calls in reverse,
then those with publicLogError2 calls), later sites overwriting earlier sites' properties;
a call without exactly two type arguments resets the event to `{}`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telemetry_inspector.catalog.extract import syntax
from telemetry_inspector.catalog.extract.assemble import Definition, TypedEvent
from telemetry_inspector.catalog.extract.jsvalues import truthy, ts_literal_text
from telemetry_inspector.catalog.extract.model import ExtractOptions, Location, Problem, Severity
from telemetry_inspector.catalog.extract.typenodes import Evaluator, declared_type
from telemetry_inspector.catalog.extract.types import (
    BoolLit,
    Member,
    ObjectType,
    StringLit,
    Type,
    Unknown,
    escaped_name,
    is_measurement,
    non_nullable,
)
from telemetry_inspector.catalog.extract.modules import Project
from telemetry_inspector.catalog.extract.reading import Contents
from telemetry_inspector.catalog.extract.tsconfig import settings_for
from telemetry_inspector.catalog.extract.values import event_name

if TYPE_CHECKING:
    from tree_sitter import Node

    from telemetry_inspector.catalog.extract.modules import Module

METADATA = ("owner", "comment", "expiration")


class _NotAnObject(Exception):
    """The reference sets `isMeasurement` on a metadata string: a TypeError in its strict code."""


@dataclass(slots=True)
class TypedResult:
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    first_site: dict[str, Location] = field(default_factory=dict)
    definitions: dict[str, list[Definition]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def typed_events(self) -> dict[str, TypedEvent]:
        return {
            name: TypedEvent(_final(properties), self.first_site[name])
            for name, properties in self.events.items()
        }


def _final(properties: dict[str, Any]) -> dict[str, Any]:
    """The reference's last touch: no `$tableinfo`, no `type`/`column` in any property."""
    out = {}
    for key, value in properties.items():
        if key == "$tableinfo":
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in ("type", "column")}
        out[key] = value
    return out


def ordered_calls(modules: list[Module]) -> list[tuple[Module, Node]]:
    """publicLog2 sites file by file from the last file back, then publicLogError2 sites."""
    logs: list[list[tuple[Module, Node]]] = []
    errors: list[tuple[Module, Node]] = []
    for module in modules:
        file_logs = []
        for call in syntax.find_log_calls(module.tree, module.source):
            callee = syntax.text(call.child_by_field_name("function"))
            first = syntax.first_argument(call)
            if first is None or syntax.text(first) == "eventName":
                continue
            if "publicLog2" in callee:
                file_logs.append((module, call))
            if "publicLogError2" in callee:
                errors.append((module, call))
        if file_logs:
            logs.insert(0, file_logs)
    return [site for group in logs for site in group] + errors


def extract_typed(
    source_dir: str, files: tuple[str, ...], contents: Contents, options: ExtractOptions
) -> TypedResult:
    """The reference's typed pass over one source folder (it reads that folder's tsconfig)."""
    settings = settings_for(source_dir)
    project = Project(settings, read=contents.read)
    modules = [project.module(path, contents.data(path)) for path in files if contents.logs(path)]
    extractor = TypedExtractor(project, options)
    for module, call in ordered_calls([m for m in modules if m is not None]):
        extractor.add_call(module, call)
    for problem in settings.problems:
        where = Location(settings.config_file or source_dir, 1, 1)
        extractor.result.problems.append(Problem(where, problem, Severity.warning))
    return extractor.result


class TypedExtractor:
    def __init__(self, project: Project, options: ExtractOptions) -> None:
        self.project = project
        self.options = options
        self.evaluator = Evaluator(project)
        self.result = TypedResult()

    def add_call(self, module: Module, call: Node) -> None:
        type_args = syntax.type_arguments_of(call)
        first = syntax.first_argument(call)
        where = module.location(call)
        name = event_name(self.project, module, first)
        if len(type_args) != 2:
            if name is not None:
                self._reset(self._cased(name), where)
            return
        if name is None:
            message = (
                f"cannot resolve the event name `{_short(first)}` to a string literal; call skipped"
            )
            self.result.problems.append(Problem(where, message, Severity.warning))
            return
        name = self._cased(name)
        try:
            self._declare(module, name, type_args, where)
        except _NotAnObject:
            self._reset(name, where)

    def _cased(self, name: str) -> str:
        return name.lower() if self.options.lower_case_events else name

    def _reset(self, name: str, where: Location) -> None:
        self.result.events[name] = {}
        self.result.first_site.setdefault(name, where)
        self.result.definitions.setdefault(name, []).append(Definition({}, where, True))

    def _declare(self, module: Module, name: str, type_args: list[Node], where: Location) -> None:
        result = self.result
        event = result.events.setdefault(name, {})
        result.first_site.setdefault(name, where)
        classification = self._object(module, type_args[1], "classification")
        for member in classification.members if classification else ():
            for key, value in self._entries(member):
                event[key] = value
        result.definitions.setdefault(name, []).append(Definition(dict(event), where, True))
        event_type = self._object(module, type_args[0], "event")
        for member in event_type.members if event_type else ():
            if member.declaration is None:
                continue
            if not is_measurement(declared_type(member, self.evaluator.strict)):
                continue
            target = event.get(escaped_name(member.name).lower())
            if truthy(target):
                if not isinstance(target, dict):
                    raise _NotAnObject
                target["isMeasurement"] = True

    def _object(self, module: Module, node: Node, role: str) -> ObjectType | None:
        value = self.evaluator.evaluate(module, node, None)
        if isinstance(value, ObjectType):
            return value
        self._report_type(value, module.location(node), f"the {role} type `{_short(node)}`")
        return None

    def _report_type(self, value: Type, where: Location, what: str) -> None:
        if isinstance(value, Unknown):
            reason = value.reason
            where = value.location or where
        else:
            reason = "not an object type"
        message = f"{what} cannot be read: {reason}"
        self.result.problems.append(Problem(where, message, Severity.warning))

    def _entries(self, member: Member) -> list[tuple[str, Any]]:
        """What one Classification member adds to the event, in order."""
        name = escaped_name(member.name)
        value = non_nullable(member.type.get())
        if isinstance(value, StringLit):
            return [(name, ts_literal_text(value.value))] if name in METADATA else []
        if isinstance(value, BoolLit):
            return []
        walk = _Walk(name.lower(), self.options.apply_endpoints, self)
        walk.visit(name, value, None, member.location)
        return walk.emitted


class _Walk:
    """The reference's recursive visit of one member: one shared record, a path that grows
    by the parent's name when a literal is found below the first level."""

    def __init__(self, top: str, apply_endpoints: bool, owner: TypedExtractor) -> None:
        self.top = top
        self.path = top
        self.nested = False
        self.record: dict[str, Any] = {}
        self.emitted: list[tuple[str, Any]] = []
        self.apply_endpoints = apply_endpoints
        self.owner = owner
        self.depth = 0

    def visit(self, name: str, value: Type, parent: str | None, where: Location | None) -> None:
        if isinstance(value, StringLit | BoolLit):
            self._literal(name, value, parent)
            return
        if name != "column":
            self._children(name, value, where)
        elif isinstance(value, ObjectType):
            self.record["column"] = {
                escaped_name(m.name): m.type.get().value
                for m in value.members
                if isinstance(m.type.get(), StringLit)
            }
        if self.nested and self.path == self.top:
            return
        if self.apply_endpoints:
            given = self.record.get("endPoint")
            self.record["endPoint"] = given if truthy(given) else "none"
        self.emitted.append((self.path, self.record))
        self.path = self.top

    def _literal(self, name: str, value: StringLit | BoolLit, parent: str | None) -> None:
        if parent is not None:
            lowered = parent.lower()
            if self.path != lowered and f".{lowered}" not in self.path:
                self.path = f"{self.path}.{lowered}"
                self.nested = True
        if name.lower() == "endpoint" and not self.apply_endpoints:
            return
        self.record[name] = (
            ts_literal_text(value.value) if isinstance(value, StringLit) else value.value
        )

    def _children(self, name: str, value: Type, where: Location | None) -> None:
        if not isinstance(value, ObjectType):
            if where is not None:
                what = f"classification member `{name}`"
                self.owner._report_type(value, where, what)
            return
        if self.depth > 32:
            return
        self.depth += 1
        for member in value.members:
            child = non_nullable(member.type.get())
            self.visit(escaped_name(member.name), child, name, member.location)
        self.depth -= 1


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    shown = " ".join(syntax.text(node).split())
    return shown if len(shown) <= 60 else shown[:57] + "..."

"""Typed declarations: `publicLog2<Event, Classification>(name, ...)` and `publicLogError2`.

What one call site gives, member by member of its Classification type, is the reference's:
- a member whose type is a string literal named owner/comment/expiration is event metadata;
  other string or boolean literal members give nothing;
- any other member is a property named after it in lower case, holding the literal members
  of its type (strings as TypeScript prints them: quotes and backslashes escaped);
- nested object types give `<member>.<parent of the literal>` properties, and every nested
  property of one member shares one record (later literals overwrite earlier ones);
- `endPoint`/`endpoint` members are dropped unless endpoints are applied, and applying them
  adds `"endPoint": "none"` where none is given;
- the Event type's number, boolean, numeric-enum and `number | undefined` members (those
  with one declaration) make the same-named property a measurement;
- a call without exactly two type arguments makes the event `{}`.
How the sites then combine is `call_replay`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telemetry_inspector.catalog.extract import syntax
from telemetry_inspector.catalog.extract.event_names import event_name
from telemetry_inspector.catalog.extract.js_semantics import truthy, ts_literal_text
from telemetry_inspector.catalog.extract.model import ExtractOptions, Location, Problem, Severity
from telemetry_inspector.catalog.extract.ts_types import (
    BoolLit,
    Member,
    ObjectType,
    StringLit,
    Type,
    Unknown,
    declared_type,
    escaped_name,
    is_measurement,
    non_nullable,
)
from telemetry_inspector.catalog.extract.type_evaluator import Evaluator

if TYPE_CHECKING:
    from tree_sitter import Node

    from telemetry_inspector.catalog.extract.modules import Module, Project

METADATA = ("owner", "comment", "expiration")
# The reference visits a member's type until it meets literals; a type that contains itself
# sends it down forever, until the stack overflows and its fallback makes the event `{}`.
# A walk that meets an object type already on its path, or goes deeper than this, is taken
# for one (a finite type this deep is not written by hand).
MAX_WALK_DEPTH = 100


@dataclass(frozen=True, slots=True)
class CallOutcome:
    """What one call site does to the catalog, worked out on its own so that sites can be read
    in parallel and applied afterwards in the reference's order."""

    location: Location
    is_log: bool
    is_error: bool
    name: str | None = None  # None: the site adds nothing
    reset: bool = False  # the reference's fallback: the event becomes `{}`
    entries: tuple[tuple[str, Any], ...] = ()
    measurements: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


def file_outcomes(project: Project, module: Module, options: ExtractOptions) -> list[CallOutcome]:
    """Every telemetry call in one file, in source order (outer calls first)."""
    reader = CallReader(project, options)
    outcomes = []
    source = module.source
    for call in syntax.find_log_calls(module.tree, source):
        callee = call.child_by_field_name("function")
        first = syntax.first_argument(call)
        if first is None or source[first.start_byte : first.end_byte] == b"eventName":
            continue
        start, end = callee.start_byte, callee.end_byte
        is_log = source.find(b"publicLog2", start, end) >= 0
        is_error = source.find(b"publicLogError2", start, end) >= 0
        outcomes.append(reader.read(module, call, is_log, is_error))
    return outcomes


class CallReader:
    def __init__(self, project: Project, options: ExtractOptions) -> None:
        self.project = project
        self.options = options
        self.evaluator = Evaluator(project)
        self.problems: list[Problem] = []

    def read(self, module: Module, call: Node, is_log: bool, is_error: bool) -> CallOutcome:
        self.problems = []
        where = module.location(call)
        type_args = syntax.type_arguments_of(call)
        first = syntax.first_argument(call)
        name = event_name(self.project, module, first)
        if name is not None and self.options.lower_case_events:
            name = name.lower()
        if len(type_args) != 2:
            return CallOutcome(where, is_log, is_error, name, reset=name is not None)
        if name is None:
            message = (
                f"cannot resolve the event name `{_short(first)}` to a string literal; call skipped"
            )
            problem = Problem(where, message, Severity.warning)
            return CallOutcome(where, is_log, is_error, problems=(problem,))
        entries: list[tuple[str, Any]] = []
        classification = self._object(module, type_args[1], "classification")
        for member in classification.members if classification else ():
            walked = self._entries(member)
            if walked is None:
                message = (
                    f"classification member `{escaped_name(member.name)}` contains itself "
                    f"(or nests past {MAX_WALK_DEPTH} levels): the event is recorded as {{}}, "
                    "as the reference tool does when its visit overflows the stack"
                )
                problem = Problem(member.location or where, message, Severity.warning)
                problems = (*self.problems, problem)
                return CallOutcome(where, is_log, is_error, name, reset=True, problems=problems)
            entries.extend(walked)
        measurements = []
        event_type = self._object(module, type_args[0], "event")
        for member in event_type.members if event_type else ():
            if member.declaration is not None and is_measurement(
                declared_type(member, self.evaluator.strict)
            ):
                measurements.append(escaped_name(member.name).lower())
        return CallOutcome(
            where,
            is_log,
            is_error,
            name,
            entries=tuple(entries),
            measurements=tuple(measurements),
            problems=tuple(self.problems),
        )

    def _object(self, module: Module, node: Node, role: str) -> ObjectType | None:
        value = self.evaluator.evaluate(module, node, None)
        if isinstance(value, ObjectType):
            return value
        self.report_type(value, module.location(node), f"the {role} type `{_short(node)}`")
        return None

    def report_type(self, value: Type, where: Location, what: str) -> None:
        if isinstance(value, Unknown):
            reason = value.reason
            where = value.location or where
        else:
            reason = "not an object type"
        self.problems.append(Problem(where, f"{what} cannot be read: {reason}", Severity.warning))

    def _entries(self, member: Member) -> list[tuple[str, Any]] | None:
        """What one Classification member adds to the event, in order; None when the
        reference's visit of it would never end."""
        name = escaped_name(member.name)
        value = non_nullable(member.type.get())
        if isinstance(value, StringLit):
            return [(name, ts_literal_text(value.value))] if name in METADATA else []
        if isinstance(value, BoolLit):
            return []
        walk = _Walk(name.lower(), self.options.apply_endpoints, self)
        walk.visit(name, value, None, member)
        return None if walk.endless else walk.emitted


class _Walk:
    """The reference's recursive visit of one member: one shared record, a path that grows
    by the parent's name when a literal is found below the first level."""

    def __init__(self, top: str, apply_endpoints: bool, owner: CallReader) -> None:
        self.top = top
        self.path = top
        self.nested = False
        self.record: dict[str, Any] = {}
        self.emitted: list[tuple[str, Any]] = []
        self.apply_endpoints = apply_endpoints
        self.owner = owner
        self.open: list[ObjectType] = []  # the object types being visited, outermost first
        self.endless = False  # met a type inside itself: the reference never gets out

    def visit(self, name: str, value: Type, parent: str | None, member: Member) -> None:
        if isinstance(value, StringLit | BoolLit):
            self._literal(name, value, parent)
            return
        if name != "column":
            self._children(name, value, member)
            if self.endless:
                return
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

    def _children(self, name: str, value: Type, member: Member) -> None:
        if not isinstance(value, ObjectType):
            where = member.location
            if where is not None:
                self.owner.report_type(value, where, f"classification member `{name}`")
            return
        if len(self.open) >= MAX_WALK_DEPTH or any(value is seen for seen in self.open):
            self.endless = True
            return
        self.open.append(value)
        for child_member in value.members:
            child = non_nullable(child_member.type.get())
            self.visit(escaped_name(child_member.name), child, name, child_member)
            if self.endless:
                return
        self.open.pop()


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    shown = " ".join(syntax.text(node).split())
    return shown if len(shown) <= 60 else shown[:57] + "..."

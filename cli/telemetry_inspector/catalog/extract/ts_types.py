"""Just enough of TypeScript's type system for telemetry declarations.

Types are built from tree-sitter nodes on demand: string and boolean literals, primitives,
object types (type literals, interfaces with `extends`, intersections merged member by member,
a few mapped utility types), unions, enums; names resolved through block scopes, imports,
re-exports, namespaces and generic parameters. What cannot be resolved becomes `Unknown`,
carrying the reason and the place, so the caller can report it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telemetry_inspector.catalog.extract.model import Location


@dataclass(frozen=True, slots=True)
class StringLit:
    value: str


@dataclass(frozen=True, slots=True)
class BoolLit:
    value: bool


@dataclass(frozen=True, slots=True)
class NumberLit:
    value: str


@dataclass(frozen=True, slots=True)
class Primitive:
    name: str  # number, string, boolean, undefined, null, any, unknown, never, object, ...


@dataclass(frozen=True, slots=True)
class EnumType:
    name: str
    members: int
    kind: str | None  # what the reference reads off the initializers: number, string, mixed


@dataclass(frozen=True, slots=True)
class EnumMember:
    enum: str
    name: str


@dataclass(frozen=True, slots=True)
class Unknown:
    reason: str
    location: Location | None = None


class Site:
    """Where a node is, worked out only when a message needs it."""

    __slots__ = ("_location", "module", "node")

    def __init__(self, module: Any, node: Any) -> None:
        self.module = module
        self.node = node
        self._location: Location | None = None

    @property
    def location(self) -> Location:
        if self._location is None:
            self._location = self.module.location(self.node)
        return self._location


@dataclass(frozen=True, slots=True, eq=False)
class Member:
    """A property of an object type; `declaration` is None where TypeScript has no value
    declaration for it (mapped types, properties merged from several intersection parts)."""

    name: str
    optional: bool
    type: Lazy
    declaration: tuple[str, int] | None
    site: Site | None

    @property
    def location(self) -> Location | None:
        return self.site.location if self.site is not None else None


@dataclass(frozen=True, slots=True, eq=False)
class ObjectType:
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Union:
    members: tuple[Any, ...]


NEVER = Primitive("never")
OPAQUE = Primitive("object")  # arrays, tuples, functions: objects whose members do not matter
UNDEFINED = Primitive("undefined")
Type = (
    StringLit
    | BoolLit
    | NumberLit
    | Primitive
    | EnumType
    | EnumMember
    | Unknown
    | ObjectType
    | Union
)


class Lazy:
    """A member's type, computed when first asked for (types can refer to themselves)."""

    __slots__ = ("_compute", "_value")

    def __init__(self, compute: Any) -> None:
        self._compute = compute
        self._value: Type | None = None

    def get(self) -> Type:
        if self._value is None:
            self._value = Unknown("circular type")  # seen again while computing: a cycle
            self._value = self._compute()
        return self._value


def ready(value: Type) -> Lazy:
    lazy = Lazy(lambda: value)
    lazy.get()
    return lazy


def escaped_name(name: str) -> str:
    """TypeScript's escaped property name: a leading `__` gets one more underscore."""
    return "_" + name if name.startswith("__") else name


def non_nullable(value: Type) -> Type:
    if isinstance(value, Union):
        kept = [m for m in value.members if m not in (UNDEFINED, Primitive("null"))]
        return union(kept, strict=True)
    if value in (UNDEFINED, Primitive("null")):
        return NEVER
    return value


def union(parts: list[Type], *, strict: bool) -> Type:
    """A union normalised as TypeScript stores it: flattened, `boolean` as `false | true`,
    enums as their members, literals absorbed by their primitive, duplicates dropped, and
    (without strictNullChecks) no null or undefined."""
    flat: list[Type] = []
    for part in parts:
        _flatten(part, flat)
    if any(p in (Primitive("any"), Primitive("unknown")) for p in flat):
        return next(p for p in flat if p in (Primitive("any"), Primitive("unknown")))
    if not strict:
        flat = [p for p in flat if p not in (UNDEFINED, Primitive("null"))]
    absorbing = {p.name for p in flat if isinstance(p, Primitive)}
    kept: list[Type] = []
    for p in flat:
        if p == NEVER or p in kept:
            continue
        if isinstance(p, StringLit) and "string" in absorbing:
            continue
        if isinstance(p, NumberLit) and "number" in absorbing:
            continue
        kept.append(p)
    if {BoolLit(False), BoolLit(True)} <= set(kept) and len(kept) == 2:
        return Primitive("boolean")
    if not kept:
        return NEVER
    enums = [p for p in parts if isinstance(p, EnumType)]
    if len(enums) == 1 and kept == _enum_members(enums[0]):
        return enums[0]  # TypeScript interns the union: the same members are the enum again
    return kept[0] if len(kept) == 1 else Union(tuple(kept))


def _enum_members(enum: EnumType) -> list[Type]:
    return [EnumMember(enum.name, str(i)) for i in range(enum.members)]


def _flatten(part: Type, into: list[Type]) -> None:
    if isinstance(part, Union):
        for member in part.members:
            _flatten(member, into)
    elif part == Primitive("boolean"):
        into.extend((BoolLit(False), BoolLit(True)))
    elif isinstance(part, EnumType) and part.members > 1:
        into.extend(_enum_members(part))
    else:
        into.append(part)


def is_measurement(value: Type) -> bool:
    """The reference's rule: number, boolean, a numeric enum, or a two-member union of
    number and undefined."""
    if value in (Primitive("number"), Primitive("boolean")):
        return True
    if isinstance(value, EnumType):
        return value.members > 1 and value.kind == "number"
    if isinstance(value, Union):
        members = value.members
        return len(members) == 2 and Primitive("number") in members and UNDEFINED in members
    return False


def declared_type(member: Member, strict: bool) -> Type:
    """A member's type as declared: an optional member may also be undefined (strict mode)."""
    value = member.type.get()
    return union([value, UNDEFINED], strict=True) if member.optional and strict else value


def intersect(parts: list[Type], strict: bool) -> Type:
    if any(isinstance(p, Unknown) for p in parts):
        return next(p for p in parts if isinstance(p, Unknown))
    objects = [p for p in parts if isinstance(p, ObjectType)]
    if objects and len(objects) == len([p for p in parts if p != OPAQUE]):
        return _merge_objects(objects, strict)
    literals = {p for p in parts if isinstance(p, StringLit | BoolLit | NumberLit)}
    if len(literals) > 1:
        return NEVER
    if literals:
        return literals.pop()
    rest = [p for p in parts if p not in (Primitive("unknown"),)]
    return rest[0] if len(rest) == 1 else Unknown("unsupported intersection")


def _merge_objects(objects: list[ObjectType], strict: bool) -> ObjectType:
    """Members in order of first appearance; a member several parts declare gets the
    intersection of their types and (like TypeScript) no single value declaration."""
    grouped: dict[str, list[Member]] = {}
    for obj in objects:
        for member in obj.members:
            grouped.setdefault(member.name, []).append(member)
    merged = []
    for name, members in grouped.items():
        if len(members) == 1:
            merged.append(members[0])
            continue
        declarations = {m.declaration for m in members}
        lazies = [m.type for m in members]
        merged.append(
            Member(
                name,
                all(m.optional for m in members),
                Lazy(lambda lazies=lazies: intersect([z.get() for z in lazies], strict)),
                declarations.pop() if len(declarations) == 1 else None,
                members[0].site,
            )
        )
    return ObjectType(tuple(merged))

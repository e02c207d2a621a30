"""From tree-sitter type nodes to `ts_types`: one function per kind of node, names resolved through
the module's scopes and imports, generic parameters bound to their arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telemetry_inspector.catalog.extract import syntax
from telemetry_inspector.catalog.extract.ts_types import (
    OPAQUE,
    BoolLit,
    EnumMember,
    EnumType,
    Lazy,
    Member,
    NumberLit,
    ObjectType,
    Primitive,
    Site,
    StringLit,
    Type,
    Unknown,
    intersect,
    ready,
    union,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    from telemetry_inspector.catalog.extract.modules import Found, Module, Project

Bindings = dict[str, Lazy]
OPAQUE_NODES = frozenset(
    {"array_type", "tuple_type", "function_type", "constructor_type", "readonly_type"}
)
_MAPPED = frozenset({"Partial", "Required", "Readonly", "Pick", "Omit"})


class Evaluator:
    """Turns type nodes into types, resolving names through a Project."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.strict = project.settings.strict_null_checks
        self._cache: dict[tuple[str, int, int], Type] = {}
        self._depth = 0

    def evaluate(self, module: Module, node: Node, bindings: dict[str, Lazy] | None = None) -> Type:
        key = (module.path, node.start_byte, node.end_byte)
        if not bindings and key in self._cache:
            return self._cache[key]
        if self._depth > 64:
            return Unknown("type nests too deeply", module.location(node))
        self._depth += 1
        try:
            result = evaluate_node(self, module, node, bindings or {})
        finally:
            self._depth -= 1
        if not bindings:
            self._cache[key] = result
        return result

    def lazy(self, module: Module, node: Node, bindings: dict[str, Lazy]) -> Lazy:
        return Lazy(lambda: self.evaluate(module, node, bindings))

    def lookup(self, module: Module, at: Node, name: str) -> Found | None:
        return self.project.lookup(module, at, name)


def evaluate_node(ev: Evaluator, module: Module, node: Node, bindings: Bindings) -> Type:
    kind = node.type
    if kind in ("type_annotation", "parenthesized_type", "opting_type_annotation"):
        inner = _first_named(node)
        return ev.evaluate(module, inner, bindings) if inner else Unknown("empty type")
    if kind == "literal_type":
        return _literal(_first_named(node) or node)
    if kind == "template_literal_type":
        value = syntax.string_value(node)
        return StringLit(value) if value is not None else Primitive("string")
    if kind == "predefined_type":
        return Primitive(syntax.text(node))
    if kind in ("object_type", "interface_body"):
        return ObjectType(tuple(_members(ev, module, node, bindings)))
    if kind == "union_type":
        parts = [ev.evaluate(module, n, bindings) for n in _named(node)]
        return union(parts, strict=ev.strict)
    if kind == "intersection_type":
        return intersect([ev.evaluate(module, n, bindings) for n in _named(node)], ev.strict)
    if kind in ("type_identifier", "identifier"):
        return _named_type(ev, module, node, syntax.text(node), [], bindings)
    if kind == "generic_type":
        name = node.child_by_field_name("name")
        arguments = node.child_by_field_name("type_arguments")
        args = _named(arguments) if arguments is not None else []
        if name is None:
            return Unknown("unnamed generic type", module.location(node))
        if name.type == "nested_type_identifier":
            return _qualified(ev, module, name, args, bindings)
        return _named_type(ev, module, name, syntax.text(name), args, bindings)
    if kind == "nested_type_identifier":
        return _qualified(ev, module, node, [], bindings)
    if kind == "lookup_type":
        return _lookup_type(ev, module, node, bindings)
    if kind == "type_query":
        return _type_of(ev, module, node)
    if kind in OPAQUE_NODES:
        return OPAQUE
    return Unknown(f"unsupported type `{_short(node)}`", module.location(node))


def _first_named(node: Node) -> Node | None:
    return next((c for c in node.named_children if c.type != "comment"), None)


def _named(node: Node) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"]


def _short(node: Node) -> str:
    shown = " ".join(syntax.text(node).split())
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _literal(node: Node) -> Type:
    if node.type == "string":
        value = syntax.string_value(node)
        return StringLit(value) if value is not None else Primitive("string")
    if node.type in ("true", "false"):
        return BoolLit(node.type == "true")
    if node.type in ("null", "undefined"):
        return Primitive(node.type)
    return NumberLit(syntax.text(node))


def member_name(node: Node) -> str | None:
    if node.type in ("string", "template_string"):
        return syntax.string_value(node)
    if node.type == "number":
        text = syntax.text(node)
        try:
            value = float(text.replace("_", ""))
        except ValueError:
            return text
        return str(int(value)) if value.is_integer() else repr(value)
    if node.type in ("property_identifier", "identifier", "private_property_identifier"):
        return syntax.text(node)
    return None


def _members(ev: Evaluator, module: Module, body: Node, bindings: Bindings) -> list[Member]:
    members: list[Member] = []
    seen: set[str] = set()
    for child in body.named_children:
        if child.type not in ("property_signature", "method_signature"):
            continue
        name_node = child.child_by_field_name("name")
        name = member_name(name_node) if name_node is not None else None
        if name is None or name in seen:
            continue
        seen.add(name)
        annotation = child.child_by_field_name("type")
        end = annotation.start_byte if annotation is not None else child.end_byte
        # the `?` token sits between the name and the annotation (looked for only if present)
        optional = module.source.find(b"?", name_node.end_byte, end) >= 0 and any(
            c.type == "?" for c in child.children
        )
        if child.type == "method_signature":
            lazy = ready(OPAQUE)
        elif annotation is None:
            lazy = ready(Primitive("any"))
        else:
            lazy = ev.lazy(module, annotation, bindings)
        declaration = (module.path, child.start_byte)
        members.append(Member(name, optional, lazy, declaration, Site(module, child)))
    return members


def _named_type(
    ev: Evaluator, module: Module, at: Node, name: str, args: list[Node], bindings: Bindings
) -> Type:
    if name in bindings and not args:
        return bindings[name].get()
    found = ev.lookup(module, at, name) or ev.project.global_declaration(module, name)
    if found is None:
        if name in _MAPPED and args:
            return _mapped(ev, module, name, args, bindings)
        if name in ("undefined", "null"):
            return Primitive(name)
        return Unknown(_not_found(module, name), module.location(at))
    arguments = [ev.lazy(module, a, bindings) for a in args]
    return declared(ev, found, name, arguments, Site(module, at))


def _not_found(module: Module, name: str) -> str:
    binding = module.interface.imports.get(name)
    if binding is None:
        return f"cannot find type `{name}`"
    return f"`{name}` is imported from '{binding.specifier}', which cannot be found or resolved"


def _qualified(
    ev: Evaluator, module: Module, node: Node, args: list[Node], bindings: Bindings
) -> Type:
    parts = syntax.text(node).replace(" ", "").split(".")
    found = ev.lookup(module, node, parts[0])
    for index, part in enumerate(parts[1:], start=1):
        if found is None:
            break
        enum = next((n for n in found.nodes if n.type == "enum_declaration"), None)
        if enum is not None and index == len(parts) - 1:
            return EnumMember(parts[0], part)
        found = ev.project.member(found, part)
    if found is None:
        return Unknown(f"cannot find type `{'.'.join(parts)}`", module.location(node))
    arguments = [ev.lazy(module, a, bindings) for a in args]
    return declared(ev, found, parts[-1], arguments, Site(module, node))


def declared(ev: Evaluator, found: Found, name: str, args: list[Lazy], where: Site) -> Type:
    """The type a declaration introduces (type alias, interfaces merged, enum)."""
    nodes = [n for n in found.nodes]
    alias = next((n for n in nodes if n.type == "type_alias_declaration"), None)
    if alias is not None:
        value = alias.child_by_field_name("value")
        if value is None:
            return Unknown(f"type `{name}` has no value", where.location)
        bindings = _bind(ev, found.module, alias, args)
        return ev.evaluate(found.module, value, bindings)
    interfaces = [n for n in nodes if n.type == "interface_declaration"]
    if interfaces:
        return _interface(ev, found.module, interfaces, args)
    enum = next((n for n in nodes if n.type == "enum_declaration"), None)
    if enum is not None:
        return _enum(enum)
    if any(n.type in ("class_declaration", "abstract_class_declaration") for n in nodes):
        return OPAQUE
    return Unknown(f"`{name}` is not a type", where.location)


def _bind(ev: Evaluator, module: Module, declaration: Node, args: list[Lazy]) -> Bindings:
    params = declaration.child_by_field_name("type_parameters")
    if params is None:
        return {}
    bindings: Bindings = {}
    for index, param in enumerate(p for p in params.named_children if p.type == "type_parameter"):
        name = param.child_by_field_name("name")
        if name is None:
            continue
        if index < len(args):
            bindings[syntax.text(name)] = args[index]
        else:
            default = param.child_by_field_name("value")
            fallback = _first_named(default) if default is not None else None
            value = (
                ev.lazy(module, fallback, dict(bindings))
                if fallback
                else ready(Primitive("unknown"))
            )
            bindings[syntax.text(name)] = value
    return bindings


def _interface(ev: Evaluator, module: Module, declarations: list[Node], args: list[Lazy]) -> Type:
    members: list[Member] = []
    bases: list[Type] = []
    for declaration in declarations:
        bindings = _bind(ev, module, declaration, args)
        body = declaration.child_by_field_name("body")
        if body is not None:
            members.extend(_members(ev, module, body, bindings))
        for clause in declaration.named_children:
            if clause.type == "extends_type_clause":
                bases.extend(ev.evaluate(module, b, bindings) for b in _named(clause))
    names = {m.name for m in members}
    for base in bases:
        if isinstance(base, Unknown):
            return base
        if isinstance(base, ObjectType):
            for member in base.members:
                if member.name not in names:
                    names.add(member.name)
                    members.append(member)
    return ObjectType(tuple(members))


def _enum(node: Node) -> EnumType:
    body = node.child_by_field_name("body")
    has_number = has_string = False
    count = 0
    for child in body.named_children if body is not None else ():
        if child.type in ("property_identifier", "string", "computed_property_name"):
            count += 1
            has_number = True  # no initializer: numbered automatically
        elif child.type == "enum_assignment":
            count += 1
            value = child.child_by_field_name("value")
            kind = _initializer_kind(value) if value is not None else None
            has_number |= kind == "number"
            has_string |= kind == "string"
    kind = "mixed" if has_number and has_string else "number" if has_number else None
    kind = kind or ("string" if has_string else None)
    return EnumType(syntax.declared_name(node) or "", count, kind)


def _initializer_kind(value: Node) -> str | None:
    """What TypeScript's type of an initializer says: a string literal is a string; a numeric
    literal has a literal type (not `number`); arithmetic has type `number`."""
    if value.type in ("string", "template_string"):
        return "string" if syntax.string_value(value) is not None else None
    if value.type == "binary_expression":
        operator = value.child_by_field_name("operator")
        sides = [value.child_by_field_name("left"), value.child_by_field_name("right")]
        joins_strings = any(
            s is not None and s.type in ("string", "template_string") for s in sides
        )
        if operator is not None and syntax.text(operator) == "+" and joins_strings:
            return None
        return "number"
    if value.type == "parenthesized_expression":
        inner = _first_named(value)
        return _initializer_kind(inner) if inner is not None else None
    return None


def _mapped(ev: Evaluator, module: Module, name: str, args: list[Node], bindings: Bindings) -> Type:
    """Partial/Required/Readonly/Pick/Omit of an object: its members, with no value declaration."""
    source = ev.evaluate(module, args[0], bindings)
    if not isinstance(source, ObjectType):
        return source if isinstance(source, Unknown) else Unknown(f"`{name}` of a non-object")
    keep = None
    if name in ("Pick", "Omit") and len(args) > 1:
        keys = ev.evaluate(module, args[1], bindings)
        listed = (
            keys.members
            if hasattr(keys, "members") and not isinstance(keys, ObjectType)
            else (keys,)
        )
        names = {k.value for k in listed if isinstance(k, StringLit)}
        keep = (lambda n: n in names) if name == "Pick" else (lambda n: n not in names)
    members = []
    for member in source.members:
        if keep is not None and not keep(member.name):
            continue
        optional = {"Partial": True, "Required": False}.get(name, member.optional)
        members.append(Member(member.name, optional, member.type, None, member.site))
    return ObjectType(tuple(members))


def _lookup_type(ev: Evaluator, module: Module, node: Node, bindings: Bindings) -> Type:
    parts = _named(node)
    if len(parts) != 2:
        return Unknown("unsupported indexed access type", module.location(node))
    source = ev.evaluate(module, parts[0], bindings)
    key = ev.evaluate(module, parts[1], bindings)
    if isinstance(source, ObjectType) and isinstance(key, StringLit):
        for member in source.members:
            if member.name == key.value:
                return member.type.get()
    return Unknown(f"cannot resolve `{_short(node)}`", module.location(node))


def _type_of(ev: Evaluator, module: Module, node: Node) -> Type:
    """`typeof name`: the declared type of a variable, or the type of its initializer as the
    checker infers it (literals widen unless under `as const`)."""
    target = _first_named(node)
    if target is None or target.type != "identifier":
        return Unknown(f"unsupported type `{_short(node)}`", module.location(node))
    found = ev.lookup(module, target, syntax.text(target))
    declarator = (
        next((n for n in found.nodes if n.type == "variable_declarator"), None)
        if found is not None
        else None
    )
    if declarator is None:
        return Unknown(f"cannot find `{syntax.text(target)}`", module.location(node))
    annotation = declarator.child_by_field_name("type")
    if annotation is not None:
        return ev.evaluate(found.module, annotation)
    value = declarator.child_by_field_name("value")
    if value is None:
        return Primitive("any")
    return _value_type(found.module, value, frozen=False)


def _value_type(module: Module, value: Node, frozen: bool) -> Type:
    kind = value.type
    if kind == "as_expression":
        named = _named(value)
        if len(named) == 1 or (len(named) == 2 and syntax.text(named[1]) == "const"):
            return _value_type(module, named[0], frozen=True)  # `as const`
    if kind == "parenthesized_expression":
        inner = _first_named(value)
        return _value_type(module, inner, frozen) if inner is not None else OPAQUE
    if kind == "object":
        return ObjectType(tuple(_object_members(module, value, frozen)))
    if kind in ("string", "template_string"):
        text = syntax.string_value(value)
        return StringLit(text) if frozen and text is not None else Primitive("string")
    if kind == "number":
        return NumberLit(syntax.text(value)) if frozen else Primitive("number")
    if kind in ("true", "false"):
        return BoolLit(kind == "true") if frozen else Primitive("boolean")
    if kind in ("null", "undefined"):
        return Primitive(kind)
    return Unknown(f"cannot infer the type of `{_short(value)}`", module.location(value))


def _object_members(module: Module, body: Node, frozen: bool) -> list[Member]:
    members: dict[str, Member] = {}
    for pair in body.named_children:
        if pair.type != "pair":
            continue
        key = pair.child_by_field_name("key")
        value = pair.child_by_field_name("value")
        name = member_name(key) if key is not None else None
        if name is None or value is None:
            continue
        lazy = ready(_value_type(module, value, frozen))
        declaration = (module.path, pair.start_byte)
        members[name] = Member(name, False, lazy, declaration, Site(module, pair))
    return list(members.values())

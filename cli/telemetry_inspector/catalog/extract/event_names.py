"""Event names: the string a call's first argument is known to hold at compile time.

The reference asks the type checker whether the argument's type is a string literal: a
string, a template without substitutions, a `const` (here or imported) initialised with one,
`'x' as const`, a static readonly class field. The name is then TypeScript's printed form of
that literal type without its quotes (so quotes and backslashes stay escaped).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from telemetry_inspector.catalog.extract import syntax
from telemetry_inspector.catalog.extract.js_semantics import ts_literal_text

if TYPE_CHECKING:
    from tree_sitter import Node

    from telemetry_inspector.catalog.extract.modules import Found, Module, Project

_MAX_HOPS = 16


@dataclass(frozen=True, slots=True)
class EnumRef:
    """An enum member's literal type, known by how TypeScript prints it."""

    printed: str


Value = str | EnumRef


def event_name(project: Project, module: Module, node: Node | None) -> str | None:
    value = literal_value(project, module, node, 0)
    if isinstance(value, EnumRef):  # the reference trims one character at each end (quotes)
        return value.printed[1:-1]
    return ts_literal_text(value) if value is not None else None


def literal_value(project: Project, module: Module, node: Node | None, hops: int) -> Value | None:
    if node is None or hops > _MAX_HOPS:
        return None
    kind = node.type
    if kind in ("string", "template_string"):
        return syntax.string_value(node)
    if kind in ("parenthesized_expression", "non_null_expression"):
        inner = next((c for c in node.named_children if c.type != "comment"), None)
        return literal_value(project, module, inner, hops + 1)
    if kind in ("as_expression", "satisfies_expression"):
        return _asserted(project, module, node, hops)
    if kind == "identifier":
        found = project.lookup(module, node, syntax.text(node))
        return _const_value(project, found, hops) if found is not None else None
    if kind in ("member_expression", "subscript_expression"):
        return _member_value(project, module, node, hops)
    return None


def _asserted(project: Project, module: Module, node: Node, hops: int) -> Value | None:
    expression, target = _expression_and_type(node)
    if expression is None:
        return None
    if target is None:  # `as const`
        return literal_value(project, module, expression, hops + 1)
    if node.type == "satisfies_expression":
        return literal_value(project, module, expression, hops + 1)
    if target.type == "literal_type":
        inner = next((c for c in target.named_children if c.type != "comment"), None)
        return syntax.string_value(inner) if inner is not None else None
    return None


def _expression_and_type(node: Node) -> tuple[Node | None, Node | None]:
    named = [c for c in node.named_children if c.type != "comment"]
    if not named:
        return None, None
    expression = named[0]
    target = named[1] if len(named) > 1 else None
    if target is not None and syntax.text(target) == "const":
        target = None
    return expression, target


def _const_value(project: Project, found: Found, hops: int) -> Value | None:
    if found.namespace:
        return None
    for node in found.nodes:
        if node.type != "variable_declarator" or not _is_const(node):
            continue
        annotation = node.child_by_field_name("type")
        if annotation is not None:
            return _annotated_literal(annotation)
        value = node.child_by_field_name("value")
        return literal_value(project, found.module, value, hops + 1)
    return None


def _is_const(declarator: Node) -> bool:
    declaration = declarator.parent
    if declaration is None or declaration.type != "lexical_declaration":
        return False
    kind = declaration.child_by_field_name("kind")
    return kind is not None and syntax.text(kind) == "const"


def _annotated_literal(annotation: Node) -> str | None:
    target = next((c for c in annotation.named_children if c.type != "comment"), None)
    if target is None or target.type != "literal_type":
        return None
    inner = next((c for c in target.named_children if c.type != "comment"), None)
    return syntax.string_value(inner) if inner is not None else None


def _member_value(project: Project, module: Module, node: Node, hops: int) -> Value | None:
    """`a.b.c` or `a['b']`: through namespaces (declared or imported, nested, re-exported),
    enum members, static readonly class fields, and objects declared `as const`."""
    place = _place(project, module, node, hops)
    if place is None:
        return None
    kind = place[0]
    if kind == "found":
        return _const_value(project, place[1], hops + 1)
    if kind == "literal":
        return place[1]
    if kind == "enum":
        return _enum_ref(module, place[1], place[2], place[3])
    if kind == "value":
        _, where, value, frozen = place
        if frozen or value.type in ("as_expression", "satisfies_expression"):
            return literal_value(project, where, value, hops + 1)
    return None


# Where a member chain leads: ("found", Found), ("object", module, object node, frozen),
# ("value", module, expression, frozen), ("enum", module, enum declaration, member name) or
# ("literal", value). `frozen`: inside an `as const` object, whose strings keep literal types.
Place = tuple


def _place(project: Project, module: Module, node: Node, hops: int) -> Place | None:
    if hops > _MAX_HOPS:
        return None
    if node.type == "identifier":
        found = project.lookup(module, node, syntax.text(node))
        return ("found", found) if found is not None else None
    if node.type in ("parenthesized_expression", "non_null_expression"):
        inner = next((c for c in node.named_children if c.type != "comment"), None)
        return _place(project, module, inner, hops + 1) if inner is not None else None
    name = _member_name(node)
    target = node.child_by_field_name("object")
    if name is None or target is None:
        return None
    place = _place(project, module, target, hops + 1)
    return _step(project, place, name, hops + 1) if place is not None else None


def _member_name(node: Node) -> str | None:
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return syntax.text(prop) if prop is not None else None
    if node.type == "subscript_expression":
        index = node.child_by_field_name("index")
        if index is not None and index.type in ("string", "template_string"):
            return syntax.string_value(index)
    return None


def _step(project: Project, place: Place, name: str, hops: int) -> Place | None:
    if place[0] == "object":
        _, module, body, frozen = place
        value = _object_member(body, name)
        return _at(project, module, value, frozen, hops) if value is not None else None
    if place[0] != "found":
        return None
    found: Found = place[1]
    member = project.member(found, name)
    if member is not None:
        return ("found", member)
    for declaration in found.nodes:
        kind = declaration.type
        if kind in ("class_declaration", "abstract_class_declaration"):
            value = _static_field(project, found.module, declaration, name, hops)
            return ("literal", value) if value is not None else None
        if kind == "enum_declaration" and name in _enum_members(declaration):
            return ("enum", found.module, declaration, name)
        if kind == "variable_declarator" and _is_const(declaration):
            initial = declaration.child_by_field_name("value")
            if initial is not None and declaration.child_by_field_name("type") is None:
                place = _at(project, found.module, initial, False, hops)
                return _step(project, place, name, hops + 1) if place is not None else None
    return None


def _at(project: Project, module: Module, value: Node, frozen: bool, hops: int) -> Place | None:
    """The place an expression stands for: an object literal, another name, or a leaf value."""
    if value.type == "as_expression":
        expression, target = _expression_and_type(value)
        if expression is not None and target is None:  # `as const`
            return _at(project, module, expression, True, hops + 1)
    if value.type == "object":
        return ("object", module, value, frozen)
    if value.type in ("identifier", "member_expression", "subscript_expression"):
        place = _place(project, module, value, hops + 1)
        if place is not None and place[0] != "found":
            return place
    return ("value", module, value, frozen)


def _object_member(body: Node, name: str) -> Node | None:
    """The value of property `name` in an object literal (the last one written wins)."""
    found = None
    for pair in body.named_children:
        if pair.type != "pair":
            continue
        key = pair.child_by_field_name("key")
        if key is None:
            continue
        text = syntax.string_value(key) if key.type == "string" else syntax.text(key)
        if text == name:
            found = pair.child_by_field_name("value")
    return found


def _enum_members(declaration: Node) -> list[str]:
    body = declaration.child_by_field_name("body")
    names = []
    for member in body.named_children if body is not None else ():
        key = member.child_by_field_name("name") if member.type == "enum_assignment" else member
        if key is not None and key.type in ("property_identifier", "string"):
            names.append(syntax.string_value(key) if key.type == "string" else syntax.text(key))
    return names


def _enum_ref(origin: Module, where: Module, declaration: Node, member: str) -> EnumRef:
    """An enum member's type as TypeScript prints it: `Enum.Member`, just `Enum` when it has
    one member (the two types are the same), behind `import("path")` from another file
    (docs/vscode.md, telemetry extractor)."""
    name_node = declaration.child_by_field_name("name")
    enum = syntax.text(name_node) if name_node is not None else ""
    printed = enum if len(_enum_members(declaration)) == 1 else f"{enum}.{member}"
    if where.path != origin.path:
        stem = re.sub(r"(\.d)?\.(ts|tsx|mts|cts)$", "", where.path).replace(os.sep, "/")
        printed = f'import("{stem}").{printed}'
    return EnumRef(printed)


def _static_field(
    project: Project, module: Module, declaration: Node, name: str, hops: int
) -> Value | None:
    body = declaration.child_by_field_name("body")
    for field in body.named_children if body is not None else ():
        if field.type != "public_field_definition":
            continue
        field_name = field.child_by_field_name("name")
        words = {syntax.text(c) for c in field.children if not c.is_named}
        if field_name is None or syntax.text(field_name) != name:
            continue
        if "static" in words and "readonly" in words:
            if field.child_by_field_name("type") is not None:
                return _annotated_literal(field.child_by_field_name("type"))
            value = field.child_by_field_name("value")
            return literal_value(project, module, value, hops + 1)
    return None

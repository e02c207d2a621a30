"""Event names: the string a call's first argument is known to hold at compile time.

The reference asks the type checker whether the argument's type is a string literal: a
string, a template without substitutions, a `const` (here or imported) initialised with one,
`'x' as const`, a static readonly class field. The name is then TypeScript's printed form of
that literal type without its quotes (so quotes and backslashes stay escaped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telemetry_inspector.catalog.extract import syntax
from telemetry_inspector.catalog.extract.js_semantics import ts_literal_text

if TYPE_CHECKING:
    from tree_sitter import Node

    from telemetry_inspector.catalog.extract.modules import Found, Module, Project

_MAX_HOPS = 16


def event_name(project: Project, module: Module, node: Node | None) -> str | None:
    value = literal_value(project, module, node, 0)
    return ts_literal_text(value) if value is not None else None


def literal_value(project: Project, module: Module, node: Node | None, hops: int) -> str | None:
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
    if kind == "member_expression":
        return _member_value(project, module, node, hops)
    return None


def _asserted(project: Project, module: Module, node: Node, hops: int) -> str | None:
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


def _const_value(project: Project, found: Found, hops: int) -> str | None:
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


def _member_value(project: Project, module: Module, node: Node, hops: int) -> str | None:
    """`ns.NAME` (a namespace import or namespace) or `Class.NAME` (static readonly)."""
    target = node.child_by_field_name("object")
    prop = node.child_by_field_name("property")
    if target is None or prop is None or target.type != "identifier":
        return None
    found = project.lookup(module, target, syntax.text(target))
    if found is None:
        return None
    member = project.member(found, syntax.text(prop))
    if member is not None:
        return _const_value(project, member, hops + 1)
    for declaration in found.nodes:
        if declaration.type in ("class_declaration", "abstract_class_declaration"):
            return _static_field(project, found.module, declaration, syntax.text(prop), hops)
    return None


def _static_field(
    project: Project, module: Module, declaration: Node, name: str, hops: int
) -> str | None:
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

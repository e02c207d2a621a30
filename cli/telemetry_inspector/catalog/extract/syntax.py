"""TypeScript syntax through tree-sitter: parsing, string values, declarations, imports, exports
and the telemetry calls. Nothing here knows about types; `ts_types` builds on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Tree

LOG_CALLS = (b"publicLog2", b"publicLogError2")
DECLARATION_TYPES = frozenset(
    {
        "type_alias_declaration",
        "interface_declaration",
        "enum_declaration",
        "class_declaration",
        "abstract_class_declaration",
        "internal_module",
        "module",
        "function_declaration",
    }
)
_WRAPPERS = frozenset({"export_statement", "ambient_declaration", "expression_statement"})
_VARIABLES = frozenset({"lexical_declaration", "variable_declaration"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_LINE_CONTINUATION = re.compile(r"\\(\r\n|[\n\r\u2028\u2029])")


@cache
def _parser(tsx: bool) -> Parser:
    import tree_sitter_typescript
    from tree_sitter import Language, Parser

    grammar = (
        tree_sitter_typescript.language_tsx if tsx else tree_sitter_typescript.language_typescript
    )
    return Parser(Language(grammar()))


def parse(source: bytes, *, tsx: bool = False) -> Tree:
    return _parser(tsx).parse(source)


def text(node: Node) -> str:
    return node.text.decode("utf-8", "replace") if node.text is not None else ""


def has_log_call(source: bytes) -> bool:
    """The reference's file filter for typed calls (ripgrep `publicLog2|publicLogError2`)."""
    return b"publicLog" in source and (b"publicLog2" in source or b"publicLogError2" in source)


def string_value(node: Node) -> str | None:
    """The value of a string literal, or of a template without substitutions; else None."""
    if node.type not in ("string", "template_string", "template_literal_type"):
        return None
    parts = []
    for child in node.named_children:
        if child.type == "string_fragment":
            parts.append(text(child))
        elif child.type == "escape_sequence":
            parts.append(_unescape(text(child)))
        elif child.type != "comment":
            return None  # a substitution
    value = "".join(parts)
    if node.type != "string":
        value = value.replace("\r\n", "\n").replace("\r", "\n")  # templates normalise line ends
    return value


def _unescape(escape: str) -> str:
    if _LINE_CONTINUATION.fullmatch(escape):
        return ""
    body = escape[1:]
    if body[:1] == "u":
        digits = body[2:-1] if body.startswith("u{") else body[1:]
        return chr(int(digits, 16))
    if body[:1] == "x":
        return chr(int(body[1:], 16))
    return _ESCAPES.get(body, body)


def unwrap(node: Node) -> Node:
    """The declaration inside `export ...`, `declare ...` (and `namespace` statements)."""
    while node.type in _WRAPPERS:
        inner = None
        if node.type == "export_statement":
            inner = node.child_by_field_name("declaration")
        if inner is None:
            inner = next((c for c in node.named_children if _is_declaration(c)), None)
        if inner is None:
            return node
        node = inner
    return node


def _is_declaration(node: Node) -> bool:
    return node.type in DECLARATION_TYPES or node.type in _VARIABLES or node.type in _WRAPPERS


def declared_name(node: Node) -> str | None:
    name = node.child_by_field_name("name")
    return text(name) if name is not None else None


def declarations_in(container: Node) -> dict[str, list[Node]]:
    """Names declared directly in a block (types, enums, classes, namespaces, variables)."""
    found: dict[str, list[Node]] = {}
    for statement in container.named_children:
        node = unwrap(statement)
        if node.type in DECLARATION_TYPES:
            name = declared_name(node)
            if name is not None:
                found.setdefault(name, []).append(node)
        elif node.type in _VARIABLES:
            for declarator in node.named_children:
                if declarator.type == "variable_declarator":
                    name = declared_name(declarator)
                    if name is not None:
                        found.setdefault(name, []).append(declarator)
    return found


@dataclass(frozen=True, slots=True)
class Binding:
    """`import {name as local} from specifier`; name is '*' for a namespace, 'default'."""

    specifier: str
    name: str


@dataclass(frozen=True, slots=True)
class ModuleInterface:
    imports: dict[str, Binding]
    exports: dict[str, str]  # exported name -> local name
    reexports: dict[str, Binding]  # exported name -> (module, its name)
    star_exports: tuple[str, ...]


def module_interface(root: Node) -> ModuleInterface:
    imports: dict[str, Binding] = {}
    exports: dict[str, str] = {}
    reexports: dict[str, Binding] = {}
    stars: list[str] = []
    for statement in root.named_children:
        if statement.type == "import_statement":
            _read_import(statement, imports)
        elif statement.type == "export_statement":
            _read_export(statement, exports, reexports, stars)
    return ModuleInterface(imports, exports, reexports, tuple(stars))


def _source(statement: Node) -> str | None:
    source = statement.child_by_field_name("source")
    return string_value(source) if source is not None else None


def _read_import(statement: Node, imports: dict[str, Binding]) -> None:
    specifier = _source(statement)
    clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
    if specifier is None or clause is None:
        return
    for part in clause.named_children:
        if part.type == "identifier":
            imports[text(part)] = Binding(specifier, "default")
        elif part.type == "namespace_import":
            local = next((c for c in part.named_children if c.type == "identifier"), None)
            if local is not None:
                imports[text(local)] = Binding(specifier, "*")
        elif part.type == "named_imports":
            for spec in part.named_children:
                if spec.type == "import_specifier":
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or name
                    if name is not None and alias is not None:
                        imports[text(alias)] = Binding(specifier, _name(name))


def _name(node: Node) -> str:
    value = string_value(node)
    return value if value is not None else text(node)


def _read_export(
    statement: Node, exports: dict[str, str], reexports: dict[str, Binding], stars: list[str]
) -> None:
    specifier = _source(statement)
    clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
    if clause is not None:
        for spec in clause.named_children:
            if spec.type != "export_specifier":
                continue
            name = spec.child_by_field_name("name")
            alias = spec.child_by_field_name("alias") or name
            if name is None or alias is None:
                continue
            if specifier is None:
                exports[_name(alias)] = _name(name)
            else:
                reexports[_name(alias)] = Binding(specifier, _name(name))
        return
    if specifier is not None:
        space = next((c for c in statement.named_children if c.type == "namespace_export"), None)
        if space is None:
            stars.append(specifier)
        else:
            local = next(
                (c for c in space.named_children if c.type in ("identifier", "string")), None
            )
            if local is not None:
                reexports[_name(local)] = Binding(specifier, "*")
        return
    declaration = unwrap(statement)
    if declaration is not statement:
        for name in declarations_in_statement(declaration):
            exports[name] = name


def declarations_in_statement(node: Node) -> list[str]:
    if node.type in DECLARATION_TYPES:
        name = declared_name(node)
        return [name] if name is not None else []
    if node.type in _VARIABLES:
        return [
            declared_name(d) or ""
            for d in node.named_children
            if d.type == "variable_declarator" and declared_name(d)
        ]
    return []


def find_log_calls(tree: Tree, source: bytes) -> list[Node]:
    """Calls whose callee mentions publicLog2 or publicLogError2 and that pass an argument,
    in source order (outer calls before the calls inside them), as the reference collects them."""
    found: dict[tuple[int, int], Node] = {}
    root = tree.root_node
    for marker in LOG_CALLS:
        start = source.find(marker)
        while start >= 0:
            node = root.descendant_for_byte_range(start, start + len(marker))
            while node is not None:
                if node.type == "call_expression" and _callee_covers(node, start):
                    found.setdefault((node.start_byte, node.end_byte), node)
                node = node.parent
            start = source.find(marker, start + 1)
    calls = [n for n in found.values() if first_argument(n) is not None]
    return sorted(calls, key=lambda n: (n.start_byte, -n.end_byte))


def _callee_covers(call: Node, offset: int) -> bool:
    callee = call.child_by_field_name("function")
    return callee is not None and callee.start_byte <= offset < callee.end_byte


def arguments_of(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    return [c for c in arguments.named_children if c.type != "comment"]


def first_argument(call: Node) -> Node | None:
    arguments = arguments_of(call)
    return arguments[0] if arguments else None


def type_arguments_of(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("type_arguments")
    if arguments is None:
        return []
    return [c for c in arguments.named_children if c.type != "comment"]


def column_of(source: bytes, node: Node) -> tuple[int, int]:
    """1-based line and character column of a node's start."""
    row, byte_column = node.start_point
    line_start = node.start_byte - byte_column
    prefix = source[line_start : node.start_byte].decode("utf-8", "replace")
    return row + 1, len(prefix) + 1

"""Source files as modules: parsed on first use, names looked up through block scopes, imports,
re-exports, namespaces, relative specifiers and the tsconfig's path aliases."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from telemetry_inspector.catalog.extract import syntax
from telemetry_inspector.catalog.extract.files import ripgrep_searches
from telemetry_inspector.catalog.extract.model import Location
from telemetry_inspector.catalog.extract.tsconfig import CompilerSettings
from telemetry_inspector.fileio import SOURCE_LIMIT, read_regular

if TYPE_CHECKING:
    from tree_sitter import Node

_TS_EXTENSIONS = (".ts", ".tsx", ".d.ts")
_JS_TO_TS = {
    ".js": (".ts", ".tsx", ".d.ts"),
    ".jsx": (".tsx", ".d.ts"),
    ".mjs": (".mts", ".d.mts"),
    ".cjs": (".cts", ".d.cts"),
}
# `from 'x'`, `import 'x'`, `import('x')`, `require('x')`: enough to follow imports on raw text
_SPECIFIER = re.compile(rb"""(\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"\n]+)['"]""")
_MODULE_STATEMENT = re.compile(rb"^[ \t]*(import|export)\b", re.MULTILINE)
_MAX_GLOBAL_SEARCH = 200  # files a project reads looking for global declarations
_LIB_GLOBALS = frozenset(
    {"String", "Number", "Boolean", "Object", "Array", "ReadonlyArray", "Record", "Date"}
    | {"Error", "Map", "Set", "Promise", "RegExp", "Function", "Symbol", "BigInt", "URL"}
)
_SCOPES = frozenset({"program", "statement_block", "switch_case", "switch_default", "class_body"})


class Module:
    """One parsed file; declarations are indexed per block on demand."""

    def __init__(self, path: str, source: bytes) -> None:
        self.path = path
        self.source = source
        self.tree = syntax.parse(source, tsx=path.endswith(".tsx"))
        self.root = self.tree.root_node
        self._interface: syntax.ModuleInterface | None = None
        self._blocks: dict[tuple[int, int], dict[str, list[Node]]] = {}

    @property
    def interface(self) -> syntax.ModuleInterface:
        if self._interface is None:
            self._interface = syntax.module_interface(self.root)
        return self._interface

    def declared_in(self, block: Node) -> dict[str, list[Node]]:
        key = (block.start_byte, block.end_byte)
        found = self._blocks.get(key)
        if found is None:
            found = self._blocks[key] = syntax.declarations_in(block)
        return found

    def location(self, node: Node) -> Location:
        line, column = syntax.column_of(self.source, node)
        return Location(self.path, line, column)


@dataclass(frozen=True, slots=True)
class Found:
    """Where a name leads: declarations in a module, or a whole module (namespace import)."""

    module: Module
    nodes: tuple[Node, ...] = ()
    namespace: bool = False


class Project:
    """All modules of one source folder, parsed lazily and kept."""

    def __init__(
        self,
        settings: CompilerSettings,
        read: Callable[[str], bytes | None] | None = None,
        root_files: tuple[str, ...] = (),
    ) -> None:
        self.settings = settings
        self._modules: dict[str, Module | None] = {}
        self._import_targets: set[str] = set()  # modules other files import: worth keeping
        self._read = read or _read_file
        # the reference's program starts from every file that mentions a log call: their
        # global declarations are visible everywhere (looked for only when a name is missing;
        # docs/vscode.md, telemetry extractor)
        self._root_files = root_files
        self._globals: dict[str, Found] | None = None
        self._global_walk: tuple[set[str], dict[str, Found]] = (set(), {})

    def module(self, path: str, source: bytes | None = None) -> Module | None:
        if path not in self._modules:
            data = source if source is not None else self._read(path)
            self._modules[path] = Module(path, data) if data is not None else None
        return self._modules[path]

    def release(self, path: str) -> None:
        """Forget a parsed file no other file has imported (its tree is most of the memory)."""
        if path not in self._import_targets:
            self._modules.pop(path, None)

    def lookup(self, module: Module, at: Node, name: str) -> Found | None:
        """What `name` means at node `at`: the nearest enclosing declaration, then imports."""
        node: Node | None = at
        while node is not None:
            if node.type in _SCOPES or node.type == "internal_module" or node.parent is None:
                container = (
                    node.child_by_field_name("body") if node.type == "internal_module" else node
                )
                if container is not None:
                    declared = module.declared_in(container).get(name)
                    if declared:
                        return Found(module, tuple(declared))
            node = node.parent
        binding = module.interface.imports.get(name)
        if binding is not None:
            return self._imported(module, binding)
        return None

    def _imported(self, module: Module, binding: syntax.Binding, depth: int = 0) -> Found | None:
        target = self.resolve(module.path, binding.specifier)
        if target is None:
            return None
        if binding.name == "*":
            return Found(target, namespace=True)
        return self.exported(target, binding.name, depth + 1)

    def exported(self, module: Module, name: str, depth: int = 0) -> Found | None:
        """An export of a module, following `export {a as b}`, re-exports and `export *`."""
        if depth > 32:
            return None
        interface = module.interface
        local = interface.exports.get(name)
        if local is not None:
            declared = module.declared_in(module.root).get(local)
            if declared:
                return Found(module, tuple(declared))
            binding = interface.imports.get(local)
            return self._imported(module, binding, depth) if binding else None
        binding = interface.reexports.get(name)
        if binding is not None:
            return self._imported(module, binding, depth)
        for specifier in interface.star_exports:
            target = self.resolve(module.path, specifier)
            found = self.exported(target, name, depth + 1) if target is not None else None
            if found is not None:
                return found
        return None

    def global_declaration(self, module: Module, name: str) -> Found | None:
        """A name declared in `declare global { ... }` of this module or one it imports
        (directly or not), or globally by a root file: visible everywhere once the file is
        part of the program. The import graph is followed on the raw text (a file is parsed
        only when it declares something global): this runs when a name is found nowhere else."""
        # every file reached is in the program, whichever file it was reached from: the walk
        # goes on from where earlier lookups stopped, and what it found is kept
        if name in _LIB_GLOBALS:
            return None  # the standard library's: never a classification
        seen, found = self._global_walk
        pending = [module.path]
        while pending and len(seen) < _MAX_GLOBAL_SEARCH:
            path = pending.pop()
            if path in seen:
                continue
            seen.add(path)
            data = self._source_of(path)
            if data is None:
                continue
            if b"declare global" in data:
                current = self.module(path, data)
                for block in _global_blocks(current) if current is not None else ():
                    self._import_targets.add(path)
                    for declared_name, nodes in current.declared_in(block).items():
                        found.setdefault(declared_name, Found(current, tuple(nodes)))
            folder = os.path.dirname(path)
            for match in _SPECIFIER.finditer(data):
                specifier = match.group(2).decode("utf-8", "replace")
                target = self._resolve_path(folder, specifier)
                if target is not None and target not in seen:
                    pending.append(target)
        return found.get(name) or self._root_globals().get(name)

    def _source_of(self, path: str) -> bytes | None:
        known = self._modules.get(path)
        return known.source if known is not None else self._read(path)

    def _resolve_path(self, folder: str, specifier: str) -> str | None:
        return next((c for c in self._candidates(folder, specifier) if os.path.isfile(c)), None)

    def _root_globals(self) -> dict[str, Found]:
        """Names declared globally by the root declaration files (.d.ts): in `declare global`,
        or at the top of a script (a file without imports or exports)."""
        if self._globals is not None:
            return self._globals
        self._globals = {}
        for path in self._root_files:
            if not path.endswith(".d.ts"):
                continue  # a module's `declare global` is found through the imports above
            data = self._read(path)
            if data is None or not syntax.has_log_call(data) or not ripgrep_searches(data):
                continue
            if b"declare global" not in data and _MODULE_STATEMENT.search(data):
                continue  # a module without global declarations (the usual file): not parsed
            module = self.module(path, data)
            if module is None:
                continue
            self._import_targets.add(path)
            blocks = _global_blocks(module)
            if _is_script(module):
                blocks.append(module.root)
            for block in blocks:
                for name, nodes in module.declared_in(block).items():
                    self._globals.setdefault(name, Found(module, tuple(nodes)))
        return self._globals

    def member(self, found: Found, name: str) -> Found | None:
        """`ns.Name`: inside a namespace import or a `namespace` declaration."""
        if found.namespace:
            return self.exported(found.module, name)
        for node in found.nodes:
            if node.type in ("internal_module", "module"):
                body = node.child_by_field_name("body")
                declared = found.module.declared_in(body).get(name) if body is not None else None
                if declared:
                    return Found(found.module, tuple(declared))
        return None

    def resolve(self, importer: str, specifier: str) -> Module | None:
        for candidate in self._candidates(os.path.dirname(importer), specifier):
            if os.path.isfile(candidate):
                self._import_targets.add(candidate)
                return self.module(candidate)
        return None

    def _candidates(self, folder: str, specifier: str) -> list[str]:
        if specifier.startswith(("./", "../")) or specifier in (".", ".."):
            return _file_candidates(os.path.normpath(os.path.join(folder, specifier)))
        bases: list[str] = []
        settings = self.settings
        for pattern, targets in settings.paths:
            matched = _match_alias(pattern, specifier)
            if matched is not None and settings.paths_base is not None:
                bases.extend(
                    os.path.normpath(os.path.join(settings.paths_base, t.replace("*", matched, 1)))
                    for t in targets
                )
        if settings.base_url is not None:
            bases.append(os.path.normpath(os.path.join(settings.base_url, specifier)))
        return [c for base in bases for c in _file_candidates(base)]


def _global_blocks(module: Module) -> list[Node]:
    """The bodies of `declare global { ... }` at the top of a module."""
    blocks = []
    for statement in module.root.named_children:
        node = syntax.unwrap(statement)
        if node.type == "ambient_declaration" and any(c.type == "global" for c in node.children):
            body = next((c for c in node.named_children if c.type == "statement_block"), None)
            if body is not None:
                blocks.append(body)
    return blocks


def _is_script(module: Module) -> bool:
    interface = module.interface
    if interface.imports or interface.exports or interface.reexports or interface.star_exports:
        return False
    return not any(c.type == "export_statement" for c in module.root.named_children)


def _match_alias(pattern: str, specifier: str) -> str | None:
    if "*" not in pattern:
        return "" if pattern == specifier else None
    prefix, _, suffix = pattern.partition("*")
    fits = len(specifier) >= len(prefix) + len(suffix)
    if fits and specifier.startswith(prefix) and specifier.endswith(suffix):
        return specifier[len(prefix) : len(specifier) - len(suffix)]
    return None


def _file_candidates(base: str) -> list[str]:
    stem, extension = os.path.splitext(base)
    candidates = []
    if extension in _JS_TO_TS:
        candidates.extend(stem + ts for ts in _JS_TO_TS[extension])
    if extension in (".ts", ".tsx", ".mts", ".cts"):
        candidates.append(base)
    candidates.extend(base + ts for ts in _TS_EXTENSIONS)
    candidates.extend(os.path.join(base, "index" + ts) for ts in _TS_EXTENSIONS)
    return candidates


def _read_file(path: str) -> bytes | None:
    try:
        return read_regular(path, limit=SOURCE_LIMIT)
    except OSError:
        return None

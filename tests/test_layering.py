"""The import rules of docs/architecture.md ("Layers and the import direction"), checked."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cli" / "telemetry_inspector"
NAME = "telemetry_inspector"

# Which top-level parts of the package each part may import (errors and model modules: anyone).
ALLOWED = {
    "app": {"commands", "render"},
    "commands": {"actions", "settings", "catalog", "logs", "vscode", "jsonc", "render"},
    "actions": {"settings", "catalog", "logs", "vscode", "jsonc", "render"},
    "settings": {"vscode", "jsonc"},
    "catalog": {"vscode", "jsonc"},
    "logs": {"vscode", "jsonc", "catalog"},
    "vscode": set(),
    "jsonc": set(),
    "render": set(),
}
DOMAIN = {"settings", "catalog", "logs", "vscode", "jsonc"}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        yield path, parts


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


LEAVES = (["errors"], ["fileio"], ["positions"], ["records"], ["signals"], ["collector"])


def _is_model(part: str) -> bool:
    return part == "model" or part.endswith("_model")


def _is_leaf(name: str) -> bool:
    """The LEAVES and any model module (`model`, `*_model`) are leaves; `name` may
    end in a name imported from them."""
    parts = name.split(".")
    return parts[1:2] in LEAVES or any(map(_is_model, parts[2:])) or parts[1:] == []


def test_only_commands_import_actions():
    problems = [
        f"{path}: imports {name}"
        for path, parts in _modules()
        if parts[0] not in ("commands", "actions", "app")
        for name in _imports(path)
        if name.startswith(f"{NAME}.actions")
    ]
    assert problems == []


def test_every_module_imports_only_what_design_allows():
    problems = []
    for path, parts in _modules():
        if parts[0] in ("__init__", "__main__"):
            continue
        room = parts[0]
        for name in _imports(path):
            top = name.split(".")[0]
            if room in DOMAIN and top in ("typer", "rich", "click"):
                problems.append(f"{path.name}: domain module imports {name}")
            if room == "actions" and top in ("typer", "click"):
                problems.append(f"{path.name}: an action imports {name}; it returns an exit code")
            if top != NAME or _is_leaf(name) or len(name.split(".")) < 2:
                continue
            target = name.split(".")[1]
            if target == room:
                if room == "commands" and parts[1:2] != ["options"]:
                    other = name.split(".")[2:3]
                    if other and other != ["options"] and other != parts[1:2]:
                        problems.append(f"{path}: command module imports {name}")
                continue
            if target not in ALLOWED.get(room, set()) and target != "__version__":
                problems.append(f"{path}: {room} may not import {name}")
    assert problems == []


def test_leaves_import_only_leaves():
    """Anyone may import a leaf, so a leaf may not bring a room along with it."""
    problems = []
    for path, parts in _modules():
        if not (list(parts[:1]) in LEAVES or _is_model(parts[-1])):
            continue
        for name in _imports(path):
            if name.split(".")[0] == NAME and not _is_leaf(name):
                problems.append(f"{path}: a leaf imports {name}")
    assert problems == []


def test_jsonc_uses_the_standard_library_only():
    import sys

    for path in (PACKAGE / "jsonc").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top == NAME, (path, name)

"""The command module must stay cheap to import: typer and the standard library only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

COMMANDS = (
    Path(__file__).resolve().parents[2] / "cli" / "telemetry_inspector" / "commands" / "catalog.py"
)


def test_catalog_commands_import_only_typer_and_stdlib_at_module_level():
    tree = ast.parse(COMMANDS.read_text(encoding="utf-8"))
    top = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            top.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            top.add(node.module.split(".")[0])
    assert top <= {"__future__", "typer", "typing"} | set(sys.stdlib_module_names), top


def test_loading_the_cli_does_not_load_the_catalog_machinery():
    code = (
        "import sys, telemetry_inspector.app\n"
        "heavy = {'rich', 'msgspec', 'orjson', 'telemetry_inspector.catalog.installed'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

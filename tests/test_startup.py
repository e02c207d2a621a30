"""Start-up stays cheap: command modules import only what declaring their options needs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, clean_env

COMMANDS = ROOT / "cli" / "telemetry_inspector" / "commands"
LIGHT = {
    "telemetry_inspector.commands.options",
    "telemetry_inspector.actions.selection",  # its imports are inside its functions
    "telemetry_inspector.vscode.model",
}


def _top_level_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_command_modules_import_only_typer_stdlib_and_light_project_modules():
    allowed = {"__future__", "typer", "typing"} | set(sys.stdlib_module_names)
    for path in COMMANDS.glob("*.py"):
        heavy = {
            name
            for name in _top_level_imports(path)
            if name.split(".")[0] not in allowed and name not in LIGHT
        }
        assert heavy == set(), path.name


def test_loading_the_cli_loads_no_domain_machinery_and_no_rich():
    code = (
        "import sys, telemetry_inspector.app\n"
        "prefixes = ('rich', 'msgspec', 'orjson', 'telemetry_inspector.catalog',\n"
        "            'telemetry_inspector.settings', 'telemetry_inspector.logs',\n"
        "            'telemetry_inspector.jsonc', 'tree_sitter', 'watchfiles')\n"
        "print(sorted(m for m in sys.modules if m.startswith(prefixes)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_each_command_defines_only_the_records_it_makes(tmp_path: Path):
    """A frozen slotted dataclass costs about a millisecond to define: `status` does not define
    the records of audits, edits and lockdown, nor `audit` those of lockdown."""
    code = (
        "import sys\n"
        "from telemetry_inspector.app import main\n"
        "code = main(sys.argv[1:])\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.endswith('_model')),\n"
        "      file=sys.stderr)\n"
    )
    env = clean_env(tmp_path)
    loaded = {}
    for command in (["status", "--json"], ["audit", "--json"], ["set-level", "off", "--check"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *command], capture_output=True, text=True, env=env
        )
        loaded[command[0]] = done.stderr.strip().splitlines()[-1]
    assert loaded["status"] == "['switch_model']"
    assert loaded["audit"] == "['audit_model', 'extension_model', 'switch_model']"
    assert loaded["set-level"] == "['switch_model', 'write_model']"


def test_only_the_command_being_run_is_built():
    code = (
        "import sys, contextlib, io\n"
        "from telemetry_inspector.app import app, main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(sys.argv[1:])\n"
        "built = [info.name for info in app.registered_commands]\n"
        "prefix = 'telemetry_inspector.commands.'\n"
        "modules = sorted(m for m in sys.modules if m.startswith(prefix))\n"
        "print(code, built, modules)"
    )
    runs = {
        ("--version",): "0 [] []",
        ("status", "--help"): "0 ['status'] ['telemetry_inspector.commands.level', "
        "'telemetry_inspector.commands.options']",
    }
    for args, expected in runs.items():
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == expected
    every = subprocess.run(
        [sys.executable, "-c", code, "--help"], capture_output=True, text=True, check=True
    )
    assert every.stdout.split(" [")[1].count("'") == 22  # help lists all eleven

"""Start-up stays cheap: command modules import only what declaring their options needs."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

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


# Run in a fresh interpreter: the command, then what it loaded, which dataclasses it defined and
# which modules compiled a regular expression (the costs of start-up: a dataclass or a pattern is
# about a millisecond each, a module such as hashlib or tempfile a few).
_WATCHED_RUN = """
import collections, dataclasses, re, sys
defined = []
make_dataclass = dataclasses._process_class
def watched_process_class(cls, *args):
    defined.append(f"{cls.__module__}.{cls.__qualname__}")
    return make_dataclass(cls, *args)
dataclasses._process_class = watched_process_class
compiled = collections.Counter()
compile_pattern = re._compile
def watched_compile(pattern, flags):
    caller = sys._getframe(1)
    while caller.f_globals.get("__name__", "").startswith("re"):
        caller = caller.f_back
    compiled[caller.f_globals.get("__name__", "?")] += 1
    return compile_pattern(pattern, flags)
re._compile = watched_compile
from telemetry_inspector.app import app, main
code = main(sys.argv[1:])
built = app.registered_commands[0].callback if app.registered_commands else None
modules = sorted(sys.modules)  # before this report's own json
import json
print(json.dumps({
    "code": code,
    "modules": modules,
    "dataclasses": defined,
    "patterns": sorted(compiled),
    "string_annotations": [
        name for name, value in getattr(built, "__annotations__", {}).items()
        if isinstance(value, str)
    ],
}), file=sys.stderr)
"""


def _watched(tmp_path: Path, *command: str) -> dict:
    settings = tmp_path / "settings.json"
    settings.write_text('{\n    "editor.fontSize": 14\n}\n')
    options = ["--settings", str(settings), "--policy-file", str(tmp_path / "none.json")]
    done = subprocess.run(
        [sys.executable, "-c", _WATCHED_RUN, *command, *options],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, 1), done.stderr  # 1: `--check` finds the level to change
    return report


# Records, not dataclasses, which cost twenty times as much to define (docs/architecture.md,
# "Code conventions"); the JSONC parser's patterns are the only ones compiled besides one small one.
JSONC = "telemetry_inspector.jsonc."
# What neither command needs: a view (rich), the writers' and the OSes' modules.
NOT_NEEDED = {
    "rich",
    "hashlib",  # snapshots keep the bytes they compare
    "tempfile",  # only a write makes a temporary file
    "plistlib",  # macOS policies
    "getpass",
    "xml.parsers.expat",
    "telemetry_inspector.settings.backups",
    "telemetry_inspector.settings.lockdown_model",
    "telemetry_inspector.settings.audit_model",
}


@pytest.mark.parametrize(
    "command",
    [("status", "--json"), ("set-level", "off", "--dry-run"), ("set-level", "off", "--check")],
)
def test_status_and_set_level_load_only_what_their_work_needs(tmp_path: Path, command):
    report = _watched(tmp_path, *command)
    assert NOT_NEEDED & set(report["modules"]) == set()
    assert report["dataclasses"] == []
    patterns = [m for m in report["patterns"] if m.startswith("telemetry_inspector.")]
    # the JSONC parser's, and the settings reader's one small pattern; none in render/
    assert [m for m in patterns if not m.startswith(JSONC)] == [
        "telemetry_inspector.settings.values"
    ]
    assert report["string_annotations"] == []  # Typer evaluates each annotation once, not twelve


def test_set_level_dry_run_loads_no_json_encoder(tmp_path: Path):
    """Its output is a diff: orjson (some 9 million instructions to load) and json are for
    JSON output, a policy file and messages only."""
    modules = set(_watched(tmp_path, "set-level", "off", "--dry-run")["modules"])
    assert {"orjson", "json"} & modules == set()


def test_each_command_defines_only_the_records_it_makes(tmp_path: Path):
    """`status` does not load the records of switches, audits, edits and lockdown, nor `audit`
    those of lockdown, nor `set-level` those of audits."""
    loaded = {}
    for command in (["status", "--json"], ["audit", "--json"], ["set-level", "off", "--check"]):
        modules = _watched(tmp_path, *command)["modules"]
        loaded[command[0]] = sorted(m.rsplit(".", 1)[1] for m in modules if m.endswith("_model"))
    assert loaded["status"] == []
    assert loaded["audit"] == ["audit_model", "extension_model", "switch_model"]
    assert loaded["set-level"] == ["switch_model", "write_model"]


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

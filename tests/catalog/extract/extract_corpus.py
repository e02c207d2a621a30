"""The extract fixture corpus: one folder per case under cases/, each run by the reference tool
(@vscode/telemetry-extractor) to make its expected.json, and by our CLI in the tests.

A case folder holds the sources (in `src/` unless meta.json says otherwise) and an optional
meta.json:
    {"options": {"applyEndpoints": true, "eventPrefix": "p/", "lowerCaseEvents": true},
     "exclude": ["folder relative to the source folder"],
     "sources": ["app", "lib"],        several source folders (default ["src"])
     "root": ".",                      the case folder itself is the source folder
     "git": true,                      make the copy a git checkout (a .git folder)
     "config": "telemetry-config.json" run with the reference's --config instead}
Path segments starting with `dot.` become hidden (`dot.gitignore` -> `.gitignore`) in the copy,
so the repository's own git does not act on the fixtures' ignore files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parent / "cases"
REFERENCE = "@vscode/telemetry-extractor"
EXPECTED = "expected.json"
_NOT_COPIED = {EXPECTED, "meta.json"}


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    meta: dict[str, Any]

    @property
    def options(self) -> dict[str, Any]:
        return self.meta.get("options", {})


def all_cases() -> list[Case]:
    return [load_case(p.name) for p in sorted(CASES.iterdir()) if p.is_dir()]


def load_case(name: str) -> Case:
    folder = CASES / name
    meta_file = folder / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    return Case(name, folder, meta)


def materialize(case: Case, dest: Path) -> Path:
    """Copy the case to dest/<name> as the tools should see it; return that folder."""
    root = dest / case.name
    for source in sorted(case.folder.rglob("*")):
        relative = source.relative_to(case.folder)
        if relative.parts[0] in _NOT_COPIED or source.is_dir():
            continue
        target = root.joinpath(*(_hidden(part) for part in relative.parts))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if case.meta.get("git"):
        (root / ".git").mkdir(parents=True, exist_ok=True)
    return root


def _hidden(part: str) -> str:
    return "." + part[len("dot.") :] if part.startswith("dot.") else part


def source_dirs(case: Case, root: Path) -> list[Path]:
    if "sources" in case.meta:
        return [root / s for s in case.meta["sources"]]
    return [root / case.meta.get("root", "src")]


def working_dir(case: Case, root: Path) -> Path:
    """Where both tools run: the source folder (the reference resolves excluded folders against
    the folder it runs in), or the case folder for a config."""
    return root if "config" in case.meta else source_dirs(case, root)[0]


def our_arguments(case: Case, root: Path) -> list[str]:
    if "config" in case.meta:
        return ["extract", "--config", str(root / case.meta["config"])]
    args = ["extract", *map(str, source_dirs(case, root))]
    for excluded in case.meta.get("exclude", []):
        args += ["--exclude", excluded]
    options = case.options
    if options.get("eventPrefix"):
        args += ["--event-prefix", options["eventPrefix"]]
    if options.get("applyEndpoints"):
        args.append("--apply-endpoints")
    if options.get("lowerCaseEvents"):
        args.append("--lower-case-events")
    return args


def reference_arguments(case: Case, root: Path, out: Path) -> list[str]:
    if "config" in case.meta:
        return ["--config", str(root / case.meta["config"]), "--outputDir", str(out)]
    args: list[str] = []
    for folder in source_dirs(case, root):
        args += ["--sourceDir", str(folder)]
    for excluded in case.meta.get("exclude", []):
        args += ["--excludedDir", excluded]
    args += ["--outputDir", str(out)]
    options = case.options
    if options.get("eventPrefix"):
        args += ["--eventPrefix", options["eventPrefix"]]
    if options.get("applyEndpoints"):
        args.append("--applyEndpoints")
    if options.get("lowerCaseEvents"):
        args.append("--lowerCaseEvents")
    return args


def run_reference(case: Case, node_modules: Path, timeout: float = 300) -> dict[str, Any]:
    """Run the reference on a fresh copy of the case; its catalog (and the text it wrote), or
    how it failed."""
    extractor = node_modules / "@vscode" / "telemetry-extractor" / "out" / "extractor.js"
    with tempfile.TemporaryDirectory(prefix="extract-ref-") as scratch:
        base = Path(scratch)
        root = materialize(case, base / "case")
        out = base / "out"
        done = subprocess.run(
            ["node", str(extractor), *reference_arguments(case, root, out)],
            cwd=working_dir(case, root),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        written = sorted(out.glob("*.json")) if out.is_dir() else []
        text = written[0].read_text(encoding="utf-8") if written else None
        catalog = json.loads(text) if text is not None else None
        stderr = done.stderr.replace(str(root), "<case>").replace(
            str(node_modules), "<node_modules>"
        )
    if catalog is not None:
        catalog.pop("tableInfos", None)  # only the config mode writes it (always empty here)
    return {
        "exitCode": done.returncode,
        "catalog": catalog if done.returncode == 0 else None,
        "stderr": _first_lines(stderr),
        "text": text if done.returncode == 0 else None,
    }


def _first_lines(text: str, count: int = 12) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return [line for line in lines if not line.lstrip().startswith("at ")][:count]


def load_expected(case: Case) -> dict[str, Any]:
    return json.loads((case.folder / EXPECTED).read_text(encoding="utf-8"))

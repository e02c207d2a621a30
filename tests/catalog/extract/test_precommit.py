"""The repository's pre-commit hook, run by the real pre-commit in a throwaway extension repo.

pre-commit installs the hook from a git repository at a commit: a throwaway copy of this
project (as it is now, committed) serves as that repository.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, clean_env, run_cli

_EXTENSION = """import { TelemetryReporter } from './reporter';

export function activate(reporter: TelemetryReporter) {
\t/* __GDPR__
\t\t"wordcount/activated" : {
\t\t\t"owner": "word-count-team",
\t\t\t"comment": "The extension started.",
\t\t\t"mode": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
\t\t}
\t*/
\treporter.sendTelemetryEvent('wordcount/activated', { mode: 'full' });
}
"""


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _hook_repository(dest: Path) -> str:
    """This project's installable files committed in a new repository; returns the commit."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copyfile(ROOT / name, dest / name)
    shutil.copytree(ROOT / "cli", dest / "cli", ignore=shutil.ignore_patterns("__pycache__"))
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "hook")
    return _git(dest, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def extension_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("precommit")
    commit = _hook_repository(base / "hook")
    repo = base / "extension"
    (repo / "src").mkdir(parents=True)
    (repo / "src" / "extension.ts").write_text(_EXTENSION, encoding="utf-8")
    config = (
        f"repos:\n  - repo: {base / 'hook'}\n    rev: {commit}\n"
        "    hooks:\n      - id: telemetry-catalog\n"
    )
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = clean_env(base / "home", PRE_COMMIT_HOME=str(base / "cache"))
    written = run_cli("extract", "src", "-o", "telemetry.json", env=env, cwd=repo)
    assert written.code == 0, written.err
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "extension")
    return repo, env


def _pre_commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,  # the first run builds the hook's environment (pip install)
    )


def test_the_hook_passes_while_telemetry_json_matches_and_stops_a_drift(extension_repo):
    repo, env = extension_repo
    passed = _pre_commit(repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "telemetry.json matches the source" in passed.stdout
    assert "Passed" in passed.stdout

    source = repo / "src" / "extension.ts"
    source.write_text(
        _EXTENSION.replace('"SystemMetaData"', '"CallstackOrException"'), encoding="utf-8"
    )
    _git(repo, "add", "-A")
    before = (repo / "telemetry.json").read_bytes()
    failed = _pre_commit(repo, env)
    assert failed.returncode == 1
    assert "Failed" in failed.stdout
    assert "telemetry.json differs from what the sources declare" in failed.stdout
    assert (
        "~ wordcount/activated: property mode classification "
        "'SystemMetaData' -> 'CallstackOrException'"
    ) in failed.stdout
    assert (repo / "telemetry.json").read_bytes() == before  # the check wrote nothing
    assert json.loads(before)["events"]["wordcount/activated"]["mode"]["classification"] == (
        "SystemMetaData"
    )

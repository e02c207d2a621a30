"""examples/extension-src: every declaration form and one broken declaration."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.conftest import EXAMPLES, run_cli

SOURCE = EXAMPLES / "extension-src"
OPTIONS = ("--event-prefix", "example.word-count/", "--apply-endpoints")


def test_prints_the_catalog_and_one_located_error(env):
    run = run_cli("extract", str(SOURCE), *OPTIONS, env=env, cwd=EXAMPLES.parent)
    assert run.code == 1
    errors = [line for line in run.err.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: examples/extension-src/src/legacy/migration.ts:8:3: malformed __GDPR__ comment: "
        "expecting property name enclosed in double quotes"
    ]
    events = json.loads(run.out)["events"]
    assert sorted(events) == [
        "example.word-count/activated",
        "example.word-count/countFailed",
        "example.word-count/documentCounted",
        "example.word-count/formatSelection",
        "example.word-count/panelShown",
    ]


def test_without_the_broken_file_it_is_the_references_catalog(tmp_path, env, node_tools):
    copy = tmp_path / "extension-src"
    shutil.copytree(SOURCE, copy)
    (copy / "src" / "legacy" / "migration.ts").unlink()
    extractor = node_tools / "@vscode" / "telemetry-extractor" / "out" / "extractor.js"
    reference_args = ["--sourceDir", str(copy), "--outputDir", str(tmp_path / "out")]
    reference_args += ["--eventPrefix", "example.word-count/", "--applyEndpoints"]
    subprocess.run(
        ["node", str(extractor), *reference_args], cwd=copy, check=True, capture_output=True
    )
    written = json.loads((tmp_path / "out" / "declarations-resolved.json").read_text())
    run = run_cli("extract", str(copy), *OPTIONS, env=env)
    assert (run.code, run.err) == (0, "")
    assert json.loads(run.out) == written

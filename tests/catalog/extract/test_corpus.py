"""Every corpus case through our CLI, compared with what the reference tool wrote for it
(tests/catalog/extract/cases/*/expected.json, made by generate.py), and, when node and the npm
reference tools are available, with a fresh run of the reference."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from extract_corpus import (
    Case,
    all_cases,
    load_expected,
    materialize,
    our_arguments,
    run_reference,
    working_dir,
)

from tests.conftest import Run, clean_env, node_modules, run_cli

CASES = all_cases()
MATCHED = [c for c in CASES if load_expected(c)["catalog"] is not None]
# Where the reference crashes on valid declarations, we give what they declare (see below).
CRASHES = {"inline-adjacent"}
FAILED = [c for c in CASES if load_expected(c)["catalog"] is None and c.name not in CRASHES]


def run_case(case: Case, tmp: Path, env: dict[str, str], *extra: str) -> Run:
    root = materialize(case, tmp)
    return run_cli(*our_arguments(case, root), *extra, env=env, cwd=working_dir(case, root))


def test_the_corpus_has_cases_of_both_kinds():
    assert len(MATCHED) >= 25
    assert {c.name for c in FAILED} >= {"error-malformed", "error-names", "error-conflicts"}


@pytest.fixture(scope="module")
def our_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Our CLI on every case, once (two at a time)."""
    home = tmp_path_factory.mktemp("home")
    env = clean_env(home)

    def run(case: Case) -> tuple[str, Run]:
        return case.name, run_case(case, tmp_path_factory.mktemp(case.name), env)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, CASES))


@pytest.mark.parametrize("case", MATCHED, ids=lambda c: c.name)
def test_catalog_is_the_references(case: Case, our_runs: dict[str, Run]):
    run = our_runs[case.name]
    assert "Traceback" not in run.err
    assert json.loads(run.out) == load_expected(case)["catalog"], run.err


@pytest.mark.parametrize("case", FAILED, ids=lambda c: c.name)
def test_where_the_reference_fails_we_report_and_keep_the_rest(
    case: Case, our_runs: dict[str, Run]
):
    run = our_runs[case.name]
    assert run.code == 1
    assert "Traceback" not in run.err
    catalog = json.loads(run.out)
    assert set(catalog) == {"commonProperties", "events"}
    assert catalog["events"], "the valid declarations are kept"
    assert any(line.startswith("error: ") for line in run.err.splitlines())


def test_adjacent_inlines_the_reference_crashes_on_are_resolved(our_runs: dict[str, Run]):
    case = next(c for c in CASES if c.name == "inline-adjacent")
    assert "Cannot read properties of undefined" in " ".join(load_expected(case)["stderr"])
    run = our_runs[case.name]
    assert (run.code, run.err) == (0, "")
    event = json.loads(run.out)["events"]["cursor/dragged"]
    assert sorted(event) == ["comment", "from.x", "from.y", "owner", "to.x", "to.y"]


def test_parallel_workers_give_the_same_catalog(tmp_path: Path, env: dict[str, str]):
    case = next(c for c in CASES if c.name == "typed-imports")
    run = run_case(case, tmp_path, env, "--jobs", "2")
    assert run.code == 0, run.err
    assert json.loads(run.out) == load_expected(case)["catalog"]


@pytest.fixture(scope="module")
def reference_runs() -> dict[str, dict]:
    folder = node_modules()
    if folder is None:
        pytest.skip("node and TELEMETRY_NODE_MODULES (the npm reference tools) are not available")
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda case: (case.name, run_reference(case, folder)), CASES)
        return dict(results)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_reference_still_gives_the_stored_result(case: Case, reference_runs: dict[str, dict]):
    """The stored expectations are what the installed reference produces today."""
    fresh = reference_runs[case.name]
    stored = load_expected(case)
    assert fresh["catalog"] == stored["catalog"]
    assert (fresh["exitCode"] == 0) == (stored["exitCode"] == 0)


@pytest.mark.parametrize("case", MATCHED, ids=lambda c: c.name)
def test_differential_against_a_fresh_reference_run(
    case: Case, reference_runs: dict[str, dict], our_runs: dict[str, Run]
):
    assert json.loads(our_runs[case.name].out) == reference_runs[case.name]["catalog"]


@pytest.mark.parametrize(
    "case", [c for c in MATCHED if "config" not in c.meta], ids=lambda c: c.name
)
def test_catalog_bytes_are_the_references(case: Case, reference_runs: dict[str, dict], our_runs):
    """Byte for byte: number spelling (1e-7, 10000000000000000, null for 1e400) and string
    escapes are lost when both sides are parsed; config runs add tableInfos, so not those."""
    assert our_runs[case.name].out == reference_runs[case.name]["text"] + "\n"


def test_numbers_that_javascript_holds_equal_do_not_conflict(our_runs: dict[str, Run]):
    """1.0 and 1, 9007199254740993 and 9007199254740992 are one number each in JavaScript."""
    run = our_runs["comment-numbers"]
    assert (run.code, run.err) == (0, "")

"""Hostile nesting in the files set-level, lockdown and status read (issue 11, item 6, and the
100k-deep policy file): refused in one line at the line and column where the limit is passed,
quickly and in bounded memory, with nothing written."""

from __future__ import annotations

import resource

import pytest

from telemetry_inspector.jsonc.scanner import MAX_DEPTH
from tests.conftest import assert_one_line_error
from tests.settings.worlds import argv_of, files_under, settings_of, write


def _deep(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def _peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


@pytest.mark.parametrize("depth", [16_000, 100_000])
@pytest.mark.parametrize("dry_run", [False, True])
def test_set_level_refuses_a_settings_file_nested_too_deep(cli, home, depth, dry_run):
    settings = write(settings_of(home), _deep(depth))
    before = files_under(home)
    run = cli("set-level", "off", *(["--dry-run"] if dry_run else []), timeout=60)
    assert_one_line_error(run, f"{settings}:1:{5 * MAX_DEPTH + 1}:", f"deeper than {MAX_DEPTH}")
    assert files_under(home) == before
    assert _peak_child_mb() < 400  # once 3 GB


def test_lockdown_dry_run_refuses_a_deep_argv(cli, home):
    write(settings_of(home), "{}")
    argv = write(argv_of(home), _deep(40_000))  # 200 KB: once 24 GB
    run = cli("lockdown", "--dry-run", timeout=60)
    assert_one_line_error(run, str(argv), f"deeper than {MAX_DEPTH}")
    assert _peak_child_mb() < 400


def test_a_deep_policy_file_is_named_not_a_recursion_error(cli, home, tmp_path):
    write(settings_of(home), "{}")
    policy = write(tmp_path / "policy.json", _deep(100_000))
    status = cli("status", "--json", "--policy-file", str(policy))
    assert "Traceback" not in status.err and "unexpected" not in status.err
    assert f"{policy}:1:{5 * MAX_DEPTH + 1}: nested deeper" in status.err
    run = cli("lockdown", "--policy", "--policy-file", str(policy))
    assert run.code == 1 and "RecursionError" not in run.err
    assert f"{policy}:1:{5 * MAX_DEPTH + 1}: nested deeper" in run.err
    assert policy.read_text() == _deep(100_000)


def test_a_deep_one_line_file_within_the_limit_grows_by_the_edit_alone(cli, home):
    inner = ",".join(f'"k{i}":{i}' for i in range(8_000))
    text = '{"x":' + '{"a":' * 200 + "{" + inner + "}" + "}" * 200 + "}"
    settings = write(settings_of(home), text)
    run = cli("set-level", "off")
    assert run.code == 0, run
    assert 0 < settings.stat().st_size - len(text) < 100  # VS Code's layout: +1.6 MB


@pytest.mark.parametrize("pad", [10, 70_000], ids=["small", "large"])
def test_set_level_refuses_one_level_too_deep_in_a_file_of_any_size(cli, home, pad):
    # A large file's values are checked whole, two levels at once: the limit holds there too.
    nested = '{"x":' * (MAX_DEPTH - 2) + '{"a": {"b": 1}}' + "}" * (MAX_DEPTH - 2)
    settings = write(settings_of(home), '{"pad": "' + "p" * pad + '", "deep": ' + nested + "}")
    before = files_under(home)
    run = cli("set-level", "off")
    assert_one_line_error(run, str(settings), f"deeper than {MAX_DEPTH}")
    assert files_under(home) == before

"""Hostile nesting and one-line files for the JSONC core (issue 11, item 6): the parser stops at
MAX_DEPTH, at once and without recursion, and an edit's formatting never grows the file far beyond
the edit."""

from __future__ import annotations

import time

import pytest

from telemetry_inspector.jsonc import fast
from telemetry_inspector.jsonc.edit import FORMAT_GROWTH, Formatting, set_property
from telemetry_inspector.jsonc.parser import forget_documents, nesting_issue, parse, parse_exactly
from telemetry_inspector.jsonc.scanner import MAX_DEPTH

TABS = Formatting(insert_spaces=False, tab_size=4, eol="\n")


def _deep_one_line(depth: int, members: int) -> str:
    inner = ",".join(f'"k{i}":{i}' for i in range(members))
    return '{"x":' + '{"a":' * depth + "{" + inner + "}" + "}" * depth + "}"


def _best_of_three(text: str) -> float:
    """The fastest of three parses: a busy machine slows single runs, never the best one much."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        parse(text)
        times.append(time.perf_counter() - started)
    return min(times)


def test_depth_past_the_limit_costs_no_more_than_the_limit():
    at_twice = _best_of_three('{"a":' * MAX_DEPTH * 2 + "1")
    at_huge = _best_of_three('{"a":' * 400_000 + "1")  # 2 MB: once it took gigabytes
    assert at_huge < 50 * max(at_twice, 0.001)  # stops at the limit: not growing with the text
    assert nesting_issue('{"a":' * 400_000).offset == 5 * MAX_DEPTH


def test_a_deep_minified_file_grows_by_the_edit_alone():
    text = _deep_one_line(MAX_DEPTH - 2, 20_000)  # VS Code's layout: ~5 MB of indentation
    edited = set_property(text, ["telemetry.telemetryLevel"], "off", TABS)
    assert len(edited) - len(text) < 100
    assert '"telemetry.telemetryLevel": "off"' in edited
    assert not parse(edited).issues


def test_a_small_minified_file_is_still_laid_out_as_vscode_does():
    text = '{"a":{"b":1},"c":[1,2]}'
    edited = set_property(text, ["d"], True, TABS)
    assert edited == '{\n\t"a": {\n\t\t"b": 1\n\t},\n\t"c": [\n\t\t1,\n\t\t2\n\t],\n\t"d": true\n}'
    assert FORMAT_GROWTH >= 30 * 1024


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2])
def test_a_large_file_is_refused_at_the_same_depth_as_a_small_one(depth):
    # A large file's walk checks a nested value whole (fast.SHALLOW_FROM), two levels at once:
    # near the limit those levels must be counted too.
    nested = '{"x":' * (depth - 3) + '{"a": {"b": 1}}' + "}" * (depth - 3)
    text = '{"pad": "' + "p" * fast.SHALLOW_FROM + '", "deep": ' + nested + "}"
    forget_documents()
    issues = [issue.kind for issue in parse(text).issues]
    assert issues == [issue.kind for issue in parse_exactly(text).issues]
    assert issues == (["NestingTooDeep"] if depth > MAX_DEPTH else [])

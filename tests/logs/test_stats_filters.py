"""stats takes tail's filters; both take --since/--until (ISO times, or a time ago)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta

import pytest

from tests.conftest import assert_one_line_error

from .helpers import EXAMPLE_SESSION


def _events(cli, *args) -> list[dict]:
    run = cli("tail", "--no-follow", "--json", str(EXAMPLE_SESSION), *args)
    assert run.code == 0, run.err
    return [json.loads(line) for line in run.out.splitlines()]


def _counts(cli, *args) -> dict[str, int]:
    run = cli("stats", "--json", str(EXAMPLE_SESSION), *args)
    assert run.code == 0, run.err
    return {item["event"]: item["count"] for item in json.loads(run.out)["by_event"]}


@pytest.mark.parametrize(
    "args",
    [
        ("--event", "ms-python.python/*"),
        ("--exclude", "*Opened", "--exclude", "workbench*"),
        ("--source", "core"),
        ("--source", "extension", "--source", "ms-vscode.js-debug"),
        ("--where", "common.platform=Linux"),
    ],
)
def test_stats_filters_as_tail_does(cli, args):
    everything = _counts(cli)
    kept = Counter(event["event"] for event in _events(cli, *args))
    assert 0 < sum(kept.values()) < sum(everything.values())
    assert _counts(cli, *args) == dict(kept)


def test_since_and_until_keep_the_events_logged_between(cli):
    times = sorted(event["time"] for event in _events(cli))
    middle = times[len(times) // 2]
    since = _events(cli, "--since", middle)
    assert sorted(e["time"] for e in since) == [t for t in times if t >= middle]
    until = _events(cli, "--until", middle)
    assert sorted(e["time"] for e in until) == [t for t in times if t <= middle]
    assert sum(_counts(cli, "--since", middle).values()) == len(since)
    minute = middle[:16]  # 2026-03-30T09:57: from the start of that minute
    assert all(e["time"] >= minute for e in _events(cli, "--since", minute))


def test_a_time_ago_counts_back_from_now(cli):
    times = sorted(event["time"] for event in _events(cli))
    first = datetime.fromisoformat(times[0])
    days = (datetime.now() - first).days + 2  # reaches back before the first event
    assert len(_events(cli, "--since", f"{days}d")) == len(times)
    assert _events(cli, "--since", "1s") == []
    assert len(_events(cli, "--until", "1h")) == len(times)
    week_later = (first + timedelta(weeks=1)).isoformat()
    assert len(_events(cli, "--until", week_later)) == len(times)


def test_a_time_with_a_zone_is_read_as_local_time(cli):
    times = sorted(event["time"] for event in _events(cli))
    local = datetime.fromisoformat(times[-1]).astimezone()  # the last event, zone attached
    assert len(_events(cli, "--since", local.isoformat())) == 1


@pytest.mark.parametrize("command", ["tail", "stats"])
def test_a_bad_time_is_a_usage_error(cli, command):
    run = cli(command, "--no-follow" if command == "tail" else "--json", "--since", "yesterday")
    assert_one_line_error(run, "--since 'yesterday'", "2h")
    assert run.code == 2

"""`stats --json` per minute and per event's classifications (what the stats page draws)."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise

from telemetry_inspector.render.html.stats import MAX_BARS, timeline

from .helpers import CATALOG, EXAMPLE_SESSION, event_line
from .test_tail_cli import MULTI_LINE, expected_events, session_files


def stats(cli, *args) -> dict:
    run = cli("stats", "--json", *args)
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_events_are_counted_per_minute_in_order(cli):
    got = stats(cli, str(EXAMPLE_SESSION))
    times = [item[0] for item in expected_events(*session_files())] + [MULTI_LINE[0]]
    expected = Counter(time[:16] for time in times)
    assert got["by_minute"] == [
        {"minute": minute, "count": count} for minute, count in sorted(expected.items())
    ]
    assert sum(entry["count"] for entry in got["by_minute"]) == got["events"]


def test_each_events_classifications_add_up_to_the_totals(cli):
    got = stats(cli, "--catalog", str(CATALOG), str(EXAMPLE_SESSION))
    summed: Counter[str] = Counter()
    for item in got["by_event"]:
        summed.update(item["classifications"])
    totals = {c["classification"]: c["properties"] for c in got["by_classification"]}
    assert dict(summed) == totals
    without = stats(cli, "--no-catalog", str(EXAMPLE_SESSION))
    assert all("classifications" not in item for item in without["by_event"])


def test_a_long_quiet_span_keeps_its_gaps_and_a_bounded_number_of_bars(tmp_path, cli):
    log = tmp_path / "telemetry.log"
    days = ["2026-03-01", "2026-03-02", "2026-03-09"]
    lines = [
        event_line(f"{day} 10:{minute:02d}:00.000", "telemetry/tick", {})
        for day in days
        for minute in range(0, 60, 7)
    ]
    log.write_text("".join(lines), encoding="utf-8")
    got = stats(cli, str(log))
    drawn = timeline(got["by_minute"])
    assert drawn is not None
    assert drawn.step > 1 and len(drawn.bars) <= MAX_BARS
    assert sum(int(bar.label.rsplit(": ", 1)[1].split()[0]) for bar in drawn.bars) == len(lines)
    xs = [bar.x for bar in drawn.bars]
    assert xs == sorted(xs)
    # a week of silence between the 2nd and the 9th stays a gap as wide as the time
    widest = max(later - earlier for earlier, later in pairwise(xs))
    assert widest > 0.8 * (xs[-1] - xs[0])

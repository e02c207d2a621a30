"""Log statistics as a web page: counts per event, source and classification, and a timeline of
events per minute drawn as inline SVG. Reads the record `telemetry stats --json` prints."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from telemetry_inspector import __version__
from telemetry_inspector.logs.model import PERSONAL
from telemetry_inspector.records import record
from telemetry_inspector.render.html import page

WIDTH, HEIGHT = 1000, 180
LEFT, BOTTOM, TOP = 48, 22, 10
MAX_BARS = 1500  # beyond this many minutes, bars stand for several minutes each (page weight)


@record
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@record
class Timeline:
    bars: list[Bar]
    step: int  # minutes per bar
    peak: int
    first: str
    last: str


def timeline(minutes: list[dict[str, Any]]) -> Timeline | None:
    """Bars placed by time (a quiet stretch stays a gap), scaled to the busiest bar."""
    counts: dict[datetime, int] = {}
    for entry in minutes:
        try:
            counts[datetime.fromisoformat(entry["minute"])] = int(entry["count"])
        except (KeyError, TypeError, ValueError):
            continue  # not a minute: nothing to place
    if not counts:
        return None
    start, end = min(counts), max(counts)
    span = int((end - start).total_seconds() // 60) + 1
    step = max(1, -(-span // MAX_BARS))
    buckets: dict[int, int] = {}
    for when, count in counts.items():
        slot = int((when - start).total_seconds() // 60) // step
        buckets[slot] = buckets.get(slot, 0) + count
    slots = -(-span // step)
    peak = max(buckets.values())
    plot_width, plot_height = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    width = plot_width / slots
    bars = []
    for slot, count in sorted(buckets.items()):
        height = max(1.0, plot_height * count / peak)
        when = start + timedelta(minutes=slot * step)
        label = f"{when:%Y-%m-%d %H:%M}" + (f" (+{step} min)" if step > 1 else "")
        bars.append(
            Bar(
                x=round(LEFT + slot * width, 2),
                y=round(TOP + plot_height - height, 2),
                width=round(max(width * 0.9, 0.8), 2),
                height=round(height, 2),
                label=f"{label}: {count} events",
            )
        )
    return Timeline(bars, step, peak, f"{start:%Y-%m-%d %H:%M}", f"{end:%Y-%m-%d %H:%M}")


def stats_page(record: dict[str, Any]) -> str:
    classes = record.get("by_classification")
    personal_values = sum(
        item["properties"] for item in classes or () if item["classification"] in PERSONAL
    )
    return page.render(
        "stats.html.j2",
        scripts=("filter.js",),
        styles=("page.css",),
        title="VS Code telemetry: what the logs hold",
        version=__version__,
        stats=record,
        personal=PERSONAL,
        personal_values=personal_values if classes is not None else None,
        sources=sorted({item["source"] for item in record["by_event"]}),
        timeline=timeline(record.get("by_minute", [])),
        chart={"width": WIDTH, "height": HEIGHT, "left": LEFT, "bottom": BOTTOM, "top": TOP},
        placeholder="event, source, classification…",
    )

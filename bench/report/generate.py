"""Write a large, realistic set of catalog files: an app root and an extensions folder.

Deterministic (seeded), so every run of the benchmark merges the same bytes.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from telemetry_inspector.catalog.model import CLASSIFICATIONS, PURPOSES

WORDS = [
    "editor",
    "open",
    "close",
    "save",
    "file",
    "folder",
    "workspace",
    "terminal",
    "debug",
    "session",
    "extension",
    "view",
    "panel",
    "command",
    "palette",
    "search",
    "replace",
    "git",
    "commit",
    "branch",
    "remote",
    "sync",
    "settings",
    "keybinding",
    "theme",
    "language",
    "server",
    "diagnostics",
    "completion",
    "hover",
    "rename",
    "format",
    "notebook",
    "cell",
    "kernel",
    "output",
]


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _property(rng: random.Random) -> dict:
    prop = {
        "classification": rng.choice(CLASSIFICATIONS),
        "comment": f'The {_words(rng, 6)} ("{rng.choice(WORDS)}") — {_words(rng, 4)}.',
        "endPoint": "none",
        "purpose": rng.choice(PURPOSES),
    }
    if rng.random() < 0.25:
        prop["isMeasurement"] = True
    if rng.random() < 0.1:
        prop["owner"] = rng.choice(WORDS)
    return dict(sorted(prop.items()))


def _event(rng: random.Random) -> dict:
    event = {"comment": f"Sent when {_words(rng, 10)}.", "owner": rng.choice(WORDS)}
    for _ in range(rng.randint(2, 12)):
        event[f"{rng.choice(WORDS)}.{rng.choice(WORDS)}{rng.randint(0, 99)}"] = _property(rng)
    if rng.random() < 0.05:
        event["${wildcard}"] = [
            {
                "${prefix}": "timer.",
                "${classification}": {
                    "classification": "SystemMetaData",
                    "purpose": "PerformanceAndHealth",
                },
            }
        ]
    return dict(sorted(event.items()))


def catalog(rng: random.Random, events: int) -> dict:
    common = {f"common.{w}{i}": _property(rng) for i, w in enumerate(WORDS[:30])}
    named = {f"{rng.choice(WORDS)}/{rng.choice(WORDS)}{i}": _event(rng) for i in range(events)}
    return {"commonProperties": dict(sorted(common.items())), "events": dict(sorted(named.items()))}


def write(
    root: Path, *, extensions: int = 300, core_events: int = 5000, seed: int = 7
) -> tuple[Path, Path]:
    """Write <root>/app (core files) and <root>/extensions; return both paths."""
    rng = random.Random(seed)
    app = root / "app"
    ext_dir = root / "extensions"
    app.mkdir(parents=True, exist_ok=True)
    ext_dir.mkdir(parents=True, exist_ok=True)
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    (app / "telemetry-core.json").write_text(json.dumps(catalog(rng, core_events), **compact))
    (app / "telemetry-extensions.json").write_text(
        json.dumps(catalog(rng, core_events // 3), **compact)
    )
    for index in range(extensions):
        folder = (
            ext_dir
            / f"{rng.choice(WORDS)}-pub.{rng.choice(WORDS)}-{index}-1.{index % 7}.{index % 13}"
        )
        folder.mkdir(exist_ok=True)
        (folder / "package.json").write_text(json.dumps({"name": folder.name, "version": "1.0.0"}))
        if index % 5:
            (folder / "telemetry.json").write_text(json.dumps(catalog(rng, 20), **compact))
    return app, ext_dir

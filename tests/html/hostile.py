"""Catalogs and logs written by someone who wants their strings to run in a reviewer's browser.

Every payload that would run sets `window.__pwned`; the page tests check it stays undefined and
that each payload is on the page as the text it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.catalog.helpers import add_extension, catalog, make_install, prop, write
from tests.logs.helpers import event_line

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror="window.__pwned=2">'
CLOSE = "</script><script>window.__pwned=3</script><!--"
LINK = "javascript:window.__pwned=4"
ATTRIBUTE = "' onmouseover='window.__pwned=5' x='"
TEMPLATE = "{{ 7*7 }}{% raw %}"
SEPARATORS = "line\u2028separator\u2029paragraph"
BIDI = "admin\u202etxt.exe\u2066"  # shows as "adminexe.txt" unless the override is spelled
LONE = "lone\ud800surrogate"  # valid JSON ("\ud800"), not writable as UTF-8

PAYLOADS = (SCRIPT, IMG, CLOSE, LINK, ATTRIBUTE, TEMPLATE, SEPARATORS)


def hostile_property(classification: str = "PublicPersonalData") -> dict[str, Any]:
    return prop(classification, "FeatureInsight", comment=SCRIPT + IMG, endPoint=LINK)


def hostile_catalog() -> dict[str, Any]:
    events: dict[str, Any] = {
        f"evil{index}/{payload}": {
            "owner": IMG,
            "comment": f"{payload} {CLOSE} {BIDI}",
            payload: hostile_property(),
            "plain": prop(),
        }
        for index, payload in enumerate(PAYLOADS)
    }
    events["evil/bidi"] = {"owner": BIDI, "comment": BIDI, BIDI: hostile_property(TEMPLATE)}
    events[f"evil/{LONE}"] = {"owner": LONE, "comment": LONE, LONE: prop(LONE, comment=LONE)}
    return catalog(events, common={ATTRIBUTE: hostile_property()})


def hostile_install(root: Path) -> tuple[Path, Path]:
    """An installation whose core catalog, extension folder name and extension catalog all carry
    payloads; returns (app root, extensions folder)."""
    app = make_install(root / "install", core=hostile_catalog())
    extensions = root / "extensions"
    add_extension(extensions, "evil.<img src=x onerror=window.__pwned=6>-1.0.0", hostile_catalog())
    return app, extensions


def hostile_reports(root: Path) -> tuple[Path, Path]:
    """Two saved reports: the newer adds, removes and reclassifies hostile things."""
    old = {"vscode-core": catalog({f"gone/{SCRIPT}": {"x": prop()}, IMG: {BIDI: prop()}})}
    new = {
        "vscode-core": catalog(
            {IMG: {BIDI: prop("EndUserPseudonymizedInformation")}, **hostile_catalog()["events"]}
        ),
        f"evil.{CLOSE}-1.0.0": hostile_catalog(),
    }
    return write(root / "old.json", old), write(root / "new.json", new)


def hostile_log(path: Path) -> Path:
    """A telemetry log whose event names, property names and values are payloads."""
    lines = [
        event_line(
            f"2026-03-30 10:0{index % 3}:0{index}.000",
            f"telemetry/{payload}",
            {payload: BIDI, "plain": payload},
        )
        for index, payload in enumerate(PAYLOADS)
    ]
    lines.append(event_line("2026-03-30 10:02:09.000", f"evil.ext/{BIDI}", {BIDI: IMG}))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")
    return path

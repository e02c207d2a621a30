"""Generated telemetry.log lines for bench/tail/run.py (deterministic for a seed).

Core events (2022+ format) with VS Code's common properties, some extension events, an endpoint
event now and then: the mix and line sizes of a busy session.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import datetime, timedelta

CORE_EVENTS = (
    "editorOpened",
    "workbenchActionExecuted",
    "extensionActivationTimes",
    "fileGet",
    "settingsEditor.searchResults",
    "startupTimeVaried",
    "views.gettingStarted",
    "notification:show",
)
EXTENSION_EVENTS = (
    "ms-python.python/LANGUAGE_SERVER",
    "git/git.command",
    "vscode.github/pr.opened",
)


def _common(rng: random.Random, sequence: int, session: str) -> dict[str, str]:
    return {
        "common.machineId": "9f2c" + "ab" * 30,
        "common.sqmId": "",
        "common.devDeviceId": "5c7f1b3e-2a61-4c1e-9d0a-7e1c0b9d3f42",
        "sessionID": session,
        "commitHash": "c3a26841a84f20dfe0850d0a5a9bd01da4f003ea",
        "version": "1.130.0",
        "common.platformversion": "6.8.0-45-generic",
        "common.platform": "Linux",
        "common.nodeArch": "x64",
        "common.product": "desktop",
        "common.firstSessionDate": "Mon, 02 Mar 2026 08:12:44 GMT",
        "common.lastSessionDate": "Sun, 29 Mar 2026 17:03:10 GMT",
        "common.isNewSession": "0",
        "common.remoteAuthority": "none",
        "common.sequence": str(sequence),
        "common.timesincesessionstart": str(rng.randint(1000, 9_000_000)),
    }


def line(rng: random.Random, index: int, when: datetime, session: str, small: bool = False) -> str:
    """One log line: mostly core events, some extension and endpoint events. small: about 300
    bytes (a few properties, no common ones), else about 840 (VS Code's common properties)."""
    stamp = when.strftime("%Y-%m-%d %H:%M:%S.") + f"{when.microsecond // 1000:03d}"
    pick = rng.random()
    properties = _common(rng, index, session)
    if small:
        properties = {"common.sequence": properties["common.sequence"], "sessionID": session}
    measurements = {"duration": rng.randint(0, 5000), "count": rng.randint(0, 40)}
    if pick < 0.85:
        name = "telemetry/" + CORE_EVENTS[index % len(CORE_EVENTS)]
        properties["id"] = f"workbench.action.cmd{rng.randint(0, 300)}"
        properties["from"] = rng.choice(("keybinding", "menu", "commandPalette"))
    elif pick < 0.97:
        name = EXTENSION_EVENTS[index % len(EXTENSION_EVENTS)]
        properties["common.extname"] = name.split("/")[0]
        properties["common.extversion"] = "2026.4.0"
    else:
        name = "[ms-vscode.js-debug] telemetry/launch"
        properties["type"] = "pwa-node"
    payload = json.dumps(
        {"properties": properties, "measurements": measurements}, separators=(",", ":")
    )
    return f"{stamp} [trace] {name} {payload}\n"


def write_log(path: str, count: int, *, seed: int = 7, small: bool = False) -> None:
    rng = random.Random(seed)
    session = str(uuid.UUID(int=rng.getrandbits(128))) + "1774861200000"
    when = datetime(2026, 3, 30, 9, 55, 12)
    with open(path, "w", encoding="utf-8") as out:
        for index in range(count):
            when += timedelta(milliseconds=rng.randint(0, 40))
            out.write(line(rng, index, when, session, small))


def line_for_latency(seq: int) -> bytes:
    """A core event line stamped now, carrying its sequence number as a measurement."""
    now = datetime.now()
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.") + f"{now.microsecond // 1000:03d}"
    properties = _common(random.Random(seq), seq, "bench-session")
    payload = json.dumps(
        {"properties": properties, "measurements": {"seq": seq}}, separators=(",", ":")
    )
    return f"{stamp} [trace] telemetry/workbenchActionExecuted {payload}\n".encode()

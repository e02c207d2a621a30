"""A VS Code stand-in for the follow test: writes telemetry logs at speed while it rotates them,
replaces and rewrites them, opens window logs late, truncates, and starts a new session.

Run as a subprocess: `python writer.py LOGS_ROOT BARRIERS`. Every line it writes is recorded in
BARRIERS/written.jsonl as [stream, seq], in write order per stream. Where the follower must have
caught up first (a truncation drops what nobody read: that is what truncation means), it writes
BARRIERS/wait-<n> holding how many lines it wrote so far and waits for BARRIERS/go-<n>.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(sys.argv[1])
BARRIERS = Path(sys.argv[2])
SESSION1 = ROOT / "20260330T100000"
SESSION2 = ROOT / "20260330T100500"
CORE1 = SESSION1 / "telemetry.log"

written: list[tuple[str, int]] = []
counters: dict[str, int] = {}
clock = [0]


def line(stream: str, prefix: str = "telemetry/") -> str:
    seq = counters.get(stream, 0)
    counters[stream] = seq + 1
    written.append((stream, seq))
    clock[0] += 1
    ms = clock[0]
    stamp = f"2026-03-30 10:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
    name = f"{prefix}event{seq % 7}"
    payload = json.dumps(
        {
            "properties": {"stream": stream, "seq": str(seq), "pad": "x" * (seq % 50)},
            "measurements": {"seq": seq},
        },
        separators=(",", ":"),
    )
    return f"{stamp} [trace] {name} {payload}\n"


def append(path: Path, text: str, *, in_two_pieces: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as stream:
        if in_two_pieces:
            cut = len(text) // 2
            stream.write(text[:cut])
            stream.flush()
            time.sleep(0.005)  # gives a follower the chance to see half a line
            text = text[cut:]
        stream.write(text)


def barrier(name: str) -> None:
    record()
    ready = BARRIERS / f".wait-{name}"
    ready.write_text(str(len(written)), encoding="utf-8")
    ready.rename(BARRIERS / f"wait-{name}")  # whole when seen
    deadline = time.monotonic() + 30
    while not (BARRIERS / f"go-{name}").exists():
        if time.monotonic() > deadline:
            sys.exit(f"writer: nobody opened barrier {name}")
        time.sleep(0.005)


def record() -> None:
    manifest = BARRIERS / ".written.jsonl"
    manifest.write_text("".join(json.dumps(item) + "\n" for item in written), encoding="utf-8")
    manifest.rename(BARRIERS / "written.jsonl")


def main() -> None:
    append(CORE1, line("core1"))
    barrier("ready")  # the follower is up and has read the first line
    burst_with_a_late_window_log()
    rotate()
    replace_then_rewrite()
    # a second window, under the older log name
    window2 = SESSION1 / "window2" / "exthost" / "extHostTelemetry.log"
    for _ in range(100):
        append(window2, line("ext2", "git/"))
    barrier("truncate")
    os.truncate(CORE1, 0)  # copytruncate
    for _ in range(100):
        append(CORE1, line("core1"))
    restart()
    record()
    (BARRIERS / ".done").write_text(str(len(written)), encoding="utf-8")
    (BARRIERS / ".done").rename(BARRIERS / "done")


def burst_with_a_late_window_log() -> None:
    """A burst; a window's extension log appears in the middle of it; some lines in two writes."""
    window1 = SESSION1 / "window1" / "exthost" / "extensionTelemetry.log"
    for n in range(300):
        append(CORE1, line("core1"), in_two_pieces=n % 37 == 0)
        if n % 2:
            append(window1, line("ext1", "ms-python.python/"))


def rotate() -> None:
    """spdlog's rotation: lines land in the old file just before it is renamed away."""
    append(CORE1, line("core1") + line("core1"))
    CORE1.rename(SESSION1 / "telemetry.1.log")
    for _ in range(200):
        append(CORE1, line("core1"))


def replace_then_rewrite() -> None:
    """Replaced by a new file (new inode, other content), rewritten atomically with more, then
    rewritten in place, whole (the web logger's way). A file deleted before anyone opened it is
    gone for every reader: the follower is let to open the rotated one first."""
    barrier("replace")
    fresh = SESSION1 / "telemetry.log.tmp"
    fresh.write_text("".join(line("core1") for _ in range(100)), encoding="utf-8")
    os.replace(fresh, CORE1)
    content = CORE1.read_text(encoding="utf-8")
    fresh.write_text(content + "".join(line("core1") for _ in range(50)), encoding="utf-8")
    os.replace(fresh, CORE1)
    content = CORE1.read_text(encoding="utf-8")
    with open(CORE1, "w", encoding="utf-8") as stream:
        stream.write(content + "".join(line("core1") for _ in range(50)))


def restart() -> None:
    """VS Code restarts: a new session folder, its core and window logs."""
    for n in range(200):
        append(SESSION2 / "telemetry.log", line("core2"))
        if n % 2:
            window = SESSION2 / "window1" / "exthost" / "extensionTelemetry.log"
            append(window, line("ext3", "a.b/"))


if __name__ == "__main__":
    main()

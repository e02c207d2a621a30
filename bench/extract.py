#!/usr/bin/env python3
"""Benchmark `telemetry extract` against Microsoft's @vscode/telemetry-extractor on one tree.

    python bench/extract.py TREE [--node-modules DIR] [--runs N] [--exclude DIR]...
                                 [--apply-endpoints | --no-apply-endpoints]

Both tools run in this one run, from TREE as their working folder (the reference resolves
--excludedDir against it), with the options VS Code's build uses for its core catalog
(`--excludedDir extensions --applyEndpoints`) unless told otherwise. Printed: wall time,
CPU time and peak memory of each, the ratios, and the agreement of the two catalogs (events,
common properties, properties, and every differing field).

Peak memory counts every process of a tool, workers included: the main process's peak (exact,
from wait4) plus the peak of each process it started (sampled every 10 ms from /proc), an upper
bound of what ran at once, used for the ratio. Also printed: the largest sum of the whole process
tree's resident memory seen at one sample (what was actually resident together).

A VS Code-sized tree (never commit it): fetch github:palmshed/shed, then
    python bench/export_git_tree.py <its git dir> 9c76e735 /work/scratch/extract/shed
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Measure:
    wall: float
    cpu: float
    peak_kib: int
    together_kib: int
    code: int
    stderr: str


def measure(argv: list[str], cwd: Path) -> Measure:
    started = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    others: dict[int, int] = {}
    together = [0]
    done = threading.Event()
    sampler = threading.Thread(
        target=_sample, args=(process.pid, others, together, done), daemon=True
    )
    sampler.start()
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss + sum(others.values())
    together_kib = max(together[0], usage.ru_maxrss)
    stderr_text = stderr.decode(errors="replace")
    return Measure(wall, cpu, peak, together_kib, process.returncode, stderr_text)


def _sample(root: int, peaks: dict[int, int], together: list[int], done: threading.Event) -> None:
    """Peak RSS (VmHWM) of every descendant of `root`, not of root itself; and the largest sum
    of the current RSS of root and all its descendants at one sample."""
    while not done.wait(0.01):
        total = _status_kib(root, "VmRSS:")
        for pid in _descendants(root):
            peak = _status_kib(pid, "VmHWM:")
            if peak:
                peaks[pid] = max(peaks.get(pid, 0), peak)
            total += _status_kib(pid, "VmRSS:")
        together[0] = max(together[0], total)


def _descendants(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    children = [int(c) for c in handle.read().split()]
            except OSError:
                continue
            found.extend(children)
            pending.extend(children)
    return found


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def properties(catalog: dict[str, Any]) -> int:
    return sum(
        1 for event in catalog["events"].values() for v in event.values() if isinstance(v, dict)
    )


def differences(ours: Any, reference: Any, path: str = "") -> list[str]:
    if isinstance(ours, dict) and isinstance(reference, dict):
        found = []
        for key in sorted(set(ours) | set(reference)):
            where = f"{path}/{key}"
            if key not in reference:
                found.append(f"only in ours:      {where} = {json.dumps(ours[key])[:160]}")
            elif key not in ours:
                found.append(f"only in reference: {where} = {json.dumps(reference[key])[:160]}")
            else:
                found.extend(differences(ours[key], reference[key], where))
        return found
    if ours != reference:
        return [
            f"differs:           {path}: ours {json.dumps(ours)[:120]} "
            f"/ reference {json.dumps(reference)[:120]}"
        ]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument(
        "--node-modules", type=Path, default=os.environ.get("TELEMETRY_NODE_MODULES")
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of our tool (median reported)")
    parser.add_argument("--reference-runs", type=int, default=1)
    parser.add_argument("--exclude", action="append", default=None)
    parser.add_argument("--apply-endpoints", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    if args.node_modules is None:
        parser.error("--node-modules (or TELEMETRY_NODE_MODULES) is needed for the reference")
    tree = args.tree.resolve()
    excluded = (
        args.exclude
        if args.exclude is not None
        else (["extensions"] if (tree / "extensions").is_dir() else [])
    )
    extractor = args.node_modules / "@vscode" / "telemetry-extractor" / "out" / "extractor.js"
    version = json.loads((extractor.parent.parent / "package.json").read_text())["version"]

    with tempfile.TemporaryDirectory(prefix="bench-extract-") as scratch:
        out = Path(scratch)
        reference = ["node", str(extractor), "--sourceDir", ".", "--outputDir", str(out / "ref")]
        ours = [
            sys.executable,
            "-m",
            "telemetry_inspector",
            "extract",
            ".",
            "-o",
            str(out / "ours.json"),
        ]
        for folder in excluded:
            reference += ["--excludedDir", folder]
            ours += ["--exclude", folder]
        if args.apply_endpoints:
            reference.append("--applyEndpoints")
            ours.append("--apply-endpoints")
        print(f"tree: {tree}")
        print(f"reference: @vscode/telemetry-extractor {version}: {' '.join(reference)}")
        print(f"ours:      {' '.join(ours)}")
        print(
            f"(both run from {tree}; machine: {os.cpu_count()} cores, "
            f"load {os.getloadavg()[0]:.2f})\n"
        )

        reference_runs = [measure(reference, tree) for _ in range(args.reference_runs)]
        our_runs = [measure(ours, tree) for _ in range(args.runs)]
        if reference_runs[-1].code != 0:
            print("reference failed:\n" + reference_runs[-1].stderr[-2000:])
            return 1
        ref_catalog = json.loads((out / "ref" / "declarations-resolved.json").read_text())
        our_catalog = json.loads((out / "ours.json").read_text())

    ref = _summary("reference", reference_runs)
    mine = _summary("ours", our_runs)
    print(f"\ntime ratio (reference / ours, median wall): {ref[0] / mine[0]:.1f}x   (goal >= 40x)")
    print(f"cpu ratio  (reference / ours, median cpu):  {ref[1] / mine[1]:.1f}x")
    print(f"memory ratio (ours / reference, peak):      1/{ref[2] / mine[2]:.1f}   (goal <= 1/10)")
    problems = [
        line for line in our_runs[-1].stderr.splitlines() if line.startswith(("error:", "warning:"))
    ]
    print(f"our exit code {our_runs[-1].code}, {len(problems)} problems reported")
    for line in problems[:20]:
        print("  " + line)
    print("\nagreement:")
    for label, count in (
        ("events", lambda c: len(c["events"])),
        ("common properties", lambda c: len(c["commonProperties"])),
        ("event properties", properties),
    ):
        print(f"  {label:18} ours {count(our_catalog):5}   reference {count(ref_catalog):5}")
    found = differences(our_catalog, ref_catalog)
    print(f"  differing fields: {len(found)}" + (" (identical catalogs)" if not found else ""))
    for line in found:
        print("    " + line)
    return 0


def _summary(label: str, runs: list[Measure]) -> tuple[float, float, int]:
    walls = [r.wall for r in runs]
    cpus = [r.cpu for r in runs]
    peaks = [r.peak_kib for r in runs]
    wall, cpu, peak = statistics.median(walls), statistics.median(cpus), max(peaks)
    together = max(r.together_kib for r in runs)
    shown = ", ".join(f"{w:.2f}" for w in walls)
    print(
        f"{label:9}: wall {wall:6.2f} s (runs: {shown}), cpu {cpu:6.2f} s, "
        f"peak {peak / 1024:7.1f} MiB all processes ({together / 1024:.1f} MiB at once)"
    )
    return wall, cpu, peak


if __name__ == "__main__":
    raise SystemExit(main())

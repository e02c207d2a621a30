"""Benchmark: `telemetry tail` against the pipelines a user would write instead, and against GNU
`tail -F` for latency while following.

Reproduce:  python bench/tail/run.py [--lines N] [--repeat N] [--latency-lines N]
Compares, as whole processes in the same run (medians of --repeat alternating runs, output to
/dev/null; wall time, and CPU time of every process: a pipeline's processes share the load of a
busy machine differently from one process, so both are shown), on two generated (seeded)
300k-line telemetry.logs under bench/.work/tail: small payloads (~300 B a line) and realistic
ones (VS Code's common properties, ~840 B, 251 MB):
  (a) `telemetry tail --no-follow --json --no-catalog FILE`
      against `sed 's/^[^{]*//' FILE | jq -c .`           goal: >= 3x (small), >= 5x (realistic)
  (n) the same with `-n 1000000` (every event, through the last-N path): its output must be
      identical to (a)'s; goal: as (a)
  (m) peak memory (RSS) of `-n 1000`, `-n 100000`, `-n 1000000` on the realistic log
      goal: <= 50 MB up to 100,000
  (b) the same as (a) with `--event editorOpened`
      against `grep -F 'telemetry/editorOpened ' FILE | sed ... | jq -c .`   goal: >= 2x
  (c) append-to-output latency while following: lines appended one at a time (20 ms apart) to a
      file that `telemetry tail --json -n 0` and GNU `tail -F -n 0` both follow; percentiles of
      the time from write() to the line arriving on each one's stdout.     goal: p95 <= 50 ms
--no-catalog keeps (a) and (b) comparable on a machine with VS Code installed (jq annotates
nothing); without an installation it changes nothing. HOME is an empty folder. Python may write
its bytecode (PYTHONDONTWRITEBYTECODE is dropped), under bench/.work, not cli/: an installed
`telemetry` has it, and compiling the modules again at every start would be measured, not the
tool.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORK = ROOT / "bench" / ".work" / "tail"
EVENT = "editorOpened"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TELEMETRY = [sys.executable, "-m", "telemetry_inspector"]


def _log(lines: int, small: bool = False) -> Path:
    path = WORK / f"telemetry-{lines}{'-small' if small else ''}.log"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        generate.write_log(str(path) + ".tmp", lines, small=small)
        os.replace(str(path) + ".tmp", path)
    return path


# the peak RSS of a child, measured from a small parent (a child's peak counts its pre-exec fork)
_PARENT = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_mb(command: list[str], env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _PARENT, *command], env=env, capture_output=True, check=True
    )
    return int(done.stdout) / 1024


def _timed(command: list[str] | str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of every process of a pipeline) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command,
        shell=isinstance(command, str),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"failed: {command}: {done.stderr.decode()}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu


def _count(command: list[str] | str, env: dict[str, str]) -> int:
    done = subprocess.run(
        command, shell=isinstance(command, str), env=env, capture_output=True, check=True
    )
    return done.stdout.count(b"\n")


def _output(command: list[str] | str, env: dict[str, str]) -> bytes:
    done = subprocess.run(
        command, shell=isinstance(command, str), env=env, capture_output=True, check=True
    )
    return done.stdout


def _compare(name: str, variants: dict[str, list[str]], theirs: str, env: dict, repeat: int):
    """Our variants and the reference, interleaved; ratios of medians. Variants must print the
    same records."""
    outputs = {label: _output(command, env) for label, command in variants.items()}
    if len(set(outputs.values())) != 1:
        sys.exit(f"({name}): the variants' outputs differ: {', '.join(variants)}")
    records = next(iter(outputs.values())).count(b"\n")
    theirs_count = _count(theirs, env)
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label in [*variants, "theirs"]}
    for _ in range(repeat):
        for label, command in variants.items():
            samples[label].append(_timed(command, env))
        samples["theirs"].append(_timed(theirs, env))
    wall, cpu = (
        {label: statistics.median(run[k] for run in runs) for label, runs in samples.items()}
        for k in (0, 1)
    )
    print(f"({name}) reference: {theirs}")
    print(
        f"    median {wall['theirs']:.2f} s wall, {cpu['theirs']:.2f} s CPU, {theirs_count} records"
    )
    for label, command in variants.items():
        print(f"    {label}: {' '.join(command[3:-1])}")
        print(f"      median {wall[label]:.2f} s wall, {cpu[label]:.2f} s CPU, {records} records")
        print(
            f"      ratio: telemetry is {wall['theirs'] / wall[label]:.2f}x faster (wall), "
            f"{cpu['theirs'] / cpu[label]:.2f}x (CPU)"
        )


class _Arrivals:
    """Reads a follower's stdout; notes when each line (by its sequence number) arrives."""

    def __init__(self, command: list[str], env: dict[str, str], key) -> None:
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE)
        self.times: dict[int, float] = {}
        self._key = key
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for raw in self.process.stdout:
            self.times[self._key(raw)] = time.perf_counter()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self._thread.join(timeout=5)


def _seq_of_record(raw: bytes) -> int:
    return int(json.loads(raw)["measurements"]["seq"])


def _seq_of_line(raw: bytes) -> int:
    return int(json.loads(raw[raw.index(b"{") :])["measurements"]["seq"])


def _latency(count: int, env: dict[str, str], scratch: Path, poll: bool) -> None:
    log = scratch / ("poll.log" if poll else "telemetry.log")
    log.write_text("", encoding="utf-8")
    ours_command = [*TELEMETRY, "tail", "--json", "--no-catalog", "-n", "0", str(log)]
    ours_command += ["--poll"] if poll else []
    followers = {
        "telemetry": _Arrivals(ours_command, env, _seq_of_record),
        "tail -F": _Arrivals(["tail", "-F", "-n", "0", str(log)], env, _seq_of_line),
    }
    time.sleep(1.5)  # both have started and watch the file (a start-up, not a synchronisation)
    written: dict[int, float] = {}
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    for seq in range(count):
        text = generate.line_for_latency(seq)
        written[seq] = time.perf_counter()
        os.write(fd, text)
        time.sleep(0.02)
    os.close(fd)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(len(f.times) < count for f in followers.values()):
        time.sleep(0.05)
    for follower in followers.values():
        follower.stop()
    label = "(c')" if poll else "(c)"
    print(f"{label} append-to-output latency, {count} lines 20 ms apart" + (" (--poll)" * poll))
    for name, follower in followers.items():
        delays = sorted((follower.times[s] - written[s]) * 1000 for s in follower.times)
        if len(delays) < count:
            print(f"    {name}: only {len(delays)} of {count} lines arrived")
        if not delays:
            continue
        cuts = statistics.quantiles(delays, n=100, method="inclusive")  # never past the max
        print(
            f"    {name:9}: p50 {cuts[49]:6.1f} ms  p95 {cuts[94]:6.1f} ms  "
            f"p99 {cuts[98]:6.1f} ms  max {delays[-1]:6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency-lines", type=int, default=300)
    args = parser.parse_args()
    for tool in ("jq", "sed", "grep", "tail"):
        if shutil.which(tool) is None:
            sys.exit(f"bench/tail needs {tool} on PATH")
    logs = {"small": _log(args.lines, small=True), "realistic": _log(args.lines)}
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        home.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VSCODE_", "XDG_"))}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(ROOT / "bench" / ".work" / "bytecode")  # not in cli/
        env.update(HOME=str(home), LC_ALL="C")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus; runs: {args.repeat} each")
        ours = [*TELEMETRY, "tail", "--no-follow", "--json", "--no-catalog"]
        for kind, log in logs.items():
            print(f"{kind} log: {log} ({args.lines} lines, {log.stat().st_size / 1e6:.0f} MB)")
            every = {
                "(a) all": [*ours, str(log)],
                "(n) -n 1000000": [*ours, "-n", "1000000", str(log)],
            }
            sed = f"sed 's/^[^{{]*//' {log} | jq -c ."
            _compare(f"a/n {kind}", every, sed, env, args.repeat)
        for kind, log in logs.items():
            grep = f"grep -F 'telemetry/{EVENT} ' {log} | sed 's/^[^{{]*//' | jq -c ."
            named = {"(b) --event": [*ours, "--event", EVENT, str(log)]}
            _compare(f"b {kind}", named, grep, env, args.repeat)
        realistic = logs["realistic"]
        print(f"(m) peak memory (RSS) on {realistic.name}:")
        for count in ("1000", "100000", "1000000"):
            peak = _peak_mb([*ours, "-n", count, str(realistic)], env)
            print(f"    -n {count:>7}: {peak:.0f} MB")
        if args.latency_lines:
            _latency(args.latency_lines, env, Path(scratch), poll=False)
            _latency(args.latency_lines, env, Path(scratch), poll=True)


if __name__ == "__main__":
    main()

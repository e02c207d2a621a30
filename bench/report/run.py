"""Benchmark: `telemetry report` against node doing VS Code's merge, on ~20 MB of catalogs.

Reproduce:  python bench/report/run.py [--repeat N]
Compares, as whole processes in the same run: `telemetry report --app-root APP --extensions-dir EXT
--no-builtin` and `node tests/catalog/node_merge.js APP EXT` (the merge and print of
`code --telemetry`), both writing to a file. Prints the medians, the ratio, and whether the two
outputs are byte-identical. The catalogs are generated (seeded) under bench/.work/report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORK = ROOT / "bench" / ".work" / "report"
NODE_MERGE = ROOT / "tests" / "catalog" / "node_merge.js"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402


def _catalogs() -> tuple[Path, Path]:
    app, extensions = WORK / "app", WORK / "extensions"
    if not (app / "product.json").is_file():
        shutil.rmtree(WORK, ignore_errors=True)
        generate.write(WORK)
        (app / "product.json").write_text('{"nameShort": "Code", "dataFolderName": ".vscode"}')
    return app, extensions


def _size(app: Path, extensions: Path) -> int:
    files = [*app.glob("telemetry-*.json"), *extensions.glob("*/telemetry.json")]
    return sum(path.stat().st_size for path in files)


# An installed package has its .pyc files (pip writes them); with this set, every run would
# compile each module changed since the last .pyc was written.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _time(command: list[str], output: Path) -> float:
    with output.open("wb") as sink:
        start = time.perf_counter()
        subprocess.run(command, stdout=sink, check=True, env=ENV)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    app, extensions = _catalogs()
    ours_cmd = [
        sys.executable,
        "-m",
        "telemetry_inspector",
        "report",
        "--app-root",
        str(app),
        "--extensions-dir",
        str(extensions),
        "--no-builtin",
    ]
    node_cmd = ["node", str(NODE_MERGE), str(app), str(extensions)]
    ours_out, node_out = WORK / "ours.json", WORK / "node.json"
    ours, node = [], []
    _time(ours_cmd, ours_out)  # not timed: writes the .pyc files, warms the page cache
    _time(node_cmd, node_out)
    for _ in range(repeat):  # interleaved, so machine noise hits both alike
        ours.append(_time(ours_cmd, ours_out))
        node.append(_time(node_cmd, node_out))
    identical = ours_out.read_bytes() == node_out.read_bytes()
    ours_median, node_median = statistics.median(ours), statistics.median(node)
    print(
        f"catalogs: {_size(app, extensions) / 1e6:.1f} MB in {len(list(extensions.iterdir()))} "
        f"extension folders + 2 core files; output {ours_out.stat().st_size / 1e6:.1f} MB"
    )
    runs = {
        name: ", ".join(f"{t:.3f}" for t in times)
        for name, times in (("ours", ours), ("node", node))
    }
    print(f"telemetry report: median {ours_median:.3f} s  (runs: {runs['ours']})")
    print(f"node merge:       median {node_median:.3f} s  (runs: {runs['node']})")
    print(f"ratio telemetry/node: {ours_median / node_median:.2f}  (below 1 = faster than node)")
    print(f"byte-identical output: {'yes' if identical else 'NO'}")
    if not identical:
        sys.exit(1)


if __name__ == "__main__":
    main()

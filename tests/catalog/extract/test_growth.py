"""Repeated declarations (vendored copies, generated folders) cost in proportion to their number.

The reference appends a fragment's list to itself once per repeated declaration, so copying
the same declaration twenty times once cost 34 s and 2 GB. Here a generated tree holds the
same folder of fragments, nested includes and events N and 4N times; the catalog must not
change and the measured work (peak traced memory, CPU time of the extraction) must grow about
4x, not 16x (squared) or without bound.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SMALL = 100
LARGE = 4 * SMALL

# One copy: the issue's `Position` fragment, a fragment including it, a fragment whose copies
# differ (their order matters), and events reaching them by include and inline.
_FRAGMENTS = """/* __GDPR__FRAGMENT__
\t"Position" : {
\t\t"line": { "classification": "SystemMetaData", "purpose": "FeatureInsight",
\t\t\t"isMeasurement": true },
\t\t"character": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
\t}
*/
/* __GDPR__FRAGMENT__
\t"Range" : {
\t\t"${include}": [ "${Position}" ],
\t\t"length": { "classification": "SystemMetaData", "purpose": "FeatureInsight" }
\t}
*/
/* __GDPR__FRAGMENT__
\t"Selection" : {
\t\t"${include}": [ "${Range}" ],
\t\t"owner": "team-COPY",
\t\t"copy": { "classification": "SystemMetaData", "purpose": "FeatureInsight",
\t\t\t"comment": "copy COPY" }
\t}
*/
export const fragments = 1;
"""
_EVENTS = """/* __GDPR__
\t"cursor/moved" : {
\t\t"${include}": [ "${Selection}" ],
\t\t"anchor": { "${inline}": [ "${Position}" ] }
\t}
*/
export const events = 1;
"""

# Runs the extraction in a child so a blow-up is stopped by the timeout, not by the machine.
_MEASURE = """
import json, sys, time, tracemalloc
from telemetry_inspector.catalog.extract.model import SourceSpec
from telemetry_inspector.catalog.extract.run import extract
tracemalloc.start()
started = time.process_time()
result = extract([SourceSpec((sys.argv[1],))], workers=1)
cpu = time.process_time() - started
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"cpu": cpu, "peak": peak, "catalog": result.catalog}))
"""


def make_tree(root: Path, copies: int) -> Path:
    for number in range(copies):
        folder = root / f"copy{number:04}"
        folder.mkdir(parents=True)
        # two versions of Selection alternate, so repeats are not all alike
        (folder / "fragments.ts").write_text(_FRAGMENTS.replace("COPY", str(number % 2)))
        (folder / "events.ts").write_text(_EVENTS)
    return root


def measure(tree: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(tree)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    small = make_tree(tmp_path_factory.mktemp("small"), SMALL)
    large = make_tree(tmp_path_factory.mktemp("large"), LARGE)
    measure(small)  # warm the file cache and byte code before anything is compared
    return measure(small), measure(large)


def test_repeats_do_not_change_the_catalog(measured):
    small, large = measured
    event = small["catalog"]["events"]["cursor/moved"]
    assert sorted(event) == [
        "anchor.character",
        "anchor.line",
        "character",
        "copy",
        "length",
        "line",
        "owner",
    ]
    assert event["copy"]["comment"] == "copy 0"  # the first copy's property is kept
    assert event["owner"] == "team-1"  # and the last copy's metadata (as the reference does)
    assert large["catalog"] == small["catalog"]


def test_memory_grows_linearly_with_repeats(measured):
    small, large = measured
    ratio = large["peak"] / small["peak"]
    print(f"peak traced memory: {small['peak']} -> {large['peak']} bytes, x{ratio:.2f} for x4")
    assert ratio < 6


def test_time_grows_linearly_with_repeats(measured):
    small, large = measured
    ratio = large["cpu"] / small["cpu"]
    print(f"cpu time: {small['cpu']:.3f} -> {large['cpu']:.3f} s, x{ratio:.2f} for x4")
    assert ratio < 8

"""Benchmark: the full-catalog page in headless Chromium, against the catalog's own JSON there.

Reproduce:  python bench/html/run.py [--repeat N]
The catalogs are the ones bench/report generates (seeded, under bench/.work/report). Measured in
the same run, each load in a fresh tab of one Chromium:
- `telemetry report --format html -o catalog.html` (whole process) and the page's weight against
  `telemetry report --json` (what `code --telemetry` prints);
- the page becoming usable: from navigation start to the first frame painted after its script
  listed the first events and drew the counts (the page marks both), and to the whole page read
  (the properties' comments too: DOMContentLoaded), against Chromium loading the JSON file itself
  (its load event): what a reviewer without the page would open;
- a search over every event (typing one word, once the page is idle), and filtering by a
  classification.
Prints medians, the runs, and the ratios. Needs chromium (.ci/e2e-install).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORK = ROOT / "bench" / ".work" / "html"
sys.path[:0] = [str(ROOT), str(ROOT / "bench" / "report")]

import generate  # noqa: E402

from tests.html.chromium import Chromium, find_chromium  # noqa: E402

CATALOGS = ROOT / "bench" / ".work" / "report"
MARKS = (
    "({...Object.fromEntries(performance.getEntriesByType('mark').map(e => [e.name, e.startTime])),"
    " complete: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd})"
)
IDLE = "new Promise(done => requestIdleCallback(() => requestIdleCallback(done)))"
SEARCH = (
    "(() => { const box = document.getElementById('q'); const start = performance.now();"
    " box.value = 'kernel'; box.dispatchEvent(new Event('input'));"
    " return [performance.now() - start, Number(document.getElementById('status').dataset.events)];"
    " })()"
)
FILTER = (
    "(() => { const start = performance.now();"
    " location.hash = 'classification=EndUserPseudonymizedInformation';"
    " window.dispatchEvent(new HashChangeEvent('hashchange'));"
    " return [performance.now() - start, Number(document.getElementById('status').dataset.events)];"
    " })()"
)


def _catalogs() -> tuple[Path, Path]:
    app, extensions = CATALOGS / "app", CATALOGS / "extensions"
    if not (app / "product.json").is_file():
        generate.write(CATALOGS)
        (app / "product.json").write_text('{"nameShort": "Code", "dataFolderName": ".vscode"}')
    return app, extensions


def _telemetry(*args: str, output: Path) -> float:
    command = [sys.executable, "-m", "telemetry_inspector", *args]
    with output.open("wb") as sink:
        start = time.perf_counter()
        subprocess.run(command, stdout=sink, check=True)
        return time.perf_counter() - start


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ms (runs: {', '.join(f'{v:.0f}' for v in values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    executable = find_chromium()
    if executable is None:
        sys.exit("no chromium: run .ci/e2e-install (or put chromium on PATH)")
    app, extensions = _catalogs()
    WORK.mkdir(parents=True, exist_ok=True)
    install = ("report", "--app-root", str(app), "--extensions-dir", str(extensions))
    page, report = WORK / "catalog.html", WORK / "catalog.json"
    json_seconds = _telemetry(*install, "--no-builtin", "--json", output=report)
    page_seconds = _telemetry(*install, "--no-builtin", "--format", "html", output=page)

    listed, painted, complete, loaded, search, narrowed = [], [], [], [], [], []
    with Chromium(executable) as browser:
        for _ in range(repeat):  # interleaved, so machine noise hits both alike
            browser.load("about:blank")
            browser.load(page.as_uri())
            browser.wait_until("performance.getEntriesByName('catalog-painted').length")
            marks = browser.evaluate(MARKS)
            listed.append(marks["catalog-listed"])
            painted.append(marks["catalog-painted"])
            complete.append(marks["complete"])
            browser.wait_until("document.readyState === 'complete'")
            browser.evaluate(IDLE)  # the page indexes its text for search when idle
            search.append(browser.evaluate(SEARCH)[0])
            narrowed.append(browser.evaluate(FILTER)[0])
            events = browser.evaluate("document.getElementById('status').dataset.events")
            browser.load("about:blank")
            browser.load(report.as_uri())
            loaded.append(
                browser.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            )
        browser.drain()
        problems = browser.log.errors

    size_json, size_page = report.stat().st_size, page.stat().st_size
    sizes = f"{size_json / 1e6:.1f} MB; page: {size_page / 1e6:.1f} MB"
    print(f"catalog (telemetry report --json): {sizes}")
    print(f"page weight / catalog JSON: {size_page / size_json:.2f}")
    print(
        f"writing: report --json {json_seconds:.2f} s, --format html {page_seconds:.2f} s "
        f"(ratio {page_seconds / json_seconds:.2f})"
    )
    usable, raw = statistics.median(painted), statistics.median(loaded)
    print(f"page: first events listed (script done):       {_median(listed)}")
    print(f"page usable (first frame painted after that):  {_median(painted)}")
    print(f"page read whole (property comments in too):    {_median(complete)}")
    print(f"raw JSON file loaded in Chromium (load event): {_median(loaded)}")
    print(f"ratio page usable / JSON loaded: {usable / raw:.2f}")
    print(f"search for one word over all events: {_median(search)}")
    print(f"filter by a classification (from the fragment): {_median(narrowed)}; {events} events")
    print(f"goal: usable in under 1000 ms: {'met' if usable < 1000 else 'NOT met'}")
    if problems:
        print(f"console errors: {problems}")
        sys.exit(1)


if __name__ == "__main__":
    main()

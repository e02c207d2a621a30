"""Make the README's pictures of the three web pages from the examples world.

Reproduce:  python docs/screenshots.py   (needs chromium: .ci/e2e-install)
Writes docs/images/{catalog,diff,stats}.png. The diff compares the examples' catalog with an
older one made here from it: one event and one extension fewer, one property classified as
system metadata before.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.html.chromium import Chromium, find_chromium  # noqa: E402

IMAGES = ROOT / "docs" / "images"
# relative to the repository (the commands run there), as the pages then show them
INSTALL = ("--app-root", "examples/install", "--extensions-dir", "examples/home/.vscode/extensions")
LOGS = "examples/home/.config/Code/logs/20260330T095512"


def telemetry(*args: str, cwd: Path = ROOT) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "telemetry_inspector", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    if done.returncode not in (0, 1):  # diff says 1 when the catalogs differ
        sys.exit(done.stderr)
    return done.stdout


def older(report: dict) -> dict:
    """The examples' catalog as an earlier release might have had it."""
    before = json.loads(json.dumps(report))
    core = before["vscode-core"]["events"]
    del core["authentication.login"]
    core["extensionActivationTimes"]["publisherdisplayname"]["classification"] = "SystemMetaData"
    del before["contoso.sql-notebooks-0.9.0-linux-x64"]
    return before


def main() -> None:
    executable = find_chromium()
    if executable is None:
        sys.exit("no chromium: run .ci/e2e-install (or put chromium on PATH)")
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work_dir, Chromium(executable, height=820) as browser:
        work = Path(work_dir)
        pages = {name: work / f"{name}.html" for name in ("catalog", "diff", "stats")}
        telemetry("report", *INSTALL, "--format", "html", "-o", str(pages["catalog"]))
        report = json.loads(telemetry("report", *INSTALL, "--json"))
        (work / "new.json").write_text(json.dumps(report), encoding="utf-8")
        (work / "old.json").write_text(json.dumps(older(report)), encoding="utf-8")
        # named as they are in their folder, so the picture does not show a temporary path
        telemetry("diff", "old.json", "new.json", "--format", "html", "-o", "diff.html", cwd=work)
        stats = ("stats", LOGS, "--app-root", "examples/install")
        telemetry(*stats, "--format", "html", "-o", str(pages["stats"]))

        browser.load(pages["catalog"].as_uri() + "#source=vscode-core")
        browser.wait_until("document.documentElement.dataset.ready")
        browser.evaluate(
            "[...document.querySelectorAll('#events li')].find(li =>"
            " li.querySelector('.name').textContent === 'extensionActivationTimes')"
            ".querySelector('summary').click()"
        )
        browser.screenshot(IMAGES / "catalog.png")
        for name in ("diff", "stats"):
            browser.load(pages[name].as_uri())
            browser.wait_until("document.documentElement.dataset.ready")
            browser.screenshot(IMAGES / f"{name}.png")
        browser.drain()
        if browser.log.errors:
            sys.exit(f"the pages logged errors: {browser.log.errors}")
    for name in ("catalog", "diff", "stats"):
        print(IMAGES / f"{name}.png")


if __name__ == "__main__":
    main()

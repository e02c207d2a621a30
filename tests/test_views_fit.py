"""Every table view at 60 to 200 columns, piped and on a real terminal: no line wider than the
screen, no word cut in the middle, no value dropped; a grid when it fits, records when not."""

from __future__ import annotations

import atexit
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Run, clean_env, run_cli, run_in_terminal

WIDTHS = (60, 80, 100, 120, 200)


def _short_copy_of_examples() -> Path:
    """The examples world under a short path: views print paths whole (to copy and paste), so a
    checkout deep in a file system would make a line longer than 60 columns whatever the layout;
    the width rules are about layout, not about where the repository was cloned."""
    root = Path(tempfile.mkdtemp(prefix="tv", dir="/tmp"))
    atexit.register(shutil.rmtree, root, True)
    for name in ("home", "install"):
        shutil.copytree(EXAMPLES / name, root / name, symlinks=True)
    return root


_WORLD = _short_copy_of_examples()
HOME = _WORLD / "home"
INSTALL = ("--app-root", str(_WORLD / "install"))
_BOX = re.compile("[\u2500-\u257f]")  # rich's borders


def _env(**extra: str) -> dict[str, str]:
    return clean_env(HOME, **extra)


def _table(width: int, *args: str, view: str = "table") -> Run:
    run = run_cli("--color", "never", *args, "--format", view, env=_env(COLUMNS=str(width)))
    assert run.code in (0, 1), run.err  # audit exits 1 while a switch is on
    return run


def _json(*args: str):
    run = run_cli(*args, "--json", env=_env())
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


def tokens(screen: str) -> set[str]:
    return set(_BOX.sub(" ", screen).split())


def assert_fits(screen: str, width: int) -> None:
    too_wide = [line for line in screen.splitlines() if len(line) > width]
    assert too_wide == [], too_wide


def assert_words_whole(screen: str, *texts: str) -> None:
    """Every word of every text is on the screen as a word (not folded, not dropped)."""
    shown = tokens(screen)
    missing = {word for text in texts for word in text.split() if word not in shown}
    assert missing == set(), (missing, screen)


def _audit_texts() -> list[str]:
    records = _json("audit", *INSTALL)
    return [
        text
        for record in records
        for switch in record["switches"]
        for text in (switch["id"], switch["source"], switch["note"])
    ]


def _summary_texts() -> list[str]:
    summary = _json("report", "--summary", *INSTALL)
    rows = [*summary["sources"], summary["total"]]
    return [row["source"] for row in summary["sources"]] + [
        str(value)
        for row in rows
        for value in (row["events"], row["properties"], row["commonProperties"])
    ]


def _stats_texts() -> list[str]:
    stats = _json("stats")
    return [
        text
        for item in stats["by_event"]
        for text in (item["event"], item["source"], item["first"], item["last"])
    ]


VIEWS = {
    "audit": (("audit", *INSTALL), _audit_texts),
    "summary": (("report", "--summary", *INSTALL), _summary_texts),
    "stats": (("stats",), _stats_texts),
}


@pytest.fixture(scope="module")
def expected() -> dict[str, list[str]]:
    return {name: texts() for name, (_, texts) in VIEWS.items()}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_a_view_fits_the_width_and_keeps_every_word(view, width, expected):
    args, _ = VIEWS[view]
    run = _table(width, *args)
    assert_fits(run.out, width)
    assert_words_whole(run.out, *expected[view])
    assert "\\x0a" not in run.out  # our own two-line headers are not escaped as if data


def test_the_layout_changes_rather_than_squeezing(expected):
    wide = _table(200, "audit", *INSTALL).out
    narrow = _table(60, "audit", *INSTALL).out
    assert "┃ switch" in wide  # a grid, with its header
    assert not _BOX.search(narrow)  # one record per switch instead
    first = next(t for t in expected["audit"] if t.startswith("telemetry."))
    record = narrow[narrow.index(first) :].splitlines()
    assert record[1].startswith("  ") and "scope: " in narrow


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_under_a_real_terminal_at_80_columns(view, expected):
    args, _ = VIEWS[view]
    run = run_in_terminal("--color", "never", *args, env=_env(), columns=80)
    assert run.code in (0, 1), run.err
    assert_fits(run.out, 80)
    assert_words_whole(run.out, *expected[view])


@pytest.mark.parametrize("width", WIDTHS)
def test_status_show_and_diff_fit_too(width, tmp_path):
    status = _table(width, "status")
    assert_fits(status.out, width)
    records = _json("status")
    assert_words_whole(
        status.out, *(r["settings"] for r in records), *(r["effective"] for r in records)
    )

    show = _table(width, "show", "editorOpened", *INSTALL, view="text")
    assert_fits(show.out, width)
    [event] = _json("show", "editorOpened", *INSTALL)
    assert_words_whole(
        show.out, event["comment"], *(f"{p['name']} {p['comment']}" for p in event["properties"])
    )

    old, new = _diff_inputs(tmp_path)
    diff = _table(width, "diff", str(old), str(new))
    assert diff.code == 1
    assert_fits(diff.out, width)
    assert "model.Event" not in diff.out
    changes = json.loads(run_cli("diff", str(old), str(new), env=_env()).out)["changes"]
    assert_words_whole(diff.out, *(c["event"] for c in changes))


def _diff_inputs(folder: Path) -> tuple[Path, Path]:
    report = json.loads(run_cli("report", *INSTALL, env=_env()).out)
    old = folder / "old.json"
    old.write_text(json.dumps(report), encoding="utf-8")
    events = report["vscode-core"]["events"]
    events.pop(next(iter(events)))
    events["brandNew/eventWithALongName"] = {"owner": "x", "comment": "new"}
    new = folder / "new.json"
    new.write_text(json.dumps(report), encoding="utf-8")
    return old, new


@pytest.mark.parametrize("width", WIDTHS)
def test_tail_lines_wrap_to_a_terminal_at_word_boundaries(width):
    events = [
        json.loads(line)
        for line in run_cli("tail", "--no-follow", "--json", env=_env()).out.splitlines()
    ]
    run = run_in_terminal("--color", "never", "tail", "--no-follow", env=_env(), columns=width)
    assert run.code == 0, run.err
    assert_fits(run.out, width)
    assert_words_whole(run.out, *(event["event"] for event in events))


@pytest.mark.parametrize("width", WIDTHS)
def test_status_of_a_file_with_bytes_that_are_not_utf8_fits(width):
    # the table fits; the note on the byte VS Code reads as U+FFFD is one line on stderr, whole
    path = _WORLD / "latin1.json"  # a short path: see _short_copy_of_examples
    path.write_bytes(b'{\n  // caf\xe9\n  "telemetry.telemetryLevel": "error"\n}')
    status = _table(width, "status", "--settings", str(path))
    assert_fits(status.out, width)
    [record] = _json("status", "--settings", str(path))
    assert_words_whole(status.out, record["settings"], record["effective"])
    [note] = record["notes"]
    assert status.err.splitlines() == [f"note: {path}: {note}"]
    terminal = run_in_terminal(
        "--color", "never", "status", "--settings", str(path), env=_env(), columns=80
    )
    assert_fits(terminal.out, 80)
    assert "2:9: not valid UTF-8 (byte 0xe9)" in note and "U+FFFD" in note

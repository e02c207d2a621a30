"""`report --event` and `tail --event` follow one rule (vscode.names): for the same arguments,
the catalog and the log give the same event names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import catalog, make_install, prop, write

EVENTS = ("editorOpened", "editorClosed", "workbenchActionExecuted")
EXTENSION_EVENTS = ("git/git.command", "git/clone")
T = "2026-03-30 10:00:00.001 [trace]"
PAYLOAD = '{"properties":{"a":"b"},"measurements":{}}'


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> tuple[Path, Path]:
    """An install whose catalog declares the events, and a log that holds each of them."""
    root = tmp_path_factory.mktemp("world")
    app = make_install(
        root / "install",
        core=catalog({name: {"a": prop()} for name in EVENTS}),
        extensions=catalog({name: {"a": prop()} for name in EXTENSION_EVENTS}),
    )
    lines = [f"{T} telemetry/{name} {PAYLOAD}" for name in EVENTS]
    lines += [f"{T} {name} {PAYLOAD}" for name in EXTENSION_EVENTS]
    log = write(root / "telemetry.log", "\n".join(lines) + "\n")
    return app, log


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--event", "editorOpened"], {"editorOpened"}),
        (["--event", "telemetry/editorOpened"], {"editorOpened"}),
        (["--event", "EDITOROPENED"], set()),
        (["--event", "editoropened"], set()),
        (["--event", "editor*"], {"editorOpened", "editorClosed"}),
        (
            ["--event", "telemetry/editor*", "--event", "git/clone"],
            {"editorOpened", "editorClosed", "git/clone"},
        ),
        (
            ["--event", "*Executed", "--event", "git/*"],
            {"workbenchActionExecuted", *EXTENSION_EVENTS},
        ),
        (["--event", "telemetry/*"], {*EVENTS, *EXTENSION_EVENTS}),
        (["--event", "git/git.command"], {"git/git.command"}),
    ],
)
def test_report_and_tail_agree_on_the_same_event_arguments(cli, world, args, expected):
    app, log = world
    report = cli("report", "--app-root", str(app), "--no-builtin", "--json", *args)
    assert report.code == 0, report.err
    in_catalog = {name for source in json.loads(report.out).values() for name in source["events"]}
    tail = cli("tail", "--no-follow", "--json", "--no-catalog", *args, str(log))
    assert tail.code == 0, tail.err
    in_log = {json.loads(line)["event"] for line in tail.out.splitlines()}
    assert in_catalog == in_log == expected, args

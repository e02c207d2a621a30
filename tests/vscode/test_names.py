"""The one rule for event globs (report --event, tail --event) and extension folder names."""

from __future__ import annotations

import pytest

from telemetry_inspector.vscode.names import event_glob


def _matches(patterns: list[str], name: str) -> bool:
    glob = event_glob(patterns)
    assert glob is not None
    return glob.match(name) is not None


def test_no_pattern_is_no_glob():
    assert event_glob([]) is None
    assert event_glob(()) is None


@pytest.mark.parametrize(
    ("pattern", "name", "matched"),
    [
        ("editorOpened", "editorOpened", True),
        # event names keep their case in the log and in the catalog: so does the glob
        ("editoropened", "editorOpened", False),
        ("EDITOROPENED", "editorOpened", False),
        ("editor*", "editorOpened", True),
        ("Editor*", "editorOpened", False),
        # the whole name, never a part of it
        ("editor", "editorOpened", False),
        ("Opened", "editorOpened", False),
        # the log writes a core event `telemetry/NAME`, the catalog keys it `NAME`
        ("telemetry/editorOpened", "editorOpened", True),
        ("telemetry/editor*", "editorOpened", True),
        ("telemetry/*", "editorOpened", True),
        # extension events: `publisher.name/event`, and `*` crosses the slash
        ("ms-python.python/*", "ms-python.python/EXTENSION.LOAD", True),
        ("*/EXTENSION.LOAD", "ms-python.python/EXTENSION.LOAD", True),
        ("*LOAD", "ms-python.python/EXTENSION.LOAD", True),
        ("git/git.command", "git/git.command", True),
        ("git/git?command", "git/git.command", True),
        ("git/git[.]command", "git/git.command", True),
        ("git/git.command", "git/gitxcommand", False),  # `.` is no regex here
        ("notification:show", "notification:show", True),
        ("a(b)+", "a(b)+", True),
        ("a(b)+", "abb", False),
    ],
)
def test_event_glob(pattern, name, matched):
    assert _matches([pattern], name) is matched


def test_several_patterns_match_any_of_them():
    assert _matches(["alpha", "git/*"], "alpha")
    assert _matches(["alpha", "git/*"], "git/clone")
    assert not _matches(["alpha", "git/*"], "beta")
    assert not _matches(["alpha", "git/*"], "alphabet")
    assert _matches(["alpha", "telemetry/alpha"], "alpha")

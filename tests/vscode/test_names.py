"""The one rule for event globs (report --event, tail --event) and extension folder names."""

from __future__ import annotations

import pytest

from telemetry_inspector.vscode.names import event_glob, extension_identity


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


@pytest.mark.parametrize(
    ("key", "identity"),
    [
        ("ms-python.python-2024.2.1", "ms-python.python"),
        ("contoso.sql-notebooks-0.9.0", "contoso.sql-notebooks"),
        # a target platform after the version (VS Code's `publisher.name-version-target`)
        ("contoso.sql-notebooks-0.9.0-linux-x64", "contoso.sql-notebooks"),
        ("contoso.sql-notebooks-0.9.0-win32-arm64", "contoso.sql-notebooks"),
        ("contoso.sql-notebooks-0.9.0-alpine-x64", "contoso.sql-notebooks"),
        ("ms-vscode.cpptools-1.20.5-darwin-arm64", "ms-vscode.cpptools"),
        ("GitHub.Copilot-Chat-0.12.0", "github.copilot-chat"),  # ids compare ignoring case
        ("vscode.git-10.0.0", "vscode.git"),  # a built-in's key
        ("dotted.name.with.dots-1.0.0", "dotted.name.with.dots"),
        ("pub.tool-2-1.0.0", "pub.tool-2"),  # digits in the name
        ("pub.ext-1.2.3-4.5.6", "pub.ext-1.2.3"),  # VS Code's greedy id: the last x.y.z
        # not `publisher.name-x.y.z[-target]`: VS Code does not parse them, the key is the id
        ("foo.bar-1.2", "foo.bar-1.2"),
        ("foo.bar-1.2.3.4", "foo.bar-1.2.3.4"),
        ("foo.bar", "foo.bar"),
        ("tool-1.0.0", "tool-1.0.0"),  # no publisher
        ("vscode-core", "vscode-core"),
        ("vscode-extensions", "vscode-extensions"),
        ("pub.ext-\u0661.\u0662.\u0663", "pub.ext-\u0661.\u0662.\u0663"),  # JS: \\d is ASCII
    ],
)
def test_extension_identity(key, identity):
    assert extension_identity(key) == identity

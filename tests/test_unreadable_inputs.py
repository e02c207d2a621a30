"""Every file a command is given to read: when it may not be read, the command's own one-line
error names it, with exit 1 (a file could not be read), or 2 for `diff`, whose 1 means
"different". Run without the power to ignore permissions, so chmod 000 is real."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import assert_one_line_error, run_unprivileged

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SESSION = next((EXAMPLES / "home" / ".config" / "Code" / "logs").iterdir())


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    path = tmp_path / "locked.json"
    path.write_text('{"vscode-core": {"events": {}}}\n', encoding="utf-8")
    path.chmod(0)
    return path


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["tail", "--no-follow", "--json", "{}"], 1),
        (["tail", "--json", "{}"], 1),  # following: not waited for in silence
        (["tail", "--no-follow", "--json", "--catalog", "{}", str(SESSION)], 1),
        (["stats", "--json", "{}"], 1),
        (["stats", "--json", "--catalog", "{}", str(SESSION)], 1),
        (["extract", "--config", "{}"], 1),
        (["diff", "{}", "{}"], 2),
    ],
    ids=["tail", "tail-follow", "tail-catalog", "stats", "stats-catalog", "extract", "diff"],
)
def test_an_unreadable_input_is_named_with_the_reason(args, code, locked, env):
    run = run_unprivileged(*(a.replace("{}", str(locked)) for a in args), env=env, timeout=20)
    assert_one_line_error(run, str(locked), "ermission denied")
    assert run.code == code

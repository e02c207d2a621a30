"""Hostile files and the messages about them (issue 11, smaller items): a file that does not
parse is an error alone, without an empty table beside it; a member in the way of the level is
named as the conflict, not reported as our bug."""

from __future__ import annotations

import pytest

from tests.conftest import assert_one_line_error, clean_env, run_in_terminal
from tests.settings.worlds import settings_of, write


def test_status_on_a_file_that_does_not_parse_draws_no_empty_table(home):
    settings = write(settings_of(home), '{"a": \n')
    run = run_in_terminal("status", env=clean_env(home))
    assert run.code == 1
    assert run.out.strip() == ""  # no table of nothing
    assert f"{settings}:2:1: expected a value" in run.err


@pytest.mark.parametrize("text", ['{"telemetry": 5}', '{"telemetry": {}, "telemetry": [1]}'])
def test_set_level_names_the_member_in_the_way(cli, home, text):
    settings = write(settings_of(home), text)
    run = cli("set-level", "off")
    assert_one_line_error(run, str(settings), 'a member named "telemetry" hides it')
    assert "please report" not in run.err
    assert settings.read_text() == text

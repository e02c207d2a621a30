"""The browser checks can fail: a page that fetches, logs an error or runs a script is seen."""

from __future__ import annotations

import pytest

from tests.html.chromium import Chromium


def test_a_fetch_an_error_and_a_script_are_all_seen(tmp_path, chromium: Chromium):
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><title>bad</title>"
        '<img src="https://example.invalid/pixel.png">'
        "<script>window.__pwned = 1; console.error('broken');</script>",
        encoding="utf-8",
    )
    chromium.load(page.as_uri())
    chromium.wait_until("window.__pwned === 1")
    chromium.drain()
    assert "https://example.invalid/pixel.png" in chromium.log.requests
    assert any("broken" in error for error in chromium.log.errors)


def test_a_request_blocked_by_the_pages_policy_is_still_seen(tmp_path, chromium: Chromium):
    page = tmp_path / "blocked.html"
    page.write_text(
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<title>blocked</title><img src="https://example.invalid/pixel.png">',
        encoding="utf-8",
    )
    chromium.load(page.as_uri())
    chromium.drain()
    assert "https://example.invalid/pixel.png" in chromium.log.requests
    assert any("Content Security Policy" in error for error in chromium.log.errors)


@pytest.fixture(autouse=True)
def _fresh_log(chromium: Chromium):
    yield
    chromium.load("about:blank")  # the next test starts from a quiet page

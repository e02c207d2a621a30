"""One headless Chromium for the whole session; each test loads its page from disk and gets the
page's log checked: no console error, no exception, no request but the page's own file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.html.chromium import Chromium, find_chromium


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "no chromium: install it with .ci/e2e-install (apt's chromium), or put it on PATH"
        )
    with Chromium(executable) as browser:
        yield browser


class Page:
    """A page under test: loaded from a file, its script run to the end."""

    def __init__(self, browser: Chromium, path: Path, loaded: list[Page]) -> None:
        self.browser, self.path, self._loaded = browser, path, loaded

    def open(self, fragment: str = "") -> Page:
        if self._loaded:  # the browser keeps one page's log: check the one before goes
            self._loaded.pop().assert_quiet()
        self._loaded.append(self)
        self.browser.load(self.path.as_uri() + fragment)
        self.browser.wait_until("document.documentElement.dataset.ready")
        return self

    def js(self, expression: str):
        return self.browser.evaluate(expression)

    def wait(self, expression: str):
        return self.browser.wait_until(expression)

    def type_search(self, text: str) -> None:
        """Type into the search box as a user does (value, then the input event)."""
        self.js(
            "(() => { const box = document.getElementById('q'); box.value = "
            f"{_js_string(text)}; box.dispatchEvent(new Event('input')); }})()"
        )

    def assert_quiet(self) -> None:
        """Nothing went wrong and nothing was fetched: the page's own file is the only request."""
        self.browser.drain()
        log = self.browser.log
        assert log.errors == []
        assert {url.split("#")[0] for url in log.requests} == {self.path.as_uri()}
        assert self.js("window.__pwned === undefined")


def _js_string(text: str) -> str:
    import json

    return json.dumps(text)


@pytest.fixture
def page(chromium: Chromium):
    """`page(path)`: a Page on that file; every page loaded is checked quiet before the next
    loads and after the test."""
    loaded: list[Page] = []
    yield lambda path: Page(chromium, path, loaded)
    if loaded:
        loaded.pop().assert_quiet()

"""The tests here compare the fast road with the token-by-token one on texts of every size, most
of them small: parse() takes the fast road whatever the size while they run (a small file is
read token by token otherwise, parser.FAST_FROM; test_jsonc_api.py checks that choice)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from telemetry_inspector.jsonc import parser


# Package-wide, not per test: Hypothesis's tests refuse a function-scoped fixture.
@pytest.fixture(autouse=True, scope="package")
def _fast_road_at_any_size() -> Iterator[None]:
    saved, parser.FAST_FROM = parser.FAST_FROM, 0
    parser.forget_documents()
    yield
    parser.FAST_FROM = saved
    parser.forget_documents()

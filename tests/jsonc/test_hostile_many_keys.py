"""Many keys at once (issue 11, item 10): lockdown adds one member per switch, and adding each by
its own edit re-read the whole file every time (10,000 switches: 157 s). add_members makes them
one edit; it must give exactly the text of one set_property after the other."""

from __future__ import annotations

import random
import time

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonc_documents import random_document

from telemetry_inspector.jsonc.edit import add_members, detect_formatting, set_property
from telemetry_inspector.jsonc.parser import find_members, parse

DOCUMENTS = st.integers(0, 2**32).map(lambda seed: random_document(random.Random(seed)))
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=6))


def _one_by_one(text: str, members: list, formatting) -> str:
    for key, value in members:
        text = set_property(text, [key], value, formatting)
    return text


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS, st.lists(VALUES, min_size=1, max_size=5), st.sampled_from(["\n", "\r\n"]))
def test_adding_members_together_is_adding_them_one_by_one(doc, values, eol):
    root = parse(doc.text).root
    assume(not parse(doc.text).issues and root is not None and root.type == "object")
    members = [(f"new.key{i}", value) for i, value in enumerate(values)]
    assume(not any(find_members(root, [key]) for key, _ in members))
    formatting = detect_formatting(doc.text, eol)
    assert add_members(doc.text, members, formatting) == _one_by_one(doc.text, members, formatting)


def test_time_grows_linearly_with_the_number_of_members():
    text = '{\n\t"a": 1\n}\n'
    formatting = detect_formatting(text, "\n")

    def timed(count: int) -> float:
        members = [(f"acme.f{i}.enableTelemetry", False) for i in range(count)]
        started = time.perf_counter()
        add_members(text, members, formatting)
        return time.perf_counter() - started

    timed(100)  # warm up
    small, large = timed(1_000), timed(8_000)
    assert large < 8 * small * 3  # linear with room for noise; one by one was ~64x

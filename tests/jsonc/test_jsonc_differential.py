"""Differential tests: our JSONC core against the npm reference on thousands of generated documents.

One node process (reference.js) answers every request of the module: the edits (jsonc-parser
2.3.1 modify + applyEdits), the parse errors, and VS Code's indentation guess (monaco-editor).
Skipped without node and TELEMETRY_NODE_MODULES. TELEMETRY_JSONC_CASES sets how many documents
each part generates (default 3000); the seed is fixed, so a failure reproduces.
"""

from __future__ import annotations

import functools
import os
import random
from pathlib import Path
from typing import Any

import pytest
from jsonc_documents import (
    corrupted,
    indentation_sample,
    long_indentation_samples,
    mixed_breaks_sample,
    random_document,
    random_value,
)
from jsonc_reference import (
    REMOVE,
    differs,
    edit_request,
    our_edit,
    replace_request,
    run_reference,
    utf16_issues,
)

from telemetry_inspector.jsonc.edit import Formatting, detect_formatting, replace_value
from telemetry_inspector.jsonc.parser import find_members, parse

CASES = int(os.environ.get("TELEMETRY_JSONC_CASES", "3000"))
SEED = 20240229
SHOWN = 3  # mismatches described in a failure


def _edit_cases(rng: random.Random) -> list[tuple[str, list[str], Any, Formatting]]:
    cases = []
    for _ in range(CASES):
        doc = random_document(rng)
        formatting = detect_formatting(doc.text, rng.choice(["\n", "\r\n"]))
        for _ in range(2):
            path = _random_path(rng, doc)
            value = REMOVE if rng.random() < 0.3 else random_value(rng)
            cases.append((doc.text, path, value, formatting))
    return cases


def _random_path(rng: random.Random, doc) -> list[str]:
    roll = rng.random()
    if doc.top_keys and roll < 0.35:
        return [rng.choice(doc.top_keys)]
    if doc.object_keys and roll < 0.55:
        key = rng.choice(sorted(doc.object_keys))
        inner = doc.object_keys[key]
        return [key, rng.choice(inner) if inner and rng.random() < 0.7 else "new.inner"]
    if roll < 0.75:
        return ["telemetry.telemetryLevel"]
    if doc.top_keys and roll < 0.85:
        return [rng.choice(doc.top_keys), "below"]
    return rng.choice([["new"], ["a", "b", "c"], ["telemetry", "telemetryLevel"], ["é 😀"]])


@pytest.fixture
def reference(node_tools) -> dict[str, Any]:
    return _reference(node_tools)


@functools.cache
def _reference(node_tools: Path) -> dict[str, Any]:
    """Every case of this module and node's answer to it, from one node process (run once)."""
    rng = random.Random(SEED)
    edits = _edit_cases(rng)
    broken = [corrupted(rng, random_document(rng).text) for _ in range(CASES)]
    samples = [indentation_sample(rng) for _ in range(CASES // 2)]
    samples += [random_document(rng).text for _ in range(CASES // 2)]
    mixed = random.Random(SEED + 1)  # its own: the cases drawn after stay as they were
    samples += [mixed_breaks_sample(mixed) for _ in range(CASES // 6)]
    samples += long_indentation_samples()
    requests = [edit_request(*case) for case in edits]
    requests += [{"op": "parse", "text": text} for text, *_ in edits[::2]]
    requests += [{"op": "parse", "text": text} for text in broken]
    requests += [{"op": "guess", "text": text} for text in samples]
    replacements = _replacement_cases(rng, edits[::2])
    requests += [replace_request(*case[:4]) for case in replacements]
    answers = iter(run_reference(node_tools, requests))
    return {
        "edits": [(case, next(answers)) for case in edits],
        "clean": {case[0]: next(answers)["errors"] for case in edits[::2]},
        "broken": [(text, next(answers)["errors"]) for text in broken],
        "guesses": [(text, next(answers)) for text in samples],
        "replacements": [(case, next(answers)) for case in replacements],
    }


def _replacement_cases(rng: random.Random, edits) -> list:
    """Every occurrence of a key (duplicates are common in the generated files), each replaced."""
    cases = []
    for text, _, _, formatting in edits:
        document = parse(text)
        if document.issues or document.root is None or document.root.type != "object":
            continue
        key = rng.choice([member.key for member in document.root.children] or ["none"])
        members = find_members(document.root, [key])
        for member in members:
            cases.append((text, member.value_node, random_value(rng), formatting, len(members) > 1))
    return cases


@pytest.mark.parametrize("count", [CASES * 2], ids=lambda count: f"{count}-edits")
def test_edits_are_byte_identical_to_jsonc_parser(reference, count):
    compared, mismatches = 0, []
    for (text, path, value, formatting), answer in reference["edits"]:
        if reference["clean"][text]:
            continue  # VS Code refuses to edit a file with parse errors; so do we
        compared += 1
        ours = our_edit(text, path, value, formatting)
        if differs(text, path, value, ours, answer):
            wanted = answer.get("text", answer.get("error"))
            mismatches.append(_describe(text, path, value, formatting, ours, wanted))
    print(f"compared {compared} edits on parse-clean documents out of {count} generated")
    assert compared > count // 2
    assert not mismatches, f"{len(mismatches)} of {compared} differ:\n" + "\n".join(
        mismatches[:SHOWN]
    )


@pytest.mark.parametrize("count", [CASES * 2], ids=lambda count: f"{count}-documents")
def test_parse_issues_are_the_ones_jsonc_parser_reports(reference, count):
    documents = list(reference["clean"].items()) + reference["broken"]
    with_errors = sum(1 for _, errors in documents if errors)
    mismatches = [
        f"text: {text!r}\n  ours: {ours}\n  node: {errors}"
        for text, errors in documents
        if (ours := utf16_issues(text, parse(text).issues)) != errors
    ]
    print(f"compared {len(documents)} documents, {with_errors} of them with parse errors")
    assert with_errors > len(documents) // 4
    assert not mismatches, f"{len(mismatches)} differ:\n" + "\n".join(mismatches[:SHOWN])


@pytest.mark.parametrize("count", [CASES + CASES // 6 + 9], ids=lambda count: f"{count}-texts")
def test_indentation_is_guessed_as_vscode_guesses(reference, count):
    if any(answer.get("unavailable") for _, answer in reference["guesses"]):
        pytest.skip("monaco-editor (VS Code's indentation guesser) is not installed")
    mismatches = []
    for text, answer in reference["guesses"]:
        found = detect_formatting(text)
        wanted = (answer["insertSpaces"], answer["tabSize"])
        if (found.insert_spaces, found.tab_size) != wanted:
            mismatches.append(f"text: {text!r}\n  ours: {found}\n  monaco: {wanted}")
    print(f"compared {len(reference['guesses'])} indentation guesses")
    assert not mismatches, f"{len(mismatches)} differ:\n" + "\n".join(mismatches[:SHOWN])


@pytest.mark.parametrize("count", [CASES], ids=lambda count: f"from-{count}-documents")
def test_replacing_each_occurrence_matches_jsonc_parser(reference, count):
    mismatches = []
    for (text, node, value, formatting, _), answer in reference["replacements"]:
        ours = replace_value(text, node, value, formatting)
        if ours != answer["text"]:
            mismatches.append(_describe(text, node, value, formatting, ours, answer["text"]))
    repeated = sum(1 for case, _ in reference["replacements"] if case[4])
    print(f"compared {len(reference['replacements'])} replacements, {repeated} of repeated keys")
    assert len(reference["replacements"]) > count // 2
    assert not mismatches, f"{len(mismatches)} differ:\n" + "\n".join(mismatches[:SHOWN])


def _describe(text, path, value, formatting, ours, wanted) -> str:
    return (
        f"text:   {text!r}\n  edit:   {path} = {value!r} with {formatting}\n"
        f"  ours:   {ours!r}\n  node:   {wanted!r}"
    )

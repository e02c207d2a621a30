"""Run the npm reference (tests/jsonc/reference.js) over many requests in ONE node process."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telemetry_inspector.jsonc.edit import EditError, Formatting, remove_property, set_property
from telemetry_inspector.jsonc.parser import find_node, parse, to_value

SCRIPT = Path(__file__).with_name("reference.js")


def run_reference(node_modules: Path, requests: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Answers to `requests`, in order (see reference.js for the request shapes)."""
    lines = "".join(json.dumps(request) + "\n" for request in requests)
    env = dict(os.environ, TELEMETRY_NODE_MODULES=str(node_modules))
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=lines.encode(),
        capture_output=True,
        env=env,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"reference.js failed: {done.stderr.decode(errors='replace')}")
    # Split on LF only: answers may hold a raw U+2028, which str.splitlines() would split on.
    answers = [json.loads(line) for line in done.stdout.decode().split("\n") if line]
    assert len(answers) == len(requests), (len(answers), len(requests))
    return answers


def edit_request(text: str, path: Sequence[str], value: Any, formatting: Formatting) -> dict:
    """An edit request; value REMOVE asks for a removal."""
    request = {"op": "edit", "text": text, "path": list(path), "options": options(formatting)}
    if value is not REMOVE:
        request["value"] = value
    return request


def replace_request(text: str, node, value: Any, formatting: Formatting) -> dict:
    """Replace the value `node` (from our parse) as modify replaces a value."""
    offset, end = utf16_offset(text, node.offset), utf16_offset(text, node.end)
    return {
        "op": "replace",
        "text": text,
        "offset": offset,
        "length": end - offset,
        "value": value,
        "options": options(formatting),
    }


def options(formatting: Formatting) -> dict[str, Any]:
    return {
        "insertSpaces": formatting.insert_spaces,
        "tabSize": formatting.tab_size,
        "eol": formatting.eol,
    }


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Any = _Remove()

# modify() throws this for a removal under a missing parent; we return the text unchanged instead.
NOTHING_TO_REMOVE = "Can not delete in empty document"
EDIT_ERROR = "<EditError>"


def our_edit(text: str, path: Sequence[str], value: Any, formatting: Formatting) -> str:
    """Our edit, or EDIT_ERROR where we refuse."""
    try:
        if value is REMOVE:
            return remove_property(text, path, formatting)
        return set_property(text, path, value, formatting)
    except EditError:
        return EDIT_ERROR


def differs(text: str, path: Sequence[str], value: Any, ours: str, answer: dict) -> bool:
    """Whether our result differs from the reference's answer beyond our two decided deviations."""
    if answer.get("error") == NOTHING_TO_REMOVE:
        return ours != text  # nothing to remove: we change nothing where modify throws
    if "error" in answer:
        return ours != EDIT_ERROR
    if ours == answer["text"]:
        return False
    if value is REMOVE and parse(answer["text"]).issues and not parse(text).issues:
        # VS Code leaves the trailing comma after an object's only member behind (`{,}`); we
        # remove it with the member. What must hold: ours reads, and that object lost the member.
        after = parse(ours)
        return bool(after.issues) or _object_at(ours, path) != _without(text, path)
    return True


def _object_at(text: str, path: Sequence[str]) -> Any:
    return to_value(find_node(parse(text).root, path[:-1]))


def _without(text: str, path: Sequence[str]) -> Any:
    """The object holding path[-1] (first match on the way, as VS Code finds it), without it."""
    value = _object_at(text, path)
    del value[path[-1]]
    return value


def utf16_issues(text: str, issues) -> list[list]:
    """Our issues as [kind, offset, length] with offsets in UTF-16 units, as node reports them."""
    return [
        [
            issue.kind,
            utf16_offset(text, issue.offset),
            utf16_offset(text, issue.offset + issue.length) - utf16_offset(text, issue.offset),
        ]
        for issue in issues
    ]


def utf16_offset(text: str, offset: int) -> int:
    if text.isascii():
        return offset
    return offset + sum(1 for char in text[:offset] if char > "\uffff")

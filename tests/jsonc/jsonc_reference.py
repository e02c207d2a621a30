"""Run the npm reference (tests/jsonc/reference.js) over many requests in ONE node process."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telemetry_inspector.jsonc.edit import Formatting

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


def utf16_issues(text: str, issues) -> list[list]:
    """Our issues as [kind, offset, length] with offsets in UTF-16 units, as node reports them."""
    return [
        [
            issue.kind,
            _utf16(text, issue.offset),
            _utf16(text, issue.offset + issue.length) - _utf16(text, issue.offset),
        ]
        for issue in issues
    ]


def _utf16(text: str, offset: int) -> int:
    if text.isascii():
        return offset
    return offset + sum(1 for char in text[:offset] if char > "\uffff")

"""The machine-wide policy file VS Code reads on Linux (/etc/vscode/policy.json, strict JSON).

VS Code ignores a policy file it cannot parse (it logs the error), so reading one is never fatal
here either: the problem is returned for the caller to show.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telemetry_inspector.errors import FileReadError, ParseError, TelemetryError
from telemetry_inspector.jsonc import nesting_issue
from telemetry_inspector.settings.files import read_text
from telemetry_inspector.settings.model import Policy


def read_policy(path: Path) -> Policy:
    try:
        file = read_text(path)
    except FileReadError as exc:
        return Policy(path, exists=path.exists(), problem=exc)
    if not file.exists:
        return Policy(path, exists=False)
    return Policy(path, True, *_parse(file.text, path))


def parse_policy(text: str, path: Path) -> dict[str, Any]:
    """The policy object, or a ParseError naming line and column (also for a non-object)."""
    import json  # here: most machines have no policy file, and the reader is loaded for it only

    deep = nesting_issue(text)
    if deep is not None:
        raise ParseError(deep.message, path=path, line=deep.line, column=deep.column)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        message = _strict_json_note(text, exc.pos) or _plain(exc.msg)
        raise ParseError(message, path=path, line=exc.lineno, column=exc.colno) from None
    if not isinstance(value, dict):
        raise ParseError("a policy file must hold a JSON object", path=path, line=1, column=1)
    return value


def _parse(text: str, path: Path) -> tuple[dict[str, Any], TelemetryError | None]:
    try:
        return parse_policy(text, path), None
    except ParseError as exc:
        return {}, exc


def _strict_json_note(text: str, at: int) -> str | None:
    """What a settings.json habit did wrong in a policy file (strict JSON, docs/vscode.md)."""
    if text.startswith(("//", "/*"), at):
        return "policy.json is strict JSON: comments are not allowed there"
    before = text[:at].rstrip()
    if before.endswith(",") and text[at : at + 1] in ("}", "]"):
        return "policy.json is strict JSON: a trailing comma is not allowed there"
    return None


def _plain(message: str) -> str:
    return message[0].lower() + message[1:] if message else "invalid JSON"

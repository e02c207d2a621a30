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
from telemetry_inspector.settings.model import Policy, not_utf8_note


def read_policy(path: Path) -> Policy:
    """The policy file as VS Code reads it: `JSON.parse(buffer.toString())`, so bytes that are
    not UTF-8 read as U+FFFD and the policies still hold (a note says so)."""
    try:
        file = read_text(path)
    except FileReadError as exc:
        return Policy(path, exists=path.exists(), problem=exc)
    if not file.exists:
        return Policy(path, exists=False)
    values, problem = _parse(file.text, path, file.bom)
    invalid = file.invalid if problem is None else None  # an ignored file: the problem says it
    notes = (not_utf8_note(invalid),) if invalid is not None else ()
    return Policy(path, True, values, problem, notes=notes)


def parse_policy(text: str, path: Path, *, bom: bool = False) -> dict[str, Any]:
    """The policy object, or a ParseError naming line and column (also for a non-object).
    `bom`: the file began with a byte order mark (set aside from `text`)."""
    if bom:  # VS Code's JSON.parse meets it as a character before the object
        raise ParseError(
            _STRICT + "a byte order mark is not allowed there", path=path, line=1, column=1
        )
    deep = nesting_issue(text)
    if deep is not None:
        raise ParseError(deep.message, path=path, line=deep.line, column=deep.column)
    import json  # here: most machines have no policy file, and the reader is loaded for it only

    try:
        value = strict_loads(text)
    except json.JSONDecodeError as exc:
        message = _strict_json_note(text, exc.pos) or _plain(exc.msg)
        raise ParseError(message, path=path, line=exc.lineno, column=exc.colno) from None
    except _NotJson as exc:
        from telemetry_inspector.jsonc import parse  # the error path alone needs it

        issue = parse(text).issues[0]  # the first thing JSON.parse cannot read: the constant
        message = _STRICT + f"{exc.args[0]} is not allowed there"
        raise ParseError(message, path=path, line=issue.line, column=issue.column) from None
    if not isinstance(value, dict):
        raise ParseError("a policy file must hold a JSON object", path=path, line=1, column=1)
    return value


def strict_loads(text: str) -> Any:
    """The value as VS Code's JSON.parse reads it: NaN and Infinity are not JSON (_NotJson), and
    an integer of any length is a number (past Python's int limit, read as JavaScript's double)."""
    import json

    from telemetry_inspector.vscode.installs import js_integer  # lazy, as json is: few have one

    return json.loads(text, parse_int=js_integer, parse_constant=_refuse_constant)


class _NotJson(Exception):
    """A constant Python's json reads and JSON.parse does not (NaN, Infinity, -Infinity)."""


def _refuse_constant(name: str) -> Any:
    raise _NotJson(name)


def _parse(text: str, path: Path, bom: bool) -> tuple[dict[str, Any], TelemetryError | None]:
    try:
        return parse_policy(text, path, bom=bom), None
    except ParseError as exc:
        return {}, exc


def _strict_json_note(text: str, at: int) -> str | None:
    """What a settings.json habit did wrong in a policy file (strict JSON, docs/vscode.md)."""
    if text.startswith(("//", "/*"), at):
        return _STRICT + "comments are not allowed there"
    before = text[:at].rstrip()
    if before.endswith(",") and text[at : at + 1] in ("}", "]"):
        return _STRICT + "a trailing comma is not allowed there"
    return None


_STRICT = "policy.json is strict JSON: "


def _plain(message: str) -> str:
    return message[0].lower() + message[1:] if message else "invalid JSON"

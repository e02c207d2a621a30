"""A settings-like file (settings.json, argv.json) read and parsed the way VS Code reads it."""

from __future__ import annotations

from pathlib import Path

from telemetry_inspector.errors import ParseError, RefusedError
from telemetry_inspector.jsonc import Document, parse
from telemetry_inspector.records import record
from telemetry_inspector.settings.files import read_text
from telemetry_inspector.settings.model import TextFile


@record
class SettingsFile:
    file: TextFile
    document: Document

    @property
    def path(self) -> Path:
        return self.file.path


def load_settings(path: Path, *, keep_bytes: bool = False) -> SettingsFile:
    """Read and parse; a file VS Code could not use is an error naming the line and column.
    `keep_bytes`: a file to be edited keeps its bytes that are not UTF-8 (files.read_text)."""
    return parse_settings(read_text(path, keep_bytes=keep_bytes))


def parse_settings(file: TextFile) -> SettingsFile:
    """Parse a file already read (errors as load_settings gives them)."""
    path = file.path
    document = parse(file.text)
    if document.issues:
        issue = document.issues[0]
        hint = None
        if file.invalid is not None:
            text = file.as_vscode_reads()
            issue = next(iter(parse(text).issues), issue)  # its column as VS Code counts
            # a UTF-16 file, say: a bad byte where the parse stopped is the cause
            at = text.find("\ufffd", issue.offset, issue.offset + max(issue.length, 1))
            if at >= 0:
                from telemetry_inspector.positions import line_column  # the error path alone

                where = "{}:{}".format(*line_column(text, at))
                hint = f"it is not UTF-8 at {where}, and VS Code reads it as UTF-8"
        raise ParseError(issue.message, path=path, line=issue.line, column=issue.column, hint=hint)
    root = document.root
    if root is not None and root.type != "object":
        raise RefusedError(
            f"the top level is {_a(root.type)}, not an object, so it holds no settings",
            path=path,
        )
    return SettingsFile(file, document)


def _a(kind: str) -> str:
    return {"array": "an array", "null": "null"}.get(kind, f"a {kind}")

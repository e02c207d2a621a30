"""Reading text files the way VS Code does before it parses them, with errors that name the file."""

from __future__ import annotations

from pathlib import Path

from telemetry_inspector.errors import FileReadError, ParseError, os_reason
from telemetry_inspector.fileio import SETTINGS_LIMIT, read_snapshot
from telemetry_inspector.settings.model import BOM, TextFile


def read_text(path: Path, *, missing_ok: bool = True, keep_bytes: bool = False) -> TextFile:
    """The file's UTF-8 text (a leading BOM set aside); a missing file reads as empty. Bytes that
    are not UTF-8 read as U+FFFD, as VS Code's `buffer.toString()` reads them (docs/vscode.md,
    "JavaScript's JSON"); with `keep_bytes` (a file to be edited) each is kept as a lone
    surrogate (surrogateescape) that `TextFile.encode` writes back as the same byte. Either way
    `TextFile.invalid` says where the first one is."""
    try:
        data, snapshot = read_snapshot(path, limit=SETTINGS_LIMIT)
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    if not snapshot.exists:
        if missing_ok and not _is_dangling_in_missing_dir(path):
            return TextFile(path, "", exists=False)
        raise FileReadError("no such file", path=path)
    invalid = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from telemetry_inspector.positions import line_column  # the error path alone needs it

        start = 3 if data.startswith(BOM.encode()) else 0  # set aside: columns count without it
        head = data[start : exc.start].decode("utf-8", "replace")
        line, column = line_column(head, len(head))
        invalid = ParseError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=path, line=line, column=column
        )
        text = data.decode("utf-8", "surrogateescape" if keep_bytes else "replace")
    bom = text.startswith(BOM)
    return TextFile(
        path, text[1:] if bom else text, exists=True, bom=bom, snapshot=snapshot, invalid=invalid
    )


def _is_dangling_in_missing_dir(path: Path) -> bool:
    # A missing file reads as empty, but not one under a path that runs through a file.
    parent = path.parent
    return parent.exists() and not parent.is_dir()

"""Backups of the files lockdown changes, kept beside them, and undo.

Each write leaves two files beside the changed one (beside the link's target for a symbolic link):
`<name>.lockdown-<UTC time>.bak`, the file as it was, and `<name>.lockdown-<UTC time>.json`, a small
record of what lockdown wrote (its SHA-256). Undo restores the newest backup of each file, but only
while the file still holds exactly what lockdown wrote: a file edited since is left alone.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import stat
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from telemetry_inspector.errors import (
    FileReadError,
    FileWriteError,
    ParseError,
    RefusedError,
    os_reason,
)
from telemetry_inspector.settings.atomic import check_writable, write_atomic
from telemetry_inspector.settings.lockdown_model import Backup, Restore

TAG = ".lockdown-"
RECORD = ".json"
COPY = ".bak"
_FORMAT = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save_backup(path: Path, before: bytes | None, after: bytes) -> Backup:
    """Keep `before` (None: no file yet) beside `path` and record that `after` is being written."""
    real = Path(os.path.realpath(path))
    mode = stat.S_IMODE(real.stat().st_mode) if before is not None else 0o600
    try:
        real.parent.mkdir(parents=True, exist_ok=True)  # a new file's folders
    except OSError as exc:
        raise FileWriteError(f"cannot write: {os_reason(exc)}", path=path) from None
    now = datetime.now(UTC)
    for _ in range(1000):  # two lockdowns in the same microsecond: take the next one
        stem = f"{real.name}{TAG}{now:%Y%m%dT%H%M%S.%fZ}"
        record = real.with_name(stem + RECORD)
        try:
            fd = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            break
        except FileExistsError:
            now = now.replace(microsecond=(now.microsecond + 1) % 1_000_000)
        except OSError as exc:
            raise FileWriteError(f"cannot write a backup: {os_reason(exc)}", path=record) from None
    else:
        raise FileWriteError("cannot find a free backup name", path=path)
    copy = real.with_name(stem + COPY) if before is not None else None
    backup = Backup(real, record, copy, sha256(after), now.isoformat().replace("+00:00", "Z"))
    try:
        if copy is not None:
            _write_new(copy, before or b"", mode)
        _fill(fd, backup, before)
    except OSError as exc:
        discard(backup)
        raise FileWriteError(f"cannot write a backup: {os_reason(exc)}", path=record) from None
    return backup


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _fill(fd: int, backup: Backup, before: bytes | None) -> None:
    record = {
        "format": _FORMAT,
        "written_by": "telemetry lockdown",
        "file": str(backup.file),
        "backup": backup.copy.name if backup.copy is not None else None,
        "before_sha256": sha256(before) if before is not None else None,
        "written_sha256": backup.written_sha256,
        "written_at": backup.written_at,
    }
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(record, indent=2) + "\n")
        out.flush()
        os.fsync(out.fileno())


def discard(backup: Backup) -> None:
    for path in (backup.copy, backup.record):
        if path is not None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def newest_backup(path: Path) -> Backup | None:
    real = Path(os.path.realpath(path))
    records = sorted(real.parent.glob(glob.escape(real.name) + TAG + "*" + RECORD))
    return _read_record(real, records[-1]) if records else None


def _read_record(real: Path, record: Path) -> Backup:
    try:
        text = record.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=record) from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(exc.msg, path=record, line=exc.lineno, column=exc.colno) from None
    fields = value if isinstance(value, dict) else {}
    copy, written, at = (fields.get(k) for k in ("backup", "written_sha256", "written_at"))
    if not (isinstance(written, str) and isinstance(at, str) and isinstance(copy, str | None)):
        raise RefusedError("not a lockdown backup record", path=record)
    return Backup(real, record, real.with_name(copy) if copy else None, written, at)


def plan_undo(paths: Iterable[Path]) -> list[Restore]:
    """The newest backup of each file; refuses (restoring nothing) when any file changed since."""
    restores: list[Restore] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():  # no backup is ever beside a folder: "nothing to undo" would mislead
            raise FileReadError(
                "is a directory, not a file", path=path, hint="name the file lockdown changed"
            )
        backup = newest_backup(path)
        if backup is None or backup.file in seen:
            continue
        seen.add(backup.file)
        if _current_sha256(backup.file) != backup.written_sha256:
            raise RefusedError(
                f"changed since lockdown wrote it ({backup.written_at}); nothing was restored",
                path=path,
                hint=f"its backup is {backup.copy or backup.record}, to restore by hand",
            )
        if backup.copy is not None and not backup.copy.is_file():
            raise FileReadError("the backup is missing; nothing was restored", path=backup.copy)
        check_writable(path)
        restores.append(Restore(path, backup))
    return restores


def _current_sha256(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None


def restore(item: Restore) -> None:
    """Put the file back as it was (remove it if lockdown created it); the backup is used up."""
    backup = item.backup
    if backup.copy is None:
        try:
            backup.file.unlink()
        except OSError as exc:
            raise FileWriteError(f"cannot remove: {os_reason(exc)}", path=item.path) from None
    else:
        try:
            data = backup.copy.read_bytes()
        except OSError as exc:
            raise FileReadError(f"cannot read: {os_reason(exc)}", path=backup.copy) from None
        write_atomic(item.path, data)
    discard(backup)

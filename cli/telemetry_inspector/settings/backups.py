"""Backups of the files lockdown (and set-level) change, kept beside them, and undo.

Each write leaves two files beside the changed one (beside the link's target for a symbolic link):
`<name>.lockdown-<UTC time>.bak`, the file as it was, and `<name>.lockdown-<UTC time>.json`, a small
record of what lockdown wrote (its SHA-256). Undo restores the newest backup of each file, but only
while the file still holds exactly what lockdown wrote: a file edited since is left alone.
set-level's are named `.set-level-` instead, so each command's undo takes back only its own write.
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
    NotFoundError,
    ParseError,
    RefusedError,
    TelemetryError,
    os_reason,
)
from telemetry_inspector.fileio import RECORD_LIMIT, SETTINGS_LIMIT, read_regular
from telemetry_inspector.settings.atomic import (
    check_writable,
    give_to_folder_owner,
    make_folders_for,
    temp_prefix,
    temporary_file,
    write_atomic,
)
from telemetry_inspector.settings.lockdown_model import Backup, Listed, Restore

TAG = ".lockdown-"  # lockdown's; set-level's backups use ".set-level-" (tag_of)


def tag_of(command: str) -> str:
    return f".{command}-"


RECORD = ".json"
COPY = ".bak"
_FORMAT = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save_backup(
    path: Path, before: bytes | None, after: bytes, command: str = "lockdown"
) -> Backup:
    """Keep `before` (None: no file yet) beside `path` and record that `after` is being written.

    The copy is written first, then the record appears whole in one step (written aside and
    linked into place), so an interruption at any moment leaves either no record or a complete
    one whose copy exists. Made as root in a user's folder, both become the user's."""
    real = Path(os.path.realpath(path))
    mode = stat.S_IMODE(real.stat().st_mode) if before is not None else 0o600
    try:
        make_folders_for(real)  # a new file's folders
    except OSError as exc:
        raise FileWriteError(f"cannot write: {os_reason(exc)}", path=path) from None
    now = datetime.now(UTC)
    for _ in range(1000):  # two lockdowns in the same microsecond: take the next one
        stem = f"{real.name}{tag_of(command)}{now:%Y%m%dT%H%M%S.%fZ}"
        record, copy = real.with_name(stem + RECORD), real.with_name(stem + COPY)
        if not record.exists() and not copy.exists():
            made: list[Path] = []  # removed again if anything (Ctrl-C, SIGTERM) stops us
            try:
                if before is not None:
                    _write_new(copy, before, mode)  # O_EXCL: the name is ours from here on
                    made.append(copy)
                backup = Backup(
                    real,
                    record,
                    copy if before is not None else None,
                    sha256(after),
                    now.isoformat().replace("+00:00", "Z"),
                    sha256(before) if before is not None else None,
                )
                _write_record(backup, mode, command)
                made.append(record)
                return backup
            except FileExistsError:  # the name was taken meanwhile: the next one
                _remove(made)
            except OSError as exc:
                _remove(made)
                raise FileWriteError(
                    f"cannot write a backup: {os_reason(exc)}", path=record
                ) from None
            except BaseException:
                _remove(made)
                raise
        now = now.replace(microsecond=(now.microsecond + 1) % 1_000_000)
    raise FileWriteError("cannot find a free backup name", path=path)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _write_new(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        give_to_folder_owner(path, fd)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def _write_record(backup: Backup, mode: int, command: str) -> None:
    record = {
        "format": _FORMAT,
        "written_by": f"telemetry {command}",
        "file": str(backup.file),
        "backup": backup.copy.name if backup.copy is not None else None,
        "before_sha256": backup.before_sha256,
        "written_sha256": backup.written_sha256,
        "written_at": backup.written_at,
    }
    data = (json.dumps(record, indent=2) + "\n").encode("utf-8", "surrogateescape")
    # Named as write_atomic names its temporary files, so one a killed run left is cleaned too.
    fd, name = temporary_file(backup.record.parent, temp_prefix(backup.file))
    aside = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), mode)
            give_to_folder_owner(aside, out.fileno())
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(aside, backup.record)  # appears whole; fails if the name is taken
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: a rename, nearly as good
            if backup.record.exists():
                raise FileExistsError(backup.record) from None
            os.replace(aside, backup.record)
    finally:
        with contextlib.suppress(OSError):
            aside.unlink()
    _fsync_folder(backup.record.parent)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def discard(backup: Backup) -> None:
    for path in (backup.copy, backup.record):
        if path is not None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def records_of(path: Path, command: str = "lockdown") -> list[Path]:
    """The backup records `command` left of the file at `path` (beside its target), oldest first."""
    real = Path(os.path.realpath(path))
    return sorted(real.parent.glob(glob.escape(real.name) + tag_of(command) + "*" + RECORD))


def newest_backup(path: Path, command: str = "lockdown") -> Backup | None:
    records = records_of(path, command)
    return read_record(path, records[-1]) if records else None


def read_record(path: Path, record: Path) -> Backup:
    """The record, checked: it must name a copy beside it under the record's own name."""
    real = Path(os.path.realpath(path))
    try:
        text = read_regular(record, limit=RECORD_LIMIT).decode("utf-8")
    except UnicodeDecodeError:
        raise RefusedError("not a lockdown backup record (not UTF-8)", path=record) from None
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=record) from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(exc.msg, path=record, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise RefusedError("not a lockdown backup record (nested too deep)", path=record) from None
    fields = value if isinstance(value, dict) else {}
    copy, written, at = (fields.get(k) for k in ("backup", "written_sha256", "written_at"))
    before = fields.get("before_sha256")
    if not (
        isinstance(written, str)
        and isinstance(at, str)
        and isinstance(copy, str | None)
        and isinstance(before, str | None)
    ):
        raise RefusedError("not a lockdown backup record", path=record)
    expected_copy = record.name.removesuffix(RECORD) + COPY
    if copy is not None and copy != expected_copy:
        # lockdown names the copy after the record; anything else (`../../x.bak`) is crafted
        raise RefusedError(
            f"not a lockdown backup record: it names {copy!r} as its backup, not {expected_copy}",
            path=record,
        )
    return Backup(real, record, record.with_name(copy) if copy else None, written, at, before)


def _stamp(record: Path) -> str:
    return record.name.rsplit("-", 1)[-1].removesuffix(RECORD)


def list_backups(paths: Iterable[Path]) -> list[Listed]:
    """Every backup of every file, newest first, each with what undoing it would do now."""
    found: list[Listed] = []
    for path in _files(paths):
        current = _current_sha256(path)
        later: set[str] = set()
        for record in reversed(records_of(path)):
            try:
                backup = read_record(path, record)
            except TelemetryError as exc:
                found.append(Listed(path, record, _stamp(record), None, f"unusable: {exc.message}"))
                continue
            state = _state(backup, current, later)
            later.add(backup.written_sha256)
            found.append(Listed(path, record, _stamp(record), backup, state))
    return found


def _state(backup: Backup, current: str | None, later: set[str]) -> str:
    if current == backup.written_sha256:
        return "undoable"
    if current in later:
        return "undoable (also undoes the later lockdowns)"
    if backup.before_sha256 is not None and current == backup.before_sha256:
        return "never applied (the run was stopped before the write)"
    return "the file changed since"


def plan_undo(
    paths: Iterable[Path], command: str = "lockdown", *, stamp: str | None = None
) -> list[Restore]:
    """For each file, the newest backup of what it holds now (or the one `stamp` picks); refuses,
    restoring nothing, when any file changed since. A record whose write never happened (the run
    was stopped between backup and write) is passed over for the one before it."""
    restores: list[Restore] = []
    picked = False
    for path in _files(paths):
        restore_item = _undo_one(path, stamp, command)
        if restore_item is not None:
            picked = True
            restores.append(restore_item)
    if stamp is not None and not picked:
        raise NotFoundError(
            f"no {command} backup {stamp}", hint="`telemetry lockdown --backups` lists them"
        )
    return restores


def _files(paths: Iterable[Path]) -> list[Path]:
    unique: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():  # no backup is ever beside a folder: "nothing to undo" would mislead
            raise FileReadError(
                "is a directory, not a file", path=path, hint="name the file lockdown changed"
            )
        _refuse_moved_away(path)
        real = Path(os.path.realpath(path))
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def _refuse_moved_away(path: Path) -> None:
    """A file lockdown wrote that was moved away and replaced by a link: its backups are beside
    the link, not beside what the link points to; say so rather than "nothing to undo"."""
    lexical = Path(os.path.abspath(path))
    if not lexical.is_symlink():
        return
    beside = sorted(lexical.parent.glob(glob.escape(lexical.name) + TAG + "*" + RECORD))
    if beside and not records_of(path):
        raise RefusedError(
            f"is now a symbolic link to {os.path.realpath(path)}, and lockdown's backups of the "
            "file it replaced are beside the link; nothing was restored",
            path=path,
            hint=f"restore by hand from {beside[-1].with_suffix(COPY)} if that is still wanted",
        )


def _undo_one(path: Path, stamp: str | None, command: str) -> Restore | None:
    records = records_of(path, command)
    if not records:
        return None
    current = _current_sha256(path)
    later: set[str] = set()  # what the lockdowns after this record wrote
    for record in reversed(records):
        if stamp is not None and not _stamp(record).startswith(stamp):
            with contextlib.suppress(TelemetryError):  # a broken later record: not in the way
                later.add(read_record(path, record).written_sha256)
            continue
        backup = read_record(path, record)
        if current == backup.written_sha256 or (stamp is not None and current in later):
            if backup.copy is not None:
                _check_copy(backup.copy)
            check_writable(path)
            return Restore(path, backup, stale=_newer(records, record))
        if stamp is None and current is not None and current == backup.before_sha256:
            later.add(backup.written_sha256)
            continue  # never applied: the run was stopped before its write
        raise RefusedError(
            f"changed since {command} wrote it ({backup.written_at}); nothing was restored",
            path=path,
            hint=f"its backup is {backup.copy or backup.record}, to restore by hand",
        )
    return None


def _check_copy(copy: Path) -> None:
    """The copy must be a regular file of its own, as save_backup made it: a link there (which
    the folder's owner may plant) would make a run as root restore a file it points to."""
    try:
        info = os.lstat(copy)
    except FileNotFoundError:
        raise FileReadError("the backup is missing; nothing was restored", path=copy) from None
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=copy) from None
    if not stat.S_ISREG(info.st_mode):
        what = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "something else"
        raise RefusedError(
            f"the backup is {what}, not a regular file (lockdown makes only files); nothing was "
            "restored",
            path=copy,
        )


def _newer(records: list[Path], record: Path) -> tuple[Path, ...]:
    return tuple(records[records.index(record) + 1 :])


def _current_sha256(path: Path) -> str | None:
    try:
        return sha256(read_regular(path, limit=SETTINGS_LIMIT))
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
            data = read_regular(backup.copy, limit=SETTINGS_LIMIT, follow=False)
        except OSError as exc:
            raise FileReadError(f"cannot read: {os_reason(exc)}", path=backup.copy) from None
        write_atomic(item.path, data)
    discard(backup)
    for record in item.stale:  # later records, undone with it or never applied
        with contextlib.suppress(TelemetryError):
            discard(read_record(item.path, record))

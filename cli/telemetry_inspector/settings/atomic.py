"""Atomic file writes: the file is either the old one or the new one, never a broken mix.

A temporary file in the same folder is written, flushed and fsynced, given the original's mode
(and owner, when we can), then renamed over the target, and the folder is fsynced so the rename
survives a crash. A symbolic link is written through: its target is replaced, the link stays.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from telemetry_inspector.errors import FileWriteError, os_reason

TEMP_PREFIX = ".telemetry-"
TEMP_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes, *, make_folders: bool = True) -> None:
    """Replace `path` with `data` atomically; missing folders are made unless told not to."""
    target = Path(os.path.realpath(path))  # through every symlink to the file that holds the data
    try:
        _refuse_read_only(target, path)
        if make_folders:
            target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
    except FileWriteError:
        raise
    except OSError as exc:
        raise FileWriteError(f"cannot write: {os_reason(exc)}", path=path) from None


def check_writable(path: Path) -> None:
    """Fail before anything is written when `path` could not be replaced: the rename needs a
    writable folder (the nearest one that exists, when folders will be created), and a file
    made read-only is left alone."""
    target = Path(os.path.realpath(path))
    _refuse_read_only(target, path)
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.is_dir() and not _may(folder, os.W_OK | os.X_OK):
        raise FileWriteError("cannot write: permission denied", path=path)


def _refuse_read_only(target: Path, shown: Path) -> None:
    # A rename could replace it, but a read-only settings file is a choice (often to keep
    # anything from changing it); VS Code's own write fails on it, and so does `>` in a shell.
    if target.is_file() and not _may(target, os.W_OK):
        raise FileWriteError(
            "cannot write: the file is read-only (make it writable to change it)", path=shown
        )


def _may(path: Path, mode: int) -> bool:
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def _replace(target: Path, data: bytes) -> None:
    previous = _stat_or_none(target)
    if previous is not None and stat.S_ISDIR(previous.st_mode):
        raise FileWriteError("cannot write: is a directory, not a file", path=target)
    fd, temp_name = tempfile.mkstemp(
        prefix=TEMP_PREFIX + target.name + ".", suffix=TEMP_SUFFIX, dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            _copy_metadata(temp.fileno(), previous)
            os.fsync(temp.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(target.parent)


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _copy_metadata(fd: int, previous: os.stat_result | None) -> None:
    if previous is None:
        # mkstemp creates 0600; a new settings file gets what any new file would (0666 & ~umask).
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    os.fchmod(fd, stat.S_IMODE(previous.st_mode))
    if hasattr(os, "fchown") and (previous.st_uid, previous.st_gid) != _owner(fd):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.fchown(fd, previous.st_uid, previous.st_gid)


def _owner(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_uid, info.st_gid


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform/file system can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class AtomicFile:
    """A file written in pieces that appears at `path` only on `commit()`, whole, as
    `write_atomic` writes it; `discard()` leaves the folder (and any old file) as it was."""

    def __init__(self, path: Path) -> None:
        self.shown = path
        self.target = Path(os.path.realpath(path))
        try:
            _refuse_read_only(self.target, path)
            previous = _stat_or_none(self.target)
            if previous is not None and not stat.S_ISREG(previous.st_mode):
                # renaming over a device, a FIFO or a folder would replace it, not write to it
                raise FileWriteError("cannot write: not a regular file", path=path)
            self._previous = previous
            fd, self._temp = tempfile.mkstemp(
                prefix=TEMP_PREFIX + self.target.name + ".",
                suffix=TEMP_SUFFIX,
                dir=self.target.parent,
            )
        except OSError as exc:
            raise FileWriteError(f"cannot write: {os_reason(exc)}", path=path) from None
        self.file = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.file.flush()
            _copy_metadata(self.file.fileno(), self._previous)
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self._temp, self.target)
        except OSError as exc:
            self.discard()
            raise FileWriteError(f"cannot write: {os_reason(exc)}", path=self.shown) from None
        _fsync_folder(self.target.parent)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._temp)

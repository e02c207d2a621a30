"""The two rules every file the tool touches obeys, in one place: read only regular files, and
only so much of them; write only where a regular file is, or nothing is yet.

A leaf module like errors.py: everyone may import it, it imports nothing of the project. A refusal
is an `UnsafeFile` (an OSError), so the callers' usual `except OSError` names the file and the
reason on one line.
"""

from __future__ import annotations

import errno
import os
import stat

from telemetry_inspector.records import record

STDOUT = "-"  # `-o -`: the output goes to stdout, as for most Unix tools

MB = 1024 * 1024
# Caps on what one file may hold, far above any real one, far below what would exhaust memory.
SETTINGS_LIMIT = 64 * MB  # settings.json, argv.json, policy.json, package.json, product.json
CATALOG_LIMIT = 512 * MB  # a saved report or telemetry.json (VS Code's own is a few MB)
SOURCE_LIMIT = 64 * MB  # one TypeScript source, tsconfig, ignore or config file
RECORD_LIMIT = 1 * MB  # a lockdown backup record (a few hundred bytes)


class UnsafeFile(OSError):
    """A file refused before any byte of it is read or written: not a regular file, or too large."""


def names_stdout(path: os.PathLike[str] | str | None) -> bool:
    """Does an output option name stdout (`-o -`) rather than a file?"""
    return path is not None and os.fspath(path) == STDOUT


def kind_of(mode: int) -> str:
    """What a non-regular file is, in a few words."""
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def check_regular_target(path: os.PathLike[str] | str) -> None:
    """The one rule of every writer (`-o FILE`, set-level, lockdown, undo): the path, followed
    through its symbolic links, must be a regular file or nothing yet. A device node, a FIFO, a
    socket or a folder is never replaced by a file (as root, `-o /dev/null` would replace
    /dev/null). Raises UnsafeFile; a dangling link is fine (the file it names gets created)."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeFile(errno.EISDIR, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        what = kind_of(info.st_mode)
        raise UnsafeFile(errno.EINVAL, f"{what}, not a regular file (only those are written)")


@record
class Snapshot:
    """A file as it was read, to tell before a write whether anyone changed it since: the same
    inode, size and modification time, and the same bytes (a time stamp alone can miss a change
    made within the same clock tick). The bytes themselves, not a digest: comparing them costs
    less than hashing them, and every read would load hashlib (and OpenSSL) for it."""

    exists: bool
    device: int = 0
    inode: int = 0
    size: int = 0
    mtime_ns: int = 0
    data: bytes = b""


ABSENT = Snapshot(exists=False)


def snapshot_of(data: bytes, info: os.stat_result) -> Snapshot:
    return Snapshot(True, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, data)


def read_snapshot(path: os.PathLike[str] | str, *, limit: int) -> tuple[bytes, Snapshot]:
    """read_regular, and the snapshot of what was read (ABSENT when there is no file)."""
    try:
        data, info = _read(path, limit)
    except FileNotFoundError:
        return b"", ABSENT
    return data, snapshot_of(data, info)


def read_regular(path: os.PathLike[str] | str, *, limit: int, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. A FIFO, a device (/dev/zero), a socket
    or a folder, directly or through a link, is refused before reading: one would block forever,
    another never ends. OSErrors (FileNotFoundError...) propagate as they are. `follow=False`:
    a symbolic link at the path itself is refused too (for files only we make, never links)."""
    return _read(path, limit, follow)[0]


def _read(
    path: os.PathLike[str] | str, limit: int, follow: bool = True
) -> tuple[bytes, os.stat_result]:
    # O_NONBLOCK: opening a FIFO nobody writes to returns at once instead of waiting for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
        if stat.S_ISLNK(os.lstat(path).st_mode):  # O_NOFOLLOW's own error says "too many levels"
            raise UnsafeFile(errno.ELOOP, "a symbolic link, not a regular file")
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", os.fspath(path))
        if not stat.S_ISREG(info.st_mode):
            what = kind_of(info.st_mode)
            raise UnsafeFile(errno.EINVAL, f"{what}, not a regular file")
        if info.st_size > limit:
            raise UnsafeFile(errno.EFBIG, _too_large(info.st_size, limit))
        parts, size = [], 0
        # The whole file in one read (one byte more shows that it grew), then a megabyte at a
        # time: a file read whole is not copied again by the join.
        ask = info.st_size + 1
        while chunk := os.read(fd, min(limit + 1 - size, ask)):
            parts.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while we read
                raise UnsafeFile(errno.EFBIG, _too_large(size, limit))
            ask = 1 << 20
        return b"".join(parts), os.fstat(fd)
    finally:
        os.close(fd)


def read_regular_text(path: os.PathLike[str] | str, *, limit: int, encoding: str = "utf-8") -> str:
    """read_regular, decoded (UnicodeDecodeError propagates)."""
    return read_regular(path, limit=limit).decode(encoding)


def _too_large(size: int, limit: int) -> str:
    shown = f"{size / MB:.0f} MB" if size >= MB else f"{size} bytes"
    return f"too large ({shown}; the most this tool reads from such a file is {limit // MB} MB)"

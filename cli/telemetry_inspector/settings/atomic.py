"""Atomic file writes: the file is either the old one or the new one, never a broken mix.

A temporary file in the same folder is written, flushed and fsynced, given the original's mode,
owner and extended attributes (POSIX ACLs are some), then renamed over the target, and the folder
is fsynced so the rename survives a crash. A symbolic link is written through: its target is
replaced, the link stays.

What is refused, each with its reason and nothing written: anything but a regular file at the path
(fileio.check_regular_target), a read-only file (also as root), a file with several hard links
(a rename would split them), and, as root, a symbolic link that leads out of what its owner
controls. A write that was planned from a file's content (`expected`) goes ahead only if the file
still holds that content just before the rename: a change made meanwhile (VS Code saving it, an
editor) is never overwritten. `exclusive()` keeps our own runs from interleaving.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from telemetry_inspector.errors import FileWriteError, RefusedError, os_reason
from telemetry_inspector.fileio import (
    SETTINGS_LIMIT,
    Snapshot,
    UnsafeFile,
    check_regular_target,
    read_snapshot,
)

TEMP_PREFIX = ".telemetry-"
TEMP_SUFFIX = ".tmp"
LOCK_WAIT = 30.0  # seconds to wait for another run of ours writing in the same folder
ANY = None  # `expected`: write whatever the file holds now (an output file)
_MAX_LINKS = 40  # symbolic links followed in one path, as Linux's own limit

T = TypeVar("T")


class ChangedMeanwhile(RefusedError):
    """The file changed between our read and our write; nothing was written."""

    def __init__(self, path: os.PathLike[str] | str) -> None:
        super().__init__(
            "changed while telemetry was editing it (another program wrote it); nothing was "
            "written, so that change is kept",
            path=path,
            hint="run the command again",
        )


def write_atomic(
    path: Path, data: bytes, *, make_folders: bool = True, expected: Snapshot | None = ANY
) -> None:
    """Replace `path` with `data` atomically; missing folders are made unless told not to.
    With `expected`, the file must still be as that snapshot saw it (ChangedMeanwhile if not)."""
    try:
        check_writable(path)
        target = Path(os.path.realpath(path))  # through every symlink to the file with the data
        if make_folders:
            make_folders_for(target)
        _replace(target, data, expected, shown=path)
    except FileWriteError:
        raise
    except OSError as exc:
        raise FileWriteError(f"cannot write: {os_reason(exc)}", path=path) from None


def check_writable(path: Path) -> None:
    """Fail before anything is written when `path` could not or must not be replaced: not a
    regular file, read-only, hard-linked, a root-unsafe link, or a folder we cannot write to (the
    nearest one that exists, when folders will be created)."""
    try:
        check_regular_target(path)
    except UnsafeFile as exc:
        raise FileWriteError(f"cannot write: {exc.strerror}", path=path) from None
    check_links_as_root(path)
    target = Path(os.path.realpath(path))
    _refuse_read_only(target, path)
    _refuse_hard_links(target, path)
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.is_dir() and not _may(folder, os.W_OK | os.X_OK):
        raise FileWriteError("cannot write: permission denied", path=path)


def check_unchanged(path: Path, expected: Snapshot | None) -> None:
    """ChangedMeanwhile unless the file is still as `expected` saw it (ANY: nothing to check)."""
    if expected is not ANY and _snapshot(Path(os.path.realpath(path))) != expected:
        raise ChangedMeanwhile(path)


def retrying(attempt: Callable[[], T], *, tries: int = 3) -> T:
    """Run `attempt` (read, plan, write) again on the new content when a file changed meanwhile;
    after `tries` the change is reported (nothing of ours overwrote it)."""
    for _ in range(tries - 1):
        try:
            return attempt()
        except ChangedMeanwhile:
            continue
    return attempt()


@contextlib.contextmanager
def exclusive(paths: Iterable[Path]) -> Iterator[None]:
    """Hold a lock on the folder of each path (the nearest that exists) so that two runs of ours
    never read and write the same files at once: the second waits, then reads what the first
    wrote. Folders are locked in one order, so two runs cannot deadlock."""
    folders = sorted({_nearest_folder(Path(os.path.realpath(p)).parent) for p in paths})
    with contextlib.ExitStack() as stack:
        for folder in folders:
            stack.enter_context(_folder_lock(folder))
        yield


def _nearest_folder(folder: Path) -> Path:
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks on folders; the content check still holds
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a folder we cannot open is one we cannot write in either: checked later
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise FileWriteError(
                        "another telemetry run is still writing in this folder", path=folder
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def make_folders_for(target: Path) -> None:
    """Create the missing folders above `target`, each given to the owner of the folder it is
    made in when we are root (a user's folder stays the user's)."""
    missing = []
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        give_to_folder_owner(new)


def give_to_folder_owner(path: Path, fd: int | None = None) -> None:
    """As root, what we create in a user's folder becomes that user's: otherwise the user could
    not change or remove it (their own `lockdown --undo` would fail)."""
    if not _is_root():
        return
    folder = path.parent.stat()
    if folder.st_uid == 0:
        return
    if fd is not None:
        os.fchown(fd, folder.st_uid, folder.st_gid)
    else:
        os.chown(path, folder.st_uid, folder.st_gid, follow_symlinks=False)


def check_links_as_root(path: Path) -> None:
    """As root, follow a symbolic link only to what the link's owner controls: a file they own
    or, for one to be created, a folder they own. This is the kernel's protected_symlinks idea
    applied to a user's HOME: a link the user planted must not make root write a root-only file
    or create one where the user could not."""
    if not _is_root():
        return
    pending = list(Path(os.path.abspath(path)).parts)
    current = Path(pending.pop(0))
    hops = 0
    while pending:
        part = pending.pop(0)
        candidate = current / part
        try:
            info = os.lstat(candidate)
        except OSError:  # missing (to be created) or unreadable: nothing more to follow
            return
        if not stat.S_ISLNK(info.st_mode):
            current = candidate
            continue
        hops += 1
        if hops > _MAX_LINKS:
            return  # the write itself reports the loop
        if info.st_uid != 0:
            _refuse_foreign_target(candidate, info.st_uid, path)
        link = Path(os.readlink(candidate))
        if link.is_absolute():
            current, pending = Path(link.parts[0]), [*link.parts[1:], *pending]
        else:
            pending = [*link.parts, *pending]


def _refuse_foreign_target(link: Path, owner: int, shown: Path) -> None:
    resolved = Path(os.path.realpath(link))
    existing = resolved
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.stat().st_uid != owner:
        raise FileWriteError(
            f"{link} is a symbolic link owned by {_user(owner)} to {resolved}, which "
            f"{_user(owner)} does not own: as root, it is not followed",
            path=shown,
            hint="run the command as that user, or put the file itself in the link's place",
        )


def _user(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _refuse_read_only(target: Path, shown: Path) -> None:
    # A rename could replace it, but a read-only settings file is a choice (often to keep
    # anything from changing it); VS Code's own write fails on it, and so does `>` in a shell.
    # Root may write anything, so for root "read-only" is the mode itself: no write bit at all.
    if not target.is_file():
        return
    no_write_bit = stat.S_IMODE(target.stat().st_mode) & 0o222 == 0
    if not _may(target, os.W_OK) or (_is_root() and no_write_bit):
        raise FileWriteError(
            "cannot write: the file is read-only (make it writable to change it)", path=shown
        )


def _refuse_hard_links(target: Path, shown: Path) -> None:
    # The rename gives the path a new inode; the file's other names would keep the old content.
    # VS Code's own save writes in place and keeps them (docs/vscode.md), so we refuse, saying why.
    try:
        links = target.stat().st_nlink
    except OSError:
        return
    if links > 1 and target.is_file():
        raise FileWriteError(
            f"cannot write: the file has {links} hard links, and replacing it would split them "
            "(the other names would keep the old content)",
            path=shown,
            hint="make it a single file, or a symbolic link to one, and try again",
        )


def _may(path: Path, mode: int) -> bool:
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def _snapshot(target: Path) -> Snapshot:
    return read_snapshot(target, limit=SETTINGS_LIMIT * 8)[1]


def _replace(target: Path, data: bytes, expected: Snapshot | None, *, shown: Path) -> None:
    previous = _stat_or_none(target)
    if previous is not None and stat.S_ISDIR(previous.st_mode):
        raise FileWriteError("cannot write: is a directory, not a file", path=target)
    remove_stale_temps(target)
    fd, temp_name = temporary_file(target.parent, temp_prefix(target))
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            _copy_metadata(temp.fileno(), previous, target)
            _copy_extended_attributes(temp.fileno(), target, previous, shown)
            os.fsync(temp.fileno())
        check_unchanged(shown, expected)  # the last look before the rename
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(target.parent)


# The characters of a temporary file's random part, as tempfile.mkstemp picks them.
_NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_CREATE_NEW = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def temporary_file(folder: Path, prefix: str) -> tuple[int, str]:
    """A new file `prefix` + 8 random characters + TEMP_SUFFIX in `folder`, open for writing,
    readable by its owner only: what tempfile.mkstemp makes, without loading tempfile and the
    random module it seeds (a tenth of set-level's start-up)."""
    for _ in range(10_000):
        part = "".join(_NAME_CHARACTERS[byte % 37] for byte in os.urandom(8))
        name = os.path.abspath(os.path.join(folder, prefix + part + TEMP_SUFFIX))
        try:
            return os.open(name, _CREATE_NEW, 0o600), name
        except FileExistsError:
            continue  # the name is taken: another one
    raise FileExistsError(f"no free temporary name in {folder}")


def temp_prefix(target: Path) -> str:
    return TEMP_PREFIX + target.name + "."


def remove_stale_temps(target: Path) -> None:
    """Remove temporary files a killed run of ours left beside `target` (they hold nothing the
    user has: the rename never happened). Callers hold `exclusive()`, so none is in use."""
    prefix = temp_prefix(target)
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            name = entry.name
            if name.startswith(prefix) and name.endswith(TEMP_SUFFIX) and _is_ours(entry, name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _is_ours(entry: os.DirEntry[str], name: str) -> bool:
    # mkstemp's part is 8 characters; anything else is not a name we made.
    middle = name[len(name) - len(TEMP_SUFFIX) - 8 : -len(TEMP_SUFFIX)]
    return len(middle) == 8 and entry.is_file(follow_symlinks=False)


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _copy_metadata(fd: int, previous: os.stat_result | None, target: Path) -> None:
    if previous is None:
        # mkstemp creates 0600; a new settings file gets what any new file would (0666 & ~umask).
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        give_to_folder_owner(target, fd)
        return
    if hasattr(os, "fchown") and (previous.st_uid, previous.st_gid) != _owner(fd):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.fchown(fd, previous.st_uid, previous.st_gid)
    os.fchmod(fd, stat.S_IMODE(previous.st_mode))  # after chown, which may clear set-id bits


def _copy_extended_attributes(
    fd: int, target: Path, previous: os.stat_result | None, shown: Path
) -> None:
    """The original's extended attributes (POSIX ACLs, SELinux labels, tags) on the new file, or
    a refusal naming the one that cannot be kept: never dropped silently."""
    if previous is None or not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError:  # the file system has none
        return
    for name in names:
        try:
            value = os.getxattr(target, name)
            has = name in os.listxattr(fd)  # e.g. an SELinux label the folder gave it already
            if not has or os.getxattr(fd, name) != value:
                os.setxattr(fd, name, value)
        except OSError as exc:
            raise FileWriteError(
                f"cannot write: its extended attribute {name} could not be kept "
                f"({os_reason(exc)}); nothing was written",
                path=shown,
            ) from None


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
        # As root, `-o FILE` follows a user's link no further than write_atomic does.
        check_links_as_root(path)
        self.target = Path(os.path.realpath(path))
        try:
            check_regular_target(path)  # never rename over a device, a FIFO or a folder
            _refuse_read_only(self.target, path)
            self._previous = _stat_or_none(self.target)
            fd, self._temp = temporary_file(self.target.parent, temp_prefix(self.target))
        except OSError as exc:
            raise FileWriteError(f"cannot write: {os_reason(exc)}", path=path) from None
        self.file = os.fdopen(fd, "wb")

    def commit(self) -> None:
        try:
            self.file.flush()
            _copy_metadata(self.file.fileno(), self._previous, self.target)
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

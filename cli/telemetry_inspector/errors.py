"""The error tree. Each error knows its exit code and how to say itself on one line.

A leaf module: everyone may import it, it imports nothing of the project.
"""

from __future__ import annotations

import errno
import os

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `cat` and friends report when `| head` closes early


class TelemetryError(Exception):
    """A failure the user can act on. main() prints `one_line()` to stderr and exits `exit_code`."""

    exit_code = EXIT_FAILED

    def __init__(
        self, message: str, *, path: os.PathLike[str] | str | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.hint = hint

    def location(self) -> str:
        return os.fspath(self.path) if self.path is not None else ""

    def one_line(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(TelemetryError):
    """A bad combination of options or a bad value that Typer could not catch itself."""

    exit_code = EXIT_USAGE


class FileReadError(TelemetryError):
    """A file (or folder) could not be read: missing, unreadable, a directory..."""


class FileWriteError(TelemetryError):
    """A file could not be written; the original is untouched."""


class ParseError(TelemetryError):
    """A file could not be parsed. Carries the 1-based line and column of the first problem."""

    def __init__(
        self,
        message: str,
        *,
        path: os.PathLike[str] | str | None,
        line: int,
        column: int,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, path=path, hint=hint)
        self.line = line
        self.column = column

    def location(self) -> str:
        where = super().location() or "<input>"
        return f"{where}:{self.line}:{self.column}"


class RefusedError(TelemetryError):
    """The tool will not do what was asked because it would be wrong or unsafe (it says why)."""


class NotFoundError(TelemetryError):
    """Something the command needs (an installation, a settings file, an event) was not found."""


class OutputClosed(TelemetryError):
    """stdout was closed by the reader (`| head`): end quietly."""

    exit_code = EXIT_BROKEN_PIPE

    def __init__(self) -> None:
        super().__init__("output closed")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, as Ctrl-C is: every `finally` and clean-up runs (a
    temporary file removed, a backup whose write never came discarded)."""


def os_reason(exc: OSError) -> str:
    """A few plain words for the usual ways a file operation fails."""
    reasons = {
        errno.ENOENT: "no such file or folder",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EISDIR: "is a directory, not a file",
        errno.ENOTDIR: "a part of the path is not a directory",
        errno.ELOOP: "too many levels of symbolic links",
        errno.ENOSPC: "no space left on the device",
        errno.EROFS: "read-only file system",
        errno.ENAMETOOLONG: "file name too long",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))

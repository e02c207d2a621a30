"""The catalog as bytes (the reference's compact JSON, or 4-space `code --telemetry` style) and
an atomic write of it."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from typing import Any

from telemetry_inspector.errors import FileWriteError

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def serialize(catalog: dict[str, Any], *, indent: int | None = None) -> bytes:
    """JSON.stringify's text: compact (or indented), non-ASCII kept, a final newline."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(catalog, ensure_ascii=False, indent=indent, separators=separators)
    text = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return (text + "\n").encode("utf-8")


def write_atomically(path: str, data: bytes) -> None:
    """Temporary file in the target's folder, fsync, rename; a symbolic link is written
    through to its target and an existing file keeps its permissions."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise FileWriteError(f"cannot write: {exc.strerror}", path=path) from None
    if os.path.isdir(target):
        raise FileWriteError("cannot write: it is a folder", path=path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".telemetry-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileWriteError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        os.unlink(temporary)
        raise FileWriteError(f"cannot write: {exc.strerror}", path=path) from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

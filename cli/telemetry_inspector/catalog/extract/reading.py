"""Reading the candidate files once: a file is kept only when it holds something to extract
(a `__GDPR__` comment marker or a publicLog2/publicLogError2 call), the rest is dropped as read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from telemetry_inspector.catalog.extract.syntax import has_log_call


class _Listing(Protocol):
    comment_files: tuple[str, ...]
    typed_files: tuple[str, ...]


class Contents:
    """The kept files' bytes (and decoded text on demand)."""

    def __init__(self, kept: dict[str, bytes]) -> None:
        self._kept = kept
        self._texts: dict[str, str] = {}

    def has(self, path: str, marker: bytes) -> bool:
        data = self._kept.get(path)
        return data is not None and marker in data

    def logs(self, path: str) -> bool:
        data = self._kept.get(path)
        return data is not None and has_log_call(data)

    def data(self, path: str) -> bytes | None:
        return self._kept.get(path)

    def text(self, path: str) -> str:
        text = self._texts.get(path)
        if text is None:
            text = self._texts[path] = self._kept[path].decode("utf-8", "replace")
        return text

    def read(self, path: str) -> bytes | None:
        """Any file (a module a type is imported from): kept bytes, else from disk."""
        data = self._kept.get(path)
        if data is not None:
            return data
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except OSError:
            return None


def read_all(
    listings: Iterable[_Listing], comment_marker: bytes, progress: Callable[[int, int], None] | None
) -> Contents:
    paths = list(
        dict.fromkeys(p for lst in listings for p in (*lst.comment_files, *lst.typed_files))
    )
    kept: dict[str, bytes] = {}
    step = max(len(paths) // 100, 1)
    for index, path in enumerate(paths):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        if comment_marker in data or has_log_call(data):
            kept[path] = data
        if progress is not None and index % step == 0:
            progress(index, len(paths))
    if progress is not None:
        progress(len(paths), len(paths))
    return Contents(kept)

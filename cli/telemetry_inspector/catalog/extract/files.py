"""Which files the reference tool would read, found in one walk of each source folder.

Its rules (it asks ripgrep): comments are searched in `*.ts`, `*.tsx` and `*.cs` files, typed
calls in `*.ts` files; hidden folders and symbolic links are never entered (hidden files
matching the globs are searched); ignore files keep the comment search out of folders, the
typed search ignores them; excluded folders are skipped by both. Paths come back sorted the way
JavaScript sorts strings, as the reference processes them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from telemetry_inspector.catalog.extract import ignore
from telemetry_inspector.catalog.extract.js_semantics import js_sort_key
from telemetry_inspector.errors import os_reason

COMMENT_SUFFIXES = (".ts", ".tsx", ".cs")
TYPED_SUFFIX = ".ts"
# ripgrep reads a file 64 KB or more at a time and, searching a folder, gives a file up at the
# first read holding a NUL byte (binary), without searching that read. Where a later read holds
# the first NUL, what it searched before depends on its buffer, grown by the files its thread
# read before: only a NUL in the first 64 KB surely keeps the reference from picking a file.
_RIPGREP_FIRST_READ = 64 * 1024
# A folder whose path passes PATH_MAX (4096 bytes on Linux) cannot be opened (it is reported),
# so no walk goes more than 2048 levels down (one-letter names).
_MOST_LEVELS = 2100
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # ripgrep searches these transcoded


def ripgrep_searches(data: bytes) -> bool:
    """Would the reference's ripgrep look into a file with these bytes at all?"""
    return data.find(b"\0", 0, _RIPGREP_FIRST_READ) < 0 or data.startswith(_UTF16_BOMS)


@dataclass(frozen=True, slots=True)
class SourceFiles:
    """Absolute paths, each list in the reference's order."""

    comment_files: tuple[str, ...]
    typed_files: tuple[str, ...]
    unreadable: tuple[tuple[str, str], ...] = ()  # (folder, why) the walk could not enter


@dataclass(slots=True)
class _Walk:
    excluded: frozenset[str]
    in_checkout: bool
    comment_files: list[str]
    typed_files: list[str]
    unreadable: list[tuple[str, str]]
    found: Callable[[int], None] | None = None
    count: int = 0  # files matched so far, each once


def find_source_files(
    source_dir: str, excluded_dirs: tuple[str, ...], found: Callable[[int], None] | None = None
) -> SourceFiles:
    """`found(count)` is told how many files matched so far, after each folder that added any."""
    root = os.path.abspath(source_dir)
    checkout = ignore.in_git_checkout(root)
    plain, git = ignore.ancestor_rules(root, checkout)
    excluded = frozenset(_excluded_under(root, excluded_dirs))
    walk = _Walk(excluded, checkout is not None, [], [], [], found)
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(before + _MOST_LEVELS)  # a folder a level down is a call deeper
    try:
        _visit(root, walk, plain, git, ignored=False)
    finally:
        sys.setrecursionlimit(before)
    return SourceFiles(
        tuple(sorted(walk.comment_files, key=js_sort_key)),
        tuple(sorted(walk.typed_files, key=js_sort_key)),
        tuple(walk.unreadable),
    )


def _excluded_under(root: str, excluded_dirs: tuple[str, ...]) -> list[str]:
    """Excluded folders inside `root` (the reference drops the others)."""
    inside = []
    for folder in excluded_dirs:
        relative = os.path.relpath(os.path.abspath(folder), root)
        if relative != "." and not relative.startswith("..") and not os.path.isabs(relative):
            inside.append(os.path.join(root, relative))
    return inside


def _visit(
    folder: str,
    walk: _Walk,
    plain: list[ignore.RuleSet],
    git: list[ignore.RuleSet],
    ignored: bool,
) -> None:
    """`ignored`: an ignore file keeps the comment search out of this folder."""
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        walk.unreadable.append((folder, os_reason(exc)))
        return
    names = {entry.name for entry in entries}
    if not ignored:
        plain = plain + ignore.folder_rules(folder, ignore.PLAIN_IGNORES)
        if walk.in_checkout and ignore.GIT_IGNORE in names:
            git = git + ignore.folder_rules(folder, (ignore.GIT_IGNORE,))
    before = walk.count
    for entry in entries:
        name = entry.name
        if entry.is_symlink():
            continue
        if entry.is_dir():
            path = entry.path
            if name.startswith(".") or path in walk.excluded:
                continue
            below = ignored or ignore.is_ignored(path, plain, git)
            _visit(path, walk, plain, git, below)
        elif name.endswith(COMMENT_SUFFIXES) and entry.is_file():  # ripgrep: regular files
            if not ignored:
                walk.comment_files.append(entry.path)
            if name.endswith(TYPED_SUFFIX):
                walk.typed_files.append(entry.path)
            walk.count += not ignored or name.endswith(TYPED_SUFFIX)
    if walk.found is not None and walk.count != before:
        walk.found(walk.count)

"""Reading and parsing spread over processes.

Parsing TypeScript is most of the work and tree-sitter holds the interpreter lock while it
parses, so a large tree is cut into chunks of files handed to worker processes (forked, so
they start at once and share what the parent has loaded). Each chunk comes back as plain
data: which files hold comment declarations, and every telemetry call's outcome. A small
tree is done in-process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from telemetry_inspector.catalog.extract.call_sites import CallOutcome, file_outcomes
from telemetry_inspector.catalog.extract.comments import FileDeclarations, scan_file
from telemetry_inspector.catalog.extract.files import ripgrep_searches
from telemetry_inspector.catalog.extract.model import ExtractOptions
from telemetry_inspector.catalog.extract.modules import Module, Project
from telemetry_inspector.catalog.extract.syntax import has_log_call
from telemetry_inspector.catalog.extract.tsconfig import settings_for
from telemetry_inspector.errors import os_reason

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

COMMENT_MARKER = b"__GDPR__"
PARALLEL_FROM_FILES = 1500  # below this many files one process is faster
_CHUNKS_PER_WORKER = 6
_MAX_WORKERS = 4


@dataclass(frozen=True, slots=True)
class TypedJob:
    """The typed pass over one source folder with one spec's options."""

    source_dir: str
    options: ExtractOptions
    files: tuple[str, ...]


@dataclass(slots=True)
class ChunkResult:
    comments: dict[str, FileDeclarations] = field(default_factory=dict)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    outcomes: list[dict[str, list[CallOutcome]]] = field(default_factory=list)  # per job
    files_read: int = 0


def default_workers(file_count: int) -> int:
    if file_count < PARALLEL_FROM_FILES:
        return 1
    return max(1, min(_cores(), _MAX_WORKERS))


def useful_workers(asked: int, file_count: int) -> int:
    """--jobs as far as it helps: no more workers than cores to run them or files to give them
    (`--jobs 2000` for 7 files once forked up to 2000 processes)."""
    return max(1, min(asked, _cores(), file_count))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_chunks(
    paths: list[str],
    jobs: list[TypedJob],
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> Iterator[ChunkResult]:
    """Every path read once (comment markers noted, typed calls read); results per chunk.

    With several workers this process reads every `workers`-th chunk itself and forked
    processes read the others; at the end it takes back what they have not started."""
    count = workers * _CHUNKS_PER_WORKER if workers > 1 else (8 if progress else 1)
    chunks = [paths[i::count] for i in range(count)]
    if workers <= 1:
        yield from _counted(((c, read_chunk(c, jobs)) for c in chunks), len(paths), progress)
        return
    mine = chunks[::workers]
    theirs = [c for i, c in enumerate(chunks) if i % workers]
    with _pool(workers - 1) as pool:
        pending = {id(c): (c, pool.submit(read_chunk, c, jobs)) for c in theirs}
        try:
            yield from _counted(_shared(mine, pending, jobs), len(paths), progress)
        finally:
            for _, future in pending.values():
                future.cancel()


Pending = dict[int, tuple[list[str], "Future[ChunkResult]"]]


def _shared(
    mine: list[list[str]], pending: Pending, jobs: list[TypedJob]
) -> Iterator[tuple[list[str], ChunkResult]]:
    for chunk in mine:
        yield chunk, read_chunk(chunk, jobs)
        for key, (theirs, future) in list(pending.items()):
            if future.done():
                del pending[key]
                yield theirs, future.result()
    for key, (chunk, future) in reversed(list(pending.items())):
        if future.cancel():  # not started: do it here rather than wait
            del pending[key]
            yield chunk, read_chunk(chunk, jobs)
    for key in list(pending):
        chunk, future = pending.pop(key)
        yield chunk, future.result()


def _counted(
    results: Iterator[tuple[list[str], ChunkResult]],
    total: int,
    progress: Callable[[int, int], None] | None,
) -> Iterator[ChunkResult]:
    done = 0
    for chunk, result in results:
        done += len(chunk)
        yield result
        if progress is not None:
            progress(done, total)


def _pool(size: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor  # only a large tree needs it

    return ProcessPoolExecutor(
        max_workers=size, mp_context=_context(), initializer=_ignore_interrupts
    )


def _context():
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _ignore_interrupts() -> None:
    """Ctrl-C is the parent's to handle; workers stop when it shuts the pool down."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# A worker keeps its projects (parsed modules) from chunk to chunk.
_PROJECTS: dict[str, Project] = {}


def read_chunk(paths: list[str], jobs: list[TypedJob]) -> ChunkResult:
    """Read files; note comment markers; read each file's calls as soon as it is read and
    forget its tree (a tree is about twenty times the size of its source)."""
    result = ChunkResult(outcomes=[{} for _ in jobs])
    members = _members(jobs)
    for path in paths:
        data = read_file(path)
        if isinstance(data, str):
            result.unreadable.append((path, data))
            continue
        result.files_read += 1
        if not ripgrep_searches(data):
            continue
        if COMMENT_MARKER in data:
            result.comments[path] = scan_file(path, data.decode("utf-8", "replace"))
        if not has_log_call(data):
            continue
        for job, files, outcomes in zip(jobs, members, result.outcomes, strict=True):
            if path not in files:
                continue
            project = _project(job)
            module = project.module(path, data)
            if isinstance(module, Module):
                outcomes[path] = file_outcomes(project, module, job.options)
            project.release(path)
    return result


_MEMBERS: dict[tuple[tuple[str, int], ...], list[frozenset[str]]] = {}


def read_file(path: str) -> bytes | str:
    """A whole file, or why it cannot be read (fewer layers than open(): this runs for
    every file of the tree)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError as exc:
        return os_reason(exc)
    try:
        parts = [os.read(handle, os.fstat(handle).st_size + 1)]
        while parts[-1]:
            parts.append(os.read(handle, 1 << 20))
        return b"".join(parts)
    except OSError as exc:
        return os_reason(exc)
    finally:
        os.close(handle)


def _members(jobs: list[TypedJob]) -> list[frozenset[str]]:
    key = tuple((job.source_dir, len(job.files)) for job in jobs)
    if key not in _MEMBERS:
        _MEMBERS.clear()
        _MEMBERS[key] = [frozenset(job.files) for job in jobs]
    return _MEMBERS[key]


def _project(job: TypedJob) -> Project:
    project = _PROJECTS.get(job.source_dir)
    if project is None:
        settings = settings_for(job.source_dir)
        project = _PROJECTS[job.source_dir] = Project(settings, root_files=job.files)
    return project


def forget_projects() -> None:
    """Drop the parsed modules kept by an in-process run."""
    _PROJECTS.clear()
    _MEMBERS.clear()

"""What `telemetry extract` shows besides the catalog: located problems and a progress bar."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from telemetry_inspector.render import console

if TYPE_CHECKING:
    import telemetry_inspector.catalog.extract.model as model
    import telemetry_inspector.catalog.model as catalog_model

REDRAW_SECONDS = 0.1  # a large tree reports thousands of folders; the terminal needs far fewer


def shown_path(path: str) -> str:
    """Paths under the current folder are shown relative to it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith("..") else relative


def location_text(location: model.Location) -> str:
    return f"{shown_path(location.path)}:{location.line}:{location.column}"


def show_notes(notes: list[str]) -> None:
    for note in notes:
        console.warn(note)


def show_problems(problems: tuple[model.Problem, ...]) -> None:
    for problem in problems:
        text = f"{location_text(problem.location)}: {_relative_places(problem)}"
        if problem.severity == "error":
            console.error(text)
        else:
            console.warn(text)


def _relative_places(problem: model.Problem) -> str:
    message = problem.message
    for place in (*problem.also_at, problem.location):
        message = message.replace(str(place), location_text(place))
    return message


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def show_summary(
    events: int, commons: int, files: int, problems: tuple[model.Problem, ...]
) -> None:
    if not problems and not sys.stderr.isatty():
        return
    text = (
        f"{_count(events, 'event')}, {_count(commons, 'common property')} "
        f"from {_count(files, 'file')}"
    ).replace("propertys", "properties")
    if problems:
        errors = sum(1 for p in problems if p.severity == "error")
        found = f"{_count(errors, 'error')}, {_count(len(problems) - errors, 'warning')}"
        text += f"; {found} (the catalog holds everything that was valid)"
    console.say(text)


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int | None], None] | None]:
    """A progress callback drawing on stderr from the first file found (`total` None while
    files are still being found), or None when stderr is not a terminal."""
    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    # No refresh thread: extraction may fork worker processes, and forking beside a thread
    # that holds a lock is how child processes hang.
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console.console(stderr=True),
        transient=True,
        auto_refresh=False,
    )
    task = bar.add_task("finding sources", total=None)
    drawn = {"at": 0.0, "started": False}

    def advance(done: int, total: int | None) -> None:
        if not drawn["started"]:
            bar.start()
            drawn["started"] = True
        description = "finding sources" if total is None else "reading sources"
        bar.update(task, completed=done, total=total, description=description)
        now = time.monotonic()
        if now - drawn["at"] >= REDRAW_SECONDS or done == total:
            drawn["at"] = now
            bar.refresh()

    try:
        yield advance
    finally:
        if drawn["started"]:
            bar.stop()


_SHOWN_CHANGES = 20  # a gate's message: enough to see what happened, then a count


def show_check(path: str, outcome: model.CheckOutcome) -> None:
    """`--check`: a short summary of how the committed catalog differs from the sources."""
    if outcome.equal:
        if sys.stderr.isatty():
            console.say(f"{shown_path(path)} matches the sources")
        return
    lines = [_change_line(change) for change in outcome.changes]
    for event, keys in outcome.other_details:
        which = f" ({', '.join(keys)})" if keys else ""
        lines.append(f"~ {event}: other details differ{which}")
    console.error(f"{shown_path(path)} differs from what the sources declare:")
    for line in lines[:_SHOWN_CHANGES]:
        console.say(f"  {line}")
    if len(lines) > _SHOWN_CHANGES:
        console.say(f"  ... and {len(lines) - _SHOWN_CHANGES} more")
    console.say(f"(run the same extract with -o {shown_path(path)} instead of --check to update)")


def _change_line(change: catalog_model.Change) -> str:
    kind, event, prop = change.kind, change.event, change.property
    if kind == "event-added":
        count = len(change.new) if isinstance(change.new, list) else 0
        return f"+ event {event} ({_count(count, 'property')})".replace("propertys", "properties")
    if kind == "event-removed":
        return f"- event {event}"
    if kind == "property-added":
        return f"+ {event}: property {prop}"
    if kind == "property-removed":
        return f"- {event}: property {prop}"
    if kind == "property-changed":
        return f"~ {event}: property {prop} {change.field} {change.old!r} -> {change.new!r}"
    return f"{kind}: {change.source}"

"""Console mode (terminal, pipe, colour) and the stderr channel for messages.

Rich is imported only when a rich view is actually drawn, so scripted use stays fast to start.
"""

from __future__ import annotations

import io
import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, BinaryIO, TextIO

from telemetry_inspector.errors import OutputClosed
from telemetry_inspector.render.text import literal

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class ColorChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class _Mode:
    """The global options, as the root command received them."""

    __slots__ = ("color", "debug")

    def __init__(self) -> None:
        self.color = ColorChoice.auto
        self.debug = False


MODE = _Mode()
_consoles: dict[bool, Console] = {}

_STYLES = {"error": "1;31", "warning": "1;33", "hint": "2", "note": "1;36", "ok": "1;32"}


def configure(*, color: ColorChoice, debug: bool) -> None:
    MODE.color = color
    MODE.debug = debug
    _consoles.clear()


def color_enabled(stream: TextIO) -> bool:
    """--color wins; then NO_COLOR (any non-empty value: no-color.org); then: is it a terminal?"""
    if MODE.color is ColorChoice.always:
        return True
    if MODE.color is ColorChoice.never or os.environ.get("NO_COLOR"):
        return False
    return _isatty(stream) and os.environ.get("TERM") != "dumb"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def stdout_is_terminal() -> bool:
    return _isatty(sys.stdout)


def wants_machine_output(json_flag: bool) -> bool:
    """Machine output (JSON, no colour) when asked for, or when stdout is not a terminal."""
    return json_flag or not stdout_is_terminal()


def send_stdout_to(binary: BinaryIO) -> TextIO:
    """Point stdout (text, bytes and the rich console) at `binary`; return what it replaced."""
    previous = sys.stdout
    previous.flush()
    sys.stdout = io.TextIOWrapper(
        binary, encoding="utf-8", errors="surrogateescape", newline="\n", write_through=True
    )
    _consoles.pop(False, None)
    return previous


def restore_stdout(previous: TextIO) -> None:
    stand_in = sys.stdout
    sys.stdout = previous
    _consoles.pop(False, None)
    if isinstance(stand_in, io.TextIOWrapper) and stand_in is not previous:
        stand_in.flush()
        stand_in.detach()  # the binary file stays open for its owner to commit or discard


def console(*, stderr: bool = False) -> Console:
    """A rich Console for stdout (or stderr) that honours --color and NO_COLOR."""
    if stderr not in _consoles:
        from rich.console import Console

        stream = sys.stderr if stderr else sys.stdout
        colored = color_enabled(stream)
        _consoles[stderr] = Console(
            file=stream,
            stderr=stderr,
            force_terminal=True if colored and not _isatty(stream) else None,
            color_system="auto" if colored else None,  # None: no escape codes at all, not even bold
            highlight=False,
            emoji=False,
            markup=False,
        )
    return _consoles[stderr]


def show(renderable: RenderableType, *, soft_wrap: bool = False) -> None:
    """Draw a rich view on stdout; a closed pipe ends the program quietly.

    `soft_wrap` leaves long lines to the terminal (paths stay whole for copy and paste).
    """
    try:
        console().print(renderable, soft_wrap=soft_wrap)
        sys.stdout.flush()
    except BrokenPipeError:
        raise closed_stdout() from None


def check_reader() -> None:
    """Raise OutputClosed when nobody reads stdout any more (`| head -1` has exited), without
    writing: a pipe whose reader is gone reports an error condition to poll(), as GNU tail
    checks while it waits."""
    import select
    import stat

    try:
        fd = sys.stdout.fileno()
        if not stat.S_ISFIFO(os.fstat(fd).st_mode) or not hasattr(select, "poll"):
            return
        poller = select.poll()
        poller.register(fd, 0)  # no events asked for: POLLERR and POLLHUP are always reported
        gone = any(flags & (select.POLLERR | select.POLLHUP) for _, flags in poller.poll(0))
    except (OSError, ValueError):
        return
    if gone:
        raise closed_stdout()


def write_bytes(data: bytes | memoryview) -> None:
    """Data on stdout, flushed (machine.py's writers end here; it loads orjson, which a command
    printing a diff or plain text does not need: some 9 million instructions at start-up)."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise closed_stdout() from None


def write_text(text: str) -> None:
    write_bytes(text.encode("utf-8", "surrogateescape"))


def closed_stdout() -> OutputClosed:
    """Point stdout at /dev/null so the interpreter's final flush cannot complain, and say so."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)
    return OutputClosed()


def say(text: str, *, kind: str | None = None) -> None:
    """One message line on stderr. `text` is data (file names, values): shown literally."""
    line = literal(text)
    if kind is not None:
        prefix = f"{kind}:"
        if color_enabled(sys.stderr):
            prefix = f"\x1b[{_STYLES[kind]}m{prefix}\x1b[0m"
        line = f"{prefix} {line}"
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass


def error(text: str) -> None:
    say(text, kind="error")


def warn(text: str) -> None:
    say(text, kind="warning")


def hint(text: str) -> None:
    say(text, kind="hint")

"""Ctrl-C and SIGTERM, raised where the program is, but never inside an import.

Python raises KeyboardInterrupt at whatever line runs when the signal arrives. Inside an import
that can be a callback Python calls for itself (the weak reference that frees a module's import
lock): an exception there cannot travel up, so Python prints "Exception ignored in ..." with a
traceback on stderr and drops the interruption. `tail` imports its file watcher lazily while
events are already on the screen, so a user's Ctrl-C could land there. Here an interruption that
arrives inside an import is held, looked at again a few milliseconds later, and raised once the
import has finished (docs/architecture.md, "Exit codes come from the errors").
"""

from __future__ import annotations

import contextlib
import signal
import time
from types import FrameType

from telemetry_inspector.errors import Terminated

RETRY_SECONDS = 0.005  # how soon a held interruption is looked at again
PATIENCE_SECONDS = 1.0  # an import stuck longer than this is interrupted where it stands
# importlib's frames: "<frozen importlib._bootstrap>", or its .py file with frozen modules off
_IMPORT_MACHINERY = ("importlib._bootstrap", "importlib/_bootstrap")

# The signals received, in order; app.main() tells SIGTERM's exit code from Ctrl-C's by it.
received: list[int] = []
_held: list[tuple[int, float]] = []  # (signal, when it arrived) while an import runs


def raise_outside_imports() -> None:
    """Ctrl-C raises KeyboardInterrupt and SIGTERM raises Terminated (so a write in progress
    cleans up after itself instead of the process ending where it stands), both held until no
    import is running. A Ctrl-C that the parent told us to ignore (a background job) stays
    ignored."""
    # ValueError: not the main thread (main() called by an embedding program)
    with contextlib.suppress(ValueError, AttributeError):
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _arrived)
        signal.signal(signal.SIGTERM, _arrived)


def _arrived(signum: int, frame: FrameType | None) -> None:
    received.append(signum)
    _raise_or_hold(signum, time.monotonic(), frame)


def _look_again(signum: int, frame: FrameType | None) -> None:
    if _held:
        _raise_or_hold(*_held.pop(), frame)


def _raise_or_hold(signum: int, since: float, frame: FrameType | None) -> None:
    if importing(frame) and time.monotonic() - since < PATIENCE_SECONDS:
        _held.append((signum, since))
        signal.signal(signal.SIGALRM, _look_again)
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        return
    _held.clear()
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def importing(frame: FrameType | None) -> bool:
    """Whether `frame` runs inside Python's import machinery (a module's own code included)."""
    while frame is not None:
        if any(part in frame.f_code.co_filename for part in _IMPORT_MACHINERY):
            return True
        frame = frame.f_back
    return False

"""The Typer root: global options, command registration, and the error boundary.

`main()` is the one place where an exception becomes a message on stderr and an exit code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Annotated, NoReturn, TypeVar, get_type_hints

import typer
from typer.core import TyperCommand

from telemetry_inspector import __version__, signals
from telemetry_inspector.errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    OutputClosed,
    TelemetryError,
    Terminated,
)
from telemetry_inspector.render import console
from telemetry_inspector.render.console import ColorChoice

app = typer.Typer(
    name="telemetry",
    help="See, audit and control what Visual Studio Code telemetry collects and sends.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


Function = TypeVar("Function", bound=Callable[..., object])


def _resolved(function: Function) -> Function:
    """The function with its annotations evaluated. Typer reads a command's signature six times,
    and each time evaluates every string annotation twice (a compilation each: about 12 million
    instructions for `status`); once is enough."""
    function.__annotations__ = get_type_hints(function, include_extras=True)
    return function


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"telemetry {__version__}\n")
        raise typer.Exit()


@app.callback()
@_resolved
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            metavar="",
            help="Print the version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
    color: Annotated[
        ColorChoice,
        typer.Option(help="Colour output: auto (terminal and no NO_COLOR), always or never."),
    ] = ColorChoice.auto,
    debug: Annotated[
        bool,
        typer.Option("--debug", metavar="", help="Show a full traceback when something fails."),
    ] = False,
) -> None:
    console.configure(color=color, debug=debug)


class _PlainUsage(TyperCommand):
    """Usage lines as the rest of the help writes them: `show [OPTIONS] EVENT`, where Typer
    would print a required argument in braces (`{EVENT}`)."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


# The commands, in the order help lists them: name -> (module in telemetry_inspector.commands,
# function). Typer builds a command from its signature's annotations when the CLI runs, which
# costs about a millisecond a command: only the command being run is registered (see _register).
COMMANDS = {
    "report": ("catalog", "report"),
    "show": ("catalog", "show"),
    "diff": ("catalog", "diff"),
    "extract": ("extract", "extract"),
    "status": ("level", "status"),
    "set-level": ("level", "set_level"),
    "audit": ("privacy", "audit"),
    "lockdown": ("privacy", "lockdown"),
    "tail": ("logs", "tail"),
    "stats": ("logs", "stats"),
    "completion": ("completion", "completion"),
}


def commands_to_build(argv: Sequence[str]) -> list[str]:
    """The commands a command line needs: the one it names (its first word that is a command's
    name); none for `--version` alone; all of them otherwise (help, or a name that is not a
    command, which click then reports)."""
    for word in argv:
        if word == "--":
            break
        if word in COMMANDS:
            return [word]
    if "--version" in argv or "-V" in argv:
        return []
    return list(COMMANDS)


def _register(names: Sequence[str]) -> None:
    registered = {info.name for info in app.registered_commands}
    for name in names:
        if name not in registered:
            module, function = COMMANDS[name]
            command = getattr(import_module(f"telemetry_inspector.commands.{module}"), function)
            app.command(name, cls=_PlainUsage)(_resolved(command))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; no traceback escapes unless --debug was given."""
    signals.raise_outside_imports()
    _never_fail_on_encoding()
    try:
        names = commands_to_build(sys.argv[1:] if argv is None else argv)
        _register(names)
        result = _run(_global_options_first(sys.argv[1:] if argv is None else argv))
    except OutputClosed as exc:
        return exc.exit_code
    except TelemetryError as exc:
        console.error(exc.one_line())
        return exc.exit_code
    except typer.TyperException as exc:  # Typer's own usage errors: bad option, bad value
        if exc.format_message():  # empty when Typer has just shown the help instead
            console.error(_usage_line(exc))
        return exc.exit_code
    except typer.Abort:
        console.error("aborted")
        return EXIT_FAILED
    except Terminated:
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        if console.MODE.debug:
            raise
        console.error(
            f"unexpected {type(exc).__name__}: {exc} (run again with --debug for details)"
        )
        return EXIT_FAILED
    # Typer turns the interruption into exit code 130; SIGTERM's is 143
    if signal.SIGTERM in signals.received:
        return EXIT_TERMINATED
    return result if isinstance(result, int) else 0


def run() -> NoReturn:
    """The program (the `telemetry` script, `python -m telemetry_inspector`): main(), then the
    process ends with its exit code."""
    exit_at_once(main())


def exit_at_once(code: int) -> NoReturn:
    """End the process without Python's teardown. Taking every module and object apart one by
    one is about a tenth of a short run (a Typer program's modules alone: 26 million
    instructions), and after `report` it frees millions of catalog objects: work for nothing
    when the process ends. What an exit must still do is done first: the atexit functions run
    and the output is flushed. With another thread running, or output that will not flush,
    Python's own exit takes over (it waits for the thread, it reports the failed flush)."""
    if threading.active_count() == 1:
        import atexit

        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        else:
            os._exit(code)
    sys.exit(code)


def _never_fail_on_encoding() -> None:
    """A file name that is not UTF-8 reaches text output as lone surrogates; views show them as
    escapes (render.text.literal), and anything that slips through is escaped, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")


def _run(argv: list[str]) -> object:
    """The command, with its -o file (if any) put in place only when it did not fail."""
    _prepare_completion()
    try:
        result = app(args=argv, prog_name="telemetry", standalone_mode=False)
    except BaseException:
        _finish_output(succeeded=False)
        raise
    _finish_output(succeeded=True)
    return result


def _finish_output(*, succeeded: bool) -> None:
    # Only a command that declares -o imports the module holding it; `--version` does not.
    selection = sys.modules.get("telemetry_inspector.actions.selection")
    if selection is not None:
        selection.finish_output(succeeded=succeeded)


def _prepare_completion() -> None:
    """A shell asking for completions (the script `telemetry completion` prints sets this
    variable) needs Typer's completion classes; an ordinary start does not load them."""
    import os

    if os.environ.get("_TELEMETRY_COMPLETE"):
        from typer.completion import completion_init

        completion_init()


# the root's options, and how many values each takes
_GLOBAL_OPTIONS = {"--color": 1, "--debug": 0, "--version": 0, "-V": 0}


def _global_options_first(argv: list[str]) -> list[str]:
    """`telemetry status --color never` as `telemetry --color never status`: global options are
    accepted after the command name too (not after `--`, where everything is an argument)."""
    at = next((i for i, arg in enumerate(argv) if arg in COMMANDS), None)
    if at is None:
        return argv
    moved: list[str] = []
    rest = argv[: at + 1]
    index = at + 1
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            rest += argv[index:]
            break
        name = arg.split("=", 1)[0]
        if name in _GLOBAL_OPTIONS:
            takes = 0 if "=" in arg else _GLOBAL_OPTIONS[name]
            moved += argv[index : index + 1 + takes]
            index += 1 + takes
            continue
        rest.append(arg)
        index += 1
    return moved + rest if moved else argv


def _usage_line(exc: typer.TyperException) -> str:
    # Typer's value coercion prefixes its messages with "Value error, ": noise to a user.
    message = " ".join(exc.format_message().replace("Value error, ", "").split())
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "telemetry"
    return f"{message} (see '{where} --help')"

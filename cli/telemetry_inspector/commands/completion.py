"""`telemetry completion SHELL`: the script that makes a shell complete telemetry's commands.

The script calls `telemetry` back with `_TELEMETRY_COMPLETE` set, which Typer answers before any
command runs; nothing of it is loaded on a normal start.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    """Print the shell completion script for SHELL.

    bash: `telemetry completion bash > ~/.local/share/bash-completion/completions/telemetry`;
    zsh: save it as `_telemetry` in a folder of $fpath; fish: as
    ~/.config/fish/completions/telemetry.fish."""
    from typer._completion_shared import get_completion_script

    from telemetry_inspector.render.machine import write_text

    script = get_completion_script(
        prog_name="telemetry", complete_var="_TELEMETRY_COMPLETE", shell=shell.value
    )
    write_text(script + "\n")

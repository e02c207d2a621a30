"""Which logs `tail` and `stats` read: the paths a user named, or the newest session of each
flavor's logs folders (desktop and server) on this host."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from telemetry_inspector.errors import FileReadError, NotFoundError, os_reason
from telemetry_inspector.fileio import kind_of
from telemetry_inspector.logs.sessions import Targets, classify_arguments, newest_session
from telemetry_inspector.records import record
from telemetry_inspector.vscode import locations
from telemetry_inspector.vscode.flavors import FLAVORS, Flavor


@record
class Found:
    """What to read and, when discovered, the flavors and the sessions it belongs to (what the
    silence notices look at)."""

    targets: Targets
    flavors: tuple[Flavor, ...] = ()
    sessions: tuple[Path, ...] = ()


def find_logs(
    files: Sequence[Path],
    flavors: Sequence[Flavor],
    host: locations.Host,
    user_data_dir: Path | None,
    *,
    following: bool,
) -> Found:
    """Named paths as they are; else the chosen flavors' logs (all flavors when none is chosen).

    Only `--no-follow` needs logs now: a follower may wait for a named file to appear, as long
    as its folder exists to be watched."""
    found = (
        Found(_named(files, following))
        if files
        else _discover(flavors, host, user_data_dir, following=following)
    )
    if not following and not found.targets.live_logs():
        where = ", ".join(str(p) for p in (*found.targets.sessions, *found.targets.roots))
        raise NotFoundError(
            f"no telemetry logs in {where or 'the given files'}",
            hint="VS Code writes them only at log level Trace ('Developer: Show Telemetry')",
        )
    return found


def _named(files: Sequence[Path], following: bool) -> Targets:
    for path in files:
        if path.exists() and not path.is_dir():
            _check_readable(path)
        elif not path.exists() and not following:
            raise FileReadError("no such file or folder", path=path)
        elif not path.exists() and not path.parent.is_dir():
            raise FileReadError("no such folder to watch", path=path.parent)
    return classify_arguments(files)


def _check_readable(path: Path) -> None:
    """A named file we may not read would otherwise be waited for in silence while following."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO: no wait
        try:
            mode = os.fstat(fd).st_mode
        finally:
            os.close(fd)
    except OSError as exc:
        raise FileReadError(f"cannot read: {os_reason(exc)}", path=path) from None
    if not stat.S_ISREG(mode):  # a FIFO would block the reader forever, a device never end
        raise FileReadError(f"cannot read: {kind_of(mode)}, not a regular file", path=path)


def _discover(
    flavors: Sequence[Flavor],
    host: locations.Host,
    user_data_dir: Path | None,
    *,
    following: bool = False,
) -> Found:
    """The logs folders holding a session; with --user-data-dir, only that folder's (one flavor:
    the first --flavor, else the one it is named like, as `status` reads it). Following a
    --user-data-dir that has no session yet waits for one: code-server starts its VS Code server,
    and so its first session, only when a browser connects."""
    if user_data_dir is not None:
        locations.check_user_data_dir(user_data_dir)
        flavors = flavors[:1] or (locations.flavor_of_user_data_dir(user_data_dir),)
    newest: dict[Path, Path] = {}  # logs folder -> its newest session
    owners: list[Flavor] = []
    looked: list[Path] = []
    for flavor in flavors or FLAVORS:
        folders = [Path(locations.layout(flavor, host, user_data_dir_override=user_data_dir).logs)]
        if user_data_dir is None and not flavor.web:  # a web flavor's layout is its server's
            folders.append(Path(locations.server_layout(flavor, host).logs))
        looked += folders
        for logs in folders:
            session = newest_session(logs) if logs not in newest else None
            if session is not None:
                newest[logs] = session
                owners.append(flavor)
    if not newest and following and user_data_dir is not None:
        logs = Path(locations.layout(flavors[0], host, user_data_dir_override=user_data_dir).logs)
        return Found(Targets(roots=(logs,)), tuple(flavors[:1]))
    if not newest:
        raise NotFoundError(
            "found no VS Code logs folder with a session in it; looked in "
            + ", ".join(str(folder) for folder in dict.fromkeys(looked)),
            # docs/vscode.md: telemetry reaches the log only at Trace
            hint="VS Code writes telemetry to its log only at log level Trace: "
            "run `code --log trace` or 'Developer: Show Telemetry'; or pass a log FILE or "
            "session folder, or --user-data-dir DIR",
        )
    return Found(Targets(roots=tuple(newest)), tuple(dict.fromkeys(owners)), tuple(newest.values()))

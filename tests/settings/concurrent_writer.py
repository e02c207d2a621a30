"""A second writer of settings.json, run as its own process: each time a run of ours creates its
temporary file (after reading the settings, before renaming over them), this program saves the
settings with one more member, as another editor would, through its own atomic rename.

    python concurrent_writer.py SETTINGS READY_FILE WRITES PID_FILE

So that the save surely lands inside that window, however busy the machine, it stops our run
(SIGSTOP, the process named in PID_FILE) while it saves, and lets it go on (SIGCONT) after.
Linux only (inotify through ctypes, /proc). It says it is watching by creating READY_FILE, and
appends one line per save to READY_FILE.
"""

from __future__ import annotations

import ctypes
import os
import signal
import struct
import sys
import time

IN_CREATE = 0x100


def main() -> None:
    settings, ready, writes, pid_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    folder, name = os.path.split(settings)
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init()
    if fd < 0 or libc.inotify_add_watch(fd, folder.encode(), IN_CREATE) < 0:
        sys.exit("inotify failed")
    with open(ready, "w") as out:
        out.write("watching\n")
    done = 0
    while done < writes:
        data = os.read(fd, 65536)
        offset = 0
        while offset < len(data):
            _, _, _, size = struct.unpack_from("iIII", data, offset)
            created = data[offset + 16 : offset + 16 + size].rstrip(b"\0").decode()
            offset += 16 + size
            if created.startswith(f".telemetry-{name}.") and created.endswith(".tmp"):
                done += 1
                pid = _pid(pid_file)
                os.kill(pid, signal.SIGSTOP)
                _wait_stopped(pid)
                try:
                    _save_with_member(settings, done)
                finally:
                    os.kill(pid, signal.SIGCONT)
                with open(ready, "a") as out:
                    out.write(f"saved {done}\n")


def _pid(pid_file: str) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with open(pid_file) as handle:
                return int(handle.read())
        except (FileNotFoundError, ValueError):
            time.sleep(0.001)
    sys.exit("no pid")


def _wait_stopped(pid: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open(f"/proc/{pid}/stat") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
        if state in ("T", "t"):
            return
        time.sleep(0.001)


def _save_with_member(settings: str, number: int) -> None:
    with open(settings, "rb") as handle:
        text = handle.read()
    text = text.replace(b"{", b'{\n    "writer.save%d": %d,' % (number, number), 1)
    temp = settings + ".writer"
    with open(temp, "wb") as handle:
        handle.write(text)
    os.replace(temp, settings)


if __name__ == "__main__":
    main()

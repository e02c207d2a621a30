"""A second writer of settings.json, run as its own process: each time a run of ours creates its
temporary file (after reading the settings, before renaming over them), this program saves the
settings with one more member, as another editor would, through its own atomic rename.

    python concurrent_writer.py SETTINGS READY_FILE WRITES [PID_FILE]

With PID_FILE (the pid of the run of ours), that run is stopped (SIGSTOP) while the other
editor saves and continued after, so the save always lands between our read and our rename,
however busy the machine is.

Linux only (inotify through ctypes). It says it is watching by creating READY_FILE, and appends
one line per save to READY_FILE.
"""

from __future__ import annotations

import ctypes
import os
import signal
import struct
import sys

IN_CREATE = 0x100


def main() -> None:
    settings, ready, writes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    pid_file = sys.argv[4] if len(sys.argv) > 4 else None
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
                pid = _ours(pid_file)
                if pid:
                    os.kill(pid, signal.SIGSTOP)
                try:
                    _save_with_member(settings, done)
                finally:
                    if pid:
                        os.kill(pid, signal.SIGCONT)
                with open(ready, "a") as out:
                    out.write(f"saved {done}\n")


def _ours(pid_file: str | None) -> int | None:
    try:
        with open(pid_file or "", encoding="ascii") as handle:
            return int(handle.read())
    except (OSError, ValueError):
        return None


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

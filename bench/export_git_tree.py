#!/usr/bin/env python3
"""Export one commit of a git repository into a folder, skipping blobs the repository lacks.

`git archive` aborts on a partial clone or a snapshot without its largest blobs; this walks
`git ls-tree -r` and streams the blobs through one `git cat-file --batch`, writing what exists.

    python bench/export_git_tree.py GIT_DIR COMMIT DEST
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def tree_entries(git_dir: str, commit: str) -> list[tuple[str, str, str]]:
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-z", commit],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8", "surrogateescape")
    entries = []
    for record in listing.split("\0"):
        if not record:
            continue
        meta, path = record.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob":
            entries.append((mode, sha, path))
    return entries


def export(git_dir: str, commit: str, dest: Path) -> tuple[int, int]:
    entries = tree_entries(git_dir, commit)
    batch = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    written = missing = 0
    for mode, sha, path in entries:
        batch.stdin.write(sha.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if header[1:2] == [b"missing"]:
            missing += 1
            continue
        data = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)  # the newline after each object
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            target.unlink(missing_ok=True)
            target.symlink_to(data.decode("utf-8", "surrogateescape"))
        else:
            target.write_bytes(data)
            if mode == "100755":
                target.chmod(0o755)
        written += 1
    batch.stdin.close()
    batch.wait()
    return written, missing


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    written, missing = export(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
    print(f"wrote {written} files, skipped {missing} missing blobs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

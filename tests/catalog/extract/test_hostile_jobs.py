"""Hostile --jobs (issue 11, item 9): `extract --jobs 2000` on a handful of files once forked up to
2000 processes. Now the workers are capped at what helps: the cores there are, the files there are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from telemetry_inspector.catalog.extract.shards import useful_workers
from tests.conftest import clean_env

SOURCE = "\n".join(
    [
        "/* __GDPR__",
        '\t"hostile/jobs" : {',
        '\t\t"owner": "me",',
        '\t\t"comment": "One event."',
        "\t}",
        "*/",
    ]
)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _tasks_of(uid: int) -> int:
    """Threads and processes `uid` runs now (what RLIMIT_NPROC counts)."""
    count = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{pid}").st_uid == uid:
                count += len(os.listdir(f"/proc/{pid}/task"))
        except OSError:
            continue
    return count


def test_workers_are_capped_by_cores_and_files():
    assert useful_workers(2000, 7) == min(_cores(), 7)
    assert useful_workers(2000, 1) == 1
    assert useful_workers(1, 10_000) == 1
    assert useful_workers(3, 10_000) == min(3, _cores())


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("prlimit"),
    reason="needs root to run the extractor as another user under a process limit",
)
def test_jobs_2000_runs_under_a_process_limit_of_a_few(tmp_path):
    """As `nobody` with RLIMIT_NPROC set to the cores plus some room, a run that forked a process
    per asked job would fail to fork; one capped at the cores does not."""
    import pwd

    user = pwd.getpwnam("nobody")
    top = Path(tempfile.mkdtemp(prefix="telemetry-jobs-"))
    try:
        top.chmod(0o755)
        source = top / "src"
        source.mkdir()
        for number in range(7):
            (source / f"file{number}.ts").write_text(
                SOURCE.replace("jobs", "jobs" + "abcdefg"[number])
            )
        source.chmod(0o755)
        # Threads count too, and so do other processes of `nobody` on this machine: some room.
        limit = _cores() + 30 + _tasks_of(user.pw_uid)
        # util-linux prlimit and setpriv: the limit, then the user (root is above such limits)
        runner = ["prlimit", f"--nproc={limit}", "setpriv", f"--reuid={user.pw_uid}"]
        runner += [f"--regid={user.pw_gid}", "--clear-groups", "--"]
        env = clean_env(top)
        results = {}
        for jobs in ("1", "2000"):
            done = subprocess.run(
                [
                    *runner,
                    sys.executable,
                    "-m",
                    "telemetry_inspector",
                    "extract",
                    "-j",
                    jobs,
                    "src",
                ],
                cwd=top,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, done.stderr
            results[jobs] = done.stdout
        assert results["2000"] == results["1"]
        assert '"hostile/jobsg"' in results["1"]
    finally:
        shutil.rmtree(top)

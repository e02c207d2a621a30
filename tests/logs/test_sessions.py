"""Which files: sessions in time order, telemetry logs by every known name, rotated pieces."""

from __future__ import annotations

import os
from pathlib import Path

from telemetry_inspector.logs.sessions import (
    classify_arguments,
    find_sessions,
    newest_session,
    rotated,
    session_logs,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

LOGS = EXAMPLES / "home" / ".config" / "Code" / "logs"


def touch(path: Path, mtime: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("", encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_sessions_are_ordered_by_their_names_and_other_folders_ignored(tmp_path):
    for name in ("20260330T095512", "20220815T101010", "20260101T000000", "notes", "2026"):
        (tmp_path / name).mkdir()
    touch(tmp_path / "20270101T000000")  # a file, not a session
    assert [p.name for p in find_sessions(tmp_path)] == [
        "20220815T101010",
        "20260101T000000",
        "20260330T095512",
    ]
    assert newest_session(tmp_path).name == "20260330T095512"
    assert newest_session(tmp_path / "missing") is None


def test_session_logs_by_every_known_name_core_first(tmp_path):
    wanted = [
        touch(tmp_path / "telemetry.log"),
        touch(tmp_path / "remoteTelemetry.log"),
        touch(tmp_path / "window1" / "exthost" / "extensionTelemetry.log"),
        touch(tmp_path / "window2" / "exthost" / "extHostTelemetry.log"),
        touch(tmp_path / "exthost" / "extHostTelemetry.log"),
        touch(tmp_path / "remoteexthost" / "remoteExtHostTelemetry.log"),
    ]
    touch(tmp_path / "telemetry.1.log")
    touch(tmp_path / "window1" / "renderer.log")
    touch(tmp_path / "window1" / "output_logging_1" / "telemetry.log")
    found = session_logs(tmp_path)
    assert set(found) == set(wanted)
    assert {p.name for p in found[:2]} == {"telemetry.log", "remoteTelemetry.log"}


def test_rotated_pieces_oldest_first(tmp_path):
    log = touch(tmp_path / "telemetry.log", 500)
    touch(tmp_path / "telemetry.2.log", 100)
    touch(tmp_path / "telemetry.1.log", 200)
    touch(tmp_path / "telemetry.log_2", 300)
    touch(tmp_path / "telemetry.log_1", 400)
    touch(tmp_path / "extensionTelemetry.1.log", 50)
    assert [p.name for p in rotated(log)] == [
        "telemetry.2.log",
        "telemetry.1.log",
        "telemetry.log_2",
        "telemetry.log_1",
    ]


def test_arguments_are_files_sessions_or_logs_folders():
    session = LOGS / "20260330T095512"
    log = session / "telemetry.log"
    targets = classify_arguments([log, session, LOGS])
    assert targets.files == (log,)
    assert targets.sessions == (session,)
    assert targets.roots == (LOGS,)


def test_a_logs_folder_reads_its_newest_session_with_rotated_pieces():
    targets = classify_arguments([LOGS])
    live = targets.live_logs()
    assert all(p.is_relative_to(LOGS / "20260330T095512") for p in live)
    assert live[0].name == "telemetry.log"
    history = targets.logs_with_history()
    assert history.index(LOGS / "20260330T095512" / "telemetry.1.log") < history.index(
        LOGS / "20260330T095512" / "telemetry.log"
    )

"""TrackedFile on real files: rotation drains the renamed file first, replacement, truncation,
deletion and re-creation, a file that appears late."""

from __future__ import annotations

import os
from pathlib import Path

from telemetry_inspector.logs.follow import TrackedFile
from telemetry_inspector.logs.model import Event


def line(n: int) -> str:
    stamp = f"2026-03-30 10:00:{n // 1000 % 60:02d}.{n % 1000:03d}"
    return f'{stamp} [trace] telemetry/e{n} {{"properties":{{}},"measurements":{{}}}}\n'


def names(out) -> list[str]:
    assert all(isinstance(e, Event) for e in out), out
    return [e.event for e in out]


def poll(tracked: TrackedFile) -> list[str]:
    out: list = []
    tracked.poll(out, 0.0)
    return names(out)


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(text)


def test_rotation_drains_the_renamed_file_before_the_new_one(tmp_path):
    log = tmp_path / "telemetry.log"
    append(log, line(1))
    tracked = TrackedFile(str(log))
    assert poll(tracked) == ["e1"]
    append(log, line(2))  # written, not yet seen...
    log.rename(tmp_path / "telemetry.1.log")  # ...when spdlog rotates
    append(log, line(3))
    assert poll(tracked) == ["e2", "e3"]
    append(log, line(4))
    assert poll(tracked) == ["e4"]
    tracked.close()


def test_renamed_file_keeps_being_drained_until_a_new_one_appears(tmp_path):
    log = tmp_path / "telemetry.log"
    append(log, line(1))
    tracked = TrackedFile(str(log))
    poll(tracked)
    log.rename(tmp_path / "telemetry.1.log")
    append(tmp_path / "telemetry.1.log", line(2))  # a writer still holding the old file
    assert poll(tracked) == ["e2"]
    append(log, line(3))
    assert poll(tracked) == ["e3"]
    tracked.close()


def test_replacement_by_rename_reads_the_new_file(tmp_path):
    log = tmp_path / "telemetry.log"
    append(log, line(1))
    tracked = TrackedFile(str(log))
    poll(tracked)
    fresh = tmp_path / "fresh"
    fresh.write_text(line(7) + line(8), encoding="utf-8")
    os.replace(fresh, log)
    assert poll(tracked) == ["e7", "e8"]
    tracked.close()


def test_atomic_rewrite_with_more_content_reads_only_the_new_lines(tmp_path):
    log = tmp_path / "telemetry.log"
    append(log, line(1) + line(2))
    tracked = TrackedFile(str(log))
    poll(tracked)
    fresh = tmp_path / "fresh"
    fresh.write_text(line(1) + line(2) + line(3), encoding="utf-8")
    os.replace(fresh, log)
    assert poll(tracked) == ["e3"]
    tracked.close()


def test_rewrite_in_place_caught_halfway_is_not_read_twice(tmp_path):
    log = tmp_path / "telemetry.log"
    old = line(1) + line(2)
    append(log, old)
    tracked = TrackedFile(str(log))
    poll(tracked)
    with open(log, "w", encoding="utf-8") as stream:  # truncates, then writes the whole again
        stream.write(old[:40])
        stream.flush()
        assert poll(tracked) == []
        stream.write(old[40:] + line(3))
    assert poll(tracked) == ["e3"]
    tracked.close()


def test_truncation_reads_the_new_content_from_the_start(tmp_path):
    log = tmp_path / "telemetry.log"
    append(log, line(1) + line(2))
    tracked = TrackedFile(str(log))
    poll(tracked)
    os.truncate(log, 0)
    assert poll(tracked) == []
    append(log, line(5))
    assert poll(tracked) == ["e5"]
    tracked.close()


def test_deleted_then_created_again(tmp_path):
    log = tmp_path / "telemetry.log"
    append(log, line(1))
    tracked = TrackedFile(str(log))
    poll(tracked)
    log.unlink()
    assert poll(tracked) == []
    append(log, line(2))
    assert poll(tracked) == ["e2"]
    tracked.close()


def test_a_file_that_appears_later_is_read_from_its_first_byte(tmp_path):
    log = tmp_path / "window2" / "exthost" / "extensionTelemetry.log"
    tracked = TrackedFile(str(log))
    assert poll(tracked) == []
    log.parent.mkdir(parents=True)
    append(log, line(1) + line(2))
    assert poll(tracked) == ["e1", "e2"]
    tracked.close()


def test_a_line_in_two_writes_is_read_once(tmp_path):
    log = tmp_path / "telemetry.log"
    text = line(9)
    append(log, text[:33])
    tracked = TrackedFile(str(log))
    assert poll(tracked) == []
    append(log, text[33:])
    assert poll(tracked) == ["e9"]
    tracked.close()


def test_an_incomplete_multi_line_message_is_given_up_when_idle(tmp_path):
    log = tmp_path / "telemetry.log"
    append(log, '2026-03-30 10:00:00.000 [trace] telemetry/cut {"properties":\n')
    tracked = TrackedFile(str(log))
    out: list = []
    tracked.poll(out, 10.0)
    assert out == []
    tracked.flush_if_idle(out, 10.1, idle=0.25)
    assert out == []
    tracked.flush_if_idle(out, 10.3, idle=0.25)
    assert [type(e).__name__ for e in out] == ["Unparsed"]
    tracked.close()

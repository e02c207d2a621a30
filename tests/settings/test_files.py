from __future__ import annotations

from pathlib import Path

import pytest

from telemetry_inspector.errors import FileReadError
from telemetry_inspector.settings.files import read_text
from telemetry_inspector.settings.values import read_setting
from telemetry_inspector.vscode.model import UNSET


def test_bom_is_set_aside_and_written_back(tmp_path: Path):
    path = tmp_path / "s.json"
    path.write_bytes(b"\xef\xbb\xbf{}")
    file = read_text(path)
    assert (file.text, file.bom, file.exists) == ("{}", True, True)
    assert file.encode("{ }") == b"\xef\xbb\xbf{ }"


def test_missing_file_reads_as_empty(tmp_path: Path):
    file = read_text(tmp_path / "nope.json")
    assert (file.text, file.exists, file.bom) == ("", False, False)


def test_directory_is_an_error(tmp_path: Path):
    with pytest.raises(FileReadError) as caught:
        read_text(tmp_path)
    assert "is a directory" in caught.value.one_line()


def test_bytes_that_are_not_utf8_read_as_vscode_reads_them_or_are_kept_for_an_edit(
    tmp_path: Path,
):
    path = tmp_path / "s.json"
    data = b'\xef\xbb\xbf{\n  "a": "\xff\xe2\x82 caf\xe9"\n}'
    path.write_bytes(data)
    read = read_text(path)  # as buffer.toString(): a maximal bad sequence is one U+FFFD
    assert (read.text, read.bom) == ('{\n  "a": "\ufffd\ufffd caf\ufffd"\n}', True)
    assert read.invalid.one_line() == f"{path}:2:9: not valid UTF-8 (byte 0xff)"
    kept = read_text(path, keep_bytes=True)
    assert kept.text == '{\n  "a": "\udcff\udce2\udc82 caf\udce9"\n}'
    assert kept.encode(kept.text) == data
    assert kept.encode(kept.text.replace('"a"', '"b": 1, "a"')) == data.replace(
        b'"a"', b'"b": 1, "a"'
    )


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"telemetry.telemetryLevel": "off"}, "off"),
        ({"telemetry": {"telemetryLevel": "crash"}}, "crash"),
        ({"telemetry.telemetryLevel": "off", "telemetry": {"telemetryLevel": "all"}}, "all"),
        ({"telemetry": {"telemetryLevel": "all"}, "telemetry.telemetryLevel": "off"}, "off"),
        ({"telemetry": 1, "telemetry.telemetryLevel": "off"}, UNSET),  # VS Code ignores the key
        ({"[python]": {"telemetry.telemetryLevel": "off"}}, UNSET),
        ({}, UNSET),
    ],
)
def test_settings_are_read_as_vscode_reads_them(settings, expected):
    assert read_setting(settings, "telemetry.telemetryLevel") == expected


def test_reading_does_not_change_the_parsed_settings():
    settings = {"telemetry": {"telemetryLevel": "all"}, "telemetry.feedback.enabled": False}
    read_setting(settings, "telemetry.telemetryLevel")
    assert settings == {"telemetry": {"telemetryLevel": "all"}, "telemetry.feedback.enabled": False}

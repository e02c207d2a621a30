from __future__ import annotations

from pathlib import Path

import pytest

from telemetry_inspector.errors import FileReadError, ParseError
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


def test_invalid_utf8_names_line_and_column(tmp_path: Path):
    path = tmp_path / "s.json"
    path.write_bytes(b'{\n  "a": "\xff"\n}')
    with pytest.raises(ParseError) as caught:
        read_text(path)
    assert caught.value.one_line().startswith(f"{path}:2:9: not valid UTF-8")


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

"""Installed extensions read from real folders: versions, obsolete ones, broken manifests."""

from __future__ import annotations

import json
from pathlib import Path

from telemetry_inspector.settings.manifests import scan_extensions

TELEMETRY_SETTING = {"x.telemetry.enabled": {"type": "boolean", "default": True}}


def install(folder: Path, name: str, manifest: dict | str, publisher: str = "p") -> Path:
    path = folder / name / "package.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(manifest, dict):
        manifest = json.dumps({"publisher": publisher, **manifest}, indent=2)
    path.write_text(manifest, encoding="utf-8")
    return path


def contributing(properties: dict, version: str = "1.0.0", name: str = "x") -> dict:
    return {
        "name": name,
        "version": version,
        "contributes": {"configuration": {"properties": properties}},
    }


def test_reads_each_extensions_switches(tmp_path: Path):
    install(tmp_path, "p.x-1.0.0", contributing(TELEMETRY_SETTING))
    install(tmp_path, "p.plain-1.0.0", contributing({"p.size": {"type": "number"}}, name="plain"))
    scan = scan_extensions(tmp_path)
    assert scan.problems == ()
    assert [(e.id, [s.id for s in e.switches]) for e in scan.extensions] == [
        ("p.plain", []),
        ("p.x", ["x.telemetry.enabled"]),
    ]


def test_the_newest_version_is_the_one_in_use(tmp_path: Path):
    install(tmp_path, "p.x-1.9.0", contributing({}, "1.9.0"))
    install(tmp_path, "p.x-1.10.0", contributing(TELEMETRY_SETTING, "1.10.0"))
    [extension] = scan_extensions(tmp_path).extensions
    assert extension.version == "1.10.0" and extension.switches


def test_obsolete_hidden_and_manifestless_folders_are_skipped(tmp_path: Path):
    install(tmp_path, "p.x-1.0.0", contributing(TELEMETRY_SETTING))
    install(tmp_path, ".p.hidden-1.0.0", contributing(TELEMETRY_SETTING, name="hidden"))
    (tmp_path / "p.empty-1.0.0").mkdir()
    (tmp_path / ".obsolete").write_text('{"p.x-1.0.0": true}')
    (tmp_path / "extensions.json").write_text("[]")
    assert scan_extensions(tmp_path).extensions == ()


def test_a_missing_folder_has_no_extensions(tmp_path: Path):
    scan = scan_extensions(tmp_path / "nope")
    assert (scan.extensions, scan.problems) == ((), ())


def test_a_broken_manifest_is_a_problem_naming_line_and_column_not_a_failure(tmp_path: Path):
    install(tmp_path, "p.good-1.0.0", contributing(TELEMETRY_SETTING, name="good"))
    bad = install(tmp_path, "p.bad-1.0.0", '{\n  "name": "bad",\n  "publisher" "p"\n}')
    scan = scan_extensions(tmp_path)
    assert [e.id for e in scan.extensions] == ["p.good"]
    [problem] = scan.problems
    assert problem.one_line().startswith(f"{bad}:3:15: ")
    assert "does not load" in problem.one_line()


def test_comments_are_allowed_as_vscode_allows_them(tmp_path: Path):
    install(
        tmp_path,
        "p.x-1.0.0",
        '// hi\n{"publisher": "p", "name": "x", /* c */ "contributes": {"configuration":'
        ' {"properties": {"x.enableTelemetry": {"type": "boolean"}}}},}',
    )
    scan = scan_extensions(tmp_path)
    assert scan.problems == () and scan.extensions[0].switches[0].id == "x.enableTelemetry"


def test_manifests_that_are_not_extensions(tmp_path: Path):
    array = install(tmp_path, "p.a-1.0.0", "[1, 2]")
    nameless = install(tmp_path, "p.b-1.0.0", '{"publisher": "p"}')
    latin1 = tmp_path / "p.c-1.0.0" / "package.json"
    latin1.parent.mkdir()
    latin1.write_bytes(b'{"publisher": "p", "name": "caf\xe9"}')
    scan = scan_extensions(tmp_path)
    problems = sorted(p.one_line() for p in scan.problems)
    assert len(problems) == 2
    assert problems[0].startswith(f"{array}: not a JSON object")
    assert problems[1].startswith(f"{nameless}: no publisher and name")
    # VS Code reads a manifest with buffer.toString(): a byte that is not UTF-8 is U+FFFD
    assert [extension.id for extension in scan.extensions] == ["p.caf\ufffd"]


def test_built_in_extensions_are_named_without_publisher(tmp_path: Path):
    install(
        tmp_path,
        "git",
        contributing(
            {"git.autofetch": {"type": "boolean", "tags": ["usesOnlineServices"]}}, name="git"
        ),
        publisher="vscode",
    )
    [extension] = scan_extensions(tmp_path, builtin=True).extensions
    assert (extension.id, extension.scope) == ("git", "built-in git")
    assert extension.switches[0].scope == "built-in git"

"""An extension folder's id, one rule (vscode.names.extension_identity) for `report --source`,
`diff`'s pairing across versions and `tail`'s annotations: the three agree on every shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import add_extension, catalog, make_install, prop, write

T = "2026-03-30 10:00:00.001 [trace]"
# keyed without the extension's prefix: only the folder's id ties the event to it
OWN = catalog({"evt": {"a": prop()}})


def _install(root: Path, folder: str) -> tuple[Path, Path]:
    app = make_install(root / "install")
    ext = root / "ext"
    add_extension(ext, folder, OWN)
    return app, ext


@pytest.mark.parametrize(
    ("folder", "identity"),
    [
        ("contoso.sql-notebooks-0.9.0", "contoso.sql-notebooks"),
        ("contoso.sql-notebooks-0.9.0-linux-x64", "contoso.sql-notebooks"),
        ("Contoso.SQL-Notebooks-0.9.0-win32-arm64", "contoso.sql-notebooks"),
    ],
)
def test_report_source_and_tail_annotation_agree_on_the_id(cli, tmp_path, folder, identity):
    app, ext = _install(tmp_path, folder)
    args = ["report", "--json", "--app-root", str(app), "--extensions-dir", str(ext)]
    report = cli(*args)
    assert report.code == 0, report.err
    saved = write(tmp_path / "report.json", report.out)
    assert list(json.loads(cli(*args, "--source", identity).out)) == [folder]
    logged = identity.replace("contoso", "Contoso")  # the id as the manifest writes it
    log = write(tmp_path / "telemetry.log", f'{T} {logged}/evt {{"properties":{{"a":"b"}}}}\n')
    tail = cli("tail", "--no-follow", "--json", "--catalog", str(saved), str(log))
    assert tail.code == 0, tail.err
    note = json.loads(tail.out)["annotation"]
    assert (note["known"], note["catalog"]) == (True, folder)


def test_a_folder_vscode_would_not_parse_is_its_own_id_for_all_three(cli, tmp_path):
    app, ext = _install(tmp_path, "foo.bar-1.2")
    args = ["report", "--json", "--app-root", str(app), "--extensions-dir", str(ext)]
    saved = write(tmp_path / "report.json", cli(*args).out)
    assert json.loads(cli(*args, "--source", "foo.bar").out) == {}
    assert list(json.loads(cli(*args, "--source", "foo.bar-1.2").out)) == ["foo.bar-1.2"]
    log = write(tmp_path / "telemetry.log", f'{T} foo.bar/evt {{"properties":{{"a":"b"}}}}\n')
    tail = cli("tail", "--no-follow", "--json", "--catalog", str(saved), str(log))
    assert json.loads(tail.out)["annotation"]["known"] is False


def test_diff_pairs_a_new_version_with_a_target_platform(cli, tmp_path):
    old = {"contoso.sql-notebooks-0.9.0-linux-x64": OWN}
    new = {"contoso.sql-notebooks-0.10.0-linux-x64": catalog({"evt": {}, "more": {}})}
    run = cli(
        "diff",
        "--json",
        str(write(tmp_path / "old.json", old)),
        str(write(tmp_path / "new.json", new)),
    )
    changes = json.loads(run.out)["changes"]
    assert {(c["kind"], c.get("oldSource"), c["event"]) for c in changes} == {
        ("event-added", "contoso.sql-notebooks-0.9.0-linux-x64", "more"),
        ("property-removed", "contoso.sql-notebooks-0.9.0-linux-x64", "evt"),
    }

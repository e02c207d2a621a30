"""`telemetry report`: byte-identical to node doing VS Code's merge; better where VS Code fails."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, assert_one_line_error, clean_env, run_unprivileged

from .helpers import (
    add_extension,
    catalog,
    has_node,
    make_install,
    node_merge,
    prop,
    run_bytes,
    write,
)

needs_node = pytest.mark.skipif(not has_node(), reason="node is not on PATH")
EXAMPLE_EXTENSIONS = EXAMPLES / "home" / ".vscode" / "extensions"


def _generated(root: Path) -> tuple[Path, Path]:
    """A real-shaped catalog set (the benchmark's generator, small)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "report"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    app, extensions = generate.write(root, extensions=25, core_events=300)
    write(app / "product.json", {"nameShort": "Code", "dataFolderName": ".vscode"})
    return app, extensions


@needs_node
def test_real_shaped_catalogs_are_byte_identical_to_node(tmp_path: Path, env):
    app, extensions = _generated(tmp_path / "gen")
    ours = run_bytes("report", "--app-root", str(app), "--extensions-dir", str(extensions), env=env)
    assert ours.returncode == 0, ours.stderr
    assert ours.stderr == b""
    assert ours.stdout == node_merge(app, extensions)


@needs_node
def test_adversarial_folders_and_values_are_byte_identical_to_node(tmp_path: Path, env):
    odd = catalog({"e": {"n": [1.0, 1e21, 1e-7, -0.0, 12345678901234567890], "s": "\u2028\x7f"}})
    app = make_install(
        tmp_path / "install",
        core=b'{"events":{"x":{"2":1,"10":2,"a":3,"a":4}},"commonProperties":{}}',
        extensions=odd,
        builtins={
            "git": ({"publisher": "VSCode", "name": "Git", "version": "1.0.0"}, catalog()),
            "no-version": ({"publisher": "vscode", "name": "x"}, catalog({"b": {}})),
            "plain": ({"publisher": "vscode", "name": "plain", "version": "1"}, None),
        },
    )
    ext = tmp_path / "extensions"
    for name in (
        "zeta.b-1.0.0",
        "Alpha.a-2.0.0",
        "10",
        "9",
        "_x.y-1.0.0",
        "é.e-1.0.0",
        "vscode-core",
    ):
        add_extension(ext, name, catalog({f"{name}/event": {"p": prop()}}))
    add_extension(ext, "no.catalog-1.0.0")
    write(ext / "extensions.json", [])
    (ext / "linked.ext-1.0.0").symlink_to(add_extension(tmp_path / "elsewhere", "real", catalog()))
    write(ext / "case.only-1.0.0" / "Telemetry.json", catalog())  # not exactly telemetry.json
    ours = run_bytes("report", "--app-root", str(app), "--extensions-dir", str(ext), env=env)
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == node_merge(app, ext)
    keys = list(json.loads(ours.stdout))
    assert keys[:2] == ["9", "10"]  # array-index keys first, as JavaScript orders them


@needs_node
def test_values_the_fast_writer_hands_back_are_written_as_node_does(tmp_path: Path, env):
    # report keeps each file as its JSON text as it reads it (js_json.encoded); a value orjson
    # cannot write (nesting past its limit, a lone surrogate) stays an object for the Python
    # writer, among members kept as text, in both layouts
    deep = b'{"a":' * 300 + b"[1.5]" + b"}" * 300
    app = make_install(tmp_path / "install", extensions=catalog())
    ext = tmp_path / "extensions"
    add_extension(ext, "deep.one-1.0.0", b'{"events":{"e":' + deep + b"}}")
    add_extension(ext, "lone.one-1.0.0", b'{"events":{"\\udc80":{"s":"\\ud800x"}}}')
    add_extension(ext, "plain.one-1.0.0", catalog({"p": {"p": prop()}}))
    whole = run_bytes("report", "--app-root", str(app), "--extensions-dir", str(ext), env=env)
    assert whole.returncode == 0, whole.stderr
    assert whole.stdout == node_merge(app, ext)
    compact = run_bytes(
        "report", "--compact", "--app-root", str(app), "--extensions-dir", str(ext), env=env
    )
    assert compact.returncode == 0, compact.stderr
    assert json.loads(compact.stdout) == json.loads(whole.stdout)
    assert compact.stdout.count(b"\n") == 1


@needs_node
def test_builtin_keys_made_of_numbers_are_node_s(tmp_path: Path, env):
    # `${version}` of a number is Number#toString: "Infinity" past the largest double, where
    # JSON writes null; numbers of every size, seeded
    rng = random.Random(20261202)
    texts = ["1e400", "-1e400", "-1" + "0" * 400, "[1e400,-0,1.0]", "1e21", "1e-7", "-0.0"]
    texts += [f"{rng.randint(1, 9)}{'0' * rng.randint(0, 330)}" for _ in range(12)]
    texts += [
        f"-{rng.randint(1, 99)}.{rng.randint(0, 999)}e{rng.randint(-330, 330)}" for _ in range(12)
    ]
    builtins = {
        f"b{index}": (f'{{"publisher":"p","name":"n{index}","version":{text}}}', catalog())
        for index, text in enumerate(texts)
    }
    app = make_install(tmp_path / "i", builtins=builtins)
    ours = run_bytes("report", "--app-root", str(app), env=env)
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == node_merge(app, None)
    assert "p.n0-infinity" in json.loads(ours.stdout)


@needs_node
def test_without_builtins_matches_vscode_1_130(tmp_path: Path, env):
    app = make_install(
        tmp_path / "i",
        builtins={"git": ({"publisher": "v", "name": "g", "version": "1"}, catalog())},
    )
    ours = run_bytes("report", "--app-root", str(app), "--no-builtin", env=env)
    assert ours.returncode == 0
    assert ours.stdout == node_merge(app, None, builtin=False)
    assert list(json.loads(ours.stdout)) == ["vscode-core", "vscode-extensions"]


def test_the_readme_command_works_on_the_examples(cli):
    run = cli(
        "report",
        "--app-root",
        str(EXAMPLES / "install"),
        "--extensions-dir",
        str(EXAMPLE_EXTENSIONS),
    )
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert list(report) == [
        "vscode.git-10.0.0",
        "vscode.markdown-language-features-10.0.0",
        "acme.todo-highlights-2.4.1",
        "contoso.sql-notebooks-0.9.0-linux-x64",
        "vscode-core",
        "vscode-extensions",
    ]
    warning = run.err.strip().splitlines()
    assert len(warning) == 1
    assert "northwind.yaml-tools-3.1.0/telemetry.json:5:7:" in warning[0]


@needs_node
def test_the_examples_match_node_once_the_malformed_catalog_is_gone(tmp_path: Path, env):
    ext = tmp_path / "extensions"
    shutil.copytree(EXAMPLE_EXTENSIONS, ext)
    (ext / "northwind.yaml-tools-3.1.0" / "telemetry.json").unlink()
    app = EXAMPLES / "install" / "resources" / "app"
    ours = run_bytes("report", "--app-root", str(app), "--extensions-dir", str(ext), env=env)
    assert ours.stdout == node_merge(app, ext)


def test_compact_is_one_line_of_the_same_json(cli):
    args = (
        "report",
        "--app-root",
        str(EXAMPLES / "install"),
        "--extensions-dir",
        str(EXAMPLE_EXTENSIONS),
    )
    pretty, compact = cli(*args), cli(*args, "--compact")
    assert compact.out.count("\n") == 1
    assert json.loads(compact.out) == json.loads(pretty.out)


def test_extensions_default_to_the_flavors_folder_in_home(cli, home: Path):
    add_extension(home / ".vscode" / "extensions", "me.mine-1.0.0", catalog({"mine": {}}))
    run = cli("report", "--app-root", str(EXAMPLES / "install"), "--no-builtin")
    assert list(json.loads(run.out)) == ["me.mine-1.0.0", "vscode-core", "vscode-extensions"]


def test_vscode_extensions_variable_wins_over_the_default(tmp_path: Path, home: Path):
    add_extension(tmp_path / "elsewhere", "env.ext-1.0.0", catalog())
    add_extension(home / ".vscode" / "extensions", "home.ext-1.0.0", catalog())
    env = clean_env(home, VSCODE_EXTENSIONS=str(tmp_path / "elsewhere"))
    run = run_bytes("report", "--app-root", str(EXAMPLES / "install"), "--no-builtin", env=env)
    assert next(iter(json.loads(run.stdout))) == "env.ext-1.0.0"


# ---- what it does better than `code --telemetry` ------------------------------------------------


def test_a_build_without_catalog_files_names_flavor_and_paths(tmp_path: Path, cli):
    product = {"nameShort": "VSCodium", "nameLong": "VSCodium", "dataFolderName": ".vscode-oss"}
    app = make_install(tmp_path / "codium", core=False, product=product)
    run = cli("report", "--app-root", str(tmp_path / "codium"))
    assert_one_line_error(run, "VSCodium", str(app / "telemetry-core.json"), "telemetry extract")
    assert run.code == 1


def test_a_malformed_core_file_is_an_error_with_its_position(tmp_path: Path, cli):
    app = make_install(tmp_path / "i", core='{\n  "events": {\n    "a": 1,\n  }\n}')
    run = cli("report", "--app-root", str(app))
    assert_one_line_error(run, f"{app / 'telemetry-core.json'}:4:3:")
    assert run.code == 1


def test_a_malformed_extension_is_skipped_with_a_warning(tmp_path: Path, cli):
    app = make_install(tmp_path / "i")
    ext = tmp_path / "ext"
    add_extension(ext, "bad.one-1.0.0", '{"events": {"x": }}')
    add_extension(ext, "good.one-1.0.0", catalog())
    run = cli("report", "--app-root", str(app), "--extensions-dir", str(ext))
    assert run.code == 0
    assert list(json.loads(run.out)) == ["good.one-1.0.0", "vscode-core", "vscode-extensions"]
    assert f"warning: {ext / 'bad.one-1.0.0' / 'telemetry.json'}:1:18:" in run.err


def test_strict_fails_on_a_malformed_extension(tmp_path: Path, cli):
    app = make_install(tmp_path / "i")
    add_extension(tmp_path / "ext", "bad.one-1.0.0", "{")
    run = cli(
        "report", "--app-root", str(app), "--extensions-dir", str(tmp_path / "ext"), "--strict"
    )
    assert_one_line_error(run, "bad.one-1.0.0/telemetry.json:1:2:")
    assert run.code == 1


def test_a_broken_symlink_is_skipped_with_a_warning(tmp_path: Path, cli):
    app = make_install(tmp_path / "i")
    ext = tmp_path / "ext"
    ext.mkdir()
    (ext / "gone.ext-1.0.0").symlink_to(tmp_path / "nowhere")
    run = cli("report", "--app-root", str(app), "--extensions-dir", str(ext))
    assert run.code == 0
    assert "gone.ext-1.0.0: broken symbolic link; skipped" in run.err


def test_a_bom_is_read_and_noted(tmp_path: Path, cli):
    app = make_install(tmp_path / "i")
    add_extension(tmp_path / "ext", "bom.ext-1.0.0", b'\xef\xbb\xbf{"events":{}}')
    run = cli("report", "--app-root", str(app), "--extensions-dir", str(tmp_path / "ext"))
    assert run.code == 0
    assert "bom.ext-1.0.0" in json.loads(run.out)
    assert "byte order mark" in run.err


def _without_root_powers() -> list[str]:
    """A command prefix that makes root obey file modes (it reads any folder otherwise)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a folder unreadable")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_an_unreadable_folder_is_skipped_with_a_warning(tmp_path: Path, env):
    app = make_install(tmp_path / "i")
    ext = tmp_path / "ext"
    locked = add_extension(ext, "locked.ext-1.0.0", catalog())
    add_extension(ext, "open.ext-1.0.0", catalog())
    locked.chmod(0o000)
    try:
        done = subprocess.run(
            [
                *_without_root_powers(),
                sys.executable,
                "-m",
                "telemetry_inspector",
                "report",
                "--app-root",
                str(app),
                "--extensions-dir",
                str(ext),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        locked.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert list(json.loads(done.stdout)) == ["open.ext-1.0.0", "vscode-core", "vscode-extensions"]
    assert "locked.ext-1.0.0: cannot read the folder: permission denied; skipped" in done.stderr


def test_a_missing_extensions_dir_given_by_the_user_is_an_error(tmp_path: Path, cli):
    app = make_install(tmp_path / "i")
    run = cli("report", "--app-root", str(app), "--extensions-dir", str(tmp_path / "typo"))
    assert_one_line_error(run, str(tmp_path / "typo"), "no such folder")


def test_an_app_root_that_is_not_one_is_an_error(tmp_path: Path, cli):
    run = cli("report", "--app-root", str(tmp_path))
    assert_one_line_error(run, str(tmp_path), "product.json")
    assert run.code == 1


def test_unknown_flavor_and_classification_are_usage_errors(cli):
    run = cli("report", "--flavor", "emacs")
    assert run.code == 2
    assert_one_line_error(run, "'emacs' is not one of", "vscodium")
    run = cli("report", "--app-root", str(EXAMPLES / "install"), "--classification", "Secret")
    assert_one_line_error(run, "unknown classification", "SystemMetaData")
    assert run.code == 2


def test_nothing_installed_says_where_it_looked(cli):
    run = cli("report")
    if run.code == 0:
        pytest.skip("this machine has a VS Code installation")
    assert_one_line_error(run, "no VS Code installation found", "--app-root")


# ---- bad input -----------------------------------------------------------------------------------


def test_a_malformed_product_json_is_an_error_with_its_position(tmp_path: Path, cli):
    app = make_install(tmp_path / "i")
    write(app / "product.json", '{\n  "nameShort": "Code",\n}')
    run = cli("report", "--app-root", str(app))
    assert_one_line_error(run, f"{app / 'product.json'}:3:1:")
    assert run.code == 1


def test_a_malformed_extensions_core_file_is_an_error_with_its_position(tmp_path: Path, cli):
    app = make_install(tmp_path / "i", extensions='{\n  "events": [\n')
    run = cli("report", "--app-root", str(app), "--no-builtin")
    assert_one_line_error(run, f"{app / 'telemetry-extensions.json'}:3:1:")
    assert run.code == 1


def test_an_unreadable_core_file_is_named(tmp_path: Path, env):
    app = make_install(tmp_path / "i")
    (app / "telemetry-core.json").chmod(0o000)
    try:
        run = run_unprivileged("report", "--app-root", str(app), env=env)
    finally:
        (app / "telemetry-core.json").chmod(0o644)
    assert_one_line_error(run, str(app / "telemetry-core.json"), "ermission denied")
    assert run.code == 1


def test_a_core_file_that_is_a_folder_is_named(tmp_path: Path, cli):
    app = make_install(tmp_path / "i")
    (app / "telemetry-core.json").unlink()
    (app / "telemetry-core.json").mkdir()
    run = cli("report", "--app-root", str(app))
    assert_one_line_error(run, str(app / "telemetry-core.json"), "is a directory")
    assert run.code == 1


@pytest.mark.parametrize("kind", ["missing", "a file"])
def test_an_app_root_that_is_no_folder_is_an_error(tmp_path: Path, cli, kind):
    path = tmp_path / "given"
    if kind == "a file":
        write(path, {})
    run = cli("report", "--app-root", str(path))
    assert_one_line_error(run, str(path), "no VS Code app root there")
    assert run.code == 1


def test_an_extensions_dir_that_is_a_file_is_an_error(tmp_path: Path, cli):
    app = make_install(tmp_path / "i")
    path = write(tmp_path / "extensions", {})
    run = cli("report", "--app-root", str(app), "--extensions-dir", str(path))
    assert_one_line_error(run, str(path), "not a folder", "--extensions-dir")
    assert run.code == 1


def test_unknown_purpose_is_a_usage_error(cli):
    run = cli("report", "--app-root", str(EXAMPLES / "install"), "--purpose", "Profit")
    assert_one_line_error(run, "unknown purpose 'Profit'", "FeatureInsight")
    assert run.code == 2


@pytest.mark.parametrize(
    ("kind", "text"),
    [("unreadable", '{"nameShort": "Code"}'), ("not an object", '["nameShort"]')],
    ids=["unreadable", "not an object"],
)
def test_a_product_json_that_cannot_be_used_is_named_not_called_missing(
    tmp_path: Path, env, kind, text
):
    # Today: "<app root>: no VS Code app root there (looked for product.json in ...)", which sends
    # the user looking for a file that is right there; the error must name product.json and why.
    app = make_install(tmp_path / "i")
    product = write(app / "product.json", text)
    if kind == "unreadable":
        product.chmod(0o000)
    try:
        run = run_unprivileged("report", "--app-root", str(app), env=env)
    finally:
        product.chmod(0o644)
    assert_one_line_error(run, str(product))
    assert "no VS Code app root there" not in run.err
    assert run.code == 1


def test_filters_that_match_nothing_print_an_empty_report_and_say_so(cli):
    install = ["--app-root", str(EXAMPLES / "install")]
    run = cli("report", *install, "--event", "noSuchEvent*")
    assert (run.code, run.out) == (0, "{}\n")
    assert "nothing in the catalog matches the filters" in run.err
    matched = cli("report", *install, "--event", "*")
    assert matched.code == 0 and matched.out != "{}\n"
    assert "matches the filters" not in matched.err

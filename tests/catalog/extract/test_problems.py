"""Problems are reported as `file:line:col: what is wrong` on stderr, extraction goes on, the
catalog holds everything valid, and the exit code says whether anything was reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract_corpus import load_case, materialize, our_arguments, working_dir

from tests.conftest import Run, run_cli, run_unprivileged


def run_named(name: str, tmp: Path, env: dict[str, str], *extra: str) -> Run:
    case = load_case(name)
    root = materialize(case, tmp)
    return run_cli(*our_arguments(case, root), *extra, env=env, cwd=working_dir(case, root))


def messages(run: Run) -> list[str]:
    return [line for line in run.err.splitlines() if line.startswith(("error:", "warning:"))]


def test_malformed_comments_are_located_and_the_rest_is_kept(tmp_path, env):
    run = run_named("error-malformed", tmp_path, env)
    assert run.code == 1
    quotes = "expecting property name enclosed in double quotes"
    assert messages(run) == [
        f"error: broken.ts:13:2: malformed __GDPR__ comment: {quotes}",
        f"error: broken.ts:16:41: malformed __GDPR__FRAGMENT__ comment: {quotes}",
        "error: broken.ts:18:104: malformed __GDPR__COMMON__ comment: expecting ',' delimiter",
    ]
    catalog = json.loads(run.out)
    assert list(catalog["events"]) == ["good/event"]
    assert list(catalog["commonProperties"]) == ["common.good"]


def test_names_the_reference_rejects(tmp_path, env):
    run = run_named("error-names", tmp_path, env)
    assert run.code == 1
    found = messages(run)
    assert found[0].startswith('error: names.ts:1:1: event name "release/v2" ends with a digit')
    assert found[1].startswith(
        'error: names.ts:6:3: event "form/submitted": a property may not be named "Value"'
    )
    catalog = json.loads(run.out)
    assert "release/v2" not in catalog["events"]
    assert set(catalog["events"]["form/submitted"]) == {"owner", "comment", "field"}


def test_conflicting_duplicates_name_every_site(tmp_path, env):
    run = run_named("error-conflicts", tmp_path, env)
    assert run.code == 1
    assert messages(run) == [
        'error: a.ts:1:1: event "conflict/comments" is declared with conflicting details '
        '("size" differs) at: a.ts:1:1 (comment), b.ts:1:1 (comment)',
        'error: a.ts:19:1: event "conflict/mixed" is declared with conflicting details '
        '("owner" differs) at: a.ts:19:1 (typed), a.ts:12:1 (comment)',
        'error: b.ts:10:1: event "conflict/typed" is declared with conflicting details '
        '("mode" differs) at: b.ts:10:1 (typed), a.ts:10:1 (typed)',
    ]


def test_a_property_a_common_property_overrides(tmp_path, env):
    run = run_named("error-shadowed", tmp_path, env)
    assert run.code == 1
    assert messages(run) == [
        'error: shadow.ts:6:3: event "shadow/event": property "common.platform" is overridden '
        "by the common property declared at shadow.ts:1:1; remove it from the event"
    ]


def test_unknown_fragment_is_dropped_like_the_reference_but_reported(tmp_path, env):
    run = run_named("fragment-missing", tmp_path, env)
    assert run.code == 1
    assert messages(run) == [
        'error: debug.ts:11:38: unknown fragment "${LaunchConfiguration}" '
        "(the reference tool drops it silently)"
    ]


def test_unresolvable_event_names_are_warnings_with_their_call(tmp_path, env):
    run = run_named("typed-names", tmp_path, env)
    assert run.code == 1
    found = messages(run)
    assert len(found) == 5
    assert found[0] == (
        "warning: names.ts:32:2: cannot resolve the event name `notConst` to a string literal; "
        "call skipped"
    )
    assert all(m.startswith("warning: names.ts:3") for m in found)


def test_only_the_first_name_of_a_comment_counts_and_we_say_so(tmp_path, env):
    run = run_named("comment-first-key", tmp_path, env)
    assert run.code == 1
    assert messages(run)[0].startswith(
        "warning: search.ts:2:1: __GDPR__ comment declares more than one name; "
        'only "search/started"'
    )


def test_a_clean_tree_exits_0_with_nothing_on_stderr(tmp_path, env):
    run = run_named("typed-basic", tmp_path, env)
    assert (run.code, run.err) == (0, "")


def test_an_unresolvable_classification_type_is_located(tmp_path, env):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.ts").write_text(
        "import { Missing } from './nowhere.js';\n"
        "declare const t: { publicLog2<E, C>(n: string, d?: E): void };\n"
        "t.publicLog2<{}, Missing>('x/y');\n",
        encoding="utf-8",
    )
    run = run_cli("extract", str(source), env=env, cwd=tmp_path)
    assert run.code == 1
    assert messages(run) == [
        "warning: src/a.ts:3:18: the classification type `Missing` cannot be read: "
        "`Missing` is imported from './nowhere.js', which cannot be found or resolved"
    ]
    assert json.loads(run.out)["events"] == {"x/y": {}}


def test_a_classification_that_contains_itself_is_reported_and_recorded_as_empty(tmp_path, env):
    """The reference's visit of such a type never ends: its stack overflows and its fallback
    records the event as {} (tests/catalog/extract/cases/typed-recursive). A finite type deeper
    than our walk goes is taken for one, and said so, not cut short in silence."""
    deep = "{ x: 'leaf' }"
    for level in range(120):
        deep = f"{{ m{level}: {deep} }}"
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.ts").write_text(
        "declare const t: { publicLog2<E, C>(n: string, d?: E): void };\n"
        "type Tree = { owner: 'o'; children: Tree };\n"
        f"type Deep = {{ owner: 'o'; top: {deep} }};\n"
        "t.publicLog2<{}, Tree>('x/tree');\n"
        "t.publicLog2<{}, Deep>('x/deep');\n",
        encoding="utf-8",
    )
    run = run_cli("extract", str(source), env=env, cwd=tmp_path)
    assert run.code == 1
    tail = "the event is recorded as {}, as the reference tool does when its visit overflows"
    found = messages(run)
    assert [line.split(" contains itself ")[0] for line in found] == [
        "warning: src/a.ts:2:27: classification member `children`",
        "warning: src/a.ts:3:27: classification member `top`",
    ]
    assert all(tail in line for line in found)
    assert json.loads(run.out)["events"] == {"x/deep": {}, "x/tree": {}}


def test_files_under_non_ascii_names_are_read(tmp_path, env):
    """A departure (docs/vscode.md): the reference decodes ripgrep's list of paths as ASCII, so
    it crashes on such a file's comments and silently loses its typed calls."""
    folder = tmp_path / "src" / "dïr"
    folder.mkdir(parents=True)
    (folder / "é.ts").write_text(
        "declare const t: { publicLog2<E, C>(n: string, d?: E): void };\n"
        "t.publicLog2<{}, { owner: 'o' }>('x/typed');\n"
        '/* __GDPR__ "x/comment" : { "owner": "o", "comment": "c" } */\n',
        encoding="utf-8",
    )
    run = run_cli("extract", str(tmp_path / "src"), env=env, cwd=tmp_path)
    assert (run.code, run.err) == (0, "")
    assert json.loads(run.out)["events"] == {
        "x/comment": {"comment": "c", "owner": "o"},
        "x/typed": {"owner": "o"},
    }


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        ((), ["no source folder given"]),
        (("--config", "c.json", "src"), ["--config takes the sources"]),
        (("--format", "yaml", "src"), ["'yaml'", "compact", "code"]),
        (("--jobs", "0", "src"), ["--jobs", "x>=1"]),
    ],
)
def test_bad_usage_exits_2(args, needles, tmp_path, env):
    run = run_cli("extract", *args, env=env, cwd=tmp_path)
    assert run.code == 2
    assert run.out == ""
    assert len(run.err.strip().splitlines()) == 1
    for needle in needles:
        assert needle in run.err


def test_a_missing_source_folder_is_one_line_naming_it(tmp_path, env):
    run = run_cli("extract", "no-such-dir", env=env, cwd=tmp_path)
    assert run.code == 1
    assert run.out == ""
    assert run.err.strip().splitlines() == [
        f"error: {tmp_path / 'no-such-dir'}: cannot read the source folder: no such folder"
    ]


def test_an_exclusion_outside_every_source_folder_is_reported(tmp_path, env):
    case = load_case("exclude")
    root = materialize(case, tmp_path)
    run = run_cli("extract", "src", "--exclude", "extensions", env=env, cwd=root)
    assert run.code == 1
    assert "warning: --exclude extensions: not inside any source folder" in run.err
    assert "extension/activated" in json.loads(run.out)["events"]


def test_unreadable_files_and_folders_are_reported_and_skipped(tmp_path, env):
    source = tmp_path / "src"
    (source / "locked").mkdir(parents=True)
    (source / "ok.ts").write_text('/* __GDPR__ "ok/event" : { "owner": "o" } */\n')
    (source / "secret.ts").write_text("export const x = 1;\n")
    (source / "secret.ts").chmod(0)
    (source / "locked").chmod(0)
    try:
        run = run_unprivileged("extract", str(source), env=env, cwd=tmp_path)
    finally:
        (source / "locked").chmod(0o755)
        (source / "secret.ts").chmod(0o644)
    assert run.code == 1
    assert "warning: src/locked:1:1: cannot read: permission denied; skipped" in run.err
    assert "warning: src/secret.ts:1:1: cannot read: permission denied; skipped" in run.err
    assert list(json.loads(run.out)["events"]) == ["ok/event"]


def test_only_regular_files_are_read(tmp_path, env):
    import socket

    source = tmp_path / "src"
    source.mkdir()
    (source / "ok.ts").write_text('/* __GDPR__ "ok/event" : { "owner": "o" } */\n')
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(source / "socket.ts"))
        run = run_cli("extract", str(source), env=env, cwd=tmp_path)
    finally:
        listener.close()
    assert (run.code, run.err) == (0, "")
    assert list(json.loads(run.out)["events"]) == ["ok/event"]


def test_a_source_that_is_a_file_is_one_line_naming_it(tmp_path, env):
    (tmp_path / "a.ts").write_text("export const x = 1;\n")
    run = run_cli("extract", "a.ts", env=env, cwd=tmp_path)
    assert run.code == 1
    assert run.out == ""
    assert run.err.strip().splitlines() == [
        f"error: {tmp_path / 'a.ts'}: cannot read the source folder: not a folder"
    ]

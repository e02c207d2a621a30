"""Which files are read: the same ones ripgrep picks for the reference tool (a differential test
against the rg binary the npm reference ships), and ignore rules as git reads them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from telemetry_inspector.catalog.extract.files import find_source_files, ripgrep_searches

IGNORED_TREE = {
    ".gitignore": (
        "build/\n/out\n**/tmp\ndocs/*/gen\nvendor/*\n!vendor/keep\n*.skip.ts\n# comment\n\\#hash\n"
    ),
    "src/a.ts": "",
    "src/b.tsx": "",
    "src/c.cs": "",
    "src/d.js": "",
    "src/e.skip.ts": "",
    "src/.hidden.ts": "",
    "src/.hiddendir/f.ts": "",
    "build/g.ts": "",
    "src/build/h.ts": "",
    "out/i.ts": "",
    "src/out/j.ts": "",
    "src/deep/tmp/k.ts": "",
    "docs/api/gen/l.ts": "",
    "docs/api/m.ts": "",
    "vendor/lib/n.ts": "",
    "vendor/keep/o.ts": "",
    "#hash/p.ts": "",
    "nested/.gitignore": "local/\n",
    "nested/local/q.ts": "",
    "nested/r.ts": "",
    "plain/.ignore": "private/\n",
    "plain/private/s.ts": "",
    "excluded/t.ts": "",
    "excluded/deeper/u.ts": "",
}


def _make_tree(root: Path, git: bool) -> None:
    for name, text in IGNORED_TREE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "linked").symlink_to(root / "src", target_is_directory=True)
    (root / "link.ts").symlink_to(root / "src" / "a.ts")
    if git:
        (root / ".git").mkdir()


def _ripgrep(node_modules: Path) -> Path:
    found = sorted(node_modules.glob("@vscode/ripgrep*/bin/rg"))
    if not found:
        pytest.skip("the reference's ripgrep binary is not installed")
    return found[0]


def _rg_files(rg: Path, root: Path, globs: list[str], extra: list[str]) -> list[str]:
    args = [str(rg), "--files", *[a for g in globs for a in ("--glob", g)], *extra, str(root)]
    done = subprocess.run(args, cwd=root, capture_output=True, text=True)
    return sorted(done.stdout.split())


@pytest.mark.parametrize("git", [True, False], ids=["git-checkout", "no-git"])
def test_files_are_the_ones_ripgrep_gives_the_reference(tmp_path, node_tools, git):
    rg = _ripgrep(node_tools)
    root = tmp_path / "tree"
    _make_tree(root, git)
    found = find_source_files(str(root), (str(root / "excluded"),))
    comment_globs = ["*.ts", "*.tsx", "*.cs", "!excluded/**"]
    assert sorted(found.comment_files) == _rg_files(rg, root, comment_globs, [])
    typed_globs = ["**/*.ts", "!excluded/**"]
    assert sorted(found.typed_files) == _rg_files(rg, root, typed_globs, ["--no-ignore"])


def test_ignored_folders_are_the_ones_git_ignores(tmp_path):
    """git's own listing of untracked, not ignored files says which folders it would enter."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    _make_tree(root, git=False)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    files = [p for p in listed if p.endswith(".ts") and not (root / p).is_symlink()]
    git_folders = {str(Path(p).parent) for p in files}
    ours = find_source_files(str(root), ()).comment_files
    our_folders = {str(Path(p).relative_to(root).parent) for p in ours}
    # ripgrep alone reads .ignore files and skips hidden folders (git lists them)
    ripgrep_only = {"plain/private", "src/.hiddendir"}
    assert our_folders == git_folders - ripgrep_only


def test_files_with_a_nul_byte_are_skipped_where_ripgrep_skips_them(tmp_path, node_tools):
    """ripgrep gives a file up, unsearched, when its first read (64 KB) holds a NUL byte; a NUL
    further on leaves the lines read before it searched (short lines: its buffer never grows)."""
    rg = _ripgrep(node_tools)
    marker = b"/* __GDPR__ */\n"
    rows = {}
    for nul in (0, 20, 4000, 65535, 65536, 65600, 140000):
        body = marker + b"x" * 50 + b"\n"
        body = (body * (nul // len(body) + 1))[:nul] + b"\0\n" + marker
        rows[f"nul{nul}.ts"] = body
    rows["utf16.ts"] = "/* __GDPR__ */\n".encode("utf-16")  # searched transcoded
    for name, data in rows.items():
        (tmp_path / name).write_bytes(data)
    args = [str(rg), "--files-with-matches", "--glob", "*.ts", "__GDPR__", str(tmp_path)]
    done = subprocess.run(args, capture_output=True, text=True)
    picked = {Path(p).name for p in done.stdout.split()}
    assert picked == {name for name, data in rows.items() if ripgrep_searches(data)}
    assert picked == {"nul65536.ts", "nul65600.ts", "nul140000.ts", "utf16.ts"}


def test_a_tree_as_deep_as_paths_allow_is_walked(tmp_path):
    """One-letter folders down to PATH_MAX: about 2000 levels (the recursion limit is 1000)."""
    folder = str(tmp_path)
    while len(folder) < 4000:
        folder = os.path.join(folder, "a")
        os.mkdir(folder)
    (Path(folder) / "x.ts").write_text("")
    try:
        found = find_source_files(str(tmp_path), ())
        assert found.comment_files == (os.path.join(folder, "x.ts"),)
    finally:  # shutil.rmtree (pytest's clean-up) recurses too deep for this tree
        os.remove(os.path.join(folder, "x.ts"))
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)

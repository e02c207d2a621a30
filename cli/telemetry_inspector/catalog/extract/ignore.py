"""gitignore-style rules, as ripgrep (the reference's file finder) applies them to folders.

Only folders matter here: the reference asks ripgrep for `*.ts` (and `.tsx`, `.cs`) files, and a
file matching such a glob is searched even when an ignore file names it; what an ignore rule
can still do is keep ripgrep out of a folder. `.gitignore` counts only inside a git checkout
(a `.git` in the folder or above); `.ignore` and `.rgignore` count everywhere.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from telemetry_inspector.fileio import SOURCE_LIMIT, read_regular

GIT_IGNORE = ".gitignore"
PLAIN_IGNORES = (".ignore", ".rgignore")


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    negated: bool
    anchored: bool


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules of one ignore file; paths are matched relative to `base` (a folder)."""

    base: str
    rules: tuple[Rule, ...]

    def verdict(self, folder: str) -> bool | None:
        """True: ignored, False: explicitly kept (a `!` rule), None: no rule speaks."""
        relative = os.path.relpath(folder, self.base).replace(os.sep, "/")
        if relative.startswith("../") or relative in ("..", "."):
            return None
        name = relative.rsplit("/", 1)[-1]
        for rule in reversed(self.rules):
            if rule.pattern.fullmatch(relative if rule.anchored else name):
                return not rule.negated
        return None


def read_rules(path: str, base: str) -> RuleSet | None:
    try:
        text = read_regular(path, limit=SOURCE_LIMIT).decode("utf-8", "replace")
    except OSError:
        return None
    rules = tuple(r for r in (_rule(line) for line in text.splitlines()) if r is not None)
    return RuleSet(base, rules) if rules else None


def _rule(line: str) -> Rule | None:
    line = _strip_trailing_spaces(line)
    if not line or line.startswith("#"):
        return None
    negated = line.startswith("!")
    if negated or line.startswith(("\\!", "\\#")):
        line = line[1:]
    line = line.rstrip("/")  # "dir/" means folders only, and only folders are asked about
    if not line:
        return None
    anchored = "/" in line
    line = line.lstrip("/")
    if line.startswith("**/"):
        anchored, line = True, line
    return Rule(re.compile(_glob_to_regex(line)), negated, anchored)


def _strip_trailing_spaces(line: str) -> str:
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        return stripped + " "
    return stripped


def _glob_to_regex(glob: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if glob.startswith("**/", i) and (i == 0 or glob[i - 1] == "/"):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == len(glob):
            out.append("/.*")
            i += 3
        elif char == "*":
            while i < len(glob) and glob[i] == "*":
                i += 1
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = glob.find("]", i + 2)
            if end < 0:
                out.append(re.escape(char))
                i += 1
                continue
            body = glob[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        elif char == "\\" and i + 1 < len(glob):
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def in_git_checkout(folder: str) -> str | None:
    """The top of the git checkout holding `folder`, or None."""
    current = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def ancestor_rules(root: str, checkout: str | None) -> tuple[list[RuleSet], list[RuleSet]]:
    """Ignore files in the folders above `root` (ripgrep reads those too), nearest last:
    (plain .ignore/.rgignore rules, git rules including .git/info/exclude)."""
    plain: list[RuleSet] = []
    git: list[RuleSet] = []
    folders = []
    current = os.path.dirname(os.path.abspath(root))
    while True:
        folders.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    if checkout is not None:
        exclude = read_rules(os.path.join(checkout, ".git", "info", "exclude"), checkout)
        git.extend([exclude] if exclude else [])
    for folder in reversed(folders):
        plain.extend(folder_rules(folder, PLAIN_IGNORES))
        if checkout is not None and (folder + os.sep).startswith(checkout.rstrip(os.sep) + os.sep):
            git.extend(folder_rules(folder, (GIT_IGNORE,)))
    return plain, git


def folder_rules(folder: str, names: tuple[str, ...]) -> list[RuleSet]:
    found = []
    for name in names:
        rules = read_rules(os.path.join(folder, name), folder)
        if rules is not None:
            found.append(rules)
    return found


def is_ignored(folder: str, plain: list[RuleSet], git: list[RuleSet]) -> bool:
    """Nearest ignore file first; .ignore/.rgignore rules win over git's."""
    for group in (plain, git):
        for rules in reversed(group):
            verdict = rules.verdict(folder)
            if verdict is not None:
                return verdict
    return False

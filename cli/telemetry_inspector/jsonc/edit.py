"""Set or remove one property and return the new text, byte for byte as VS Code writes it.

VS Code's settings editor computes one text edit (replace a value, insert a member after the last
one, delete a member with its comma) and then runs its formatter over the lines the edit touched.
These functions do the same and return the whole new text; every byte outside that window is kept.
They expect a document without parse issues (the caller refuses others); given one anyway, they
work on the same recovered tree as VS Code and still touch only the edit and the lines around it.

Two decided departures from VS Code: removing a key that is not there returns the text unchanged
(VS Code throws when the key's parent object is missing), and removing an object's only member also
removes the trailing comma after it (VS Code leaves `{,}`, which it cannot read back).
"""

from __future__ import annotations

from collections.abc import Sequence

from telemetry_inspector.jsonc import formatter
from telemetry_inspector.jsonc.formatter import Edit, Formatting, format_range, line_end, line_start
from telemetry_inspector.jsonc.indentation import detect_formatting
from telemetry_inspector.jsonc.json_writer import stringify
from telemetry_inspector.jsonc.nodes import to_value
from telemetry_inspector.jsonc.parser import Node, find_node, parse, remember_edit
from telemetry_inspector.jsonc.scanner import TokenKind, iter_tokens

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BLANK_KINDS = (
    TokenKind.TRIVIA,
    TokenKind.LINE_BREAK,
    TokenKind.LINE_COMMENT,
    TokenKind.BLOCK_COMMENT,
)

__all__ = [
    "EditError",
    "Formatting",
    "add_members",
    "apply_edits",
    "detect_formatting",
    "remove_property",
    "replace_value",
    "set_property",
]


# What formatting the lines around an edit may add beyond twice the edit (characters), before
# only the edit itself is formatted. A 30 KB minified settings file is still laid out as VS Code
# lays it out.
FORMAT_GROWTH = 64 * 1024


class EditError(ValueError):
    """The edit cannot be made where VS Code's editor would refuse too (e.g. a top-level array)."""


def set_property(text: str, path: Sequence[str], value: Any, formatting: Formatting) -> str:
    """Set the property at `path` to `value`: the first member with that key is replaced, or a
    member is added at the end of its object, creating missing objects on the way."""
    path = _checked(path)
    root = parse(text).root
    parent, depth = _deepest_existing(root, path)
    missing = path[depth + 1 :] if parent is not None else path
    new_value = value
    for key in reversed(missing):
        new_value = {key: new_value}  # the objects that do not exist yet, innermost first
    if parent is None:
        # No usable root (empty or comment-only document) or an empty path: write the whole value.
        offset, length = (root.offset, root.length) if root is not None else (0, 0)
        return _edited(text, offset, length, stringify(new_value), formatting)
    key = path[depth]
    if parent.type != "object":
        raise EditError(f"cannot add property {key!r} to {_with_article(parent.type)}")
    index = parent.first_member_index(key)
    existing = parent.member_at(index).value_node if index is not None else None
    if existing is not None:
        return _edited(text, existing.offset, existing.length, stringify(new_value), formatting)
    return _inserted(text, parent, key, new_value, formatting)


def add_members(text: str, members: Sequence[tuple[str, Any]], formatting: Formatting) -> str:
    """Add top-level members that are not in the document yet, in one edit: the text VS Code's
    editor gives when they are set one after the other, without re-reading the whole document
    for each (lockdown can add thousands). Falls back to one set_property each where the top
    level is not an object with a usable tree."""
    root = parse(text).root
    if root is None or root.type != "object" or len(members) < 2:
        for key, value in members:
            text = set_property(text, [key], value, formatting)
        return text
    pieces = [f"{stringify(key)}: {stringify(value)}" for key, value in members]
    if root.member_count():
        return _edited(text, root.member_at(-1).end, 0, "," + ",".join(pieces), formatting)
    return _edited(text, root.offset + 1, 0, ",".join(pieces), formatting)


def remove_property(text: str, path: Sequence[str], formatting: Formatting) -> str:
    """Remove the first member with key path[-1] (with its comma); unchanged if there is none."""
    return remove_first_member(text, path, formatting)[0]


def remove_first_member(
    text: str, path: Sequence[str], formatting: Formatting
) -> tuple[str, tuple[str, ...]]:
    """`remove_property`, and the comments that went with the member, in document order."""
    path = _checked(path)
    if not path:
        raise EditError("cannot remove the whole document")
    parent = find_node(parse(text).root, path[:-1])
    if parent is None:
        return text, ()  # VS Code throws here ("empty document"); there is nothing to remove
    if parent.type != "object":
        raise EditError(f"cannot remove property {path[-1]!r} from {_with_article(parent.type)}")
    index = parent.first_member_index(path[-1])
    if index is None or parent.member_at(index).value_node is None:
        return text, ()
    start, end = parent.offset + 1, parent.member_at(index).end
    if index > 0:
        start = parent.member_at(index - 1).end  # take the comma before it
    elif parent.member_count() > 1:
        end = parent.member_at(1).offset  # the first member: take the comma after it
    else:
        end = _after_trailing_comma(text, end)
    return _edited(text, start, end - start, "", formatting), _comments(text, start, end)


def remove_members_at_once(
    text: str, path: Sequence[str], formatting: Formatting
) -> tuple[str, list[tuple[Any, tuple[str, ...]]]] | None:
    """What calling `remove_property` until no member with key path[-1] is left gives, in one
    pass (a key written thousands of times cost a whole re-read per copy: quadratic). Removing
    a copy takes what lies between it and the member before it (the first member: up to the one
    after it), so a run of neighbouring copies goes as one stretch; then the line the stretch
    joins is formatted, as each removal formats it. A line is formatted from its own text, so
    formatting it once gives what each removal in turn gave (tests/settings compare both roads).
    Returns the text and, per copy, its value and the comments removed with it; None when there
    are fewer than two copies or anything is unusual (a parse problem, a member without a value,
    two stretches joining one line, a line too long to format): then one removal at a time."""
    path = _checked(path)
    root = parse(text).root if path else None
    parent = find_node(root, path[:-1]) if root is not None and not parse(text).issues else None
    if parent is None or parent.type != "object" or len(parent.members_named(path[-1])) < 2:
        return None  # (a large file has tens of thousands of members: not listed for one copy)
    members = [parent.member_at(index) for index in range(parent.member_count())]
    copies = [index for index, member in enumerate(members) if member.key == path[-1]]
    if len(copies) < 2 or any(members[index].value_node is None for index in copies):
        return None
    removed, cuts = [], []
    for run in _runs(copies):
        first, last = run[0], run[-1]
        if not _apart(text, members, run, parent):
            return None
        for index in run:
            if first > 0:  # from the end of the member before the run, copy after copy
                start, end = members[index - 1].end, members[index].end
            else:  # the first member: up to the next one (for the last, past its comma)
                start = members[index].offset if index else parent.offset + 1
                later = index + 1 < len(members)
                end = (
                    members[index + 1].offset
                    if later
                    else _after_trailing_comma(text, members[index].end)
                )
            removed.append((to_value(members[index].value_node), _comments(text, start, end)))
        if first > 0:
            cuts.append((members[first - 1].end, members[last].end))
        else:
            cuts.append((parent.offset + 1, end))  # up to where the last copy's removal ends
    joins, shift = [], 0  # where each stretch joins, in the text without them
    for start, end in cuts:
        joins.append(start - shift)
        shift += end - start
    cut = apply_edits(text, [(start, end, "") for start, end in cuts])
    lines = [line_start(cut, join) for join in joins]
    if len(set(lines)) < len(lines):
        return None
    edits: list[Edit] = []
    for line, join in zip(lines, joins, strict=True):
        window = line_end(cut, join)
        formatted = format_range(cut, line, window, formatting, growth_limit=FORMAT_GROWTH)
        if formatted is None:
            return None
        edits += formatted
    return apply_edits(cut, edits), removed


def _apart(text: str, members: list[Node], run: list[int], parent: Node) -> bool:
    """Whether removing the run of copies one by one formats nothing the next removal keeps.
    A removal formats the line it joins, which holds what follows the copy on its line (after
    a member) or the line of the member after it (the first member; `{"a": 1, "a": 2}` becomes
    `{\n}`, not `{}`): each copy must end on a line before the next one starts. The first
    member's removal also formats the blanks ending a line, so there no such line may end in
    blanks (jsonc-parser 2.3.1 leaves a blank line for them)."""
    first, last = run[0], run[-1]
    if first > 0:
        gaps = [(members[index].end, members[index + 1].offset) for index in run[:-1]]
        return all(_breaks(text, end, start, blank_matters=False) for end, start in gaps)
    ends = [parent.offset + 1, *(members[index].end for index in run)]
    starts = [members[index].offset for index in run]
    starts.append(members[last + 1].offset if last + 1 < len(members) else parent.end - 1)
    return all(_breaks(text, end, start) for end, start in zip(ends, starts, strict=True))


def _runs(indices: list[int]) -> list[list[int]]:
    """Ascending indices grouped into runs of neighbours."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _breaks(text: str, start: int, end: int, blank_matters: bool = True) -> bool:
    """Whether text[start:end] holds a line break, with no blank just before it if that matters
    (formatting a line that ends in blanks leaves a blank line, as jsonc-parser 2.3.1 does)."""
    found = [at for at in (text.find("\n", start, end), text.find("\r", start, end)) if at >= 0]
    if not found:
        return False
    at = min(found)
    return not blank_matters or at == start or not text[at - 1].isspace()


def _comments(text: str, start: int, end: int) -> tuple[str, ...]:
    """The comments in text[start:end] (a stretch between tokens)."""
    found = []
    for kind, at, stop in iter_tokens(text, start):
        if at >= end:
            break
        if kind in (TokenKind.LINE_COMMENT, TokenKind.BLOCK_COMMENT):
            found.append(text[at:stop])
    return tuple(found)


def _after_trailing_comma(text: str, end: int) -> int:
    """Past the trailing comma that may follow an object's only member (VS Code leaves it)."""
    for kind, _, stop in iter_tokens(text, end):
        if kind not in _BLANK_KINDS:
            return stop if kind == TokenKind.COMMA else end
    return end


def replace_value(text: str, value_node: Node, value: Any, formatting: Formatting) -> str:
    """Replace one value node (from `parse(text)`) with `value`, as setting it in VS Code would."""
    return _edited(text, value_node.offset, value_node.length, stringify(value), formatting)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with the edits (start, end, replacement: non-overlapping, in document order)
    applied, as jsonc-parser's applyEdits; parsing the result reads only around them again."""
    result = formatter.apply_edits(text, edits)
    if edits:
        start, end = edits[0][0], edits[-1][1]
        remember_edit(text, result, start, end, end + len(result) - len(text))
    return result


def _checked(path: Sequence[str]) -> list[str]:
    if isinstance(path, str) or not all(isinstance(key, str) for key in path):
        raise TypeError("a path is a sequence of keys, e.g. ['telemetry.telemetryLevel']")
    return list(path)


def _deepest_existing(root: Node | None, path: list[str]) -> tuple[Node | None, int]:
    """The node at the longest existing prefix path[:depth] (depth < len(path)), and depth."""
    for depth in range(len(path) - 1, -1, -1):
        node = find_node(root, path[:depth])
        if node is not None:
            return node, depth
    return None, 0


def _inserted(text: str, parent: Node, key: str, value: Any, formatting: Formatting) -> str:
    member = f"{stringify(key)}: {stringify(value)}"
    if parent.member_count():
        # Right after the last member's value: a trailing comma ends up after the new member.
        return _edited(text, parent.member_at(-1).end, 0, "," + member, formatting)
    return _edited(text, parent.offset + 1, 0, member, formatting)


def _edited(text: str, offset: int, length: int, content: str, formatting: Formatting) -> str:
    """Apply one edit, then format the lines around it as VS Code does."""
    new_text = text[:offset] + content + text[offset + length :]
    start, end = offset, offset + len(content)
    if length == 0 or not content:
        # An insertion or a removal: format the whole line(s) holding it.
        start, end = line_start(new_text, start), line_end(new_text, end)
    limit = FORMAT_GROWTH + 2 * len(content)
    edits = format_range(new_text, start, end, formatting, growth_limit=limit)
    if edits is None:
        # VS Code would re-lay out the whole line, however long (a minified file nested deep
        # grows a thousandfold); we format only the edit itself, so the file grows by it alone.
        edits = format_range(new_text, offset, offset + len(content), formatting) or []
    result = formatter.apply_edits(new_text, edits)
    # What changed, the edit and its formatting together, so that reading the result back reads
    # only that part again.
    changed_start, changed_end = offset, offset + len(content)  # in new_text
    if edits:
        changed_start, changed_end = min(offset, edits[0][0]), max(changed_end, edits[-1][1])
    grown = len(result) - len(new_text)
    remember_edit(
        text, result, changed_start, changed_end - len(content) + length, changed_end + grown
    )
    return result


def _with_article(node_type: str) -> str:
    articles = {"array": "an array", "object": "an object", "null": "null"}
    return articles.get(node_type, f"a {node_type}")

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
    path = _checked(path)
    if not path:
        raise EditError("cannot remove the whole document")
    parent = find_node(parse(text).root, path[:-1])
    if parent is None:
        return text  # VS Code throws here ("empty document"); there is nothing to remove
    if parent.type != "object":
        raise EditError(f"cannot remove property {path[-1]!r} from {_with_article(parent.type)}")
    index = parent.first_member_index(path[-1])
    if index is None or parent.member_at(index).value_node is None:
        return text
    start, end = parent.offset + 1, parent.member_at(index).end
    if index > 0:
        start = parent.member_at(index - 1).end  # take the comma before it
    elif parent.member_count() > 1:
        end = parent.member_at(1).offset  # the first member: take the comma after it
    else:
        end = _after_trailing_comma(text, end)
    return _edited(text, start, end - start, "", formatting)


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

"""Parse JSON with comments as VS Code reads settings: a tree of nodes with offsets, and the issues.

Comments, trailing commas and empty content are allowed; everything else that VS Code's settings
reader (jsonc-parser 2.3.1 with `allowTrailingComma` and `allowEmptyContent`) reports is an issue
here too, at the same token, in the same order. Parsing never raises.

A clean document whose top level is an object takes the fast road (`fast.py`) unless it is small
(FAST_FROM); any other text is read token by token (`exact.py`), which is where issues are found. A
text an edit made from a document read on the fast road is read again only around the edit
(`incremental.py`).
"""

from __future__ import annotations

import atexit
from collections.abc import Sequence

from telemetry_inspector.collector import collector_paused
from telemetry_inspector.jsonc.nodes import Node, to_value
from telemetry_inspector.jsonc.scanner import MAX_DEPTH
from telemetry_inspector.records import record

__all__ = [
    "Document",
    "Node",
    "ParseIssue",
    "find_members",
    "find_node",
    "forget_documents",
    "parse",
    "remember_edit",
    "to_value",
]

MESSAGES = {
    "InvalidSymbol": "unexpected text (values are strings, numbers, true, false, null, {} and [])",
    "InvalidNumberFormat": "invalid number",
    "PropertyNameExpected": "expected a property name in double quotes",
    "ValueExpected": "expected a value",
    "ColonExpected": "expected a colon after the property name",
    "CommaExpected": "expected a comma between members",
    "CloseBraceExpected": "expected a closing brace '}'",
    "CloseBracketExpected": "expected a closing bracket ']'",
    "EndOfFileExpected": "expected the end of the file after the top-level value",
    "UnexpectedEndOfComment": "block comment is not closed with '*/'",
    "UnexpectedEndOfString": "string is not closed with a double quote on the same line",
    "UnexpectedEndOfNumber": "number is incomplete",
    "InvalidUnicode": "a \\u escape needs four hexadecimal digits",
    "InvalidEscapeCharacter": "invalid escape sequence in a string",
    "InvalidCharacter": "raw control character in a string (write it as an escape such as \\t)",
    "NestingTooDeep": f"nested deeper than {MAX_DEPTH} levels (refused: no real settings file is)",
}


@record
class ParseIssue:
    kind: str
    message: str
    offset: int
    length: int
    line: int  # 1-based
    column: int  # 1-based, in characters from the start of the line


@record
class Document:
    text: str
    root: Node | None
    issues: tuple[ParseIssue, ...]


# The documents parsed last, oldest first; and the texts edits made from them, not parsed yet:
# what they were made from and where they changed. A handful: set-level and lockdown parse the
# same text again and again, and the next text is made from the last one.
KEPT = 4

# Below this size a clean text is read token by token too: the fast road's patterns cost more to
# compile than they save on a small file (many settings.json are a few hundred bytes). Measured
# with valgrind, whole runs on clean files, fast road against token by token: set-level (which
# reads the text twice, before and after its edit) breaks even near 3 KB (30 bytes: 10.5 M
# instructions saved, 2 KB: 3.8 M saved, 4 KB: 2.8 M lost), status near 7 KB.
FAST_FROM = 2 * 1024
_documents: dict[str, Document] = {}
_edits: dict[str, tuple[Document, int, int, int]] = {}


def parse(text: str) -> Document:
    """Parse `text` (BOM already removed). Never raises. The same text gives the same Document."""
    document = _documents.pop(text, None)
    if document is None:
        document = _read(text)
    _documents[text] = document
    if len(_documents) > KEPT:
        del _documents[next(iter(_documents))]
    return document


def _read(text: str) -> Document:
    # A read makes a row, a match and often a table per member, none in a cycle: the cyclic
    # collector would walk them again and again as they pile up (a tenth of the reading of a
    # large file), so it waits until the read is done.
    with collector_paused():
        return _read_now(text)


def _read_now(text: str) -> Document:
    edit = _edits.pop(text, None)
    if edit is not None:
        from telemetry_inspector.jsonc import incremental  # only edits need it

        before, start, before_end, after_end = edit
        root = incremental.reparse(before.root, text, start, before_end, after_end)
        if root is not None:
            return Document(text, root, ())
    if len(text) >= FAST_FROM:
        from telemetry_inspector.jsonc import fast  # a small file never needs it

        root = fast.parse_clean(text)
        if root is not fast.FAILED:
            return Document(text, root, ())
    return parse_exactly(text)


def remember_edit(before: str, after: str, start: int, before_end: int, after_end: int) -> None:
    """`after` is `before` with before[start:before_end] replaced by after[start:after_end]: if
    `before` was parsed lately on the fast road, parsing `after` reads only around the change."""
    document = _documents.get(before)
    if document is None or document.root is None or document.root.source is None:
        return
    if before[:start] != after[:start] or before[before_end:] != after[after_end:]:
        raise ValueError("the text outside the change is not the same")  # a bug of the caller
    _edits[after] = (document, start, before_end, after_end)
    if len(_edits) > KEPT:
        del _edits[next(iter(_edits))]


def forget_documents() -> None:
    """Parse every text afresh from now on (benchmarks, and tests comparing the roads)."""
    _documents.clear()
    _edits.clear()


# At exit the documents kept are let go before the interpreter's teardown, which would walk them in
# each of its garbage collections (measured: 50-80 ms of CPU after a 1 MB file).
atexit.register(forget_documents)


def nesting_issue(text: str) -> ParseIssue | None:
    """Where `text` nests past MAX_DEPTH, if it does: the check a strict JSON reader (the policy
    file's) runs first, as Python's json module would exhaust the stack instead."""
    return next((i for i in parse(text).issues if i.kind == "NestingTooDeep"), None)


def parse_exactly(text: str) -> Document:
    """Parse token by token, whatever the text (the fast road's fallback; tests compare both)."""
    from telemetry_inspector.jsonc import exact  # only broken or odd files need it

    root, problems = exact.parse_document(text)
    return Document(text, root, _located(text, problems))


def find_node(root: Node | None, path: Sequence[str]) -> Node | None:
    """The value at `path`, following the FIRST member with each key (as VS Code's editor does)."""
    node = root
    for key in path:
        if node is None or node.type != "object":
            return None
        index = node.first_member_index(key)
        if index is None:
            return None
        node = node.member_at(index).value_node
    return node


def find_members(root: Node | None, path: Sequence[str]) -> list[Node]:
    """Every property named path[-1] in the object found at path[:-1], in document order."""
    if not path:
        return []
    owner = find_node(root, path[:-1])
    if owner is None or owner.type != "object":
        return []
    return owner.members_named(path[-1])


def _located(text: str, problems: list[tuple[str, int, int]]) -> tuple[ParseIssue, ...]:
    """Attach 1-based line and column to each problem, in document order."""
    if not problems:
        return ()
    from telemetry_inspector.positions import LineIndex  # a clean document never needs it

    ordered = sorted(problems, key=lambda problem: problem[1])  # stable: met in this order
    lines = LineIndex(text[: ordered[-1][1] + 1])  # no line break after the last one matters
    issues = []
    for kind, offset, length in ordered:
        line, column = lines.line_column(min(offset, len(text)))
        issues.append(ParseIssue(kind, MESSAGES[kind], offset, length, line, column))
    return tuple(issues)

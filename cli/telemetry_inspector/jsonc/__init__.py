"""Pure JSONC core: read settings as VS Code reads them, edit them as VS Code writes them.

The rest of the project uses only this surface (`from telemetry_inspector.jsonc import parse`;
tests/jsonc checks it), grouped as jsonc-parser's own entry point groups it:

parse       parse(text) -> Document(text, root, issues); Node, find_node, find_members, to_value;
            nesting_issue (the depth check a strict JSON reader runs first)
scan        scan(text) -> [Token(kind, start, end)], TokenKind, token_error; comments(text)
format      detect_formatting (VS Code's guess of a file's indentation), Formatting,
            format_range (the formatting edits for a range), apply_edits (edits -> text)
modify      set_property, add_members, remove_property, replace_value: the whole new text,
            byte for byte as VS Code's editor makes it; EditError when VS Code refuses too;
            remove_first_member (with the comments removed), remove_members_at_once (every
            copy of a key, as removing the first again and again would)
write       stringify, quote, number_text, js_ordered, JsNumber: values as JavaScript's
            JSON.stringify writes them

The modules behind it: scanner (tokens), parser (parse, and which road), fast and exact (the two
roads behind parse(): clean settings files, and everything else), incremental (a text an edit made,
read again around the edit only), nodes (the tree), edit, formatter, indentation, json_writer.

The reference for every behaviour is the logic VS Code vendors, equal to npm jsonc-parser 2.3.1
(tests/jsonc compares against it). Standard library only.

Each name is loaded on first use, so reading a settings file does not load the editor.
"""

from __future__ import annotations

import importlib

# The public surface, and the module each name lives in.
_HOMES = {
    # parse
    "Document": "parser",
    "Node": "nodes",
    "ParseIssue": "parser",
    "find_members": "parser",
    "find_node": "parser",
    "nesting_issue": "parser",
    "parse": "parser",
    "to_value": "nodes",
    # scan
    "ScanError": "scanner",
    "Token": "scanner",
    "TokenKind": "scanner",
    "comments": "scanner",
    "scan": "scanner",
    "token_error": "scanner",
    # format
    "Formatting": "formatter",
    "apply_edits": "edit",
    "detect_formatting": "indentation",
    "format_range": "formatter",
    # modify
    "EditError": "edit",
    "add_members": "edit",
    "remove_first_member": "edit",
    "remove_members_at_once": "edit",
    "remove_property": "edit",
    "replace_value": "edit",
    "set_property": "edit",
    # write
    "JsNumber": "json_writer",
    "js_ordered": "json_writer",
    "number_text": "json_writer",
    "quote": "json_writer",
    "stringify": "json_writer",
}

__all__ = [
    "Document",
    "EditError",
    "Formatting",
    "JsNumber",
    "Node",
    "ParseIssue",
    "ScanError",
    "Token",
    "TokenKind",
    "add_members",
    "apply_edits",
    "comments",
    "detect_formatting",
    "find_members",
    "find_node",
    "format_range",
    "js_ordered",
    "nesting_issue",
    "number_text",
    "parse",
    "quote",
    "remove_first_member",
    "remove_members_at_once",
    "remove_property",
    "replace_value",
    "scan",
    "set_property",
    "stringify",
    "to_value",
    "token_error",
]

# typing costs start-up time; checkers read these, the running program uses __getattr__.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from telemetry_inspector.jsonc.edit import (
        EditError,
        add_members,
        apply_edits,
        remove_property,
        replace_value,
        set_property,
    )
    from telemetry_inspector.jsonc.formatter import Formatting, format_range
    from telemetry_inspector.jsonc.indentation import detect_formatting
    from telemetry_inspector.jsonc.json_writer import (
        JsNumber,
        js_ordered,
        number_text,
        quote,
        stringify,
    )
    from telemetry_inspector.jsonc.nodes import Node, to_value
    from telemetry_inspector.jsonc.parser import (
        Document,
        ParseIssue,
        find_members,
        find_node,
        nesting_issue,
        parse,
    )
    from telemetry_inspector.jsonc.scanner import (
        ScanError,
        Token,
        TokenKind,
        comments,
        scan,
        token_error,
    )


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found once
    return value

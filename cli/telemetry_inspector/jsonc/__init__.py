"""Pure JSONC core: read settings as VS Code reads them, edit them as VS Code writes them.

The rest of the project imports from here (`from telemetry_inspector.jsonc import parse`); the
modules behind it:

scanner      tokens with offsets; never fails (bad input gives UNKNOWN or faulty tokens)
parser       parse(text) -> Document(text, root, issues); find_node, find_members
nodes        Node, the tree both roads build (children on first use), and to_value
fast, exact  the two roads behind parse(): clean settings files, and everything else
edit         set_property, add_members, remove_property, replace_value, as VS Code's
             editor makes them
formatter    the formatting pass VS Code runs over the lines an edit touched
indentation  VS Code's guess of a file's indentation (detect_formatting)
json_writer  values written as JavaScript's JSON.stringify writes them (VS Code's edits, catalogs)

The reference for every behaviour is the logic VS Code vendors, equal to npm jsonc-parser 2.3.1
(tests/jsonc compares against it). Standard library only.

Each name is loaded on first use, so reading a settings file does not load the editor.
"""

from __future__ import annotations

import importlib

# The public surface, and the module each name lives in.
_HOMES = {
    "Document": "parser",
    "EditError": "edit",
    "Formatting": "formatter",
    "JsNumber": "json_writer",
    "Node": "nodes",
    "ParseIssue": "parser",
    "add_members": "edit",
    "comments": "scanner",
    "detect_formatting": "indentation",
    "find_members": "parser",
    "find_node": "parser",
    "js_ordered": "json_writer",
    "number_text": "json_writer",
    "parse": "parser",
    "quote": "json_writer",
    "remove_property": "edit",
    "replace_value": "edit",
    "set_property": "edit",
    "stringify": "json_writer",
    "to_value": "nodes",
}

__all__ = [
    "Document",
    "EditError",
    "Formatting",
    "JsNumber",
    "Node",
    "ParseIssue",
    "add_members",
    "comments",
    "detect_formatting",
    "find_members",
    "find_node",
    "js_ordered",
    "number_text",
    "parse",
    "quote",
    "remove_property",
    "replace_value",
    "set_property",
    "stringify",
    "to_value",
]

# typing costs start-up time; checkers read these, the running program uses __getattr__.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from telemetry_inspector.jsonc.edit import (
        EditError,
        add_members,
        remove_property,
        replace_value,
        set_property,
    )
    from telemetry_inspector.jsonc.formatter import Formatting
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
        parse,
    )
    from telemetry_inspector.jsonc.scanner import comments


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found once
    return value

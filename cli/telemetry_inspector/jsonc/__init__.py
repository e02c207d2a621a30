"""Pure JSONC core: read settings as VS Code reads them, edit them as VS Code writes them.

scanner      tokens with offsets; never fails (bad input gives UNKNOWN or faulty tokens)
parser       parse(text) -> Document(text, root, issues); find_node, find_members, to_value
edit         detect_formatting, set_property, remove_property, replace_value
stringify    values written as JavaScript's JSON.stringify writes them (VS Code's edits, catalogs)
fast, exact  the two roads behind parse(): clean settings files, and everything else
formatter    the formatting pass VS Code runs over the lines an edit touched
indentation  VS Code's guess of a file's indentation

The reference for every behaviour is the logic VS Code vendors, equal to npm jsonc-parser 2.3.1
(tests/jsonc compares against it). Standard library only.
"""

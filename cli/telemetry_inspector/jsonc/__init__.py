"""Pure JSONC core: scanner, parser and minimal edits, as VS Code reads and writes settings.

Standard library only.
"""

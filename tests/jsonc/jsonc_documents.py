"""Random settings files in JSON with comments, from a grammar, for differential and property tests.

Everything is drawn from the `random.Random` passed in, so a seed gives the same documents on every
run. The documents are meant to be nasty in the ways real settings files are: comments in every
gap, trailing commas, CRLF and CR line breaks, tabs and 2/3/4/8-space indents, single-line objects,
exotic blanks VS Code accepts, unicode and escapes, duplicate keys, empty and comment-only files.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

SETTING_KEYS = [
    "telemetry.telemetryLevel",
    "telemetry.enableTelemetry",
    "telemetry.enableCrashReporter",
    "editor.fontSize",
    "editor.fontFamily",
    "editor.tabSize",
    "editor.rulers",
    "files.exclude",
    "files.autoSave",
    "workbench.colorTheme",
    "[python]",
    "[json][jsonc]",
    "search.exclude",
    "git.autofetch",
    "terminal.integrated.env.linux",
    "emoji 😀",
    "clé",
    "",
    "a",
    "b",
]
WORDS = ["alpha", "beta", "gamma", "delta", "on", "off", "all", "error", "crash", "x", "Ω"]
STRING_PIECES = [
    "plain",
    "with space",
    "é",
    "中文",
    "😀",
    "\u2028",
    "\\n",
    "\\t",
    '\\"',
    "\\\\",
    "\\/",
    "\\u00e9",
    "\\ud83d\\ude00",
    "//not a comment",
    "/* nor this */",
    "{[,:]}",
]
NUMBERS = ["0", "-0", "1", "-12", "3.25", "1e5", "2.5E-3", "6.02e+23", "0.0", "123456789012345678"]
EXOTIC_BLANKS = ["\u00a0", "\u000b", "\u000c", "\u3000", "\ufeff", "\u2000", "\u202f"]
COMMENT_WORDS = ["note", "TODO", "é", "😀", "*", "/", '"quoted"', "a,b", "{x}", "--"]


@dataclass
class Style:
    """How one document is written."""

    eol: str
    indent: str
    comments: float  # chance of a comment in each place one may go
    trailing_commas: float
    single_line: float  # chance that an object is written on one line
    oddities: float  # chance of exotic blanks, colons spaced oddly, `}` on the value line...


@dataclass
class Doc:
    text: str
    # Paths of values in the document: top-level keys, and [key, inner key] of nested objects.
    top_keys: list[str] = field(default_factory=list)
    object_keys: dict[str, list[str]] = field(default_factory=dict)


def random_style(rng: random.Random) -> Style:
    eol = rng.choices(["\n", "\r\n", "\r"], [70, 25, 5])[0]
    indent = rng.choice(["  ", "    ", "    ", "\t", "   ", "        ", "     "])
    return Style(
        eol=eol,
        indent=indent,
        comments=rng.choice([0.0, 0.1, 0.3, 0.6]),
        trailing_commas=rng.choice([0.0, 0.3, 1.0]),
        single_line=rng.choice([0.0, 0.0, 0.2, 0.7]),
        oddities=rng.choice([0.0, 0.0, 0.05, 0.2]),
    )


def random_document(rng: random.Random) -> Doc:
    """A whole settings file (mostly an object; sometimes empty, comment-only or not an object)."""
    style = random_style(rng)
    writer = _Writer(rng, style)
    shape = rng.random()
    if shape < 0.04:
        return Doc(rng.choice(["", " ", style.eol, "\t" + style.eol + "  "]))
    if shape < 0.08:
        return Doc(writer.comment_lines(0, force=True) + rng.choice(["", style.eol]))
    if shape < 0.10:
        return Doc(writer.leading() + writer.value(0, depth=2) + style.eol)
    members = writer.members(rng.randint(0, 9), depth=rng.choice([1, 2, 3]))
    doc = Doc(writer.leading() + writer.object(members, 0) + writer.trailing())
    doc.top_keys = [key for key, _, _ in members]
    for key, _, value in members:
        if isinstance(value, list):
            doc.object_keys.setdefault(key, [inner for inner, _, _ in value])
    return doc


def random_value(rng: random.Random, depth: int = 2) -> Any:
    """A Python value to write into a document."""
    kind = rng.random()
    if depth > 0 and kind < 0.15:
        return {rng.choice(SETTING_KEYS + WORDS): random_value(rng, depth - 1) for _ in range(3)}
    if depth > 0 and kind < 0.25:
        return [random_value(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    choices = [
        lambda: rng.choice(["off", "all", "crash", "", "é😀", "tab\there", "\u2028", "\x01"]),
        lambda: rng.choice([0, 1, -7, 2.5, 1e21, 1e-7, 0.1 + 0.2, 2**60, -0.0, 123.0]),
        lambda: rng.choice([True, False, None]),
    ]
    return rng.choice(choices)()


class _Writer:
    def __init__(self, rng: random.Random, style: Style) -> None:
        self.rng = rng
        self.style = style

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def blank(self) -> str:
        """The blanks between two tokens on one line."""
        if self.chance(self.style.oddities):
            return self.rng.choice([*EXOTIC_BLANKS, "  ", "\t"])
        return self.rng.choice(["", " ", " ", ""])

    def comment(self) -> str:
        words = " ".join(self.rng.choice(COMMENT_WORDS) for _ in range(self.rng.randint(0, 4)))
        if self.chance(0.5):
            return "// " + words
        if self.chance(0.2):
            return "/* " + words + self.style.eol + self.style.indent + words + " */"
        return "/* " + words + " */"

    def comment_lines(self, level: int, force: bool = False) -> str:
        lines = ""
        while force or self.chance(self.style.comments):
            force = False
            lines += self.style.indent * level + self.comment() + self.style.eol
            if self.chance(0.2):
                lines += self.style.eol
        return lines

    def leading(self) -> str:
        return self.comment_lines(0) + (self.style.eol if self.chance(0.1) else "")

    def trailing(self) -> str:
        end = ""
        if self.chance(self.style.comments):
            end += " " + self.comment()
        if self.chance(0.1):
            end += "   "
        if self.chance(0.8):
            end += self.style.eol
        if self.chance(self.style.comments / 2):
            end += self.comment_lines(0, force=True)
        return end

    def key(self) -> str:
        return self.rng.choice(SETTING_KEYS + WORDS)

    def members(self, count: int, depth: int) -> list[tuple[str, str, Any]]:
        """(key, key literal, value) where value is a literal or a list of members (an object)."""
        found = []
        for _ in range(count):
            key = self.key()
            literal = _escaped_key(self.rng, key)
            if depth > 0 and self.chance(0.25):
                value: Any = self.members(self.rng.randint(0, 4), depth - 1)
            elif depth > 0 and self.chance(0.1):
                value = self.array(depth - 1)
            else:
                value = self.scalar()
            found.append((key, literal, value))
        return found

    def object(self, members: list[tuple[str, str, Any]], level: int) -> str:
        if not members:
            empty_lines = "{" + self.style.eol + self.style.indent * level + "}"
            return self.rng.choice(["{}", "{ }", empty_lines])
        if self.chance(self.style.single_line):
            return self.single_line(members, level)
        eol, pad = self.style.eol, self.style.indent * (level + 1)
        text = "{"
        if self.chance(self.style.comments):
            text += " " + self.rng.choice(["// open", "/* open */"])
        text += eol
        for index, (_, literal, value) in enumerate(members):
            last = index == len(members) - 1
            text += self.comment_lines(level + 1) + pad + literal + self.colon()
            text += self.member_value(value, level + 1)
            text += self.after_member(last, level)
        text += self.comment_lines(level + 1)
        return text + self.style.indent * level + "}"

    def colon(self) -> str:
        if self.chance(self.style.oddities):
            return self.blank() + ":" + self.blank() + "/* c */ "
        return self.blank() + ":" + self.rng.choice([" ", " ", "", "  "])

    def member_value(self, value: Any, level: int) -> str:
        if isinstance(value, list) and value and isinstance(value[0], tuple):
            return self.object(value, level)
        if isinstance(value, list):
            return self.object(value, level)  # an empty object
        return value

    def after_member(self, last: bool, level: int) -> str:
        comma = "," if not last or self.chance(self.style.trailing_commas) else ""
        text = comma
        if self.chance(self.style.oddities):
            text += self.rng.choice(["   ", "\t", " "])  # trailing blanks
        if self.chance(self.style.comments):
            text += " " + self.rng.choice(["// same line", "/* same line */", "// é😀"])
            if text.endswith("line") and self.chance(0.3):
                text = text[: -len("// same line")] + "// ends in a separator\u2028"
        if text.endswith("\u2028") and self.chance(0.5):
            return text + " "  # what follows the separator shares the physical line
        if last and self.chance(self.style.oddities):
            return text + " "  # the closing brace on the value line
        return text + self.style.eol

    def single_line(self, members: list[tuple[str, str, Any]], level: int) -> str:
        parts = []
        for _, literal, value in members:
            text = literal + self.blank() + ":" + self.blank() + self.member_value(value, level)
            if self.chance(self.style.comments):
                text += " /* c */"
            parts.append(text)
        comma = "," if self.chance(self.style.trailing_commas) else ""
        space = self.rng.choice(["", " "])
        return "{" + space + ("," + self.blank()).join(parts) + comma + space + "}"

    def array(self, depth: int) -> str:
        items = [self.value(1, depth) for _ in range(self.rng.randint(0, 4))]
        if self.chance(0.5):
            return "[" + ", ".join(items) + "]"
        eol, pad = self.style.eol, self.style.indent * 2
        lines = ("," + eol).join(pad + item for item in items)
        return "[" + eol + lines + eol + self.style.indent + "]"

    def value(self, level: int, depth: int) -> str:
        if depth > 0 and self.chance(0.3):
            return self.object(self.members(self.rng.randint(0, 3), depth - 1), level)
        if depth > 0 and self.chance(0.2):
            return self.array(depth - 1)
        return self.scalar()

    def scalar(self) -> str:
        roll = self.rng.random()
        if roll < 0.5:
            pieces = [self.rng.choice(STRING_PIECES) for _ in range(self.rng.randint(0, 3))]
            return '"' + "".join(pieces) + '"'
        if roll < 0.75:
            return self.rng.choice(NUMBERS)
        return self.rng.choice(["true", "false", "null"])


def _escaped_key(rng: random.Random, key: str) -> str:
    """The key as a JSON string literal, now and then with an escape VS Code decodes."""
    literal = key.replace("\\", "\\\\").replace('"', '\\"')
    if "." in literal and rng.random() < 0.05:
        literal = literal.replace(".", "\\u002e", 1)
    return '"' + literal + '"'


# Nasty fragments that corrupt a document: most make it invalid, some keep it valid.
CORRUPTIONS = [
    '"',
    "'",
    ",",
    ",,",
    ":",
    "::",
    "{",
    "}",
    "[",
    "]",
    "/",
    "/*",
    "*/",
    "//",
    "-",
    ".",
    "+1",
    "01",
    "1.",
    ".5",
    "tru",
    "NaN",
    "\t",
    "\x01",
    "\\",
    "\\q",
    "\\u12",
    "\u2028",
    "\u00a0",
    " ",
    "\n",
    "\r",
    '"a": 1',
]


def corrupted(rng: random.Random, text: str) -> str:
    """`text` with one to three random insertions or deletions."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(text))
        if text and rng.random() < 0.3:
            text = text[:at] + text[at + rng.randint(1, 3) :]
        else:
            text = text[:at] + rng.choice(CORRUPTIONS) + text[at:]
    return text


def indentation_sample(rng: random.Random) -> str:
    """Lines whose indentation varies the ways the guesser has to weigh: tabs, spaces, mixes,
    alignment under lines ending in commas, blank lines, astral characters."""
    eol = rng.choice(["\n", "\r\n", "\r"])
    lines = []
    unit = rng.choice([" " * 2, " " * 3, " " * 4, " " * 8, "\t", " " * 6])
    level = 0
    for _ in range(rng.randint(0, 30)):
        level = max(0, level + rng.choice([-1, 0, 1, 1]))
        indent = unit * level
        if rng.random() < 0.15:
            indent = rng.choice(["\t ", " \t", "  \t", " " * rng.randint(0, 13), "\t\t"])
        content = rng.choice(["x", '"a": 1,', "a = b,", "😀 ,", "}", "  ", "", "é,", "- item"])
        lines.append(indent + content)
    return eol.join(lines)


def mixed_breaks_sample(rng: random.Random) -> str:
    """An indentation sample whose lines end in LF, CRLF or CR, each drawn on its own (a file
    edited with tools that disagree): VS Code's text model splits at every one of them."""
    lines = indentation_sample(rng).splitlines()
    breaks = rng.choice([["\n", "\r\n"], ["\n", "\r"], ["\r\n", "\r"], ["\n", "\r\n", "\r"]])
    return "".join(line + rng.choice(breaks) for line in lines)


def long_indentation_samples() -> list[str]:
    """Files longer than the 10,000 lines VS Code's guesser reads, changing style around there."""
    samples = []
    for eol in ("\n", "\r\n", "\r"):
        for switch in (9_999, 10_000, 10_001):
            head = [("\t" * (n % 3)) + "x" for n in range(switch)]
            tail = [("  " * (n % 4)) + "y," for n in range(15_000)]
            samples.append(eol.join(head + tail))
    return samples


def tree_shape(root) -> list:
    """Every node's fields and value in document order, to compare two parses of a text
    (iteratively: nesting may be deep; building every node of a lazy tree)."""
    found, pending = [], [root] if root is not None else []
    while pending:
        node = pending.pop()
        found.append((node.type, node.offset, node.length, node.key, node.colon_offset))
        found.append(node.value if node.type not in ("object", "array") else None)
        pending.extend(reversed(node.children))
    return found

"""Tokens of JSON with comments, as VS Code's settings reader (jsonc-parser 2.3.1) cuts them.

One compiled regular expression recognises every token shape, the malformed ones included, so the
whole text is cut by the regex engine and Python only looks at each token once. Every character
belongs to some token, which is why scanning never fails: bad input yields `UNKNOWN` tokens or
tokens with a `ScanError` (`token_error`).

A token is a `Token(kind, start, end)`, the one shape every reader of tokens uses: the exact
parser, the formatter and the edits. The string and number patterns are defined here once; the
fast road (fast.py) builds its patterns from them.
"""

from __future__ import annotations

import collections
import enum
import functools
import re

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

# How deep objects and arrays may nest before the parser stops with "NestingTooDeep". VS Code sets
# no limit (docs/vscode.md), but no settings, argv or policy file comes near it, and a bound keeps
# a hostile file from costing unbounded time and memory (every nested level is also a level of
# indentation when an edit is formatted).
MAX_DEPTH = 256

# What VS Code's copy of the scanner counts as blanks and as line breaks outside strings (VT, FF,
# NBSP and the Unicode spaces are blanks; U+2028 and U+2029 end a line), as regex fragments. A
# character class reaching beyond Latin-1 with more than two runs costs Python's regex compiler a
# 64K-entry table, every time it appears; spelled as alternatives that it does not merge (one
# branch is a repetition) they compile cheaply, and the common ASCII blanks come first.
_WIDE_BLANKS = r"[\u2000-\u200b]|\u1680|\u202f|\u205f|\u3000|\ufeff"
BLANK_RUN = rf"(?:[ \t\x0b\x0c\xa0]++|{_WIDE_BLANKS})++"
BLANK_OR_BREAK_RUN = rf"(?:[ \t\r\n\x0b\x0c\xa0]++|[\u2028\u2029]|{_WIDE_BLANKS})++"
LINE_COMMENT = r"//(?:(?![\u2028\u2029])[^\r\n])*+"
# A bare word runs until one of these (which is why `true,` is a keyword and `truex` is not).
WORD_ENDS = rf'(?=[ \t\r\n\x0b\x0c\xa0{{}}\[\]":,/]|[\u2028\u2029]|{_WIDE_BLANKS}|\Z)'
_WORD_CHAR = rf'(?!{_WIDE_BLANKS}|[\u2028\u2029])[^ \t\r\n\x0b\x0c\xa0{{}}\[\]":,/]'


class TokenKind(enum.IntEnum):
    """The kinds of token. The values are the regex group numbers that recognise them."""

    TRIVIA = 1  # a run of blanks
    LINE_BREAK = 2
    OPEN_BRACE = 3
    CLOSE_BRACE = 4
    OPEN_BRACKET = 5
    CLOSE_BRACKET = 6
    COLON = 7
    COMMA = 8
    STRING = 9  # well formed
    BAD_STRING = 10  # unterminated, raw control character, bad escape
    NUMBER = 11  # well formed
    BAD_NUMBER = 12  # `1.`, `1e`, `1e+`
    TRUE = 13
    FALSE = 14
    NULL = 15
    LINE_COMMENT = 16
    BLOCK_COMMENT = 17
    OPEN_COMMENT = 18  # a block comment that never ends
    UNKNOWN = 19  # a bare word, a lone `-` or `/`
    EOF = 20


class ScanError(enum.Enum):
    """What is wrong with one token (the scanner remembers only the last problem in a string)."""

    UNEXPECTED_END_OF_COMMENT = "UnexpectedEndOfComment"
    UNEXPECTED_END_OF_STRING = "UnexpectedEndOfString"
    UNEXPECTED_END_OF_NUMBER = "UnexpectedEndOfNumber"
    INVALID_UNICODE = "InvalidUnicode"
    INVALID_ESCAPE_CHARACTER = "InvalidEscapeCharacter"
    INVALID_CHARACTER = "InvalidCharacter"


_CLEAN_CHARS = r'[^"\\\x00-\x1f]*+'
# A well-formed string and a well-formed number, as fragments (fast.py builds on them too). Digits
# are taken possessively: `1.5e` must not shrink to a clean `1.` + `5e`.
STRING = rf'"{_CLEAN_CHARS}(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{{4}}){_CLEAN_CHARS})*+"'
_INTEGER = r"-?(?:0|[1-9][0-9]*+)"
NUMBER = rf"{_INTEGER}(?:\.[0-9]++|(?!\.))(?:[eE][+-]?[0-9]++|(?![eE]))"
# What starts a number but does not finish one: `1.`, `1e`, `1e+`, `1.5e`.
_BAD_NUMBER = rf"{_INTEGER}(?:\.(?:[0-9]++(?:[eE][+-]?[0-9]*+)?)?|[eE][+-]?[0-9]*+)"
_TOKEN_SHAPES = (
    f"({BLANK_RUN})",
    r"(\r\n|[\r\n]|[\u2028\u2029])",
    r"(\{)",
    r"(\})",
    r"(\[)",
    r"(\])",
    r"(:)",
    r"(,)",
    f"({STRING})",
    # Stops at a line break or the end; a backslash takes the next character whatever it is.
    r'("(?:[^"\\\r\n]++|\\u[0-9a-fA-F]{0,4}|\\[\s\S])*+(?:"|\\?))',
    f"({NUMBER})",
    f"({_BAD_NUMBER})",
    rf"(?:(true)|(false)|(null)){WORD_ENDS}",  # three kinds, one end check to compile
    f"({LINE_COMMENT})",
    r"(/\*[\s\S]*?\*/)",
    r"(/\*[\s\S]*)",
    rf"(-|/|(?:{_WORD_CHAR})++)",
)


@functools.cache
def token_re() -> re.Pattern[str]:
    """Every token shape: every character starts one, so the regex engine never fails at any
    position (compiled on first use: a large clean file is read without it)."""
    return re.compile("|".join(_TOKEN_SHAPES))


@functools.cache
def significant_re() -> re.Pattern[str]:
    """What the exact parser reads: blanks and line breaks folded into the front of the next
    token, and an empty match at the end for EOF (compiled on first use: only a text of
    exact.EVERY_TOKEN_BELOW or more that the fast road cannot read needs it)."""
    tokens = "|".join(_TOKEN_SHAPES[2:])
    return re.compile(rf"(?:{BLANK_OR_BREAK_RUN})?+(?:{tokens}|(\Z))")


SIGNIFICANT_SHIFT = 2  # a group number in significant_re() plus this is the TokenKind


if TYPE_CHECKING:
    from typing import NamedTuple

    class Token(NamedTuple):
        kind: int  # a TokenKind value
        start: int
        end: int

else:
    # What checkers read above, without loading typing at start-up; its fields read as fast.
    Token = collections.namedtuple("Token", ("kind", "start", "end"))
    Token.__doc__ = """One token: its kind (a `TokenKind` value), where it starts and where it
    ends, in characters. A tuple: a reader in a hurry unpacks it (`kind, start, end = token`)."""
    Token.__repr__ = lambda token: f"Token({TokenKind(token[0]).name}, {token[1]}, {token[2]})"
# Token(kind, start, end) for the loops that make one per token read: it passes its arguments
# through Python code first, which costs the token-by-token parser a tenth of its time.
new_token = tuple.__new__


def scan(text: str) -> list[Token]:
    """Every token of `text`, trivia included, ending with an EOF token (which starts at the end
    and is one character long after VS Code's overshoot, see token_end). Never raises."""
    tokens = list(iter_tokens(text))
    end = tokens[-1][2] if tokens else 0
    tokens.append(Token(TokenKind.EOF, len(text), max(end, len(text))))
    return tokens


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Every token in text[start:end], as if the text stopped at `end` (no EOF token)."""
    limit = len(text) if end is None else end
    for match in token_re().finditer(text, start, limit):
        kind = match.lastindex or TokenKind.UNKNOWN
        token_start, token_stop = match.span()
        yield new_token(
            Token, (kind, token_start, token_end(text, kind, token_start, token_stop, limit))
        )


def token_end(text: str, kind: int, start: int, end: int, limit: int) -> int:
    """Where the scanner's position lands after a token.

    An unterminated block comment that starts two characters before the end, or whose text ends in
    CRLF, leaves VS Code's scanner one past the end; the following EOF token then has length 1.
    """
    if kind != TokenKind.OPEN_COMMENT:
        return end
    if start + 2 == limit or (limit - 2 >= start + 2 and text.startswith("\r\n", limit - 2)):
        return limit + 1
    return end


def token_error(text: str, token: Token) -> ScanError | None:
    """The scan error VS Code's scanner reports for `token` of `text`."""
    kind, start, end = token
    if kind == TokenKind.BAD_STRING:
        return string_error(text[start:end])
    if kind == TokenKind.BAD_NUMBER:
        return ScanError.UNEXPECTED_END_OF_NUMBER
    if kind == TokenKind.OPEN_COMMENT:
        return ScanError.UNEXPECTED_END_OF_COMMENT
    return None


# The patterns below are compiled on first use: most runs read no bad string, no escape.
@functools.cache
def _string_part() -> re.Pattern[str]:
    return re.compile(r'\\u[0-9a-fA-F]{0,4}|\\[\s\S]?|[\x00-\x1f]|"')


_SIMPLE_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}


def string_error(literal: str) -> ScanError | None:
    """The last problem met reading a string literal (quotes included): VS Code keeps only it."""
    error = None
    for part in _string_part().finditer(literal, 1):
        piece = part.group()
        if piece == '"':
            return error
        if piece[0] != "\\":
            error = ScanError.INVALID_CHARACTER
        elif len(piece) == 1:
            return ScanError.UNEXPECTED_END_OF_STRING
        elif piece[1] == "u" and len(piece) < 6:
            error = ScanError.INVALID_UNICODE
        elif piece[1] not in _SIMPLE_ESCAPES and piece[1] != "u":
            error = ScanError.INVALID_ESCAPE_CHARACTER
    # Ran off the end of the line or the text without a closing quote.
    return ScanError.UNEXPECTED_END_OF_STRING


def _unescape(match: re.Match[str]) -> str:
    piece = match.group()
    if len(piece) == 6 and piece[1] == "u":
        return chr(int(piece[2:], 16))
    return _SIMPLE_ESCAPES.get(piece[1:2], "")  # a bad escape contributes nothing, as in VS Code


@functools.cache
def _escape() -> re.Pattern[str]:
    return re.compile(r"\\u[0-9a-fA-F]{0,4}|\\[\s\S]?")


@functools.cache
def _surrogate() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")


def string_value(literal: str, closed: bool = True) -> str:
    """The decoded value of a string literal: quotes included, the closing one only if `closed`."""
    inner = literal[1:-1] if closed else literal[1:]
    if "\\" not in inner:
        return inner
    value = _escape().sub(_unescape, inner)
    if _surrogate().search(value):
        # `\ud83d\ude00` is one character once decoded, as in JavaScript's UTF-16 strings.
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return value


@functools.cache
def _incomplete_exponent() -> re.Pattern[str]:
    return re.compile(r"[eE][+-]?$")


def number_value(literal: str) -> int | float:
    """The number's value as Python's json gives it: int for integer literals, float otherwise."""
    if literal[-1:] in ("e", "E", "+", "-"):  # `1e`, `1e+`: not a digit at the end
        literal = _incomplete_exponent().sub("", literal)
    if "." not in literal and "e" not in literal and "E" not in literal:
        try:
            return int(literal)
        except ValueError:  # more digits than int() accepts from text
            pass
    return float(literal)


def comments(text: str) -> list[str]:
    """The text of every comment in `text`, in order."""
    kinds = (TokenKind.LINE_COMMENT, TokenKind.BLOCK_COMMENT)
    return [text[start:end] for kind, start, end in iter_tokens(text) if kind in kinds]

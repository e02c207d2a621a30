"""The token-by-token parser: every problem VS Code reports, at the same token, with its recovery.

It reads significant tokens from the scanner and keeps an explicit stack of the objects and arrays
it is inside (no recursion, so any nesting depth is fine). It builds the whole tree as VS Code's
`parseTree` would, including the half-built members of broken input. `fast.py` handles clean
documents faster and falls back to this.
"""

from __future__ import annotations

from telemetry_inspector.jsonc import scanner
from telemetry_inspector.jsonc.nodes import Node
from telemetry_inspector.jsonc.scanner import MAX_DEPTH, ScanError, Token, TokenKind, new_token

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Problem = tuple[str, int, int]  # kind, offset, length

# Below this many characters the reader takes every token, blanks too, with the pattern an edit
# scans with (scanner.token_re), rather than compile a second one that folds the blanks into the
# next token (2 ms, some 9 M instructions, in set-level). Handing over the blanks costs about
# 0.1 ms per KB (measured: +0.3 ms at 8 KB, +2.9 ms at 32 KB), so a larger text is read with
# the second pattern.
EVERY_TOKEN_BELOW = 8 * 1024

# Kinds as plain ints: the parser compares them for every token.
_EOF = int(TokenKind.EOF)
_LINE_BREAK = int(TokenKind.LINE_BREAK)
_OPEN_BRACE, _CLOSE_BRACE = int(TokenKind.OPEN_BRACE), int(TokenKind.CLOSE_BRACE)
_OPEN_BRACKET, _CLOSE_BRACKET = int(TokenKind.OPEN_BRACKET), int(TokenKind.CLOSE_BRACKET)
_COLON, _COMMA = int(TokenKind.COLON), int(TokenKind.COMMA)
_STRINGS = (int(TokenKind.STRING), int(TokenKind.BAD_STRING))
_SCALAR_TYPES = {
    int(TokenKind.STRING): "string",
    int(TokenKind.BAD_STRING): "string",
    int(TokenKind.NUMBER): "number",
    int(TokenKind.BAD_NUMBER): "number",
    int(TokenKind.TRUE): "boolean",
    int(TokenKind.FALSE): "boolean",
    int(TokenKind.NULL): "null",
}
_PLAIN = frozenset(range(_OPEN_BRACE, int(TokenKind.NULL) + 1)) - {
    int(TokenKind.BAD_STRING),
    int(TokenKind.BAD_NUMBER),
}
_COMMENTS = (int(TokenKind.LINE_COMMENT), int(TokenKind.BLOCK_COMMENT))


class _TooDeep(Exception):
    """Nesting past MAX_DEPTH: parsing stops there (the tree is not used)."""


def parse_document(text: str) -> tuple[Node | None, list[Problem]]:
    """The tree and the problems of a whole document; no tree when it nests past MAX_DEPTH."""
    builder = _TreeBuilder(text, 0)
    try:
        return builder.document(), builder.reader.problems
    except _TooDeep as deep:
        return None, [*builder.reader.problems, deep.args[0]]


class _Reader:
    """Hands the parser its significant tokens and records the problems met on the way."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.problems: list[Problem] = []
        if len(text) - start < EVERY_TOKEN_BELOW:
            self._matches = scanner.token_re().finditer(text, start)
            self._shift = 0
        else:
            self._matches = scanner.significant_re().finditer(text, start)
            self._shift = scanner.SIGNIFICANT_SHIFT
        self._overrun = 0  # 1 after an unclosed block comment that VS Code's scanner overshoots

    def next(self) -> Token:
        for match in self._matches:
            group = match.lastindex
            kind = group + self._shift
            if kind <= _LINE_BREAK:
                continue  # blanks: only the every-token pattern hands them over
            start = match.start(group)
            if kind in _PLAIN:
                return new_token(Token, (kind, start, match.end()))
            if kind == _EOF:
                return Token(kind, start, start + self._overrun)
            if kind not in _COMMENTS:
                return self._odd(kind, start, match.end())
        return Token(_EOF, len(self.text), len(self.text) + self._overrun)

    def report(self, kind: str, token: Token) -> None:
        _, start, end = token
        self.problems.append((kind, start, end - start))

    def _odd(self, kind: int, start: int, end: int) -> Token:
        """A token with a problem: report it, then hand it on or skip it as VS Code does."""
        token = Token(kind, start, scanner.token_end(self.text, kind, start, end, len(self.text)))
        end = token.end
        error = scanner.token_error(self.text, token)
        if error is not None:
            self.problems.append((error.value, start, end - start))
        if kind == TokenKind.OPEN_COMMENT:
            self._overrun = end - len(self.text)
            return self.next()
        if kind == TokenKind.UNKNOWN:
            self.problems.append(("InvalidSymbol", start, end - start))
            return self.next()
        return token

    def skip_to(self, token: Token, stops: tuple[int, ...]) -> Token:
        """Skip tokens until one of `stops` (not consumed) or the end."""
        while token.kind != _EOF and token.kind not in stops:
            token = self.next()
        return token


class _Frame:
    """An object or array being read."""

    __slots__ = ("is_object", "member", "needs_comma", "node")

    def __init__(self, node: Node, is_object: bool) -> None:
        self.node = node
        self.is_object = is_object
        self.needs_comma = False
        self.member: Node | None = None  # the property whose value is still to come


class _TreeBuilder:
    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.reader = _Reader(text, start)
        self.stack: list[_Frame] = []

    def document(self) -> Node | None:
        token = self.reader.next()
        if token.kind == _EOF:
            return None  # empty content is allowed
        root, token = self.value(token, None)
        if root is None:
            self.reader.report("ValueExpected", token)
            return None
        token = self.finish(token)
        if token.kind != _EOF:
            self.reader.report("EndOfFileExpected", token)
        return root

    def finish(self, token: Token) -> Token:
        """Read on until every object and array opened so far is closed."""
        while self.stack:
            frame = self.stack[-1]
            if frame.is_object:
                token = self.object_step(frame, token)
            else:
                token = self.array_step(frame, token)
        return token

    def value(self, token: Token, frame: _Frame | None) -> tuple[Node | None, Token]:
        """Read the value starting at `token` into `frame`; (None, token) if it starts none."""
        kind, start, end = token
        if kind in (_OPEN_BRACE, _OPEN_BRACKET):
            if len(self.stack) >= MAX_DEPTH:
                raise _TooDeep(("NestingTooDeep", start, 1))
            node = Node("object" if kind == _OPEN_BRACE else "array", start)
            self.attach(node, frame)
            self.stack.append(_Frame(node, kind == _OPEN_BRACE))
            return node, self.reader.next()
        node_type = _SCALAR_TYPES.get(kind)
        if node_type is None:
            return None, token
        node = Node(node_type, start, end - start, _scalar(self.text, kind, start, end))
        self.attach(node, frame)
        if frame is not None and frame.member is not None:
            _complete(frame, end)
        return node, self.reader.next()

    @staticmethod
    def attach(node: Node, frame: _Frame | None) -> None:
        if frame is None:
            return
        owner = frame.member if frame.is_object else frame.node
        if owner is not None:
            node.parent = owner
            owner.children.append(node)

    def close(self, frame: _Frame, token: Token, closer: int, missing: str) -> Token:
        end = token.end
        if frame.member is not None:
            _complete(frame, end)  # a member whose value never came
        frame.node.length = end - frame.node.offset
        self.stack.pop()
        if self.stack and self.stack[-1].member is not None:
            _complete(self.stack[-1], end)
        if token.kind != closer:
            self.reader.report(missing, token)
            return token
        return self.reader.next()

    def separator(self, frame: _Frame, token: Token) -> Token:
        """A comma: complain if nothing came before it, then step over it."""
        if not frame.needs_comma:
            self.reader.report("ValueExpected", token)
        if frame.member is not None:
            _complete(frame, token.start)
        return self.reader.next()

    def object_step(self, frame: _Frame, token: Token) -> Token:
        kind = token.kind
        if kind in (_CLOSE_BRACE, _EOF):
            return self.close(frame, token, _CLOSE_BRACE, "CloseBraceExpected")
        if kind == _COMMA:
            token = self.separator(frame, token)
            if token.kind == _CLOSE_BRACE:
                return token  # trailing comma
        elif frame.needs_comma:
            self.reader.report("CommaExpected", token)
        frame.needs_comma = True
        if token.kind not in _STRINGS:
            self.reader.report("PropertyNameExpected", token)
            token = self.reader.skip_to(token, (_CLOSE_BRACE, _COMMA))
            self.reader.report("ValueExpected", token)
            return token
        token = self.member(frame, token)
        if token.kind != _COLON:
            self.reader.report("ColonExpected", token)
            return self.reader.skip_to(token, (_CLOSE_BRACE, _COMMA))
        frame.member.colon_offset = token.start
        token = self.reader.next()
        node, token = self.value(token, frame)
        if node is None:
            self.reader.report("ValueExpected", token)
            token = self.reader.skip_to(token, (_CLOSE_BRACE, _COMMA))
        return token

    def member(self, frame: _Frame, token: Token) -> Token:
        kind, start, end = token
        key = _scalar(self.text, kind, start, end)
        member = Node("property", start, key=key, parent=frame.node)
        member.children.append(Node("string", start, end - start, key, parent=member))
        frame.node.children.append(member)
        frame.member = member
        return self.reader.next()

    def array_step(self, frame: _Frame, token: Token) -> Token:
        kind = token.kind
        if kind in (_CLOSE_BRACKET, _EOF):
            return self.close(frame, token, _CLOSE_BRACKET, "CloseBracketExpected")
        if kind == _COMMA:
            token = self.separator(frame, token)
            if token.kind == _CLOSE_BRACKET:
                return token  # trailing comma
        elif frame.needs_comma:
            self.reader.report("CommaExpected", token)
        frame.needs_comma = True
        node, token = self.value(token, frame)
        if node is None:
            self.reader.report("ValueExpected", token)
            token = self.reader.skip_to(token, (_CLOSE_BRACKET, _COMMA))
        return token


def _complete(frame: _Frame, end: int) -> None:
    member = frame.member
    member.length = end - member.offset
    frame.member = None


def _scalar(text: str, kind: int, start: int, end: int) -> Any:
    if kind == _STRINGS[0]:
        return scanner.string_value(text[start:end])
    if kind == _STRINGS[1]:
        closed = scanner.string_error(text[start:end]) is not ScanError.UNEXPECTED_END_OF_STRING
        return scanner.string_value(text[start:end], closed)
    if kind == TokenKind.TRUE:
        return True
    if kind == TokenKind.FALSE:
        return False
    if kind == TokenKind.NULL:
        return None
    return scanner.number_value(text[start:end])

"""The node of a parsed document. Children may be built on first use (see `fast.py`)."""

from __future__ import annotations

# typing costs start-up time; the annotations are strings, only checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Source:
    """Where a node built lazily (by the fast road, fast.py) gets its children and its value from.

    The whole protocol, declared here and called directly by Node: a source overrides every
    method (tests/jsonc checks it), so a source that lacks a part fails loudly instead of being
    walked some slower way. The member methods are asked only of an object's source."""

    __slots__ = ()

    def expand(self, node: Node) -> list[Node]:
        """Every child of `node`, built."""
        raise NotImplementedError

    def python_value(self, node: Node) -> Any:
        """The whole value, as to_value gives it."""
        raise NotImplementedError

    def count(self) -> int:
        """How many children."""
        raise NotImplementedError

    def member_at(self, node: Node, index: int) -> Node:
        """One child of `node`, built alone (a negative index counts from the end)."""
        raise NotImplementedError

    def member_keys(self) -> list[str]:
        """The members' keys, in document order."""
        raise NotImplementedError

    def first_index(self, key: str) -> int | None:
        """The index of the first member named `key`."""
        raise NotImplementedError

    def indices_of(self, key: str) -> list[int]:
        """The index of every member named `key`, in document order."""
        raise NotImplementedError


class Node:
    """One value (or an object member) of the document; `offset` and `length` in characters.

    type: object, array, property, string, number, boolean or null. A property's children are
    [key string node, value node], or just [key node] when its value is missing (broken input).
    """

    __slots__ = (
        "_children",
        "_source",
        "colon_offset",
        "key",
        "length",
        "offset",
        "parent",
        "type",
        "value",
    )

    def __init__(
        self,
        type: str,  # the name VS Code's tree uses
        offset: int,
        length: int = -1,
        value: Any = None,
        *,
        parent: Node | None = None,
        key: str | None = None,
        colon_offset: int = -1,
        source: Source | None = None,
    ) -> None:
        self.type = type
        self.offset = offset
        self.length = length
        self.value = value  # for string, number, boolean and null nodes
        self.parent = parent
        self.key = key  # for a property: the decoded key
        self.colon_offset = colon_offset  # for a property: where its colon is, -1 if none
        self._source = source
        self._children: list[Node] | None = None if source is not None else []

    @property
    def children(self) -> list[Node]:
        if self._children is None:
            self._children = self._source.expand(self)
        return self._children

    @property
    def end(self) -> int:
        return self.offset + self.length

    @property
    def source(self) -> Source | None:
        """Where the children come from when they are built on first use (None: built as read)."""
        return self._source

    @property
    def value_node(self) -> Node | None:
        """For a property: its value, or None when the value is missing."""
        children = self.children
        return children[1] if len(children) > 1 else None

    # While the children are not built, the source answers without building them.

    def first_member_index(self, key: str) -> int | None:
        """For an object: the index of the first member named `key`."""
        if self._children is None:
            return self._source.first_index(key)
        return next((at for at, prop in enumerate(self.children) if prop.key == key), None)

    def member_count(self) -> int:
        return self._source.count() if self._children is None else len(self.children)

    def member_at(self, index: int) -> Node:
        """children[index] without building the other children when they are built lazily."""
        if self._children is None:
            return self._source.member_at(self, index)
        return self.children[index]

    def member_keys(self) -> list[str]:
        """For an object: its members' keys in document order, without building member nodes."""
        if self._children is None:
            return self._source.member_keys()
        return [prop.key for prop in self.children]

    def members_named(self, key: str) -> list[Node]:
        """For an object: every member named `key`, in document order."""
        if self._children is None:
            return [self.member_at(at) for at in self._source.indices_of(key)]
        return [prop for prop in self.children if prop.key == key]

    def __repr__(self) -> str:
        extra = f" key={self.key!r}" if self.type == "property" else ""
        return f"Node({self.type}, {self.offset}+{self.length}{extra})"


def to_value(node: Node | None) -> Any:
    """The Python value JSON.parse would give: objects are dicts, a later duplicate key wins."""
    top = _shell(node)
    pending = [(node, top)] if isinstance(top, dict | list) and node._source is None else []
    while pending:
        container, out = pending.pop()
        for child in container.children:
            if container.type == "object":
                if len(child.children) < 2:
                    continue  # a member without a value (broken input) has no value
                key, child = child.key, child.children[1]
                value = _shell(child)
                out[key] = value
            else:
                value = _shell(child)
                out.append(value)
            if isinstance(value, dict | list) and child._source is None:
                pending.append((child, value))
    return top


def _shell(node: Node | None) -> Any:
    """A scalar's value, an empty container to fill, or the whole value if it can be had at once."""
    if node is None:
        return None
    if node._source is not None:
        return node._source.python_value(node)
    if node.type == "object":
        return {}
    if node.type == "array":
        return []
    return node.value

"""Records: frozen, slotted classes with typed fields, cheap to define.

`@record` gives a class what `@dataclass(frozen=True, slots=True)` gives it: `__init__` taking the
fields in order (defaults last, `field(default_factory=...)` for a fresh list or dict), equality
and hash over the fields, a repr, no assignment after `__init__`, `__slots__`, `__match_args__`;
`replace()` makes a changed copy. A dataclass compiles six methods from source for every class it
makes (about 4 million instructions a record: `status` defined twenty), and a command pays that at
start-up for every record its modules define, whether it makes one or not. A record's methods are
shared functions that read the field names from the class, a twentieth of that; only a class made
many times compiles its own `__init__` (COMPILE_AFTER), to be as quick to make as a dataclass.

A leaf module (docs/architecture.md): anyone may import it.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_NOTHING: Any = object()
_set = object.__setattr__


class FrozenRecordError(AttributeError):
    """An assignment to a record's field (records are immutable, as frozen dataclasses are)."""


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], T]) -> T:
    """A default made afresh for each record (a list or a dict), as dataclasses.field's."""
    return _Factory(default_factory)  # type: ignore[return-value]


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """The class as a frozen, slotted record of its annotated fields (see the module docstring)."""
    if cls.__bases__ != (object,):
        raise TypeError(f"{cls.__name__}: a record inherits from nothing")
    names = tuple(cls.__annotations__)  # its own: a record has no base but object
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    for name, default in defaults.items():
        if isinstance(default, list | dict | set):
            raise ValueError(
                f"{cls.__name__}.{name}: a mutable default, use field(default_factory)"
            )
    required = [name for name in names if name not in defaults]
    if required and names.index(required[-1]) >= len(required):
        raise TypeError(f"{cls.__name__}: a field without a default follows one with a default")
    body = {k: v for k, v in cls.__dict__.items() if k not in defaults}
    for made in ("__dict__", "__weakref__"):
        body.pop(made, None)
    body.update(
        __qualname__=cls.__qualname__,
        __slots__=names,
        __match_args__=names,
        _record_values=staticmethod(attrgetter(*names) if len(names) > 1 else _one_value(names)),
        __init__=_init(names, defaults),
        __repr__=_repr,
        __eq__=_eq,
        __hash__=_hash,
        __setattr__=_refuse,
        __delattr__=_refuse,
        __getstate__=_getstate,
        __setstate__=_setstate,
    )
    return type(cls)(cls.__name__, cls.__bases__, body)


def replace(item: T, **changes: Any) -> T:
    """A copy of the record `item` with some fields changed (dataclasses.replace)."""
    names = type(item).__match_args__  # type: ignore[attr-defined]
    unknown = changes.keys() - set(names)
    if unknown:
        raise TypeError(f"{type(item).__name__} has no field {sorted(unknown)[0]!r}")
    return type(item)(*[changes.get(name, getattr(item, name)) for name in names])


def _one_value(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    # attrgetter of one name gives the value itself; equality and hash want a tuple either way
    return lambda item: tuple(getattr(item, name) for name in names)


# Instances a class makes with the shared __init__ before it gets its own, compiled one: a record
# made a handful of times never pays for a compilation, one made by the thousand is as quick to
# make as a dataclass (the shared __init__ costs about two microseconds more each time).
COMPILE_AFTER = 64


def _init(names: tuple[str, ...], defaults: dict[str, Any]) -> Callable[..., None]:
    count = len(names)
    made = {name: value.make for name, value in defaults.items() if type(value) is _Factory}
    calls = 0

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        if calls > COMPILE_AFTER:
            cls = type(self)
            cls.__init__ = _compiled_init(cls.__qualname__, names, defaults, made)
            cls.__init__(self, *args, **kwargs)
            return
        if kwargs or len(args) != count:
            args = _bind(type(self).__qualname__, names, defaults, made, args, kwargs)
        for name, value in zip(names, args, strict=True):
            _set(self, name, value)

    return __init__


def _compiled_init(
    owner: str,
    names: tuple[str, ...],
    defaults: dict[str, Any],
    made: dict[str, Callable[[], Any]],
) -> Callable[..., None]:
    """The __init__ a dataclass would compile: Python binds the arguments itself."""
    scope: dict[str, Any] = {"__record_set": _set, "__record_nothing": _NOTHING}
    parameters, lines = [], []
    for name in names:
        if name in made:
            scope[f"__record_make_{name}"] = made[name]
            parameters.append(f"{name}=__record_nothing")
            value = f"__record_make_{name}() if {name} is __record_nothing else {name}"
        elif name in defaults:
            scope[f"__record_default_{name}"] = defaults[name]
            parameters.append(f"{name}=__record_default_{name}")
            value = name
        else:
            parameters.append(name)
            value = name
        lines.append(f"    __record_set(__record_self, {name!r}, {value})\n")
    # `__record_self`: a field may well be named `self`
    header = f"def __init__(__record_self, {', '.join(parameters)}):\n"
    source = header + ("".join(lines) or "    pass")
    exec(source, scope)
    function = scope["__init__"]
    function.__qualname__ = f"{owner}.__init__"
    return function


def _bind(
    owner: str,
    names: tuple[str, ...],
    defaults: dict[str, Any],
    made: dict[str, Callable[[], Any]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> tuple[Any, ...]:
    """Every field's value from the arguments and the defaults; TypeError in Python's words."""
    where = f"{owner}.__init__()"
    if len(args) > len(names):
        least = len(names) - len(defaults) + 1
        takes = f"from {least} to {len(names) + 1}" if defaults else str(len(names) + 1)
        given = len(args) + 1
        raise TypeError(f"{where} takes {takes} positional arguments but {given} were given")
    for name in kwargs:
        if name not in names:
            raise TypeError(f"{where} got an unexpected keyword argument {name!r}")
        if names.index(name) < len(args):
            raise TypeError(f"{where} got multiple values for argument {name!r}")
    rest = names[len(args) :]
    missing = [repr(name) for name in rest if name not in kwargs and name not in defaults]
    if missing:
        listed = " and ".join(missing) if len(missing) < 3 else ", ".join(missing[:-1])
        if len(missing) >= 3:
            listed += f", and {missing[-1]}"
        plural = "s" if len(missing) > 1 else ""
        raise TypeError(
            f"{where} missing {len(missing)} required positional argument{plural}: {listed}"
        )
    values = list(args)
    for name in rest:
        if name in kwargs:
            values.append(kwargs[name])
        else:
            values.append(made[name]() if name in made else defaults[name])
    return tuple(values)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return self._record_values(self) == self._record_values(other)


def _hash(self: Any) -> int:
    return hash(self._record_values(self))


def _refuse(self: Any, name: str, *value: Any) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, name) for name in self.__match_args__]


def _setstate(self: Any, state: list[Any]) -> None:
    for name, value in zip(self.__match_args__, state, strict=True):
        _set(self, name, value)

"""records.record: what a frozen, slotted dataclass gives, at a fraction of its cost to define."""

from __future__ import annotations

import copy
import pickle
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

import pytest

from telemetry_inspector import records
from telemetry_inspector.records import FrozenRecordError, field, record, replace


@record
class Place:
    """Where something is."""

    path: Path
    line: int
    notes: dict[str, str] = field(default_factory=dict)
    kind: str = "file"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@record
class Name:
    text: str


@dataclass(frozen=True, slots=True)
class PlaceDataclass:
    path: Path
    line: int
    notes: dict[str, str] = dataclass_field(default_factory=dict)
    kind: str = "file"


def test_a_record_is_built_repr_d_and_compared_as_the_dataclass_is():
    for args, kwargs in [((Path("a"), 1), {}), ((Path("a"),), {"line": 2, "kind": "x"})]:
        made, reference = Place(*args, **kwargs), PlaceDataclass(*args, **kwargs)
        assert repr(made) == repr(reference).replace("PlaceDataclass", "Place")
        assert (made.path, made.line, made.notes, made.kind) == (
            reference.path,
            reference.line,
            reference.notes,
            reference.kind,
        )
    assert Place(Path("a"), 1) == Place(Path("a"), 1, {}, "file")
    assert Place(Path("a"), 1) != Place(Path("a"), 2)
    assert Place(Path("a"), 1) != PlaceDataclass(Path("a"), 1)  # another class: never equal
    assert Name("x") == Name("x") and Name("x") != Name("y")
    assert hash(Name("x")) == hash(Name("x")) and {Name("x"), Name("x")} == {Name("x")}
    assert Place(Path("a"), 1).where == "a:1" and Place.__doc__ == "Where something is."


def test_each_record_gets_its_own_default_from_a_factory():
    first, second = Place(Path("a"), 1), Place(Path("a"), 1)
    first.notes["x"] = "y"
    assert second.notes == {}


def test_a_record_cannot_change_and_holds_only_its_fields():
    place = Place(Path("a"), 1)
    with pytest.raises(FrozenRecordError, match="cannot assign to field 'line'"):
        place.line = 2
    with pytest.raises(AttributeError):
        del place.path
    assert not hasattr(place, "__dict__")
    assert Place.__slots__ == Place.__match_args__ == ("path", "line", "notes", "kind")


def test_replace_copies_with_changes():
    place = Place(Path("a"), 1, {"k": "v"})
    moved = replace(place, line=7)
    assert moved == Place(Path("a"), 7, {"k": "v"}) and place.line == 1
    with pytest.raises(TypeError, match="no field 'column'"):
        replace(place, column=3)


def test_records_pickle_copy_and_match():
    place = Place(Path("a"), 1, {"k": "v"})
    assert pickle.loads(pickle.dumps(place)) == place
    assert copy.copy(place) == place and copy.deepcopy(place).notes is not place.notes
    match place:
        case Place(path, line):
            assert (path, line) == (Path("a"), 1)
        case _:
            pytest.fail("a record matches its fields in order")


WRONG_CALLS = [
    ((Path("a"),), {}),
    ((), {"line": 1}),
    ((), {}),
    ((Path("a"), 1, {}, "x", 5), {}),
    ((Path("a"), 1), {"path": Path("b")}),
    ((Path("a"), 1), {"column": 2}),
]


def _errors(cls: type) -> list[str]:
    messages = []
    for args, kwargs in WRONG_CALLS:
        with pytest.raises(TypeError) as raised:
            cls(*args, **kwargs)
        messages.append(str(raised.value))
    return messages


def test_wrong_arguments_are_the_type_errors_python_gives():
    @record
    class Fresh:  # a class of its own, not yet made COMPILE_AFTER times
        path: Path
        line: int
        notes: dict[str, str] = field(default_factory=dict)
        kind: str = "file"

    assert _errors(Fresh) == [
        "test_wrong_arguments_are_the_type_errors_python_gives.<locals>.Fresh.__init__() " + message
        for message in (
            "missing 1 required positional argument: 'line'",
            "missing 1 required positional argument: 'path'",
            "missing 2 required positional arguments: 'path' and 'line'",
            "takes from 3 to 5 positional arguments but 6 were given",
            "got multiple values for argument 'path'",
            "got an unexpected keyword argument 'column'",
        )
    ]
    shared = _errors(Fresh)
    for _ in range(records.COMPILE_AFTER):
        Fresh(Path("a"), 1)
    made = Fresh(Path("b"), 2, kind="x")  # by the compiled __init__ now
    assert made == Fresh(Path("b"), 2, {}, "x") and made.notes is not Fresh(Path("b"), 2).notes
    assert _errors(Fresh) == shared


def test_a_record_is_declared_as_a_dataclass_would_be():
    with pytest.raises(ValueError, match="mutable default"):

        @record
        class Listed:
            items: list[str] = []  # noqa: RUF012 (the mistake under test)

    with pytest.raises(TypeError, match="follows one with a default"):

        @record
        class Ordered:
            first: int = 0
            second: int

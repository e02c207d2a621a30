"""js_json against node: the same bytes in, the same bytes out (JSON.parse + JSON.stringify)."""

from __future__ import annotations

import json
import random
import struct
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry_inspector.catalog import js_json
from telemetry_inspector.errors import ParseError
from telemetry_inspector.jsonc.json_writer import JsNumber, number_text, stringify

from .helpers import NODE_ROUNDTRIP, has_node

needs_node = pytest.mark.skipif(not has_node(), reason="node is not on PATH")

# Inputs where JavaScript and Python disagree by default; node decides the right output.
ADVERSARIAL = [
    b'{"a":1,"b":2,"a":3}',
    b'{"b":1,"4294967295":2,"4294967294":3,"a":4,"01":5,"1":6,"-1":7,"b":8,"0":9,"\\u0031\\u0030":10}',
    b"[12345678901234567890, 123456789012345678901234567890, 1e21, 1e-7, 1e-6, -0, 1.0, 1e400,"
    b" -1e400, 0.1, 100, 1.5e300, 5e-324, 1e20, 123e-20, 9007199254740993, -0.0, 2e-400, 1E+2]",
    b'"\\ud800 \\udc00x \\ud83d\\ude00 \\u0000\\u001f\\u007f\\u2028\\u2029 \\b\\f\\n\\r\\t\\/"',
    b'{"__proto__": 1, "constructor": 2, "": {}, "x": [], "y": [{}, [], [[]]]}',
    b'"\xff\xed\xa0\x80\xf0\x9f\x98 \xe2\x82 \xc0\xaf\xf4\x90\x80\x80"',
    b'  {"a" : [ 1 , 2 ] , "b" :\r\n\t{ } }  ',
    b'{"k":{"9":1,"10":2,"2":3,"z":4,"a":{"1":{"0":[]}}}}',
    b"1.5",
    b'"x"',
    b"[true,false,null]",
    '{"\u00e9\u4e2d\U0001f600": "\u00e9\u4e2d\U0001f600\u200b\x7f"}'.encode(),
    b'{"a":' * 300 + b"[1.5]" + b"}" * 300,  # deeper than orjson's limit
    b"[" * 3000 + b"]" * 3000,  # deeper than Python's default recursion limit
    # keys put in JavaScript's order at every level, deeper than Python's default recursion limit
    b'{"0":' * 900 + b"1" + b"}" * 900,
    b'{"1":' + b"[" * 1200 + b'{"0":1}' + b"]" * 1200 + b"}",
    b'{"events":{"x":{"p":{"comment":"\\u001b[31m[bold]red[/bold]","classification":"S"}}}}',
]
# Inputs JSON.parse rejects: we must reject them too (with a position).
INVALID = [b'{"a":1,}', b"NaN", b"[1, -Infinity]", b"", b'{"a":"\x01"}', b"{} x", b"[01]", b"'a'"]


def _random_numbers(count: int) -> bytes:
    rng = random.Random(20261129)
    texts = []
    while len(texts) < count:
        value = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if value == value and abs(value) != float("inf"):
            texts.append(repr(value))
        texts.append(str(rng.randint(0, 10 ** rng.randint(1, 25))))
        texts.append(f"{rng.random() * 10 ** rng.randint(-30, 30)!r}")
    return ("[" + ",".join(texts) + "]").encode()


def _node(files: list[Path]) -> list[dict]:
    done = subprocess.run(
        ["node", str(NODE_ROUNDTRIP), *map(str, files)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return [json.loads(line) for line in done.stdout.decode().split("\n") if line]


@needs_node
def test_every_adversarial_input_prints_exactly_as_node_does(tmp_path: Path):
    inputs = [*ADVERSARIAL, _random_numbers(6000)]
    files = [tmp_path / f"case{index}.json" for index in range(len(inputs))]
    for file, data in zip(files, inputs, strict=True):
        file.write_bytes(data)
    for file, data, reference in zip(files, inputs, _node(files), strict=True):
        assert "out" in reference, (file.name, reference)
        expected = reference["out"].encode("utf-8", "surrogatepass")
        assert js_json.dumps(js_json.loads(data, file).value) == expected, data[:80]


@needs_node
def test_what_node_rejects_is_rejected_with_a_position(tmp_path: Path):
    files = [tmp_path / f"bad{index}.json" for index in range(len(INVALID))]
    for file, data in zip(files, INVALID, strict=True):
        file.write_bytes(data)
    for file, data, reference in zip(files, INVALID, _node(files), strict=True):
        assert "error" in reference, data
        with pytest.raises(ParseError) as caught:
            js_json.loads(data, file)
        assert caught.value.line >= 1 and caught.value.column >= 1
        assert str(file) in caught.value.one_line()


@needs_node
def test_a_bom_fails_in_node_and_is_read_without_it_here(tmp_path: Path):
    file = tmp_path / "bom.json"
    file.write_bytes(b'\xef\xbb\xbf{"a": 1.0}')
    assert "error" in _node([file])[0]
    loaded = js_json.loads(file.read_bytes(), file)
    assert loaded.had_bom
    assert js_json.dumps(loaded.value, compact=True) == b'{"a":1}\n'


def test_parse_error_names_line_and_column():
    with pytest.raises(ParseError) as caught:
        js_json.loads(b'{\n  "a": 1\n  "b": 2\n}', "f.json")
    assert caught.value.one_line().startswith("f.json:3:3: ")


def test_nan_is_refused_where_it_stands():
    with pytest.raises(ParseError) as caught:
        js_json.loads(b'{"s": "NaN",\n "n": NaN}', "f.json")
    assert (caught.value.line, caught.value.column) == (2, 7)


# Values as `loads` gives them (non-integers as JsNumbers, keys in JavaScript's order) that the C
# writers take: no lone surrogates, integers within 2**53 (the others go to stringify).
_KEYS = st.one_of(st.text(max_size=4), st.integers(0, 12).map(str))
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats().map(lambda number: JsNumber(number_text(number))),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=8),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
).map(js_json.order_keys)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_the_pure_python_writer_writes_what_the_fast_one_writes(value):
    assert js_json.dumps(value).decode("utf-8") == stringify(value, 4) + "\n"
    assert js_json.dumps(value, compact=True).decode("utf-8") == stringify(value) + "\n"


# Member values the C writer refuses too: lone surrogates and integers past 2**53 (stringify's).
_WITH_SURROGATES = st.text(alphabet=st.characters(categories=["Cs", "Ll"]), max_size=3)
_ANY_VALUES = st.one_of(
    _VALUES,
    st.lists(st.one_of(_WITH_SURROGATES, st.integers(2**53 + 1, 2**70)), min_size=1),
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_KEYS | _WITH_SURROGATES, _ANY_VALUES, max_size=5), st.booleans())
def test_an_object_written_in_parts_from_encoded_members_is_the_object_written_whole(
    members, compact
):
    whole = js_json.dumps(js_json.order_keys(members), compact=compact).removesuffix(b"\n")
    kept = {key: js_json.encoded(value) for key, value in members.items()}
    assert b"".join(js_json.object_parts(kept, compact=compact)) == whole
    assert b"".join(js_json.object_parts(members, compact=compact)) == whole

"""The fast path of `tail --json`: event lines made into their NDJSON records without an Event,
an orjson parse or a pass per line through the general reader.

A line takes it when it is the 2022+ format, `<date> <clock> [level] name {"properties":...`, and
its payload is the shape VS Code logs (docs/vscode.md, "Telemetry logs"): one object holding
`properties`, an object of strings, and `measurements`, an object of numbers, closed by the
line's last byte. One typed msgspec decode checks that shape and builds two small dicts, no
more; its record is the payload's text between its braces in the template of the event's name.

The decode accepts a subset of what the general path passes through as logged, never more: it
validates UTF-8 and escapes as orjson does, refuses a number that is not a finite double (orjson
refuses those too) and anything but strings and numbers in the two objects (nested values, true,
null, which the general path takes). A line it refuses, and every other line (a header, a
continuation, CRLF, a payload on several lines, the older format), is read by the general
reader, alone and in order, so the entries are exactly those `LineReader` gives
(tests/logs/test_records.py checks it on odd and mutated lines). An event whose name the reader's
filter leaves out is passed over unread, as the general reader does. The records of a block go
out as one bytes entry (several records, one per line).
"""

from __future__ import annotations

import re
from functools import cache
from io import BytesIO
from typing import TYPE_CHECKING

from telemetry_inspector.logs.lines import NAME, LineReader, extension_source, level_text, names_of
from telemetry_inspector.logs.model import EXTENSION

try:  # built with the package where a C compiler was at hand (pyproject.toml: optional)
    from telemetry_inspector.logs._speedups import records_of as _records_of
except ImportError:
    _records_of = None

if TYPE_CHECKING:
    from collections.abc import Callable

    from telemetry_inspector.logs.model import Event, RecordFormat, Unparsed

    Out = list[Event | Unparsed | bytes]


@cache
def _payload_check() -> Callable[[bytes], object]:
    """The typed decode of a payload: it raises ValueError (msgspec's DecodeError) unless the
    payload is the shape VS Code logs. msgspec is imported at the first payload Python checks: a
    tenth of `tail --event`'s start-up, which _speedups.c may spare it for a whole run."""
    from msgspec import Struct
    from msgspec.json import Decoder

    class Payload(Struct, forbid_unknown_fields=True, gc=False):
        """Both parts are required, and nothing else is allowed."""

        properties: dict[str, str]
        measurements: dict[str, float]

    return Decoder(Payload).decode


# a line's start up to its payload's first key; what lies between the time and the payload (the
# level and the name) is its key, judged once (_shape_of). A line holds one newline, at its end:
# `[^{]*` is the same as `[^{\n]*` there, and the regex engine counts it many times faster
_LINE = re.compile(rb'(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) ([^{]*) \{"properties":')
_BRACE = len(b'{"properties":')  # from the match's end back to the payload's `{`
_KEY = re.compile(rb"\[([A-Za-z]+)\] " + NAME)
_CLOSE = ord("}")
# keys judged within a block after which _speedups.c makes its remaining records again: a log
# with a new key on every line (endpoints may be named anything) costs no more than a few passes
_RETRIES = 4
# a block with more lines than its bytes / this holds blank lines by the thousand: the general
# reader passes over those at C speed (a logged event is longer)
_SHORTEST = 48


class _Skip:
    """What a key learned is when its lines go to the general reader, or are not wanted."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_UNWANTED = _Skip("unwanted")  # an event name the reader's filter leaves out
_OTHER = _Skip("other")  # not a level and an event name: the general reader reads the line


def _lines(data: bytes, start: int, size: int) -> list[bytes]:
    """The lines of `data[start:size]`, each with its newline. BytesIO finds them by memchr
    (bytes.split tests byte after byte), and reads `data` in place (a copy of each block would
    be fresh memory to fault in, block after block)."""
    if data.find(b"\n", size) >= 0:  # lines after the block: not ours to read
        return BytesIO(data[start:size]).readlines()
    reader = BytesIO(data)
    reader.seek(start)
    lines = reader.readlines()
    if size < len(data):
        lines.pop()  # the start of a line the block does not hold
    return lines


class RecordReader(LineReader):
    """A LineReader that makes records (see model.RecordFormat), with the fast path for lines
    as VS Code logs them; the general reader's entries and state, whatever the lines."""

    __slots__ = ("_keys",)

    def __init__(
        self,
        file: str,
        record: RecordFormat,
        *,
        mid_file: bool = False,
        wanted: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(file, mid_file=mid_file, wanted=wanted, record=record)
        # what lies between a line's time and payload -> its template (the same for every line
        # of a core or endpoint event), (level, prefix, event) of an extension's event (its
        # source is in its properties), or a _Skip
        self._keys: dict[bytes, bytes | tuple[str, str, str] | _Skip] = {}

    def feed_lines(
        self, data: bytes, number: int, out: Out, size: int | None = None, start: int = 0
    ) -> int:
        size = len(data) if size is None else size
        lines = _lines(data, start, size)
        if self.waiting or len(lines) * _SHORTEST > size - start:
            return super().feed_lines(data, number, out, size, start)
        match, decode, keys, made = _LINE.match, _payload_check(), self._keys, []
        add = made.append
        kept = None  # whether the last line passed through was wanted (the reader's mode)
        rest = iter(lines)
        for line in rest:
            head = match(line)
            if head is not None:
                date, clock, key = head.groups()
                shape = keys.get(key) or self._shape_of(key)
                if shape.__class__ is bytes and line[-2] == _CLOSE:  # a core or endpoint event
                    brace = head.end() - _BRACE
                    try:
                        decode(line[brace:-1])
                    except ValueError:
                        pass
                    else:
                        add(shape % (date, clock, line[brace + 1 : -2], number))
                        kept = True
                        number += 1
                        continue
                elif shape is _UNWANTED:
                    kept = False
                    number += 1
                    continue
                elif shape.__class__ is tuple and line[-2] == _CLOSE:  # an extension's event
                    record = self._extension_record(shape, head, line, len(line) - 1, number)
                    if record is not None:
                        add(record)
                        kept = True
                        number += 1
                        continue
            # the general reader reads this line, after what came before it is out
            if made:
                out.append(b"".join(made))
                made.clear()
            if kept is not None:
                self.mark_event(kept)
                kept = None
            self.feed(line[:-1], number, out)
            number += 1
            while self.waiting:  # a message left open: its continuations, line by line
                line = next(rest, None)
                if line is None:
                    break
                self.feed(line[:-1], number, out)
                number += 1
        if made:
            out.append(b"".join(made))
        if kept is not None:
            self.mark_event(kept)
        return number

    def read_found(
        self,
        data: bytes,
        found: list[tuple[int, int, int]],
        line: int,
        number: int,
        out: Out,
        size: int,
    ) -> None:
        """As LineReader.read_found. Where the package was built with _speedups.c, it makes the
        records of the lines plainly as VS Code logs them, and a run of them goes out as one bytes
        entry (None for the other lines, which feed_found reads, its fast path first): a line read
        here costs a few microseconds of bytecode, which on logs of small events was most of the
        time `tail --event` took."""
        if _records_of is None:
            super().read_found(data, found, line, number, out, size)
            return
        keys = self._keys
        if not keys and found:  # the first key judged first: C makes its first record too
            head = _LINE.match(data, found[0][0], found[0][1])
            if head is not None:
                self._shape_of(head[3])
        records = _records_of(data, found, keys, number)
        made: list[bytes] = []
        known, retries = len(keys), _RETRIES
        for index, (begin, end, newlines) in enumerate(found):
            if begin < line:
                continue  # a continuation, read already
            if records[index] is not None:
                made.append(records[index])
                line = end + 1
                continue
            if made:  # what came before goes out first, in order
                out.append(b"".join(made))
                made.clear()
                self.mark_event(True)
            line = self.read_one_found(data, begin, end, number + newlines, out, size)
            if len(keys) != known and retries:  # a key judged: C makes the rest's records
                known, retries = len(keys), retries - 1
                records[index + 1 :] = _records_of(data, found[index + 1 :], keys, number)
        if made:
            out.append(b"".join(made))
            self.mark_event(True)

    def feed_found(self, data: bytes, start: int, end: int, number: int, out: Out) -> bool:
        """As LineReader.feed_found, through the fast path when the line takes it."""
        head = None if self._pending is not None else _LINE.match(data, start, end)
        if head is not None and data[end - 1] == _CLOSE:
            date, clock, key = head.groups()
            shape = self._keys.get(key) or self._shape_of(key)
            record = None
            if shape.__class__ is bytes:
                brace = head.end() - _BRACE
                try:
                    _payload_check()(data[brace:end])
                except ValueError:
                    pass
                else:
                    record = shape % (date, clock, data[brace + 1 : end - 1], number)
            elif shape.__class__ is tuple:
                record = self._extension_record(shape, head, data, end, number)
            if record is not None or shape is _UNWANTED:
                if record is not None:
                    out.append(record)
                self.mark_event(record is not None)
                return False
        return super().feed_found(data, start, end, number, out)

    def _extension_record(
        self, names: tuple[str, str, str], head: re.Match[bytes], data: bytes, end: int, number: int
    ) -> bytes | None:
        """The record of an extension's event whose payload ends at `end` (its source is in its
        properties), or None when the payload does not take the fast path."""
        brace = head.end() - _BRACE
        try:
            payload = _payload_check()(data[brace:end])
        except ValueError:
            return None
        level, prefix, event = names
        key = (level, EXTENSION, extension_source(prefix, payload.properties), event)
        template = self._templates.get(key) or self.record_template(key)
        return template % (head[1], head[2], data[brace + 1 : end - 1], number)

    def _shape_of(self, key: bytes) -> bytes | tuple[str, str, str] | _Skip:
        """What the lines with this key are (see _keys), judged once."""
        parts = _KEY.fullmatch(key)
        if parts is None:
            shape: bytes | tuple[str, str, str] | _Skip = _OTHER
        else:
            level = level_text(parts[1])
            kind, source, event = names_of(parts[3], parts[4], parts[5])
            if self._wanted is not None and not self._wanted(event):
                shape = _UNWANTED
            elif kind == EXTENSION:
                shape = (level, source, event)
            else:
                shape = self.record_template((level, kind, source, event))
        if len(self._keys) < 10_000:
            self._keys[key] = shape
        return shape

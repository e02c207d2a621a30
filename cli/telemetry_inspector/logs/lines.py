"""Reading telemetry log lines into events: both line formats, endpoints, headers, continuations.

VS Code writes one event per line: `<time> [trace] telemetry/<name> {json}` (2022+) or
`[<time>] [telemetry] [trace] telemetry/<name> {json}` (2018-2022); extension events are named
`publisher.name/event`, debug adapters' `[endpoint] telemetry/<name>`. A line that does not start
with a timestamp continues the previous message. Because the payload is JSON, an event is complete
as soon as its payload parses: normal events come out at once, a payload spread over several lines
comes out when its last line arrives (its brackets are followed line by line, each line scanned
once, and it is parsed when they balance), and only a broken one waits for the next record (or
`finish`).

Per-line work: one precompiled match up to the payload (whose end memchr finds), one orjson
parse, and each event name decoded, and judged wanted or not, once per reader. When the output is
the payload as logged (NDJSON, nothing annotated), a reader given a `record` maker hands on the
record's bytes and builds no Event; `records.RecordReader` adds the fast path of `tail --json`
on top of this one. Exactly one `\r` (of CRLF) is removed from a line on every path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from orjson import JSONDecodeError, loads

from telemetry_inspector.logs.model import (
    CORE,
    ENDPOINT,
    EXTENSION,
    Event,
    RecordFormat,
    Unparsed,
)

_STAMP = rb"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})"
# time in either format (old: `[time] [logger name]`), then `[level]`
_HEAD = rb"(?:\[" + _STAMP + rb"\](?: \[[^\]\n]*\])?|" + _STAMP + rb") \[([A-Za-z]+)\] "
# an event's name as logged, whole (a cache key) and in parts: `[endpoint] prefix/name`
NAME = rb"((?:\[([^\]\s]+)\] )?([^\s/\[{]+)/(\S+))"
# the fast path: the start of a well-formed event line, up to the `{` of its payload (the payload
# runs to the end of the line: the caller knows where that is, so the regex does not scan it)
_EVENT_HEAD = re.compile(_HEAD + NAME + rb" \{")
# any record: time and level, then whatever message
_RECORD = re.compile(_HEAD + rb"?(.*)", re.S)
_EVENT_MESSAGE = re.compile(rb"(?:\[([^\]\s]+)\] )?([^\s/\[{]+)/(\S+)(?: (.*))?", re.S)
_STARTS_RECORD = re.compile(rb"\[?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
_NONBLANK = re.compile(rb"\S")  # a byte bytes.strip() keeps
_UNWANTED: tuple[str, ...] = ()  # the names cache's answer for an event the reader skips
# the longest line read: VS Code's payloads are kilobytes; a longer line (a file that is not a log,
# or a line still without its newline) is skipped with a note instead of being held in memory
MAX_LINE = 16 << 20

# what a line that does not start a record means, given what came before it, when no event with
# an incomplete payload is held (one that is continues with the line: LineReader._pending)
_AT_START = 0  # nothing yet: the line belongs to a message we never saw
_AFTER_EVENT = 1  # the previous event was complete: the line cannot belong to it
_IN_OTHER = 2  # a header or other non-event message: the line continues it

# following a held payload's JSON over its lines (see _Pending.may_end)
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(rb"[\[\]{}]")
_OPENERS = b"{["
_JSON_SPACE = b" \t\r"  # JSON's whitespace within a line
_NEVER = -1


def starts_record(line: bytes) -> bool:
    """Whether a line begins a record (a time), rather than continuing the one before it."""
    return _STARTS_RECORD.match(line) is not None


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


class LineReader:
    """Turns the lines of one file, in order, into Events and Unparsed records (or, given a
    `record` maker, an event whose payload is {properties, measurements} into its record)."""

    __slots__ = ("_file", "_known", "_mode", "_pending", "_record", "_templates", "_wanted")

    def __init__(
        self,
        file: str,
        *,
        mid_file: bool = False,
        wanted: Callable[[str], bool] | None = None,
        record: RecordFormat | None = None,
    ) -> None:
        self._file = file
        self._record = record
        # (level, kind, source, event) -> the record template of events so named
        self._templates: dict[tuple[str, ...], bytes] = {}
        # events whose name is not wanted are skipped before their payload is parsed
        self._wanted = wanted
        # logged name -> (kind, source, event), or _UNWANTED: names repeat, each is judged once
        self._known: dict[bytes, tuple[str, ...]] = {}
        # read from the middle of a file, the first lines may finish a message that began earlier
        self._mode = _IN_OTHER if mid_file else _AT_START
        self._pending: _Pending | None = None

    @property
    def waiting(self) -> bool:
        """True while an incomplete multi-line event is held back."""
        return self._pending is not None

    def feed(self, line: bytes, number: int, out: list[Event | Unparsed]) -> None:
        """Read one line (without its newline); append whatever it completes to `out`."""
        if line[-1:] == b"\r":
            line = line[:-1]
        head = _EVENT_HEAD.match(line)
        if head is not None:
            self._event_line(head, line, head.end() - 1, len(line), number, out)
        elif _STARTS_RECORD.match(line) is not None:
            if self._pending is not None:
                self.finish(out)
            self._start_record(line, number, out)
        elif line.strip():
            self._continue(line, number, out)

    def feed_found(
        self, data: bytes, start: int, end: int, number: int, out: list[Event | Unparsed]
    ) -> bool:
        """`feed(data[start:end])` for a line found by a search: the lines before it were passed
        over unread, so what it continues is unknown (and a message still open, which callers
        read to its end first, ends). A well-formed event is not copied whole.
        Returns `waiting` (whether the next lines may continue this one)."""
        if self._pending is not None:
            self.finish(out)
        self._mode = _IN_OTHER
        if end > start and data[end - 1] == 13:  # \r
            end -= 1
        head = _EVENT_HEAD.match(data, start, end)
        if head is None:
            self.feed(data[start:end], number, out)
        else:
            self._event_line(head, data, head.end() - 1, end, number, out)
        return self._pending is not None

    def read_found(
        self,
        data: bytes,
        found: list[tuple[int, int, int]],
        line: int,
        number: int,
        out: list[Event | Unparsed],
        size: int,
    ) -> None:
        """Read the lines a search found in `data[:size]` (needles.lines_holding: begin, end, and
        the newlines before begin from the line numbered `number`), and the lines continuing a
        message one opens; those before `line` were read already. Called with no message open."""
        for begin, end, newlines in found:
            if begin >= line:  # else a continuation, read already
                line = self.read_one_found(data, begin, end, number + newlines, out, size)

    def read_one_found(
        self, data: bytes, begin: int, end: int, number: int, out: list, size: int
    ) -> int:
        """feed_found for the line `data[begin:end]` (numbered `number`), then the lines that
        continue a message it opens; returns the first line not read."""
        if self.feed_found(data, begin, end, number, out):
            return self.read_open(data, end + 1, number + 1, out, size)[0]
        return end + 1

    def read_open(
        self, data: bytes, line: int, number: int, out: list[Event | Unparsed], size: int
    ) -> tuple[int, int]:
        """Read the lines of `data[:size]` from `line` (numbered `number`) while a message is
        open; returns the first line not read and its number."""
        while self._pending is not None and line < size:
            end = data.find(b"\n", line, size)
            self.feed(data[line:end], number, out)
            line, number = end + 1, number + 1
        return line, number

    def feed_lines(
        self,
        data: bytes,
        number: int,
        out: list[Event | Unparsed],
        size: int | None = None,
        start: int = 0,
    ) -> int:
        """Read the complete lines of `data[start:size]` (it ends with a newline), the first
        being line `number`; returns the number of the next line. Well-formed event lines are
        matched where they start, and their end found by memchr; blank lines are passed over at
        C speed."""
        size = len(data) if size is None else size
        match, search, find = _EVENT_HEAD.match, _NONBLANK.search, data.find
        position = start
        while position < size:
            head = match(data, position, size)
            if head is None:  # not a plain event: read alone, or blank lines passed over
                found = search(data, position, size)
                if found is None:
                    return number + data.count(b"\n", position, size)
                begin = data.rfind(b"\n", position, found.start()) + 1 or position
                if begin != position:
                    number += data.count(b"\n", position, begin)
                    position = begin
                    continue
                end = find(b"\n", found.start(), size)
                self.feed(data[position:end], number, out)
            else:  # the payload runs to the end of the line: found by memchr, not the regex
                brace = head.end() - 1
                end = find(b"\n", brace, size)
                stop = end - 1 if data[end - 1] == 13 else end  # \r
                self._event_line(head, data, brace, stop, number, out)
            position = end + 1
            number += 1
        return number

    def mark_event(self, kept: bool) -> None:
        """A complete event line was read without this reader (by a subclass's fast path), kept
        or not: what follows reads as it would after that line."""
        self._mode = _AFTER_EVENT if kept else _IN_OTHER

    def _event_line(
        self, head: re.Match[bytes], data: bytes, brace: int, end: int, number: int, out: list
    ) -> None:
        """An event line: `head` matched its start, its payload is `data[brace:end]`."""
        if self._pending is not None:
            self.finish(out)
        names = self._known.get(head[4])
        if names is None:
            names = self._learn(head[4], head[5], head[6], head[7])
        if not names:  # _UNWANTED
            self._mode = _IN_OTHER
            return
        payload = data[brace:end]
        level = head[3]
        stamp = head[1] or head[2]
        try:
            parsed = loads(payload)
        except JSONDecodeError:
            self._hold(stamp, level, names, payload, data[head.start() : end], number)
            return
        self._mode = _AFTER_EVENT
        if type(parsed) is not dict:
            out.append(_not_an_object(self._file, number, data[head.start() : end]))
        elif self._record is not None and _as_logged(parsed, payload):
            key = (level_text(level), *identity(names, parsed["properties"]))
            template = self._templates.get(key) or self.record_template(key)
            out.append(template % (stamp[:10], stamp[11:], payload[1:-1], number))
        else:
            out.append(_event(self._file, number, stamp, level, names, parsed, payload))

    def record_template(self, key: tuple[str, str, str, str]) -> bytes:
        """The record template of events named `key` (level, kind, source, event), kept."""
        template = self._record.template(*key)
        if len(self._templates) < 10_000:
            self._templates[key] = template
        return template

    def _learn(
        self, full: bytes, endpoint: bytes | None, prefix: bytes, name: bytes
    ) -> tuple[str, ...]:
        names = names_of(endpoint, prefix, name)
        if self._wanted is not None and not self._wanted(names[2]):
            names = _UNWANTED
        if len(self._known) < 10_000:
            self._known[full] = names
        return names

    def finish(self, out: list[Event | Unparsed]) -> None:
        """No more lines will continue the current message (a record began, or the file ended)."""
        pending = self._pending
        if pending is None:
            return
        self._pending = None
        self._mode = _AFTER_EVENT
        out.append(
            Unparsed(
                self._file,
                pending.number,
                _text(b"\n".join(pending.lines)),
                "payload is not valid JSON",
            )
        )

    def too_long(self, number: int, out: list[Event | Unparsed]) -> None:
        """Line `number` was longer than MAX_LINE and skipped unread: it ends any open message,
        and is one unreadable line, as a line that is not an event would be."""
        self.finish(out)
        self._mode = _AFTER_EVENT
        limit = f"{MAX_LINE >> 20} MiB" if MAX_LINE >= 1 << 20 else f"{MAX_LINE} bytes"
        reason = f"line longer than {limit}, skipped"
        out.append(Unparsed(self._file, number, "", reason))

    def _start_record(self, line: bytes, number: int, out: list[Event | Unparsed]) -> None:
        record = _RECORD.match(line)
        if record is None:
            self._mode = _AFTER_EVENT
            out.append(Unparsed(self._file, number, _text(line), "no log level after the time"))
            return
        stamp, level, message = record[1] or record[2], record[3], record[4]
        event = _EVENT_MESSAGE.match(message)
        if event is not None and (event[2] == b"telemetry" or level.lower() == b"trace"):
            # an event whose payload is missing from this line or does not parse (yet)
            names = names_of(event[1], event[2], event[3])
            self._hold(stamp, level, names, event[4] or b"", line, number)
        elif level.lower() == b"trace":
            self._mode = _AFTER_EVENT
            out.append(Unparsed(self._file, number, _text(line), "not a telemetry event"))
        else:
            self._mode = _IN_OTHER  # a header ("Below are logs for every telemetry event...")

    def _continue(self, line: bytes, number: int, out: list[Event | Unparsed]) -> None:
        pending = self._pending
        if pending is not None:
            pending.lines.append(line)
            pending.payload.append(line)
            if not pending.may_end(line):
                return
            try:
                parsed = loads(b"\n".join(pending.payload))
            except JSONDecodeError:
                return
            self._pending = None
            self._mode = _AFTER_EVENT
            stamp, level, names = pending.fields
            if type(parsed) is not dict:
                out.append(_not_an_object(self._file, pending.number, b"\n".join(pending.lines)))
            elif self._wanted is None or self._wanted(names[2]):
                out.append(_event(self._file, pending.number, stamp, level, names, parsed))
        elif self._mode == _AT_START:
            out.append(
                Unparsed(self._file, number, _text(line), "continues a message that is not in view")
            )
        elif self._mode == _AFTER_EVENT:
            out.append(Unparsed(self._file, number, _text(line), "text after a complete event"))

    def _hold(self, stamp, level, names, payload, line, number) -> None:
        self._pending = _Pending((stamp, level, names), payload, line, number)


class _Pending:
    """An event whose payload is not complete JSON (yet): its lines, and how far its brackets
    have come. `depth` is 0 while the payload is blank, the number of open brackets once it
    began with `{` or `[`, and _NEVER once no line added can make it parse."""

    __slots__ = ("depth", "fields", "lines", "number", "payload")

    def __init__(self, fields: tuple, payload: bytes, line: bytes, number: int) -> None:
        self.fields = fields
        self.payload = [payload]
        self.lines = [line]
        self.number = number
        self.depth = 0
        self.may_end(payload, first=True)

    def may_end(self, part: bytes, first: bool = False) -> bool:
        """Follow the payload through one more line of it, `part`: True when the payload may now
        be complete JSON, worth parsing. Each line is scanned once, so a payload over many lines
        costs what its bytes cost, and it is parsed at most once after its first line.

        Lines are joined by newlines, which JSON allows only between tokens; and a continuation
        is never blank, so it always adds more than whitespace. Hence a string that is still
        open at the end of a line never closes, and a value that has ended (a scalar ends on the
        line it starts on; an object or array where its brackets balance) either parses then,
        with only whitespace after it on that line, or never. The first line alone is not tried
        (an event line's payload was, before it was held)."""
        depth = self.depth
        if depth < 0:
            return False
        if depth == 0:
            text = part.lstrip(_JSON_SPACE)
            if not text:
                return False
            if text[0] not in _OPENERS:  # a string, number or literal (or not JSON)
                self.depth = _NEVER
                return not first
        plain = _STRING.sub(b"0", part)
        if b'"' in plain:  # a string left open
            self.depth = _NEVER
            return False
        closes = plain.count(b"}") + plain.count(b"]")
        if depth > closes:  # cannot balance on this line
            self.depth = depth + plain.count(b"{") + plain.count(b"[") - closes
            return False
        for bracket in _BRACKET.finditer(plain):
            if plain[bracket.start()] in _OPENERS:
                depth += 1
                continue
            depth -= 1
            if depth == 0:  # the value ends here
                self.depth = _NEVER
                return not first and not plain[bracket.end() :].strip(_JSON_SPACE)
        self.depth = depth
        return False


def _event(
    file: str,
    number: int,
    stamp: bytes,
    level: bytes,
    names: tuple[str, ...],
    parsed: dict[str, Any],
    payload: bytes | None = None,
) -> Event:
    if payload is None or not _as_logged(parsed, payload):
        payload = None
        properties, measurements = unwrap_payload(parsed)
    else:
        properties, measurements = parsed["properties"], parsed["measurements"]
    kind, source, event = identity(names, properties)
    return Event(
        stamp.replace(b" ", b"T").decode("ascii"),  # the one space, between date and time
        level_text(level),
        kind,
        extension_source(source, properties) if kind == EXTENSION else source,
        event,
        properties,
        measurements,
        file,
        number,
        payload,
    )


def _as_logged(parsed: dict[str, Any], payload: bytes | memoryview) -> bool:
    """Whether the payload's text is the record's {properties, measurements}, in that order (so
    that a writer may pass it through instead of serialising the parsed values again)."""
    return (
        len(parsed) == 2
        and type(parsed.get("properties")) is dict
        and type(parsed.get("measurements")) is dict
        and payload[:14] == b'{"properties":'
        and payload[-1] == 125  # }
    )


def identity(names: tuple[str, ...], properties: dict[str, Any]) -> tuple[str, str, str]:
    """(kind, source, event) of an event, from its logged name (see names_of) and its properties:
    the one place an event's source is decided, for Events and passed-through records alike."""
    kind, source, event = names
    if kind == EXTENSION:
        source = extension_source(source, properties)
    return kind, source, event


def _not_an_object(file: str, number: int, text: bytes) -> Unparsed:
    return Unparsed(file, number, _text(text), "payload is not a JSON object")


_LEVELS = {level.encode(): level for level in ("trace", "debug", "info", "warning", "error")}


def level_text(level: bytes) -> str:
    return _LEVELS.get(level) or _text(level)


def names_of(endpoint: bytes | None, prefix: bytes, name: bytes) -> tuple[str, str, str]:
    """(kind, source, event) of a logged event name."""
    if prefix == b"telemetry":
        return (ENDPOINT, _text(endpoint), _text(name)) if endpoint else (CORE, CORE, _text(name))
    source = _text(prefix)
    return (EXTENSION, source, f"{source}/{_text(name)}")


def extension_source(prefix: str, properties: dict[str, Any]) -> str:
    """An extension event's source: the extension id the event carries in `common.extname`
    (`vscode.git`; VS Code's extension telemetry reporter adds it, docs/vscode.md), else the
    prefix of the name it was logged under (`git`), which is often the id's name part only."""
    extname = properties.get("common.extname")
    return extname if type(extname) is str and extname else prefix


def unwrap_payload(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Properties and measurements of a payload that is not exactly {properties, measurements}.

    Extensions' payloads are logged as the extension passed them: sometimes one of the two parts
    is missing, sometimes the payload is flat (strings are properties; numbers and booleans are
    measurements), and nested objects are flattened with dots as VS Code would send them.
    """
    properties = data.get("properties")
    measurements = data.get("measurements")
    wrapped = set(data) <= {"properties", "measurements"}
    if wrapped and isinstance(properties or {}, dict) and isinstance(measurements or {}, dict):
        return properties or {}, measurements or {}
    properties, measurements = {}, {}
    _split_flat(data, properties, measurements)
    return properties, measurements


def _split_flat(data: dict[str, Any], properties: dict, measurements: dict) -> None:
    """Depth first, in the payload's order; by a stack of the objects open, not a recursion:
    orjson reads objects nested 1024 deep, past Python's recursion limit."""
    open_objects = [("", iter(data.items()))]
    while open_objects:
        prefix, members = open_objects[-1]
        for key, value in members:
            name = prefix + key
            if isinstance(value, dict):
                open_objects.append((name + ".", iter(value.items())))
                break
            if isinstance(value, bool | int | float):
                measurements[name] = value
            else:
                properties[name] = value
        else:
            open_objects.pop()

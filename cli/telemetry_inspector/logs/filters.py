"""Which events the user wants: --event/--exclude globs, --source, --where KEY=VALUE."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from telemetry_inspector.errors import UsageError
from telemetry_inspector.logs.model import CORE, ENDPOINT, EXTENSION, Event
from telemetry_inspector.logs.needles import Needles, needles_for
from telemetry_inspector.records import record
from telemetry_inspector.vscode.names import event_glob

_KINDS = {"core": CORE, "extension": EXTENSION, "endpoint": ENDPOINT}


@record
class Where:
    key: str
    value: str

    def matches(self, event: Event) -> bool:
        if self.key in event.properties:
            value = event.properties[self.key]
            return (value if isinstance(value, str) else _text(value)) == self.value
        if self.key in event.measurements:
            return _same_number(event.measurements[self.key], self.value)
        return False


def _text(value: object) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _same_number(value: object, wanted: str) -> bool:
    if _text(value) == wanted:
        return True
    try:
        return float(wanted) == float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


@record
class EventFilter:
    include: re.Pattern[str] | None = None
    # what every line that starts a wanted event holds, when --event names events literally
    needles: Needles | None = None
    exclude: re.Pattern[str] | None = None
    kinds: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()  # extension or endpoint ids, lower case
    wheres: tuple[Where, ...] = ()
    # --since / --until as logged times (local, `2026-03-30T10:00:00.000`): compared as text
    since: str | None = None
    until: str | None = None

    @property
    def everything(self) -> bool:
        return self == EventFilter()

    @property
    def by_name_only(self) -> bool:
        """Whether `name_test` decides alone (a LineReader given it returns only kept events)."""
        return not (self.kinds or self.sources or self.wheres or self.since or self.until)

    @property
    def name_test(self) -> Callable[[str], bool] | None:
        """A test on the event name alone (to skip unwanted payloads unread), or None."""
        if self.include is None and self.exclude is None:
            return None
        include, exclude = self.include, self.exclude

        def wanted(name: str) -> bool:
            if include is not None and include.match(name) is None:
                return False
            return exclude is None or exclude.match(name) is None

        return wanted

    def select(self, batch: list, *, names_checked: bool = False) -> list:
        """The batch without the events this filter drops; unparsable lines stay (`--verbose`
        shows them). names_checked: the reader has applied `name_test` already."""
        if self.everything or (names_checked and self.by_name_only):
            return batch
        return [e for e in batch if e.__class__ is not Event or self(e)]

    def __call__(self, event: Event) -> bool:
        if self.since is not None and event.time < self.since:
            return False
        if self.until is not None and event.time > self.until:
            return False
        if self.include is not None and self.include.match(event.event) is None:
            return False
        if self.exclude is not None and self.exclude.match(event.event) is not None:
            return False
        if (self.kinds or self.sources) and not (
            event.kind in self.kinds or event.source.lower() in self.sources
        ):
            return False
        return all(where.matches(event) for where in self.wheres)


def build_filter(
    events: Sequence[str] = (),
    excludes: Sequence[str] = (),
    sources: Sequence[str] = (),
    wheres: Sequence[str] = (),
    *,
    since: str | None = None,
    until: str | None = None,
    now: datetime | None = None,
) -> EventFilter:
    """The filter the options describe; a malformed --where, --since or --until is a usage
    error. `now` is the time relative --since/--until count back from (default: the clock)."""
    kinds = frozenset(_KINDS[s.lower()] for s in sources if s.lower() in _KINDS)
    ids = frozenset(s.lower() for s in sources if s.lower() not in _KINDS)
    return EventFilter(
        _globs(events),
        needles_for(events),
        _globs(excludes),
        kinds,
        ids,
        tuple(_parse_where(w) for w in wheres),
        logged_time(since, "--since", now),
        logged_time(until, "--until", now),
    )


def _globs(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for several globs, by the rule `report --event` follows too (vscode.names):
    case-sensitive, as the needles of literal names are byte-exact; `telemetry/NAME` means the
    core event `NAME`."""
    return event_glob(patterns)


def _parse_where(text: str) -> Where:
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise UsageError(
            f"--where {text!r} is not KEY=VALUE", hint="e.g. --where common.platform=linux"
        )
    return Where(key.strip(), value)


_AGO = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|h|d|w)")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_LOGGED = "%Y-%m-%dT%H:%M:%S.%f"


def logged_time(text: str | None, option: str, now: datetime | None = None) -> str | None:
    """An ISO time (`2026-03-30`, `2026-03-30T10:00`, with or without a zone) or a time ago
    (`90s`, `15m`, `2h`, `3d`, `1w`) as VS Code logs times: local, to the millisecond."""
    if text is None:
        return None
    ago = _AGO.fullmatch(text.strip().lower())
    if ago:
        moment = (now or datetime.now()) - timedelta(
            seconds=float(ago.group(1)) * _UNITS[ago.group(2)]
        )
    else:
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            raise UsageError(
                f"{option} {text!r} is neither an ISO time nor a time ago",
                hint="e.g. 2026-03-30, 2026-03-30T14:05, 90s, 15m, 2h, 3d, 1w",
            ) from None
        if moment.tzinfo is not None:  # VS Code logs local time without a zone
            moment = moment.astimezone().replace(tzinfo=None)
    return moment.strftime(_LOGGED)[:23]

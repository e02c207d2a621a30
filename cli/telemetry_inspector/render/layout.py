"""Tables that fit the terminal: a grid when every word fits whole, else one stacked record per row.

A rich table narrower than its content folds words in the middle (`de/fa/ul/t`) or, for columns
it cannot shrink, drops them. `fitted()` measures the grid first: when its narrowest form (every
cell wrapped at word boundaries) fits the width, the grid is drawn; when not, each row becomes a
heading line and `name: value` fields packed into lines, so no value is cut or lost at any width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from telemetry_inspector.records import record

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

_INDENT = "  "
_FIELD_GAP = "   "


@record
class Column:
    """One column. `header` is the tool's own words ("\\n" splits a two-line header)."""

    header: str
    justify: str = "left"
    whole: bool = False  # an id a user copies (what --keep takes): never wrapped in the grid
    free_text: bool = False  # comments, notes: a line of its own when stacked
    heading: bool = False  # stacked: shown on the row's heading line, after the first cell
    bare: bool = False  # stacked: the value alone, without its column's name
    style: str | None = None


def fitted(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Text]],
    *,
    title: str | None = None,
    caption: str | None = None,
    footer: Sequence[str] | None = None,
    width: int | None = None,
) -> RenderableType:
    """The grid if it fits `width` (default: the console's) with every word whole, else records."""
    from rich.measure import Measurement

    from telemetry_inspector.render.console import console

    out = console()
    width = width or out.width
    grid = _grid(columns, rows, title, caption, footer)
    # measured unbounded: rich clamps a measurement to the width it is given
    if Measurement.get(out, out.options.update_width(10_000), grid).minimum <= width:
        _share_width(grid, out, width)
        return grid
    return stacked(columns, rows, title=title, caption=caption, footer=footer, width=width)


def _share_width(table: Table, out: Console, width: int) -> None:
    """Fix each column's width so none is narrower than its longest word.

    Rich, short of room, narrows the widest columns first, whatever they hold, and folds the
    words that no longer fit; here every column gets its longest word and the spare room goes
    to the columns in proportion to how much more they could use."""
    wide = out.options.update_width(10_000)
    # rich's own measure of each column (cells, header and footer, padding included)
    ranges = [table._measure_column(out, wide, column) for column in table.columns]
    room = width - table._extra_width
    if sum(r.maximum for r in ranges) <= room:
        return
    spare = room - sum(r.minimum for r in ranges)
    wants = [r.maximum - r.minimum for r in ranges]
    total = sum(wants) or 1
    for index, (column, got, want) in enumerate(zip(table.columns, ranges, wants, strict=True)):
        share = spare * want // total
        column.width = got.minimum + share - table._get_padding_width(index)


def _grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Text]],
    title: str | None,
    caption: str | None,
    footer: Sequence[str] | None,
) -> Table:
    from rich.table import Table

    table = Table(
        title=title,
        title_justify="left",
        caption=caption,
        caption_justify="left",
        show_footer=footer is not None,
        header_style="bold",
    )
    for index, column in enumerate(columns):
        table.add_column(
            column.header,
            justify=column.justify,  # type: ignore[arg-type]
            no_wrap=column.whole,
            overflow="fold",  # only a word longer than the whole width is ever folded
            style=column.style,
            footer=footer[index] if footer is not None else "",
        )
    for row in rows:
        table.add_row(*row)
    return table


def stacked(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Text]],
    *,
    title: str | None = None,
    caption: str | None = None,
    footer: Sequence[str] | None = None,
    width: int,
) -> RenderableType:
    """Each row as a bold heading line and its other cells as `name: value` fields."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    if title:
        parts.append(Text(title, style="italic"))
    for row in rows:
        parts.extend(_record(columns, row, width))
    if footer is not None:
        parts.extend(_record(columns, [Text(cell) for cell in footer], width))
    if caption:
        parts.append(Text(caption, style="dim"))
    return Group(*parts)


def _record(columns: Sequence[Column], row: Sequence[Text], width: int) -> list[Text]:
    from rich.text import Text

    heading = Text()
    heading.append_text(_styled(row[0], "bold"))
    fields: list[Text] = []
    long: list[Text] = []
    for column, cell in zip(columns[1:], row[1:], strict=True):
        if not cell.plain:
            continue
        if column.heading:
            heading.append("  ")
            if not column.bare:
                heading.append(_label(column.header) + ": ", style="dim")
            heading.append_text(cell)
            continue
        field = Text()
        field.append(_label(column.header) + ": ", style="dim")
        field.append_text(cell.copy())
        (long if column.free_text else fields).append(field)
    inner = width - len(_INDENT)
    body = [part for line in (*_packed(fields, inner), *long) for part in _indented(line, inner)]
    return [heading, *body]


def _indented(line: Text, width: int) -> list[Text]:
    """`line` wrapped at word boundaries to `width`, each piece indented: a value wrapped onto
    a second line stays under its field."""
    from rich.text import Text

    from telemetry_inspector.render.console import console

    pieces = []
    for piece in line.wrap(console(), max(width, 1), overflow="fold"):
        piece.rstrip()
        indented = Text(_INDENT)
        indented.append_text(piece)
        pieces.append(indented)
    return pieces


def _styled(cell: Text, style: str) -> Text:
    copy = cell.copy()
    copy.stylize(style)
    return copy


def _label(header: str) -> str:
    """A two-line header on one line: "Call-\nstack" is "Call-stack", "System\nmeta" two words."""
    label = ""
    for part in header.split("\n"):
        part = part.strip()
        label += part if not label or label.endswith("-") else " " + part
    return label


def _packed(fields: list[Text], width: int) -> list[Text]:
    """Short fields side by side, as many as fit a line; a field is never split between lines."""

    lines: list[Text] = []
    line: Text | None = None
    for field in fields:
        if line is not None and line.cell_len + len(_FIELD_GAP) + field.cell_len <= width:
            line.append(_FIELD_GAP)
            line.append_text(field)
            continue
        line = field.copy()
        lines.append(line)
    return lines

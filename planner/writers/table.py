"""Plain-text tables for the terminal, drawn by rich.

A :class:`Column` says how wide a column is at least, how its cells are aligned and how many spaces
separate it from the column before. rich lays the table out: a cell longer than its column widens the
whole column (every row stays aligned), nothing wraps, and no colour or markup is added, so the text is
the same in a terminal, a pipe or a file. Lines carry no trailing spaces.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.console import Console
from rich.table import Table
from rich.text import Text

Align = Literal["left", "right"]
WIDE = 100_000  # the console width: tables never wrap


@dataclass(frozen=True)
class Column:
    """One column: its header (shown when the table has headers), minimum width, alignment and gap."""

    header: str = ""
    width: int = 0
    align: Align = "left"
    gap: int = 1  # spaces before this column (ignored for the first)


def table(columns: Sequence[Column], rows: Iterable[Sequence[str]], *, headers: bool = False) -> list[str]:
    """The lines of a table of ``rows`` (one string per column) laid out by rich."""
    grid = Table(box=None, show_header=headers, show_edge=False, pad_edge=False, padding=0, header_style="",
                 expand=False)
    for index, column in enumerate(columns):
        if index and column.gap:
            grid.add_column(min_width=column.gap, no_wrap=True)
        grid.add_column(Text(column.header), min_width=column.width, justify=column.align, no_wrap=True)
    for row in rows:
        cells: list[Text] = []
        for index, (column, cell) in enumerate(zip(columns, row, strict=True)):
            if index and column.gap:
                cells.append(Text(""))
            cells.append(Text(cell))
        grid.add_row(*cells)
    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDE, color_system=None, highlight=False, markup=False, emoji=False,
                      force_terminal=False, legacy_windows=False, soft_wrap=False)
    console.print(grid)
    return [line.rstrip() for line in buffer.getvalue().splitlines()]

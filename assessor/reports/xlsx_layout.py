"""How the report workbook's tables look: columns sized to their content, one number format per kind of figure,
every cell top-aligned so ids sit level with the first line of their row's text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from openpyxl.styles import Alignment, NamedStyle
from openpyxl.worksheet.worksheet import Worksheet

from assessor.core.xlsx_cells import give_style, named_style_array, normal_style_id, style_id_of

Kind = Literal["score", "percent", "number", "integer"]
FORMATS: Mapping[Kind, str] = {"score": "0.0", "percent": "0%", "number": "0.0#", "integer": "0"}
TOP = Alignment(vertical="top")
MIN_WIDTH, MAX_WIDTH = 6, 60
PADDING = 2


def content_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """Each column as wide as its longest line (header included), within MIN_WIDTH..MAX_WIDTH characters;
    longer text wraps."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _longest_line(value))
    return [min(max(w + PADDING, MIN_WIDTH), MAX_WIDTH) for w in widths]


def _longest_line(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.1f}")
    return max((len(line) for line in str(value).split("\n")), default=0)


def kinds_by_header(headers: Sequence[str]) -> dict[int, Kind]:
    """The number format of each figure column, read from its header: scores and percentages of credit with one
    decimal, credit fractions as percentages, levels and counts as integers (1-based columns)."""
    kinds: dict[int, Kind] = {}
    for column, header in enumerate(headers, start=1):
        words = header.lower()
        if words.startswith("credit"):
            kinds[column] = "percent"
        elif "score" in words or words.endswith("%"):
            kinds[column] = "score"
        elif words == "level" or words.startswith("level ") or words.endswith(" level"):
            kinds[column] = "integer"
    return kinds


def style_table(ws: Worksheet, kinds: Mapping[int, Kind], rows: int, first_row: int = 2) -> None:
    """Top-align every data cell that is not already wrapped (wrapped cells are top-aligned) and give the
    figure columns (1-based in `kinds`) their number format."""
    wb = ws.parent
    top = named_style_array(wb, _named(ws, "dcr-top", None))
    day = named_style_array(wb, _named(ws, "dcr-date", "yyyy-mm-dd"))
    styles = {column: named_style_array(wb, _named(ws, f"dcr-{kind}", FORMATS[kind])) for column, kind in kinds.items()}
    normal = normal_style_id(wb)
    cells, width = ws._cells, ws.max_column
    for row in range(first_row, first_row + rows):
        for column in range(1, width + 1):  # as iter_rows visits them, without its checks on every cell
            cell = cells.get((row, column))
            if cell is None:
                cell = ws.cell(row=row, column=column)
            if column in styles:
                give_style(cell, styles[column])
            elif cell.is_date:
                give_style(cell, day)
            elif style_id_of(cell) == normal:
                give_style(cell, top)


def _named(ws: Worksheet, name: str, number_format: str | None) -> str:
    """A named style registered once per workbook (cheaper than a style object per cell)."""
    workbook = ws.parent
    if name not in workbook.named_styles:
        style = NamedStyle(name=name, alignment=TOP)
        if number_format is not None:
            style.number_format = number_format
        workbook.add_named_style(style)
    return name

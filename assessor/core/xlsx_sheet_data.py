"""A worksheet's cells as `<sheetData>` XML text, written directly.

openpyxl serialises each cell by building an element and walking it (over a third of a report workbook's
cost). The cells our workbooks hold (text, numbers, booleans, dates) are written here as text instead, to the
same elements, attributes and values openpyxl writes; a sheet holding anything else (a formula, rich text, a
comment, a hyperlink, a time or a duration, a number that is not finite) is left to openpyxl whole.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.worksheet import Worksheet

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\t": "&#09;"})


class NotPlain(Exception):
    """A cell needs openpyxl's own writer."""


def sheet_data(ws: Worksheet) -> str | None:
    """The sheet's `<sheetData>` element as openpyxl would write it, or None where a cell is not plain."""
    try:
        return "".join(_sheet_data(ws))
    except NotPlain:
        return None


def _sheet_data(ws: Worksheet) -> list[str]:
    if ws.parent.iso_dates:
        raise NotPlain
    epoch, dims = ws.parent.epoch, ws.row_dimensions
    styles: dict[bytes, str] = {}  # a style array's bytes: its ` s="id"` attribute
    letters: dict[int, str] = {}
    parts = ["<sheetData>"]
    add = parts.append
    for row, cells in _rows(ws):
        extra = "".join(f' {k}="{v.translate(_ATTRIBUTE)}"' for k, v in dims[row]) if row in dims else ""
        add(f'<row r="{row}"{extra}>')
        for cell in cells:
            style = cell._style
            styled = style is not None and any(style)
            if cell._value is None and not styled:
                continue
            if type(cell) is not Cell or cell._comment is not None or cell._hyperlink is not None:
                raise NotPlain
            column = cell.column
            ref = f'<c r="{letters.get(column) or letters.setdefault(column, get_column_letter(column))}{row}"'
            if styled:
                key = style.tobytes()
                ref += styles.get(key) or styles.setdefault(key, f' s="{cell.style_id}"')
            add(_typed(ref, cell.data_type, cell._value, epoch))
        add("</row>")
    add("</sheetData>")
    return parts


def _rows(ws: Worksheet) -> list[tuple[int, list[Cell]]]:
    """The sheet's cells by row, in order, as openpyxl writes them (a row with a height or style but no cells
    is written too)."""
    by_row: dict[int, list[Cell]] = {}
    for (row, _), cell in sorted(ws._cells.items()):
        by_row.setdefault(row, []).append(cell)
    for row in ws.row_dimensions.keys() - by_row.keys():
        by_row[row] = []
    return sorted(by_row.items())


def _typed(ref: str, kind: str, value: Any, epoch: datetime) -> str:
    """A cell's element from its opened reference and style: its type and its value."""
    if kind == "s":
        if type(value) is not str:
            raise NotPlain  # rich text
        if value == "":
            return ref + ' t="inlineStr"/>'
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and stripped != value else ""
        return f'{ref} t="inlineStr"><is><t{space}>{value.translate(_TEXT)}</t></is></c>'
    if kind == "d":
        if type(value) not in (date, datetime) or getattr(value, "tzinfo", None) is not None:
            raise NotPlain  # a time, a duration or a zoned datetime: openpyxl's rules
        kind, value = "n", to_excel(value, epoch)
    if kind not in ("n", "b"):
        raise NotPlain  # a formula or an error value
    if value is None or value == "":
        return f'{ref} t="{kind}"/>'
    return f'{ref} t="{kind}"><v>{_number(value)}</v></c>'


def _number(value: Any) -> str:
    """A number as openpyxl writes it (16 significant digits; a bool as 1 or 0)."""
    if not isinstance(value, int | float) or (isinstance(value, float) and not math.isfinite(value)):
        raise NotPlain
    return f"{value:.16g}"

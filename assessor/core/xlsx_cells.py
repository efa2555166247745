"""Writing cells safely: text stays text (never a formula), and tables get headers, filters and widths."""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from assessor.core.problems import DocumentError, Location, Problem

MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_STYLE = "dcr-wrapped"
WRAP_FROM_WIDTH = 24
LINE_HEIGHT = 13
MAX_ROW_HEIGHT = 409  # Excel's maximum row height in points


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one value; strings are stored as strings whatever they start with. Text a cell cannot hold
    exactly (too long, control characters) is refused with its cell, never cut or stripped."""
    cell: Cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        _refuse_unholdable(ws, cell, value)
        text = value
        cell.value = ooxml_escaped(text)
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        if text.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True  # spreadsheet programs show and keep it as text when edited
    else:
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
    return cell


_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def ooxml_escaped(text: str) -> str:
    """Text as a cell stores it exactly: a carriage return as _x000D_ (raw, the XML reader would turn CR LF
    into LF) and a literal _xHHHH_ as _x005F_xHHHH_, as spreadsheet programs write them."""
    return _LITERAL_ESCAPE.sub(r"_x005F_\1", text).replace("\r", "_x000D_")


def ooxml_unescaped(text: str) -> str:
    """The text a cell's _xHHHH_ escapes stand for (the inverse of ooxml_escaped, and what Excel shows)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _refuse_unholdable(ws: Worksheet, cell: Cell, text: str) -> None:
    if len(text) > MAX_CELL_TEXT:
        why = f"{len(text):,} characters; a cell holds at most {MAX_CELL_TEXT:,}"
    elif ILLEGAL_CHARACTERS_RE.search(text):
        why = "it holds a control character a workbook cannot store"
    else:
        return
    where = Location("", cell=f"{ws.title}!{cell.coordinate}")
    raise DocumentError([Problem(where, "cell-cannot-hold", f"refusing to write text that would change: {why}")])


def write_table(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]) -> None:
    """A header row (frozen, filtered) and data rows from row 2, with column widths and wrapped text."""
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = put(ws, 1, col, header)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        ws.column_dimensions[cell.column_letter].width = width
    wrapped = wrap_style(ws)
    wide = {c for c, width in enumerate(widths, start=1) if width >= WRAP_FROM_WIDTH}  # short values never wrap
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = put(ws, r, c, value)
            if c in wide:
                cell.style = wrapped
        fit_row_height(ws, r, row, widths)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(headers)).column_letter}{max(len(rows) + 1, 2)}"


def wrap_style(ws: Worksheet) -> str:
    """The workbook's wrapped-text style, registered once: assigning it by name is far cheaper than
    assigning an Alignment to each cell, which openpyxl hashes every time."""
    workbook = ws.parent
    if WRAP_STYLE not in workbook.named_styles:
        workbook.add_named_style(NamedStyle(name=WRAP_STYLE, alignment=WRAP))
    return WRAP_STYLE


def fit_row_height(ws: Worksheet, row: int, values: Sequence[Any], widths: Sequence[int]) -> None:
    """Give a row the height its wrapped text needs: openpyxl cannot measure text, and without a height
    wrapped rows print on top of each other."""
    lines = _wrapped_lines(values, widths)
    if lines > 1:
        ws.row_dimensions[row].height = min(LINE_HEIGHT * lines, MAX_ROW_HEIGHT)


def print_setup(ws: Worksheet, *, repeat_header: bool) -> None:
    """Landscape, one page wide, header row repeated: a printed sheet stays readable."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_header:
        ws.print_title_rows = "1:1"


def _wrapped_lines(row: Sequence[Any], widths: Sequence[int]) -> int:
    """Roughly how many lines the tallest text cell of a row wraps to at its column width."""
    counts = [
        sum(math.ceil(max(len(part), 1) / max(width - 1, 1)) for part in value.split("\n"))
        for value, width in zip(row, widths, strict=False)
        if isinstance(value, str)
    ]
    return max(counts, default=1)


def workbook_data(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes, built in memory: openpyxl's own save puts every sheet in a temporary file
    in the system's temp folder, which a killed writer leaves behind and a full disk turns into a traceback.
    Every text cell that a spreadsheet program would take for a formula is quote-prefixed first."""
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemory(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Worksheet) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts, ws._drawing.images = ws._charts, ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.out.getvalue())
            self.manifest.append(ws)

    for ws in wb.worksheets:
        quote_formula_like(ws)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        InMemory(wb, archive).write_data()
    return buffer.getvalue()


def quote_formula_like(ws: Worksheet) -> None:
    """Quote-prefix every text cell of the sheet that starts like a formula (=, +, -, @, tab, CR)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "s" and isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                cell.quotePrefix = True

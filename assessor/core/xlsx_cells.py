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
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from assessor.core.problems import DocumentError, Location, Problem
from assessor.core.xlsx_sheet_data import sheet_data

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
        # Stored as text as it stands: openpyxl's setter would store "=..." as a formula, and it would check again
        # what was just refused (and cut at Excel's limit text that its escapes made longer).
        cell._value, cell.data_type = ooxml_escaped(text), "s"
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
    if "_x" in text:
        text = _LITERAL_ESCAPE.sub(r"_x005F_\1", text)
    return text.replace("\r", "_x000D_") if "\r" in text else text


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
    wrapped = named_style_array(ws.parent, wrap_style(ws))
    wide = {c for c, width in enumerate(widths, start=1) if width >= WRAP_FROM_WIDTH}  # short values never wrap
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = put(ws, r, c, value)
            if c in wide:
                give_style(cell, wrapped)
        fit_row_height(ws, r, row, widths)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(headers)).column_letter}{max(len(rows) + 1, 2)}"


def named_style_array(wb: Workbook, name: str) -> StyleArray:
    """What `cell.style = name` gives a cell, for a named style registered in the workbook: assigning it with
    `give_style` spares openpyxl's look-up of the name in the list of every named style on each cell."""
    array: StyleArray = wb._named_styles[name].as_tuple()
    return array


def give_style(cell: Cell, array: StyleArray) -> None:
    """Give a cell a copy of a style array (openpyxl changes a cell's array in place)."""
    cell._style = StyleArray(array)


def normal_style_id(wb: Workbook) -> int:
    """The id of the default named style, "Normal", that `cell.style == "Normal"` looks for (-1: none)."""
    names: list[str] = wb._named_styles.names
    return names.index("Normal") if "Normal" in names else -1


def style_id_of(cell: Cell) -> int:
    """The id of the cell's named style (a cell never styled has the first)."""
    return 0 if cell._style is None else int(cell._style.xfId)


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


def workbook_data(wb: Workbook, day: date | None = None) -> bytes:
    """The workbook as .xlsx bytes, built in memory: openpyxl's own save puts every sheet in a temporary file
    in the system's temp folder, which a killed writer leaves behind and a full disk turns into a traceback.
    Every text cell that a spreadsheet program would take for a formula is quote-prefixed first. With `day`,
    every zip entry and the modified date (openpyxl always writes the time of saving) carry that day, so the
    same inputs give the same bytes."""
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.writer.excel import ExcelWriter

    class InMemory(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Worksheet) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts, ws._drawing.images = ws._charts, ws._images
            data, ws._rels = worksheet_xml(ws)
            self._archive.writestr(ws.path[1:], data)
            self.manifest.append(ws)

    for ws in wb.worksheets:
        quote_formula_like(ws)
    buffer = io.BytesIO()
    with _DatedZip(buffer, day) as archive:
        InMemory(wb, archive).write_data()
    return buffer.getvalue()


class _DatedZip(zipfile.ZipFile):
    """A zip being written whose entries carry one day, not the time of writing, where a day is given."""

    def __init__(self, file: io.BytesIO, day: date | None) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.day = day

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None, compresslevel: Any = None) -> None:
        day = self.day
        if day is None or not isinstance(zinfo_or_arcname, str):
            super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)
            return
        content = data.encode("utf-8") if isinstance(data, str) else data
        if zinfo_or_arcname == "docProps/core.xml":
            stamp = f"{day.isoformat()}T00:00:00Z".encode()
            content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\2", content)
        entry = zipfile.ZipInfo(zinfo_or_arcname, date_time=(day.year, day.month, day.day, 0, 0, 0))
        entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16  # as writestr gives a name
        super().writestr(entry, content)


def worksheet_xml(ws: Worksheet, *, direct: bool = True) -> tuple[bytes, Any]:
    """The sheet's XML and its relationships. Plain cells are written directly (`direct`), the rest of the sheet
    and any sheet with a cell that is not plain by openpyxl."""
    from openpyxl.worksheet._writer import WorksheetWriter

    class EmptySheetData(WorksheetWriter):  # type: ignore[misc]
        def write_rows(self) -> None:
            xf = self.xf.send(True)
            with xf.element("sheetData"):
                pass
            self.xf.send(None)

    cells = sheet_data(ws) if direct else None
    writer = (WorksheetWriter if cells is None else EmptySheetData)(ws, out=io.BytesIO())
    writer.write()
    data = writer.out.getvalue()
    return (data if cells is None else _spliced(data, cells)), writer._rels


def _spliced(sheet: bytes, cells: str) -> bytes:
    """The sheet's XML with its cells in the one empty sheetData (text before it is escaped: no other match)."""
    empty = b"<sheetData></sheetData>"
    assert sheet.count(empty) == 1, "the sheet writer wrote one empty sheetData"
    return sheet.replace(empty, cells.encode("utf-8"), 1)


def cells_of(ws: Worksheet) -> list[Cell]:
    """The cells the sheet has (iter_rows would make every empty one in its range), safe to change while walked."""
    return list(ws._cells.values())


def quote_formula_like(ws: Worksheet) -> None:
    """Quote-prefix every text cell of the sheet that starts like a formula (=, +, -, @, tab, CR)."""
    for cell in cells_of(ws):
        value = cell._value
        if cell.data_type == "s" and isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True

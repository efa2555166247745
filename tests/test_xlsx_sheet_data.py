"""Cells written directly as sheet XML mean what openpyxl's own writer makes of them, for every workbook we write
and for any plain cell; a sheet with a cell that is not plain is left to openpyxl whole."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from assessor.core.xlsx_cells import workbook_data, worksheet_xml
from assessor.core.xlsx_sheet_data import sheet_data
from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.intake.workbook_template import workbook_template
from assessor.reports import xlsx as report_xlsx
from assessor.reports.context import build_context
from assessor.scoring.engine import score
from tests.conftest import ROOT
from tests.property_settings import property_settings

EXAMPLES = sorted(ROOT.glob("examples/*.yaml")) + sorted(ROOT.glob("examples/1.*/*.yaml"))


def canonical(xml: bytes) -> str:
    """The XML in canonical form (attribute order, quoting and empty-element spelling no longer differ)."""
    return ET.canonicalize(xml.decode("utf-8"))


def same_both_ways(wb: Workbook) -> None:
    """Every sheet of the workbook: the direct cells equal openpyxl's in canonical form, with no fallback."""
    for ws in wb.worksheets:
        assert sheet_data(ws) is not None, ws.title
        direct, _ = worksheet_xml(ws)
        by_openpyxl, _ = worksheet_xml(ws, direct=False)
        assert canonical(direct) == canonical(by_openpyxl), ws.title


def built(monkeypatch: pytest.MonkeyPatch, make: Any) -> Workbook:
    """The workbook `make()` hands to workbook_data, before it is written."""
    kept: list[Workbook] = []

    def keep(wb: Workbook, day: date | None = None) -> bytes:
        kept.append(wb)
        return workbook_data(wb, day)

    monkeypatch.setattr(report_xlsx, "workbook_data", keep)
    monkeypatch.setattr("assessor.intake.workbook_template.workbook_data", keep)
    make()
    return kept[0]


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT / "examples")))
def test_every_report_workbook_is_written_as_openpyxl_would(monkeypatch: pytest.MonkeyPatch, example: Path) -> None:
    """Each bundled example's report workbook: every sheet's cells written directly equal openpyxl's."""
    version = "1.0.0" if example.parent.name == "examples" else example.parent.name
    standard = load_standard(version=version)
    submission = load_submission(example, standard)
    ctx = build_context(standard, submission, score(standard, submission))
    same_both_ways(built(monkeypatch, lambda: report_xlsx.workbook_bytes(ctx)))


@pytest.mark.slow
def test_the_fillable_workbook_is_written_as_openpyxl_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fillable workbook of the 1.2.0 mature example: every sheet's cells equal openpyxl's."""
    standard = load_standard(version="1.2.0")
    submission = load_submission(ROOT / "examples" / "1.2.0" / "mature-lab.yaml", standard)
    same_both_ways(built(monkeypatch, lambda: workbook_template(standard, submission, date(2026, 12, 1))))


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\n\t &<>\"'")
)
PADDED = st.builds(lambda pad, text, end: pad + text + end, st.sampled_from(["", " ", "\n", "\t "]), TEXT,
                   st.sampled_from(["", " ", "\n"]))  # fmt: skip
VALUES = st.one_of(
    st.none(),
    TEXT,
    PADDED,
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
)
STYLES = st.sampled_from(["none", "bold", "fill", "format", "quote"])
CELLS = st.lists(st.tuples(st.integers(1, 40), st.integers(1, 30), VALUES, STYLES), max_size=60)


@property_settings(200)
@given(cells=CELLS, heights=st.dictionaries(st.integers(1, 45), st.integers(1, 409), max_size=5))
def test_any_plain_cell_is_written_as_openpyxl_would(
    cells: list[tuple[int, int, Any, str]], heights: dict[int, int]
) -> None:
    """Text, numbers, booleans, dates and blanks at any place, with or without a style: the same sheet XML (text
    openpyxl takes for a formula or an error value leaves the sheet to openpyxl)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row, column, value, style in cells:
        cell = ws.cell(row=row, column=column, value=value)
        if style == "bold":
            cell.font = Font(bold=True)
        elif style == "fill":
            cell.fill = PatternFill("solid", fgColor="1F4E79")
        elif style == "format":
            cell.number_format = "0.0"
        elif style == "quote":
            cell.quotePrefix = True
    for row, height in heights.items():
        ws.row_dimensions[row].height = height
    if any(cell.data_type in ("f", "e") for cell in ws._cells.values()):  # "=..." and "#N/A" text: not plain
        assert sheet_data(ws) is None
        return
    same_both_ways(wb)


NOT_PLAIN: dict[str, tuple[Any, Any]] = {  # what is put in A1, and what reading the workbook back finds there
    "formula": ("=1+1", "=1+1"),
    "rich-text": (CellRichText([TextBlock(InlineFont(b=True), "bold"), " plain"]), "bold plain"),
    "time": (time(9, 30), time(9, 30)),
    "duration": (timedelta(days=2), timedelta(days=2)),
    "nan": (float("nan"), None),  # openpyxl writes a number that is not finite as no value
}


@pytest.mark.parametrize("kind", [*NOT_PLAIN, "comment", "hyperlink"])
def test_a_sheet_with_a_cell_that_is_not_plain_is_left_to_openpyxl(kind: str) -> None:
    """A formula, rich text, a time, a duration, NaN, a comment or a hyperlink: no direct XML, and the workbook
    still carries the cell as openpyxl writes it."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["B2"] = "plain"
    value, expected = NOT_PLAIN.get(kind, ("noted", "noted"))
    ws["A1"] = value
    if kind == "comment":
        ws["A1"].comment = Comment("a note", "reviewer")
    if kind == "hyperlink":
        ws["A1"].hyperlink = "https://evidence.example/1"
    assert sheet_data(ws) is None
    back = load_workbook(io.BytesIO(workbook_data(wb)))["Sheet"]
    assert back["B2"].value == "plain" and back["A1"].value == expected
    if kind == "comment":
        assert back["A1"].comment is not None and back["A1"].comment.text == "a note"
    if kind == "hyperlink":
        assert back["A1"].hyperlink is not None and back["A1"].hyperlink.target == "https://evidence.example/1"


def test_the_empty_sheet_data_is_found_once() -> None:
    """A sheet whose text holds the words of an empty sheetData still gets its cells in the right place."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Data"
    ws["A1"] = "<sheetData></sheetData>"
    ws.oddHeader.center.text = "<sheetData></sheetData>"
    back = load_workbook(io.BytesIO(workbook_data(wb)))
    assert back["Data"]["A1"].value == "<sheetData></sheetData>"
    assert back["Data"].oddHeader.center.text == "<sheetData></sheetData>"

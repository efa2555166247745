"""The report workbook as a reader meets it: columns sized to content, one number format per kind, the chart
in table order with one colour per level, words for codes, top-aligned cells, a filter on every table; and the
fillable workbook's dropdowns draw on named ranges. LibreOffice opens the report."""

from __future__ import annotations

import io
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

import assessor
from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.reports.chart import LEVEL_COLOURS
from assessor.reports.context import ReportContext, build_context
from assessor.reports.labels import LABELS
from assessor.reports.xlsx import workbook_bytes
from assessor.reports.xlsx_layout import MAX_WIDTH
from assessor.scoring.engine import score
from tests.conftest import ROOT
from tests.report_helpers import soffice

CODES = sorted(code for code in LABELS if "_" in code)


@pytest.fixture(scope="module")
def context() -> ReportContext:
    """The 1.2.0 mature-lab example's report context."""
    standard = load_standard(version="1.2.0")
    submission = load_submission(ROOT / "examples" / "1.2.0" / "mature-lab.yaml", standard)
    return build_context(standard, submission, score(standard, submission))


@pytest.fixture(scope="module")
def workbook(context: ReportContext) -> Workbook:
    """The report workbook, read back."""
    return load_workbook(io.BytesIO(workbook_bytes(context)))


def test_columns_sized_to_content(workbook: Workbook) -> None:
    """Every table column is at least as wide as its header and its longest short value, and at most MAX_WIDTH."""
    for name in ("Requirements", "Findings", "Evidence", "Crosswalk", "Models"):
        ws = workbook[name]
        for column in ws.iter_cols(min_row=1):
            width = ws.column_dimensions[column[0].column_letter].width
            longest = max(_first_line(c.value) for c in column if c.value is not None)
            assert min(longest, MAX_WIDTH - 2) <= width <= MAX_WIDTH, (name, column[0].value, width, longest)


def _first_line(value: object) -> int:
    """Characters in the first line of a cell as shown (a date as YYYY-MM-DD)."""
    return 10 if isinstance(value, date) else len(str(value).split("\n")[0])


def test_one_number_format_per_kind(workbook: Workbook) -> None:
    """Scores show one decimal, credit is a percentage, levels and ranks are whole numbers."""
    req = workbook["Requirements"]
    header = [c.value for c in req[1]]
    formats = {h: {c.number_format for c in col[1:]} for h, col in zip(header, req.iter_cols(), strict=False)}
    assert formats["Credit"] == {"0%"} and formats["Level"] == {"0"} and formats["Weight"] == {"0.0#"}
    models = workbook["Models"]
    assert {c.number_format for c in next(models.iter_cols(min_col=5, max_col=5, min_row=2))} == {"0.0"}
    table = workbook["Summary"].tables["Domains"]
    first = int(re.sub(r"\D", "", table.ref.split(":")[0]))
    scores = [workbook["Summary"].cell(row=r, column=3) for r in range(first + 1, first + 10)]
    assert {c.number_format for c in scores} == {"0.0"}


def test_chart_in_table_order_one_colour_per_level(workbook: Workbook, context: ReportContext) -> None:
    """The bars run top to bottom in the table's order, each in its domain's level colour."""
    (chart,) = workbook["Summary"]._charts
    assert chart.x_axis.scaling.orientation == "maxMin"
    points = chart.series[0].dPt
    levels = [d.level for d in context.figures.domains]
    colours = [str(p.graphicalProperties.solidFill.srgbClr).upper() for p in points]
    assert colours == [LEVEL_COLOURS[min(lv, 3)].lstrip("#").upper() for lv in levels]
    assert len(set(levels)) >= 2, "the example shows more than one level"


def test_chart_shows_its_values_and_names_its_colours(workbook: Workbook, context: ReportContext) -> None:
    """Each bar carries its score (one decimal); a key under the chart names every level beside its colour; a long
    fact (the headline) wraps in its column instead of running under the chart."""
    ws = workbook["Summary"]
    (chart,) = ws._charts
    labels = chart.series[0].dLbls
    assert labels is not None and labels.showVal and labels.numFmt == "0.0"
    key = {
        str(ws.cell(row=r, column=c + 1).value): str(ws.cell(row=r, column=c).fill.fgColor.rgb)[-6:].upper()
        for r in range(1, ws.max_row + 1)
        for c in range(1, ws.max_column)
        if str(ws.cell(row=r, column=c + 1).value or "").startswith("Level ")
    }
    for level in context.methodology.levels:
        name = f"Level {level.level} — {level.name}"
        assert key.get(name) == LEVEL_COLOURS[min(level.level, 3)].lstrip("#").upper(), (name, key)
    headline = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Headline")
    assert ws.cell(row=headline, column=2).alignment.wrap_text


def test_words_not_codes(workbook: Workbook) -> None:
    """No cell holds a status, cause, kind, surface or basis code, nor an ASCII comparison."""
    found = [
        f"{ws.title}!{cell.coordinate}: {cell.value[:60]}"
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and (any(code in cell.value for code in CODES) or "<=" in cell.value)
    ]
    assert found == []


def test_top_aligned_and_filtered(workbook: Workbook) -> None:
    """Every data cell of every table is top-aligned; every table has a filter."""
    for ws in workbook.worksheets:
        if ws.title == "Summary":
            assert ws.tables["Domains"].autoFilter is not None
            continue
        assert ws.auto_filter.ref, ws.title
        loose = [c.coordinate for row in ws.iter_rows(min_row=2) for c in row if c.alignment.vertical != "top"]
        assert loose == [], ws.title


def test_dropdowns_use_named_ranges() -> None:
    """Every list dropdown of the fillable workbook refers to a workbook-level named range that exists."""
    wb = load_workbook(io.BytesIO(assessor.evidence_workbook(assessor.load_standard())))
    names = set(wb.defined_names.keys())
    lists = [dv.formula1 for ws in wb.worksheets for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) >= 5 and all(f.lstrip("=") in names for f in lists), lists


@pytest.mark.slow
def test_libreoffice_opens_the_report(context: ReportContext, tmp_path: Path) -> None:
    """LibreOffice converts the report's Requirements sheet to CSV with statuses in words."""
    xlsx = tmp_path / "report.xlsx"
    xlsx.write_bytes(workbook_bytes(context))
    env = {**os.environ, "HOME": str(tmp_path)}
    filt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"
    proc = subprocess.run(
        [soffice(), "--headless", "--convert-to", filt, "--outdir", str(tmp_path), str(xlsx)],
        capture_output=True, text=True, timeout=180, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.csv"))
    assert "DCRS-AC-01" in text and "Largely" in text and "not_implemented" not in text

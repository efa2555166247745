"""Reports for DCRS 1.1.0 results: every finding listed, results per model, the headline statement."""

from __future__ import annotations

import io
import logging
import re

import pytest
from openpyxl import load_workbook

from assessor.intake.models import Submission
from assessor.reports.context import ReportContext, build_context
from assessor.reports.pdf import pdf_bytes, prepare_pdf
from assessor.reports.xlsx import workbook_bytes
from assessor.scoring.engine import score
from tests.calibration_helpers import V110, case
from tests.report_helpers import pdf_text

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports


@pytest.fixture(scope="module")
def context() -> ReportContext:
    """The open-weights side-model case: two models, a caveat and findings of several causes."""
    submission = Submission.model_validate(case("06-open-weights-side-model.yaml"))
    return build_context(V110, submission, score(V110, submission))


@pytest.fixture(scope="module")
def rendered(context: ReportContext) -> tuple[str, list[logging.LogRecord]]:
    """The PDF's text and WeasyPrint's log records while rendering it."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        return pdf_text(pdf_bytes(prepare_pdf(context))), records
    finally:
        logger.removeHandler(handler)


def test_pdf_lists_every_finding(context: ReportContext, rendered: tuple[str, list[logging.LogRecord]]) -> None:
    """The PDF has an 'All findings' section with every finding's rank and requirement, and no warning."""
    text, records = rendered
    findings = context.assessment.findings
    assert len(findings) > 5  # more than the summary's top five, so the list is what shows them
    assert f"All findings ({len(findings)})" in text
    section = re.sub(r"\s+", " ", text.split(f"All findings ({len(findings)})", 1)[1].split("Evidence index", 1)[0])
    assert [f.requirement for f in findings if f.requirement and f.requirement not in section] == []
    assert all(f.title[:20] in section for f in findings if f.requirement is None)
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []


def test_pdf_shows_results_per_model_and_the_headline(
    context: ReportContext, rendered: tuple[str, list[logging.LogRecord]]
) -> None:
    """The summary states the unverified headline and a row per model with its level."""
    flat = re.sub(r"\s+", " ", rendered[0])
    assert "Results per model" in flat
    assert "Unverified self-assessment: level 0 (Initial)" in flat
    assert "2 (Established)" in flat and "0 (Initial)" in flat
    assert "Harbour-3" in flat and "Harbour-" in flat
    assert "Evidence rules" in flat and "No evidence, no credit." in flat  # the methodology states the 1.1.0 rules


def test_xlsx_has_models_sheet_and_finding_causes(context: ReportContext) -> None:
    """The workbook has a Models sheet (one row per model) and severity, cause and figure on every finding."""
    wb = load_workbook(io.BytesIO(workbook_bytes(context)))
    rows = list(wb["Models"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Harbour-3", "Harbour-Lite-1B"] and [r[2] for r in rows[1:]] == [2, 0]
    findings = list(wb["Findings"].iter_rows(values_only=True))
    header = findings[0]
    assert {"Severity", "Cause", "Figure", "Models"} <= set(header)
    assert len(findings) - 1 == len(context.assessment.findings)
    severity = header.index("Severity")
    assert all(row[severity] for row in findings[1:])
    requirements = list(wb["Requirements"].iter_rows(values_only=True))
    ac01 = dict(zip(requirements[0], next(r for r in requirements if r[1] == "DCRS-AC-01"), strict=True))
    assert (ac01["Harbour-3"], ac01["Harbour-Lite-1B"]) == ("Largely", "Not implemented")
    assert ac01["Evidence basis"] == "Operational evidence"

"""Report bytes for downloads, built on demand from the same assessment the page shows."""

from __future__ import annotations

import assessor
from assessor.app import state
from assessor.app.drafts import Draft
from assessor.dcrs.models import Standard


def report_result(draft: Draft) -> assessor.Result:
    """The open draft's assessment with the standard and submission it was made from."""
    checked = state.checked(draft)
    result = state.assessment(draft)
    if checked.submission is None or result is None:
        raise ValueError("the draft is not valid")
    return assessor.Result(state.standard(), checked.submission, result)


def pdf_report(draft: Draft) -> bytes:
    """The PDF/A-3 report (WeasyPrint is imported only when someone asks for a PDF)."""
    return assessor.pdf_bytes(report_result(draft))


def xlsx_report(draft: Draft) -> bytes:
    """The report workbook."""
    return assessor.xlsx_bytes(report_result(draft))


def oscal_catalog_report(standard: Standard) -> str:
    """The standard in use as an OSCAL catalog."""
    return assessor.oscal_json(assessor.oscal_catalog(standard))


def oscal_results_report(result: assessor.Result) -> str:
    """The assessment as OSCAL assessment results."""
    return assessor.oscal_json(assessor.oscal_assessment_results(result))

"""Report bytes for downloads, built on demand from the same assessment the page shows."""

from __future__ import annotations

from assessor.app import state
from assessor.app.drafts import Draft
from assessor.reports.context import ReportContext, build_context


def _context(draft: Draft) -> ReportContext:
    checked = state.checked(draft)
    result = state.assessment(draft)
    if checked.submission is None or result is None:
        raise ValueError("the draft is not valid")
    return build_context(state.standard(), checked.submission, result)


def pdf_report(draft: Draft) -> bytes:
    """The PDF/A-3 report (WeasyPrint is imported only when someone asks for a PDF)."""
    from assessor.reports.pdf import pdf_bytes, prepare_pdf

    return pdf_bytes(prepare_pdf(_context(draft)))


def xlsx_report(draft: Draft) -> bytes:
    """The report workbook."""
    from assessor.reports.xlsx import workbook_bytes

    return workbook_bytes(_context(draft))

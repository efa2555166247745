"""Report bytes for downloads, built on demand from the same assessment the page shows."""

from __future__ import annotations

import assessor
from assessor.app import state
from assessor.app.drafts import Draft


def _result(draft: Draft) -> assessor.Result:
    checked = state.checked(draft)
    result = state.assessment(draft)
    if checked.submission is None or result is None:
        raise ValueError("the draft is not valid")
    return assessor.Result(state.standard(), checked.submission, result)


def pdf_report(draft: Draft) -> bytes:
    """The PDF/A-3 report (WeasyPrint is imported only when someone asks for a PDF)."""
    return assessor.pdf_bytes(_result(draft))


def xlsx_report(draft: Draft) -> bytes:
    """The report workbook."""
    return assessor.xlsx_bytes(_result(draft))

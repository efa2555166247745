"""Every PDF parse is bounded: nesting and object count are measured before pyHanko parses (verify and app)."""

from __future__ import annotations

import pytest

import assessor
from assessor.core import limits
from assessor.trust.pdf_bounds import pdf_cost_problem
from tests.hostile import deep_pdf


@pytest.mark.parametrize("levels", [limits.PDF_DEPTH + 1, 100_000])
def test_deep_pdf_upload_is_refused_not_a_crash(levels: int) -> None:
    """The app's report check (verify_data) of a PDF nested past the limit says so instead of recursing."""
    found = assessor.verify_data(deep_pdf(levels), name="report.pdf")
    assert found.status == "tampered"
    assert any(not c.ok and f"more than {limits.PDF_DEPTH} deep" in c.detail for c in found.checks)


def test_depth_within_the_limit_is_parsed() -> None:
    """Nesting up to the limit is left to the parser (it fails on content, not on depth)."""
    assert pdf_cost_problem(deep_pdf(limits.PDF_DEPTH - 3)) is None


def test_brackets_inside_strings_and_streams_do_not_count() -> None:
    """Literal strings and stream data are skipped: brackets in them are not nesting."""
    data = b"1 0 obj\n(" + b"[" * 500 + b")\nendobj\n2 0 obj\n<< /Length 500 >>\nstream\n" + b"<<" * 500
    assert pdf_cost_problem(data + b"\nendstream\nendobj\n") is None


def test_too_many_objects_are_refused() -> None:
    """More indirect objects than the limit are refused before parsing."""
    data = b"".join(b"%d 0 obj\nnull\nendobj\n" % n for n in range(limits.PDF_OBJECTS + 1))
    assert pdf_cost_problem(data) == f"it holds more than {limits.PDF_OBJECTS:,} objects"

"""Reading reports back: a PDF's text, and LibreOffice for spreadsheets."""

from __future__ import annotations

import io
import os
import shutil

import pytest
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """All text of a PDF."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def soffice() -> str:
    """LibreOffice's binary; required in CI, skipped on a developer machine without it."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing; .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice is not installed")
    return found

"""`dcr standard render`: the readable standard for consultation, and its redline against an earlier version."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import assessor
from assessor.render.redline import redline
from tests.conftest import CliResult


def test_every_requirement_is_rendered() -> None:
    """The latest version's document lists every requirement once, with no change marked."""
    doc = assessor.standard_document()
    standard = assessor.load_standard()
    ids = [r.id for d in doc.domains for r in d.requirements]
    assert ids == [r.id for d in standard.domains for r in d.requirements] and len(ids) > 40
    assert all(r.mark is None for d in doc.domains for r in d.requirements) and doc.against is None


def test_a_version_against_itself_marks_nothing() -> None:
    """Compared with itself, no requirement is marked and nothing is withdrawn."""
    doc = assessor.standard_document("1.2.0", against="1.2.0")
    assert doc.counts == {} and doc.withdrawn == []


def test_the_redline_marks_what_the_map_types() -> None:
    """1.1.0 against 1.0.0: the rollback threshold's requirement is changed (threshold) with its words redlined;
    every mark agrees with the typed diff."""
    doc = assessor.standard_document("1.1.0", against="1.0.0")
    marked = {r.id: r for d in doc.domains for r in d.requirements if r.mark}
    rollback = marked["DCRS-TK-05"]
    assert "threshold" in rollback.changes and "<del>60</del> <ins>30</ins>" in "".join(rollback.metrics)
    changed = {t for c in assessor.diff_standards("1.0.0", "1.1.0").requirements for t in c.targets}
    assert set(marked) <= changed and marked


def test_redline_escapes_and_marks_words() -> None:
    """Removed words are struck, added words inserted, and markup in either text is escaped."""
    html = str(redline("act within 60 minutes <b>", "act within 30 minutes <b>"))
    assert html == "act within <del>60</del> <ins>30</ins> minutes &lt;b&gt;"


@pytest.mark.pdf
def test_cli_writes_html_and_pdf(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """The command writes a self-contained HTML file and a PDF whose text carries the redline's legend; WeasyPrint
    logs no warning."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        result = dcr("standard", "render", "1.1.0", "--against", "1.0.0", "--html", tmp_path / "s.html",
                     "--pdf", tmp_path / "s.pdf")  # fmt: skip
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    assert result.code == 0, result.err
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []
    html = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert "<style>" in html and "<ins>" in html and 'href="' not in html
    text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True, check=True)
    assert "Redline against DCRS 1.0.0" in text.stdout
    assert dcr("standard", "render").code == 2

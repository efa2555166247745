"""`dcr compare --pdf`: the comparison as a PDF/A document a regulator can read: the assessments, the domain
changes, the requirements that moved and why, and the migration notice across versions."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

import assessor
from tests.conftest import MATURE_1_2, ROOT, CliResult, checked_pdf_text

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

DEVELOPING = {v: ROOT / "examples" / v / "developing-lab.yaml" for v in ("1.1.0", "1.2.0")}


@pytest.fixture(scope="module")
def across() -> assessor.Comparison:
    """The developing lab under DCRS 1.1.0 and under 1.2.0."""
    return assessor.compare([DEVELOPING["1.1.0"], DEVELOPING["1.2.0"]])


def written(tmp_path: Path, comparison: assessor.Comparison) -> str:
    """Write the comparison's PDF and return its checked text."""
    path = tmp_path / "comparison.pdf"
    path.write_bytes(assessor.comparison_pdf(comparison))
    return checked_pdf_text(path)


def test_a_cross_version_pdf_shows_sides_domains_and_the_migration_notice(
    across: assessor.Comparison, tmp_path: Path, weasyprint_warnings: Callable[[], list[str]]
) -> None:
    """Across versions the PDF is valid, names the organisation, versions and scores, gives each domain's change,
    says requirements were matched through the migration map, and WeasyPrint logs no warning."""
    step = across.steps[0]
    text = written(tmp_path, across)
    assert weasyprint_warnings() == []
    assert step.before.organisation in text and "DCRS 1.1.0" in text and "DCRS 1.2.0" in text
    assert f"{step.before.score:.1f}" in text and f"{step.after.score:.1f}" in text
    assert "Different versions of the standard." in text and "through the migration map" in text
    moved = [d for d in step.domains if d.direction is not None]
    assert moved, "the two versions should move some domain"
    for d in moved:
        assert d.score_before is not None and d.score_after is not None
        assert f"{d.domain} · {d.title}" in text and f"{round(d.score_after - d.score_before, 2):+.1f}" in text
    for r in step.requirements:
        assert r.requirement in text
    assert f"Regressed ({sum(r.direction == 'regressed' for r in step.requirements)})" in text


def test_the_pdf_embeds_the_comparison_as_json(across: assessor.Comparison) -> None:
    """The PDF carries the comparison's JSON, so the document is also data."""
    attachments = PdfReader(io.BytesIO(assessor.comparison_pdf(across))).attachments
    assert list(attachments) == ["comparison.json"]
    assert assessor.Comparison.model_validate_json(attachments["comparison.json"][0]) == across


def test_an_assessment_against_itself_says_no_change(tmp_path: Path) -> None:
    """Comparing an assessment with itself says no change, lists no moved requirement and shows no migration
    notice."""
    text = written(tmp_path, assessor.compare([MATURE_1_2, MATURE_1_2]))
    assert "No change." in text and "Different versions" not in text
    assert all(f"{word} (" not in text for word in ("Regressed", "Improved", "New", "Removed"))


def test_cli_refuses_an_existing_pdf_without_force(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """An existing --pdf file is refused with a usage error naming the option and left as it was; --force
    replaces it with the PDF."""
    out = tmp_path / "c.pdf"
    out.write_text("keep me", encoding="utf-8")
    refused = dcr("compare", MATURE_1_2, MATURE_1_2, "--pdf", out)
    assert refused.code == 2 and "--pdf" in refused.err and "--force" in refused.err
    assert out.read_text(encoding="utf-8") == "keep me"
    done = dcr("compare", MATURE_1_2, MATURE_1_2, "--pdf", out, "--force")
    assert done.code == 0, done.err
    assert out.read_bytes().startswith(b"%PDF-") and f"Wrote {out}" in done.err


def test_the_pdf_is_reproducible(across: assessor.Comparison) -> None:
    """Rendering the same comparison twice gives the same bytes: its dates come from the assessments."""
    first = assessor.comparison_pdf(across)
    time.sleep(1.1)  # PDF dates have a resolution of one second
    assert assessor.comparison_pdf(across) == first


def test_labels_are_shown_as_text_not_markup(tmp_path: Path) -> None:
    """A label holding markup is printed as written, never interpreted as HTML."""
    mature = assessor.assess(MATURE_1_2).assessment
    label = "<b>Q4</b> & <i>review</i>"
    text = written(tmp_path, assessor.compare_assessments([(label, mature), ("later", mature)]))
    assert label in text

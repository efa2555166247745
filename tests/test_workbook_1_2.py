"""The evidence workbook under DCRS 1.2.0 and later: it carries every field 1.2.0 added (an item's performed date,
model scope, issuer, standing control and secondary flag; a reading's bounds and models; a model's version and
release date), so a submission round-trips through it unchanged; before 1.2.0 those columns are not written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

import assessor
from assessor.intake.workbook_layout import COLUMNS_BEFORE_1_2, EVIDENCE, EVIDENCE_COLUMNS
from tests.conftest import MATURE_1_2, ROOT

LATER = sorted((ROOT / "examples").glob("1.[23].0/*.yaml"))


def test_a_1_2_0_workbook_reads_back_valid(tmp_path: Path) -> None:
    """A workbook prefilled from a 1.2.0 submission reads back as a valid 1.2.0 submission, with no error."""
    submission = assessor.load_submission(MATURE_1_2)
    assert any(e.issuer for e in submission.evidence)  # guard: the source has the 1.2.0 fields
    path = tmp_path / "evidence.xlsx"
    path.write_bytes(assessor.evidence_workbook(assessor.load_standard(version="1.2.0"), prefill=submission))
    checked = assessor.validate(path)
    assert checked.errors == [] and checked.submission is not None
    assert checked.submission.standard.version == "1.2.0"
    assert len(checked.submission.evidence) == len(submission.evidence)


def test_an_unanswered_requirement_is_located_at_its_row(tmp_path: Path) -> None:
    """A requirement the workbook lists but leaves blank is warned about at its Status cell, in words."""
    submission = assessor.load_submission(MATURE_1_2)
    dropped = submission.responses[3].requirement
    kept = submission.model_copy(update={"responses": [r for r in submission.responses if r.requirement != dropped]})
    path = tmp_path / "evidence.xlsx"
    path.write_bytes(assessor.evidence_workbook(assessor.load_standard(version="1.2.0"), prefill=kept))
    (warning,) = [p for p in assessor.validate(path).warnings if p.code == "missing-response"]
    assert str(warning.location) == f"{path} Responses!H5"  # header row 1, then the standard's order
    assert warning.message == f"{dropped} has no response; it counts as not implemented"


@pytest.mark.parametrize("example", LATER, ids=[f"{p.parent.name}/{p.stem}" for p in LATER])
def test_a_submission_round_trips_unchanged(example: Path, tmp_path: Path) -> None:
    """A 1.2.0 or 1.3.0 example prefilled into the workbook reads back as the same submission, with the same score."""
    submission = assessor.load_submission(example)
    version = submission.standard.version
    path = tmp_path / "evidence.xlsx"
    path.write_bytes(assessor.evidence_workbook(assessor.load_standard(version=version), prefill=submission))
    checked = assessor.validate(path)
    assert checked.errors == [] and checked.submission is not None
    assert checked.submission.model_dump(mode="json") == submission.model_dump(mode="json")
    assert assessor.assess(path).assessment.overall == assessor.assess(example).assessment.overall


def test_the_1_2_0_columns_are_checked_and_located(tmp_path: Path) -> None:
    """A secondary flag that is not yes or no, and a model the profile lacks, are reported at their cells; a model
    name with spaces is one name, and 'organisation' is the organisation as a whole."""
    submission = assessor.load_submission(MATURE_1_2)
    path = tmp_path / "evidence.xlsx"
    path.write_bytes(assessor.evidence_workbook(assessor.load_standard(version="1.2.0"), prefill=submission))
    wb = load_workbook(path)
    ws = wb[EVIDENCE]
    titles = [c.title for c in EVIDENCE_COLUMNS]
    secondary, models = titles.index("Secondary source (yes or no)") + 1, titles.index(titles[10]) + 1
    ws.cell(row=2, column=secondary, value="maybe")
    ws.cell(row=3, column=models, value="Meridian-4 Mini, Meridian-9")
    ws.cell(row=4, column=models, value="Organisation")
    wb.save(path)
    checked = assessor.validate(path)
    located = {(p.code, str(p.location).rsplit(" ", 1)[-1]) for p in checked.errors}
    letter = ws.cell(row=2, column=secondary).column_letter
    assert ("bad-value", f"Evidence!{letter}2") in located
    assert any(p.code == "unknown-model" and "Meridian-9" in p.message for p in checked.errors), located


def test_a_workbook_before_1_2_0_has_no_1_2_0_columns(tmp_path: Path) -> None:
    """A 1.0.0 or 1.1.0 workbook's Evidence sheet ends with the columns those versions have."""
    for version in ("1.0.0", "1.1.0"):
        path = tmp_path / f"{version}.xlsx"
        path.write_bytes(assessor.evidence_workbook(assessor.load_standard(version=version)))
        ws = load_workbook(path)[EVIDENCE]
        assert ws.max_column == COLUMNS_BEFORE_1_2["evidence"]

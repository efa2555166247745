"""The evidence workbook under DCRS 1.2.0: it refuses nothing; the 1.2.0-only fields are YAML/JSON-only for now."""

from __future__ import annotations

from pathlib import Path

import assessor
from tests.conftest import MATURE_1_2


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

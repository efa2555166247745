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

"""The evidence workbook carries the 1.1.0 reading fields, and workbooks made before them still read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessor.intake.fingerprint import submission_sha256
from assessor.intake.loader import check_submission, load_submission
from assessor.intake.workbook_layout import EVIDENCE, METRICS
from assessor.intake.workbook_template import workbook_template
from tests.calibration_helpers import FOLDER, V110

CASES = [FOLDER / "04-nothing-to-measure.yaml", FOLDER / "08-hidden-failed-drill.yaml"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_scoped_readings_round_trip(path: Path, tmp_path: Path) -> None:
    """Setting, coverage, surfaces, sample size and nothing-to-measure survive the workbook exactly."""
    original = load_submission(path, V110)
    book = tmp_path / "filled.xlsx"
    book.write_bytes(workbook_template(V110, original))
    again = load_submission(book, V110)
    assert again == original and submission_sha256(again) == submission_sha256(original)
    assert any(m.nothing_to_measure or m.setting for e in again.evidence for m in e.metrics)


def test_item_surfaces_round_trip(tmp_path: Path) -> None:
    """The surfaces an evidence item concerns survive the workbook."""
    original = load_submission(FOLDER / "10-profile-contradiction.yaml", V110)
    tagged = original.model_copy(
        update={"evidence": [original.evidence[0].model_copy(update={"surfaces": ["cloud_partners"]}),
                             *original.evidence[1:]]}
    )  # fmt: skip
    book = tmp_path / "filled.xlsx"
    book.write_bytes(workbook_template(V110, tagged))
    assert load_submission(book, V110).evidence[0].surfaces == ["cloud_partners"]


@pytest.mark.slow
def test_a_workbook_without_the_new_columns_still_reads(tmp_path: Path) -> None:
    """A workbook made before the optional metric columns existed reads back without them."""
    original = load_submission(FOLDER / "08-hidden-failed-drill.yaml", V110)
    wb = load_workbook(io.BytesIO(workbook_template(V110, original)))
    wb[METRICS].delete_cols(5, 5)
    wb[EVIDENCE].delete_cols(9, 1)
    book = tmp_path / "legacy.xlsx"
    wb.save(book)
    checked = check_submission(book, V110)
    assert checked.errors == [] and checked.submission is not None
    readings = [m for e in checked.submission.evidence for m in e.metrics]
    assert readings and all(m.setting is None and m.coverage_percent is None for m in readings)
    assert len(readings) == sum(len(e.metrics) for e in original.evidence)

"""How answers move across hand-made maps on the mini standard: merge, split, withdrawal, new requirements."""

from __future__ import annotations

from typing import Any

import pytest

from assessor.api import load_submission
from assessor.dcrs.migration_models import MigrationMap
from assessor.dcrs.models import Standard
from assessor.intake.migration import REVIEW_MARK, MigratedSubmission, migrate_submission
from assessor.intake.models import Submission
from tests.conftest import DATA

REVIEW = ("changed", "split", "merged", "withdrawn")
IDS = ["TST-XA-01", "TST-XA-02", "TST-XB-01", "TST-XB-02", "TST-XB-03", "TST-XB-04"]


@pytest.fixture(scope="module")
def submission(mini: Standard) -> Submission:
    """The valid mini submission."""
    return load_submission(DATA / "valid-mini-submission.yaml", standard=mini)


def _run(submission: Submission, mini: Standard, special: dict[str, dict[str, Any]]) -> MigratedSubmission:
    """Migrate across a map where every id maps to itself unchanged except `special` (None source = added)."""
    mappings = [
        special.get(i, {"source": i, "targets": [i], "changes": ["unchanged"], "relationship": "equivalent-to"})
        for i in IDS
    ]
    migration = MigrationMap.model_validate({"from_version": "0.9.0", "to_version": "1.0.0", "mappings": mappings})
    return migrate_submission(submission, migration, mini, REVIEW)


def _by_id(result: MigratedSubmission) -> dict[str, Any]:
    return {r.requirement: r for r in result.submission.responses}


def test_a_merge_takes_the_weakest_status_and_every_evidence_id(submission: Submission, mini: Standard) -> None:
    """XB-02 (partially) merged into XB-03 (largely): partially, both narratives, evidence united, for review."""
    merged = {"changes": ["merged"], "relationship": "subset-of"}
    result = _run(
        submission,
        mini,
        {"TST-XB-02": {"source": "TST-XB-02", "targets": ["TST-XB-03"], **merged},
         "TST-XB-03": {"source": "TST-XB-03", "targets": ["TST-XB-03"], **merged}},
    )  # fmt: skip
    answer = _by_id(result)["TST-XB-03"]
    assert answer.status == "partially" and answer.evidence == ["D1"]
    assert answer.narrative.startswith(REVIEW_MARK) and "[TST-XB-02]" in answer.narrative
    assert [m.requirement for m in result.of("review")] == ["TST-XB-03"]


def test_a_split_copies_the_answer_to_each_part_for_review(submission: Submission, mini: Standard) -> None:
    """XA-01 split into XA-01 and XA-02: both carry XA-01's status and evidence, both marked."""
    split = {"source": "TST-XA-01", "targets": ["TST-XA-01", "TST-XA-02"], "changes": ["split"]}
    result = _run(
        submission,
        mini,
        {"TST-XA-01": {**split, "relationship": "superset-of"},
         "TST-XA-02": {"source": "TST-XA-02", "targets": [], "changes": ["withdrawn"],
                       "relationship": "no-relationship"}},
    )  # fmt: skip
    answers = _by_id(result)
    assert answers["TST-XA-01"].evidence == answers["TST-XA-02"].evidence == ["D1"]
    assert {m.requirement for m in result.of("review")} == {"TST-XA-01", "TST-XA-02"}
    assert [m.requirement for m in result.of("dropped")] == ["TST-XA-02"]


def test_a_withdrawal_keeps_the_replacements_own_answer(submission: Submission, mini: Standard) -> None:
    """XB-02 withdrawn for XB-03, which has its own source: XB-03 keeps its answer; XB-02's is dropped."""
    withdrawn = {"source": "TST-XB-02", "targets": ["TST-XB-03"], "changes": ["withdrawn"]}
    result = _run(submission, mini, {"TST-XB-02": {**withdrawn, "relationship": "intersects-with"}})
    answers = _by_id(result)
    assert answers["TST-XB-03"].status == "largely" and not answers["TST-XB-03"].narrative.startswith(REVIEW_MARK)
    assert [m.requirement for m in result.of("dropped")] == ["TST-XB-02"]


def test_a_withdrawal_carries_to_a_replacement_nothing_else_feeds(submission: Submission, mini: Standard) -> None:
    """XB-02 withdrawn for XB-01, new in this map: XB-02's answer moves there, marked for review."""
    result = _run(
        submission,
        mini,
        {"TST-XB-02": {"source": "TST-XB-02", "targets": ["TST-XB-01"], "changes": ["withdrawn"],
                       "relationship": "intersects-with"},
         "TST-XB-01": {"targets": ["TST-XB-01"], "changes": ["added"], "relationship": "no-relationship"}},
    )  # fmt: skip
    answers = _by_id(result)
    assert answers["TST-XB-01"].status == "partially" and answers["TST-XB-01"].narrative.startswith(REVIEW_MARK)
    assert result.of("dropped") == [] and "TST-XB-02" not in answers


def test_new_requirements_stay_unanswered_and_are_listed(submission: Submission, mini: Standard) -> None:
    """An added requirement gets no answer and is listed as unanswered; the rest are carried as they were."""
    result = _run(submission, mini, {"TST-XB-01": {"targets": ["TST-XB-01"], "changes": ["added"],
                                                  "relationship": "no-relationship"}})  # fmt: skip
    assert [m.requirement for m in result.of("unanswered")] == ["TST-XB-01"]
    before = {r.requirement: r for r in submission.responses}
    after = _by_id(result)
    assert len(after) == len(before) - 1 and after == {i: before[i] for i in after}
    assert result.submission.evidence == submission.evidence

"""Properties of migration over generated submissions: forward and back is exact for unflagged answers."""

from __future__ import annotations

from typing import Any

from hypothesis import given

from assessor.dcrs.changes import invert
from assessor.dcrs.library import load_map, load_policy
from assessor.dcrs.loader import load_standard
from assessor.intake.migration import migrate_submission
from assessor.intake.models import Submission
from tests.conftest import ROOT
from tests.property_helpers import SETTINGS, submissions

LIBRARY = ROOT / "standard"
OLD, NEW = load_standard(LIBRARY, "1.0.0"), load_standard(LIBRARY, "1.1.0")
FORWARD = load_map(LIBRARY / "1.1.0")
REVIEW = tuple(load_policy(LIBRARY).review)


@SETTINGS
@given(submissions())
def test_forward_and_back_keeps_unflagged_answers(data: dict[str, Any]) -> None:
    """Any valid 1.0.0 submission migrated to 1.1.0 and back keeps every answer not marked or dropped."""
    assert FORWARD is not None
    original = Submission.model_validate(data)
    forward = migrate_submission(original, FORWARD, NEW, REVIEW)
    back = migrate_submission(forward.submission, invert(FORWARD), OLD, REVIEW)
    flagged = {s for m in forward.moves if m.action in ("review", "dropped") for s in m.sources}
    returned = {r.requirement: r for r in back.submission.responses}
    for response in original.responses:
        if response.requirement not in flagged:
            assert returned[response.requirement] == response
    assert back.submission.evidence == original.evidence and back.submission.profile == original.profile


@SETTINGS
@given(submissions())
def test_every_answer_is_accounted_for(data: dict[str, Any]) -> None:
    """Each 1.0.0 answer is carried, marked for review or dropped, and each 1.1.0 requirement has one move."""
    assert FORWARD is not None
    original = Submission.model_validate(data)
    forward = migrate_submission(original, FORWARD, NEW, REVIEW)
    moved = {s for m in forward.moves if m.action != "unanswered" for s in m.sources}
    assert {r.requirement for r in original.responses} <= moved
    targets = [m.requirement for m in forward.moves if m.action != "dropped"]
    assert sorted(targets) == sorted(r.id for r in NEW.active_requirements())

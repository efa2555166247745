"""The workflow: pure transitions, who may take each step, the frozen hash, requests for information, four eyes."""

from __future__ import annotations

import pytest

from assessor.core.limits import EVIDENCE_FILE_BYTES
from assessor.core.problems import InvalidSubmission
from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.loader import load_submission
from assessor.store import Forbidden, InvalidTransition, Store
from assessor.store.workflow import STATES, STEPS, next_state
from tests.conftest import ROOT
from tests.store.conftest import lab_data


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("step", sorted(STEPS))
def test_every_step_is_allowed_exactly_from_its_states(state: str, step: str) -> None:
    """A step from a state outside its list is refused with the state named; inside, it gives its target."""
    allowed, target = STEPS[step]
    if state in allowed:
        assert next_state(state, step, four_eyes=False) == target
    else:
        with pytest.raises(InvalidTransition, match=state.replace("_", " ")):
            next_state(state, step, four_eyes=False)


def test_four_eyes_needs_approval_before_sign_off() -> None:
    """With four eyes a reviewed submission cannot be signed off until approved; without, it can."""
    with pytest.raises(InvalidTransition, match="four eyes"):
        next_state("reviewed", "sign_off", four_eyes=True)
    assert next_state("reviewed", "sign_off", four_eyes=False) == "signed_off"


def test_submission_is_frozen_with_the_content_hash_of_intake(team: dict[str, Store], standard: Standard) -> None:
    """Submitting stores the content and the same RFC 8785 hash `dcr` computes for the file."""
    draft = team["mia"].create_draft(lab_data(), "lab")
    submission = team["mia"].submit(draft.id, 1)
    expected = submission_sha256(load_submission(ROOT / "examples" / "mature-lab.yaml", standard))
    assert submission["sha256"] == expected and submission["state"] == "submitted"
    with pytest.raises(Forbidden):
        team["mia"].restore("submission", submission.id, 1, based_on=1)


def test_an_invalid_draft_cannot_be_submitted(team: dict[str, Store]) -> None:
    """A draft that is not a valid submission is refused with located problems; nothing is submitted."""
    draft = team["mia"].create_draft({"organisation": {"name": 5}}, "broken")
    with pytest.raises(InvalidSubmission) as refused:
        team["mia"].submit(draft.id, 1)
    assert refused.value.problems and team["admin"].submissions() == []


def test_the_whole_path_with_a_request_for_information(team: dict[str, Store]) -> None:
    """Submit, assign, request, answer, review, complete, approve, sign off: each step an event, the answer kept
    with the review, and the lab reads the review once signed off."""
    draft = team["mia"].create_draft(lab_data(), "lab")
    sid = team["mia"].submit(draft.id, 1).id
    sub = team["admin"].assign(sid, "rita", 1)
    request = team["rita"].raise_request(sid, "Send the drill log.", sub.version)
    assert team["mia"].submission(sid)["state"] == "information_requested"
    team["mia"].answer_request(request.id, "Attached as EV-040.", request.version)
    assert [(r["question"], r["answer"]) for r in team["rita"].requests(sid)] == [
        ("Send the drill log.", "Attached as EV-040.")
    ]
    sub = team["rita"].submission(sid)
    review = team["rita"].review(sid)
    team["rita"].save_review(sid, {"sign_off": None}, review.version)
    sub = team["rita"].complete_review(sid, sub.version)
    sub = team["abe"].approve(sid, sub.version)
    sub = team["rita"].sign_off(sid, sub.version)
    actions = [e["action"] for e in team["admin"].history("submission", sid)]
    assert actions == ["submit", "assign", "request", "answered", "complete", "approve", "sign_off"]
    assert team["mia"].review(sid)["data"] == {"sign_off": None} and sub["state"] == "signed_off"


def test_invalid_steps_and_actors_are_refused(team: dict[str, Store]) -> None:
    """Sign-off before review, approval by the reviewer itself, a review step by another reviewer and editing a
    signed-off review are all refused with a clear error."""
    draft = team["mia"].create_draft(lab_data(), "lab")
    sid = team["mia"].submit(draft.id, 1).id
    with pytest.raises(InvalidTransition, match="submitted"):
        team["admin"].sign_off(sid, 1)
    sub = team["admin"].assign(sid, "rita", 1)
    with pytest.raises(Forbidden):
        team["mia"].complete_review(sid, sub.version)
    sub = team["rita"].complete_review(sid, sub.version)
    with pytest.raises(InvalidTransition, match="four eyes"):
        team["rita"].sign_off(sid, sub.version)
    team["admin"].set_roles("rita", ["reviewer", "approver"])
    with pytest.raises(Forbidden, match="four eyes"):
        team["admin"].as_identity(team["admin"].identity_for("rita")).approve(sid, sub.version)


def test_evidence_upload_is_content_addressed_limited_and_linked(team: dict[str, Store]) -> None:
    """An upload sets the register item's sha256; the same bytes twice are stored once; a file over the limit
    is refused as too large."""
    draft = team["mia"].create_draft(lab_data(), "lab")
    first, second = (item["id"] for item in draft["data"]["evidence"][:2])
    one = team["mia"].add_evidence(draft.id, 1, first, "a.pdf", b"same bytes")
    two = team["mia"].add_evidence(draft.id, one.version, second, "b.pdf", b"same bytes")
    hashes = [item.get("sha256") for item in two["data"]["evidence"][:2]]
    assert hashes[0] == hashes[1] and len(hashes[0]) == 64
    uploads = [e for e in team["admin"].history("draft", draft.id) if e["action"] == "evidence"]
    assert len(uploads) == 2
    with pytest.raises(InvalidSubmission, match="1 problem"):
        team["mia"].add_evidence(draft.id, two.version, first, "big.bin", b"x" * (EVIDENCE_FILE_BYTES + 1))

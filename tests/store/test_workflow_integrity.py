"""What the workflow pins down: the review freezes once complete and its approval records which review it
approved; approvers are independent of the review and of the submitting lab; answers and results belong to the
review stage; the caller's right is checked before a name is looked up."""

from __future__ import annotations

import pytest

from assessor.core.canonical import canonical_bytes, sha256_hex
from assessor.store import Forbidden, InvalidTransition, NotFound, StaleRecord, Store
from tests.store.conftest import as_user
from tests.store.steps import reviewed, signed_off, submitted, under_review


def test_the_review_is_frozen_once_complete(team: dict[str, Store]) -> None:
    """After `complete` the reviewer cannot change the review the approver is about to read."""
    sid = reviewed(team, {"verdict": "fail"})
    with pytest.raises(InvalidTransition, match="reviewed"):
        team["rita"].save_review(sid, {"verdict": "pass"}, team["rita"].review(sid).version)
    assert team["admin"].review(sid)["data"] == {"verdict": "fail"}


def test_the_approval_pins_the_review_it_approves(team: dict[str, Store]) -> None:
    """The `approve` event names the review's id, version and the sha256 of its RFC 8785 data."""
    sid = reviewed(team, {"verdict": "fail"})
    team["abe"].approve(sid, team["abe"].submission(sid).version)
    review = team["admin"].review(sid)
    (approval,) = [e for e in team["admin"].history("submission", sid) if e["action"] == "approve"]
    (pin,) = [c["new"] for c in approval["changes"] if c["field"] == "approved_review"]
    assert pin == {"id": review.id, "version": review.version, "sha256": sha256_hex(canonical_bytes(review["data"]))}


def test_a_reviewer_does_not_hand_its_own_review_to_a_colleague(team: dict[str, Store]) -> None:
    """An assigned reviewer who is also an approver cannot re-assign the submission while it is its reviewer."""
    team["admin"].set_roles("rita", ["approver", "reviewer"])
    rita = as_user(team["admin"], "rita")
    sid = under_review(team)
    with pytest.raises(Forbidden, match="assigned reviewer"):
        rita.assign(sid, "ray", rita.submission(sid).version)


def test_whoever_wrote_the_review_never_approves_it(team: dict[str, Store]) -> None:
    """Re-assigned to ray after saving the review, rita (also an approver) still may not approve it."""
    team["admin"].set_roles("rita", ["approver", "reviewer"])
    rita = as_user(team["admin"], "rita")
    sid = under_review(team)
    rita.save_review(sid, {"verdict": "pass"}, rita.review(sid).version)
    sub = team["admin"].assign(sid, "ray", team["admin"].submission(sid).version)
    sub = team["ray"].complete_review(sid, sub.version)
    with pytest.raises(Forbidden, match="four eyes"):
        rita.approve(sid, sub.version)


def test_a_reviewer_once_assigned_never_approves(team: dict[str, Store]) -> None:
    """Assignment alone is enough: a reviewer re-assigned away, having saved nothing, may not approve."""
    team["admin"].set_roles("rita", ["approver", "reviewer"])
    sid = under_review(team)
    sub = team["admin"].assign(sid, "ray", team["admin"].submission(sid).version)
    sub = team["ray"].complete_review(sid, sub.version)
    with pytest.raises(Forbidden, match="four eyes"):
        as_user(team["admin"], "rita").approve(sid, sub.version)


def test_a_member_of_the_submitting_lab_is_not_assigned_as_its_reviewer(team: dict[str, Store]) -> None:
    """A user of the submitting organisation who holds the reviewer role cannot be assigned to review it."""
    team["admin"].add_user("moe", ["member", "reviewer"], "Meridian AI")
    sid = submitted(team)
    with pytest.raises(Forbidden, match="submitting organisation"):
        team["admin"].assign(sid, "moe", 1)


@pytest.mark.parametrize("roles", [["approver", "member"], ["administrator", "member"]])
def test_a_member_of_the_submitting_lab_does_not_approve(team: dict[str, Store], roles: list[str]) -> None:
    """An approver, or an administrator, of the submitting organisation may not approve its review."""
    team["admin"].add_user("pam", roles, "Meridian AI")
    pam = as_user(team["admin"], "pam")
    sid = reviewed(team)
    with pytest.raises(Forbidden, match="submitting organisation"):
        pam.approve(sid, pam.submission(sid).version)


def test_an_answer_is_given_once(team: dict[str, Store]) -> None:
    """The lab answers a request once; a second answer is refused, under review and after sign-off alike."""
    sid = under_review(team)
    request = team["rita"].raise_request(sid, "Send the drill log.", team["rita"].submission(sid).version)
    answered = team["mia"].answer_request(request.id, "We have no drill log.", request.version)
    with pytest.raises(InvalidTransition, match="answered already"):
        team["mia"].answer_request(request.id, "Attached as EV-040.", answered.version)
    team["rita"].complete_review(sid, team["rita"].submission(sid).version)
    team["abe"].approve(sid, team["abe"].submission(sid).version)
    team["rita"].sign_off(sid, team["rita"].submission(sid).version)
    with pytest.raises(InvalidTransition):
        team["mia"].answer_request(request.id, "Attached as EV-040.", answered.version)
    assert team["admin"].requests(sid)[0]["answer"] == "We have no drill log."


def test_results_are_recorded_only_under_review(team: dict[str, Store]) -> None:
    """The assigned reviewer records results while under review; after completion and sign-off they are refused
    and the lab sees none."""
    sid = under_review(team)
    assert team["rita"].add_result(sid, {"overall": 71})["sha256"]
    team["rita"].complete_review(sid, team["rita"].submission(sid).version)
    with pytest.raises(InvalidTransition):
        team["rita"].add_result(sid, {"overall": "changed after completion"})
    other = signed_off(team)
    with pytest.raises(InvalidTransition):
        team["rita"].add_result(other, {"overall": "made up after sign-off"})
    assert team["mia"].results(other) == []


def test_assign_checks_the_caller_before_the_name(team: dict[str, Store]) -> None:
    """A caller who may not assign learns nothing about user names: an unknown and a known name are refused
    alike."""
    sid = submitted(team)
    for name in ("nobody", "rita"):
        with pytest.raises(Forbidden):
            team["mia"].assign(sid, name, 1)
    with pytest.raises(NotFound):
        team["admin"].assign(sid, "nobody", 1)


def test_setting_roles_on_a_stale_version_is_refused(team: dict[str, Store]) -> None:
    """Roles replaced on top of the version the administrator saw; a change since then is not overwritten."""
    seen = next(u for u in team["admin"].users() if u["name"] == "ray")
    team["admin"].set_roles("ray", ["reviewer", "approver"], based_on=seen.version)
    with pytest.raises(StaleRecord):
        team["admin"].set_roles("ray", ["reviewer"], based_on=seen.version)
    assert as_user(team["admin"], "ray").identity.roles == {"reviewer", "approver"}

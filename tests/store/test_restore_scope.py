"""Restoring an earlier version is allowed only where editing is: drafts by their lab, reviews by the assigned
reviewer until the review is complete, users and organisations by administrators; nothing else, ever."""

from __future__ import annotations

import pytest

from assessor.store import Forbidden, InvalidTransition, Store
from tests.store.steps import reviewed, signed_off, under_review

REFUSED = (Forbidden, InvalidTransition)


def test_the_lab_cannot_restore_its_signed_off_review(team: dict[str, Store]) -> None:
    """The lab reads its review once signed off, but cannot put it back to an earlier version."""
    sid = signed_off(team, {"verdict": "fail"})
    review = team["mia"].review(sid)
    with pytest.raises(REFUSED):
        team["mia"].restore("review", review.id, 1, based_on=review.version)
    assert team["admin"].review(sid)["data"] == {"verdict": "fail"}


def test_the_reviewer_restores_its_review_only_until_it_is_complete(team: dict[str, Store]) -> None:
    """Under review the assigned reviewer brings back an earlier version; once the strict review is complete and
    approved, the lenient version saved before it cannot be brought back."""
    sid = under_review(team)
    lenient = team["rita"].save_review(sid, {"verdict": "pass"}, team["rita"].review(sid).version)
    strict = team["rita"].save_review(sid, {"verdict": "fail"}, lenient.version)
    back = team["rita"].restore("review", strict.id, lenient.version, based_on=strict.version)
    strict = team["rita"].restore("review", strict.id, strict.version, based_on=back.version)
    sub = team["rita"].complete_review(sid, team["rita"].submission(sid).version)
    team["abe"].approve(sid, sub.version)
    with pytest.raises(InvalidTransition):
        team["rita"].restore("review", strict.id, lenient.version, based_on=strict.version)
    assert team["admin"].review(sid)["data"] == {"verdict": "fail"}


def test_an_approver_cannot_restore_the_review_it_approves(team: dict[str, Store]) -> None:
    """An approver sees the review awaiting approval but may not rewrite it."""
    sid = reviewed(team, {"verdict": "fail"})
    review = team["abe"].review(sid)
    with pytest.raises(Forbidden):
        team["abe"].restore("review", review.id, 1, based_on=review.version)
    assert team["admin"].review(sid)["data"] == {"verdict": "fail"}


@pytest.mark.parametrize("who", ["rita", "mia", "admin"])
def test_nobody_restores_a_request_for_information(team: dict[str, Store], who: str) -> None:
    """The reviewer's question and the lab's answer change only by answering: no one, not even an
    administrator, restores a request (which would erase the lab's answer)."""
    sid = under_review(team)
    request = team["rita"].raise_request(sid, "Send the drill log.", team["rita"].submission(sid).version)
    answered = team["mia"].answer_request(request.id, "Attached as EV-040.", request.version)
    with pytest.raises(Forbidden):
        team[who].restore("request", request.id, 1, based_on=answered.version)
    assert team["admin"].requests(sid)[0]["answer"] == "Attached as EV-040."

"""Every query is scoped by identity in the store: a crafted id never reaches another organisation's data."""

from __future__ import annotations

import pytest

from assessor.store import Forbidden, NotFound, Store
from assessor.store.identity import LOCAL_ADMIN
from tests.store.conftest import lab_data


def _submitted(team: dict[str, Store], lab: str = "mia") -> str:
    draft = team[lab].create_draft(lab_data(), f"{lab}'s lab")
    return team[lab].submit(draft.id, draft.version).id


def test_lab_members_see_only_their_organisations_drafts(team: dict[str, Store]) -> None:
    """Each member lists only its own lab's drafts; the administrator lists both."""
    mine, theirs = team["mia"].create_draft({"x": 1}, "mine"), team["kai"].create_draft({"x": 2}, "theirs")
    assert [d.id for d in team["mia"].drafts()] == [mine.id]
    assert [d.id for d in team["kai"].drafts()] == [theirs.id]
    assert {d.id for d in team["admin"].drafts()} == {mine.id, theirs.id}


def test_a_crafted_draft_id_never_reaches_another_organisation(team: dict[str, Store]) -> None:
    """Reading, saving, restoring, deleting, submitting or viewing the history of another lab's draft by its id
    is not found, exactly like an unknown id, and changes nothing."""
    theirs = team["kai"].create_draft({"secret": 1}, "theirs")
    mia = team["mia"]
    attempts = [
        lambda: mia.draft(theirs.id), lambda: mia.save_draft(theirs.id, 1, data={}),
        lambda: mia.history("draft", theirs.id), lambda: mia.restore("draft", theirs.id, 1, based_on=1),
        lambda: mia.delete_draft(theirs.id, 1), lambda: mia.submit(theirs.id, 1),
        lambda: mia.add_evidence(theirs.id, 1, "EV-001", "f.pdf", b"x"), lambda: mia.draft("' OR 1=1 --"),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()
    assert team["kai"].draft(theirs.id).version == 1


def test_reviewers_see_only_assigned_submissions_and_no_drafts(team: dict[str, Store]) -> None:
    """A reviewer sees the submission assigned to it and nothing else, and no lab's drafts."""
    first, second = _submitted(team, "mia"), _submitted(team, "kai")
    team["admin"].assign(first, "rita", 1)
    team["admin"].assign(second, "ray", 1)
    assert [s.id for s in team["rita"].submissions()] == [first]
    assert team["rita"].drafts() == []
    with pytest.raises(NotFound):
        team["rita"].submission(second)
    with pytest.raises(NotFound):
        team["rita"].review(second)


def test_reviewer_edits_reviews_only(team: dict[str, Store]) -> None:
    """The assigned reviewer saves the review but cannot create or change a lab's draft or the submission."""
    submission = _submitted(team)
    team["admin"].assign(submission, "rita", 1)
    review = team["rita"].review(submission)
    assert team["rita"].save_review(submission, {"verdicts": []}, review.version).version == 2
    with pytest.raises(Forbidden):
        team["rita"].create_draft({}, "not mine")
    with pytest.raises(Forbidden):
        team["rita"].restore("submission", submission, 1, based_on=2)


def test_lab_cannot_read_the_review_before_sign_off(team: dict[str, Store]) -> None:
    """The lab sees its submission's state and requests, but its review only once signed off."""
    submission = _submitted(team)
    team["admin"].assign(submission, "rita", 1)
    with pytest.raises(NotFound):
        team["mia"].review(submission)
    with pytest.raises(NotFound):
        team["kai"].submission(submission)
    assert team["mia"].submission(submission)["state"] == "under_review"


def test_users_and_organisations_are_scoped(team: dict[str, Store]) -> None:
    """A member sees only itself and its organisation, and cannot add users."""
    assert [u["name"] for u in team["mia"].users()] == ["mia"]
    assert [o["name"] for o in team["mia"].organisations()] == ["Meridian AI"]
    with pytest.raises(Forbidden):
        team["mia"].add_user("eve", ["administrator"])


def test_evidence_files_are_read_only_within_scope(team: dict[str, Store]) -> None:
    """A lab's uploaded file is readable by its members, its assigned reviewer and the administrator; another lab
    asking for the same sha256 gets nothing."""
    draft = team["mia"].create_draft(lab_data(), "with file")
    item = draft["data"]["evidence"][0]["id"]
    saved = team["mia"].add_evidence(draft.id, 1, item, "drill.pdf", b"%PDF-1.7 drill log")
    digest = saved["data"]["evidence"][0]["sha256"]
    submission = team["mia"].submit(draft.id, saved.version)
    team["admin"].assign(submission.id, "rita", 1)
    assert team["mia"].evidence_file(digest) == ("drill.pdf", b"%PDF-1.7 drill log")
    assert team["rita"].evidence_file(digest)[1] == b"%PDF-1.7 drill log"
    for outsider in ("kai", "ray"):
        with pytest.raises(NotFound):
            team[outsider].evidence_file(digest)
    listed = {name: team[name].stored_evidence([digest, "0" * 64]) for name in ("mia", "rita", "kai", "ray")}
    assert listed == {"mia": {digest: ("drill.pdf", 18)}, "rita": {digest: ("drill.pdf", 18)}, "kai": {}, "ray": {}}


def test_single_user_mode_is_the_local_administrator(store: Store) -> None:
    """Without sign-in the store is the implicit local administrator and sees everything it creates."""
    assert store.identity == LOCAL_ADMIN
    draft = store.create_draft({}, "solo")
    assert store.drafts()[0].id == draft.id

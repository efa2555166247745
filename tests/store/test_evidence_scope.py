"""Evidence files for staff: a reviewer or approver reads the files the submissions in its scope cite, and no
other file of those labs (a draft never submitted stays the lab's own)."""

from __future__ import annotations

import pytest

from assessor.store import NotFound, Store
from tests.store.conftest import lab_data


def _attached(store: Store, title: str) -> tuple[str, str]:
    """A draft of mia's lab with a file attached to its first evidence item: the draft's id and the file's sha256."""
    draft = store.create_draft(lab_data(), title)
    item = draft["data"]["evidence"][0]["id"]
    saved = store.add_evidence(draft.id, 1, item, f"{title}.pdf", f"the bytes of {title}".encode())
    return draft.id, str(saved["data"]["evidence"][0]["sha256"])


def test_a_reviewer_reads_only_what_its_submission_cites(team: dict[str, Store]) -> None:
    """Assigned one submission, rita reads the file it cites and not a file of the lab's unsubmitted draft."""
    _, private = _attached(team["mia"], "board-minutes")
    cited_draft, cited = _attached(team["mia"], "drill-report")
    sid = team["mia"].submit(cited_draft, team["mia"].draft(cited_draft).version).id
    team["admin"].assign(sid, "rita", 1)
    assert team["rita"].evidence_file(cited)[1] == b"the bytes of drill-report"
    with pytest.raises(NotFound):
        team["rita"].evidence_file(private)
    assert set(team["rita"].stored_evidence([private, cited])) == {cited}
    assert set(team["mia"].stored_evidence([private, cited])) == {private, cited}


def test_an_approver_reads_no_file_of_unrelated_work(team: dict[str, Store]) -> None:
    """An approver with a submission awaiting approval reads its cited file, not the lab's other files."""
    _, private = _attached(team["mia"], "board-minutes")
    cited_draft, cited = _attached(team["mia"], "drill-report")
    sid = team["mia"].submit(cited_draft, team["mia"].draft(cited_draft).version).id
    sub = team["admin"].assign(sid, "rita", 1)
    team["rita"].complete_review(sid, sub.version)
    assert team["abe"].evidence_file(cited)[1] == b"the bytes of drill-report"
    with pytest.raises(NotFound):
        team["abe"].evidence_file(private)

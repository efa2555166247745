"""The workflow in the app (AppTest, one session per person): a lab member submits, an approver assigns a
reviewer, the reviewer asks, the lab answers, a second reviewer approves, the reviewer signs off; each sees
only what the store lets it see."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import assessor
from assessor.app import session
from tests.app_helpers import upload, workspace
from tests.conftest import EXAMPLES, MATURE
from tests.workflow_helpers import as_admin, as_user, click, people

__all__ = ["workspace"]  # the fixture, imported so pytest finds it here


@pytest.mark.slow
def test_submit_request_answer_approve_sign_off(workspace: Path) -> None:
    """Every step through the page is a store transition; the lab sees the review only after sign-off."""
    people()
    mia = as_user("mia@northwind.example")
    upload(mia, EXAMPLES[0]).switch_page("views/workflow.py").run()
    click(mia, "Submit for review")
    alex = as_user("alex@regulator.example")
    assert not [s for s in alex.selectbox if s.key == "workflow-pick"]  # nothing assigned or awaiting approval
    admin = as_admin()  # the local administrator assigns (an approver sees submissions once reviewed)
    admin.text_input(key=next(t.key for t in admin.text_input if t.key.startswith("assign-"))).set_value(
        "rita@regulator.example"
    )
    click(admin, "Assign")
    rita = as_user("rita@regulator.example")
    click(rita, "Start from the review skeleton")
    rita.text_area(key=next(t.key for t in rita.text_area if t.key.startswith("ask-"))).set_value("Drill report?")
    click(rita, "Send the request")
    mia = as_user("mia@northwind.example")
    assert any("once it is signed off" in c.value for c in mia.caption)
    mia.text_area(key=next(t.key for t in mia.text_area if t.key.startswith("answer-"))).set_value("Attached.")
    click(mia, "Send the answer")
    click(as_user("rita@regulator.example"), "Review complete")
    click(as_user("alex@regulator.example"), "Approve the review (second reviewer)")
    click(as_user("rita@regulator.example"), "Sign off")
    mia = as_user("mia@northwind.example")
    assert any(d.label == "Review (YAML)" for d in mia.get("download_button"))
    assert any("answered: Attached" in m.value for m in mia.markdown)
    (sub,) = session.base_store().submissions()
    actions = [e["action"] for e in session.base_store().history("submission", sub.id)]
    assert actions == ["submit", "assign", "request", "answered", "complete", "approve", "sign_off"]


def _review_uploads(at: AppTest) -> list[object]:
    return [u for u in at.get("file_uploader") if str(getattr(u, "key", "")).startswith("review-file-")]


def test_the_review_file_is_offered_only_while_under_review(workspace: Path) -> None:
    """The assigned reviewer may replace the review with a file under review, and is no longer offered it once
    the review is complete (what the approver reads stays as it was)."""
    people()
    store = session.base_store()
    data = assessor.load_submission(MATURE).model_dump(mode="json")
    draft = store.create_draft(data, "lab", organisation_id=store.organisations()[0].id)
    sid = store.submit(draft.id, 1).id
    sub = store.assign(sid, "rita@regulator.example", 1)
    assert _review_uploads(as_user("rita@regulator.example"))
    store.complete_review(sid, sub.version)
    assert not _review_uploads(as_user("rita@regulator.example"))

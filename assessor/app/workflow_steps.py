"""One submission in the workflow: its state, the steps the signed-in user may take now, the requests for
information with the lab's answers, and the review (staff; the lab once it is signed off)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from assessor.app import evidence_files, session, state
from assessor.app.text import md
from assessor.app.widgets import show_problems
from assessor.core.documents import Document, parse_json, parse_yaml
from assessor.core.limits import FILE_BYTES, LONG_TEXT
from assessor.core.problems import DcrError, DocumentError
from assessor.core.yaml_text import dump_yaml
from assessor.intake.models import Submission
from assessor.review.loader import check_review_document
from assessor.review.template import review_yaml
from assessor.store import Identity, NotFound, Record
from assessor.store.workflow import REVIEWING

LAB_WAITS = {"submitted": "waiting for a reviewer", "under_review": "under review",
             "information_requested": "information requested from the lab", "reviewed": "review complete",
             "approved": "approved by a second reviewer", "signed_off": "signed off"}  # fmt: skip


def act(step: Callable[[], object], done: str) -> None:
    """Take a workflow step; a refusal (stale, forbidden, not allowed now) is shown with its reason."""
    try:
        step()
    except DcrError as err:
        st.error(md("{done} refused: {why}", done=done, why=str(err)))
        return
    st.session_state["workflow-notice"] = f"{done}."
    st.rerun()


def render(sub: Record) -> None:
    """The submission's state, steps, requests and review."""
    who = session.identity()
    st.markdown(md("**{title}** — {state} · submitted by {by} · content hash `{sha}`", title=sub["title"],
                   state=LAB_WAITS.get(sub["state"], sub["state"]), by=sub["submitted_by"],
                   sha=sub["sha256"][:16]))  # fmt: skip
    _steps(sub, who)
    evidence_files.stored_files(sub["content"].get("evidence", []), key=f"submission-files-{sub.id}")
    _requests(sub, who)
    _review(sub, who)


def _is_reviewer(sub: Record, who: Identity) -> bool:
    return who.admin or (who.user_id is not None and who.user_id == sub["reviewer_id"])


def _steps(sub: Record, who: Identity) -> None:
    store, s = session.scoped(), sub["state"]
    assigns = who.admin or (who.has("approver") and not _is_reviewer(sub, who))  # a reviewer keeps its own review
    if assigns and s in {"submitted", "under_review"}:
        name = st.text_input("Assign a reviewer (user name)", key=f"assign-{sub.id}").strip()
        if st.button("Assign", key=f"assign-go-{sub.id}") and name:
            act(lambda: store.assign(sub.id, name, sub.version), f"Assigned to {name}")
    offers = {
        "complete": _is_reviewer(sub, who) and s == "under_review",
        "approve": s == "reviewed" and (who.admin or (who.has("approver") and not _is_reviewer(sub, who))),
        "sign_off": _is_reviewer(sub, who) and s in {"reviewed", "approved"},
    }
    steps = {"complete": ("Review complete", store.complete_review, "Review marked complete"),
             "approve": ("Approve the review (second reviewer)", store.approve, "Approved"),
             "sign_off": ("Sign off", store.sign_off, "Signed off")}  # fmt: skip
    for step, (label, method, done) in steps.items():
        if offers[step] and st.button(label, key=f"{step}-{sub.id}"):
            act(lambda method=method: method(sub.id, sub.version), done)  # type: ignore[misc]


def _requests(sub: Record, who: Identity) -> None:
    store = session.scoped()
    found = store.requests(sub.id)
    st.subheader("Requests for information")
    if not found:
        st.caption("None so far.")
    for request in found:
        with st.container(border=True):
            st.markdown(md("**{who}** asked: {question}", who=request["raised_by"], question=request["question"]))
            if request["answer"] is not None:
                st.markdown(md("**{who}** answered: {answer}", who=request["answered_by"], answer=request["answer"]))
            elif sub["state"] in REVIEWING and (who.admin or sub["organisation_id"] == who.member_of):
                _answer(request)
            else:
                st.caption("Waiting for the lab's answer.")
    if _is_reviewer(sub, who) and sub["state"] in {"under_review", "information_requested"}:
        question = st.text_area("Ask the lab for information", key=f"ask-{sub.id}", max_chars=LONG_TEXT)
        if st.button("Send the request", key=f"ask-go-{sub.id}") and question.strip():
            act(lambda: store.raise_request(sub.id, question.strip(), sub.version), "Request sent to the lab")


def _answer(request: Record) -> None:
    answer = st.text_area("Your answer (kept with the review)", key=f"answer-{request.id}", max_chars=LONG_TEXT)
    if st.button("Send the answer", key=f"answer-go-{request.id}") and answer.strip():
        act(lambda: session.scoped().answer_request(request.id, answer.strip(), request.version), "Answer sent")


def _review(sub: Record, who: Identity) -> None:
    st.subheader("Review")
    try:
        review = session.scoped().review(sub.id)
    except NotFound:
        lab = sub["organisation_id"] == who.member_of
        st.caption("The review is shown here once it is signed off." if lab else "No review to show yet.")
        return
    submission = Submission.model_validate(sub["content"])
    standard = state.standard_for(sub["content"])
    if review["data"]:
        checked = check_review_document(Document("review", review["data"]), submission, standard)
        with st.expander(f"Review checks: {len(checked.errors)} error(s), {len(checked.warnings)} warning(s)"):
            show_problems(checked.errors + checked.warnings)
        st.download_button("Review (YAML)", dump_yaml(review["data"]), file_name="review.yaml", key=f"dl-{sub.id}")
    if _is_reviewer(sub, who) and sub["state"] in REVIEWING:  # complete: frozen for the approver and the lab
        _edit_review(sub, review, submission, standard)


def _edit_review(sub: Record, review: Record, submission: Submission, standard: Any) -> None:
    store = session.scoped()
    if not review["data"] and st.button("Start from the review skeleton", key=f"skeleton-{sub.id}"):
        text = review_yaml(standard, submission, sub["title"], date.today())
        data = parse_yaml(text, "review").data
        act(lambda: store.save_review(sub.id, data, review.version), "Review started")
    upload = st.file_uploader("Replace the review with a file (YAML or JSON)", type=["yaml", "yml", "json"],
                              key=f"review-file-{sub.id}")  # fmt: skip
    if upload is not None and st.session_state.get(f"review-loaded-{sub.id}") != upload.file_id:
        st.session_state[f"review-loaded-{sub.id}"] = upload.file_id
        data = _read_review(upload.name, upload.getvalue())
        if data is not None:
            act(lambda: store.save_review(sub.id, data, review.version), "Review saved")


def _read_review(name: str, content: bytes) -> dict[str, Any] | None:
    try:
        if len(content) > FILE_BYTES:
            st.error(f"The review file is larger than {FILE_BYTES:,} bytes.")
            return None
        text = content.decode("utf-8-sig")
        doc = parse_json(text, name) if name.lower().endswith(".json") else parse_yaml(text, name)
    except (UnicodeDecodeError, DocumentError) as err:
        show_problems(getattr(err, "problems", []) or [])
        st.error("The review could not be read.")
        return None
    if not isinstance(doc.data, dict):
        st.error(md("{name} is not a review document.", name=name))
        return None
    return doc.data

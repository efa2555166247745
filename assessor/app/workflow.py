"""Submissions: a lab submits its draft (frozen and hashed), then follows it through review — requests for
information it answers, approval by a second reviewer, sign-off. Every step is a store transition (an event);
what each signed-in user sees and may do is decided by the store, the page only offers the steps."""

from __future__ import annotations

import streamlit as st

from assessor.app import present, session, state, workflow_sign, workflow_steps
from assessor.app.text import md
from assessor.app.workflow_steps import act
from assessor.store import Record

SELECTED = "submission"  # URL parameter naming the submission shown


def render() -> None:
    """The submissions page."""
    st.title("Submissions")
    notice = st.session_state.pop("workflow-notice", None)
    if notice:
        st.success(md("{notice}", notice=notice))
    _submit_open_draft()
    submissions = session.scoped().submissions()
    if not submissions:
        st.info("No submissions you can see yet. A lab submits a valid draft here; reviewers see those assigned "
                "to them.")  # fmt: skip
        return
    chosen = _choose(submissions)
    workflow_steps.render(chosen)
    workflow_sign.render(chosen, session.identity())


def _submit_open_draft() -> None:
    draft = state.current_draft()
    if draft is None or not (session.identity().admin or draft.organisation_id == session.identity().member_of):
        return
    checked = state.checked(draft)
    with st.container(border=True):
        st.markdown(md("**Submit {title}** (version {version}) for review. The submission is frozen as it is now "
                       "and identified by its content hash; the draft stays editable.", title=draft.title,
                       version=draft.version))  # fmt: skip
        if checked.errors:
            st.caption(f"Fix the {len(checked.errors)} validation problem(s) on Self-assessment first.")
        if st.button("Submit for review", type="primary", disabled=bool(checked.errors), key="submit-draft"):
            act(lambda: session.scoped().submit(draft.id, draft.version), "Submitted")


def _choose(submissions: list[Record]) -> Record:
    ids = [s.id for s in submissions]
    wanted = st.query_params.get(SELECTED)
    index = ids.index(wanted) if wanted in ids else 0
    labels = {s.id: f"{s['title']} · {s['state'].replace('_', ' ')} · {present.when(s.updated)}" for s in submissions}
    picked = st.selectbox("Submission", ids, index=index, format_func=lambda i: labels[i], key="workflow-pick")
    st.query_params[SELECTED] = picked or ids[0]
    return next(s for s in submissions if s.id == (picked or ids[0]))

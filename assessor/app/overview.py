"""Overview: what the standard asks, and the three ways in — start blank, load an example, upload a file."""

from __future__ import annotations

import streamlit as st

from assessor.app import draft_list, state, verify_upload
from assessor.app.drafts import Draft
from assessor.app.text import md, plain
from assessor.app.widgets import show_problems
from assessor.core.problems import Problem


def render() -> None:
    """The landing page."""
    standard = state.standard()
    m = standard.manifest
    st.title("Deployment correction readiness")
    st.markdown(
        md("**{title}**", title=f"{m.title} ({m.id} {m.version})")
        + " asks whether a frontier AI developer can rapidly restrict a deployed "
        "model — block users, limit access frequency, switch capabilities off, restrict use cases, roll back or shut "
        "down — when dangerous capabilities or misuse appear after deployment, and whether it has the access control, "
        "team, plans, drills and contracts to do so."
    )
    left, middle, right = st.columns(3)
    left.metric("Domains", len(standard.domains))
    middle.metric("Requirements", len(standard.active_requirements()))
    right.metric("Readiness levels", f"{m.levels[0].level}–{m.levels[-1].level}")
    right.caption(plain(" · ".join(f"{lv.level} {lv.name}" for lv in m.levels)))
    st.subheader("Start an assessment")
    blank, example, upload = st.columns(3)
    with blank.container(border=True):
        st.markdown("**Start blank**  \nFill in your profile, evidence register and responses here.")
        if st.button("Start a blank assessment", type="primary"):
            draft = state.store().create(state.blank_data(), "Untitled assessment")
            state.open_draft(draft)
            st.switch_page(st.session_state["pages"]["self"])
    with example.container(border=True):
        st.markdown("**Load an example**  \nThree fictional developers: mature, developing, open weights.")
        paths = state.examples()
        chosen = st.selectbox("Example", paths, format_func=lambda p: p.stem.replace("-", " "), key="example-choice")
        if st.button("Open example") and chosen is not None:
            _opened(state.open_example(chosen))
    with upload.container(border=True):
        st.markdown("**Upload a file**  \nA submission in YAML or JSON, or a filled evidence workbook (.xlsx).")
        uploaded = st.file_uploader("Submission file", type=state.UPLOAD_TYPES, key="overview-upload")
        if uploaded is not None and st.session_state.get("overview-imported") != uploaded.file_id:
            st.session_state["overview-imported"] = uploaded.file_id
            _opened(state.import_file(uploaded.name, uploaded.getvalue()))
    _drafts()
    verify_upload.render()


def _opened(result: Draft | list[Problem]) -> None:
    if isinstance(result, Draft):
        st.switch_page(st.session_state["pages"]["self"])
    st.session_state["overview-problems"] = result


def _drafts() -> None:
    problems = st.session_state.get("overview-problems")
    if problems:
        st.error(f"The file could not be imported: {len(problems)} problem(s).")
        show_problems(problems)
    draft_list.render()

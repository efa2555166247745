"""Auditor review: walk the claims with their evidence, record verdicts and evidence decisions, sign off."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import streamlit as st

import assessor
from assessor.app import present, state
from assessor.app.drafts import Draft
from assessor.app.reports import oscal_results_report
from assessor.app.review_editors import evidence_decisions, reviewer_findings
from assessor.app.text import md, plain
from assessor.app.uploads import safe_name
from assessor.app.widgets import choice, day, key_for, show_problems, text
from assessor.core.canonical import pretty_json
from assessor.core.documents import Document, parse_yaml
from assessor.core.limits import FILE_BYTES
from assessor.core.yaml_text import dump_yaml
from assessor.dcrs.models import Requirement, Standard
from assessor.intake.models import Submission
from assessor.review.loader import CheckedReview, check_review_document
from assessor.review.progress import review_progress
from assessor.review.template import review_yaml
from assessor.scoring.models import Assessment
from assessor.scoring.summary import figures

NOT_EXAMINED = "not examined"
STATUSES = [NOT_EXAMINED, "fully", "largely", "partially", "not_implemented", "not_applicable"]
STATES = {"in_progress": "In progress", "complete": "Complete, not signed off", "signed_off": "Signed off"}
SIGN_OFF = ["—", "approved", "changes_requested", "rejected"]
EXAMINED = ["—", "all", "sample"]


def render() -> None:
    """The review page."""
    st.title("Auditor review")
    sub_draft = state.current_draft()
    checked = state.checked(sub_draft) if sub_draft else None
    if sub_draft is None or checked is None or checked.errors or checked.submission is None:
        st.info("Open a valid submission first (Overview or Self-assessment); the review is of that submission.")
        return
    submission = checked.submission
    review = state.current_draft("review")
    if review is None or review.source != sub_draft.id:
        _start(sub_draft, submission)
        return
    result = _review_page_header(review, submission)
    domains = state.standard().domains
    names = ["Reviewer", "Evidence", *(d.id for d in domains), "Findings and sign-off", "Download"]
    tabs = st.tabs(names, key="review-tabs", on_change="rerun")  # lazy: only the open tab is built
    panels: list[Callable[[], None]] = [partial(_reviewer, review), partial(evidence_decisions, review, submission)]
    panels += [partial(_domain, review, submission, d.active(), result) for d in domains]
    panels += [partial(_findings_and_sign_off, review), partial(_downloads, review, submission)]
    for tab, panel in zip(tabs, panels, strict=True):
        if tab.open:
            with tab:
                panel()


def _start(sub_draft: Draft, submission: Submission) -> None:
    st.write(f"Review **{plain(submission.organisation.name)}**'s submission. The review is bound to its content: "
             "an edit to the submission afterwards voids the review.")  # fmt: skip
    existing = state.store().where("review", source=sub_draft.id)
    if st.button("Start a review", type="primary"):
        data = parse_yaml(review_yaml(state.standard(), submission, sub_draft.title, date.today()), "review").data
        title = f"Review of {submission.organisation.name}"
        state.open_draft(state.store().create(data, title, kind="review", source=sub_draft.id))
        st.rerun()
    uploaded = st.file_uploader(
        "Or load an existing review (YAML or JSON)", type=["yaml", "yml", "json"], key="review-upload"
    )
    if uploaded is not None:
        _load_existing(sub_draft, submission, uploaded.name, uploaded.getvalue())
    for draft in existing:
        if st.button(f"Reopen: {plain(draft.title)} (updated {draft.updated})", key=f"reopen-{draft.id}"):
            state.open_draft(draft)
            st.rerun()


def _load_existing(sub_draft: Draft, submission: Submission, name: str, content: bytes) -> None:
    from assessor.core.documents import parse_json
    from assessor.core.problems import DocumentError, Problem

    try:
        if len(content) > FILE_BYTES:
            raise DocumentError([Problem.at(safe_name(name), "too-large", f"more than {FILE_BYTES:,} bytes")])
        text = content.decode("utf-8-sig")
        doc = parse_json(text, name) if name.lower().endswith(".json") else parse_yaml(text, name)
    except (UnicodeDecodeError, DocumentError) as err:
        show_problems(getattr(err, "problems", []) or [])
        st.error("The review could not be read.")
        return
    checked = check_review_document(doc, submission, state.standard())
    if checked.errors:
        st.error(f"The review does not apply to this submission: {len(checked.errors)} problem(s).")
        show_problems(checked.errors)
        return
    state.open_draft(state.store().create(doc.data, f"Review from {name}", kind="review", source=sub_draft.id))
    st.rerun()


def checked_review(review: Draft, submission: Submission) -> CheckedReview:
    """The review draft checked against the submission."""
    return check_review_document(Document("review", review.data), submission, state.standard())


def _review_page_header(review: Draft, submission: Submission) -> Assessment | None:
    checked = checked_review(review, submission)
    result = (
        assessor.score(state.standard(), submission, checked.review) if checked.review and not checked.errors else None
    )
    sub_draft = state.current_draft()
    claimed = state.assessment(sub_draft) if sub_draft else None
    cols = st.columns(3)
    fig = figures(result) if result is not None else None
    if fig is not None and fig.verified:  # only an approved review has a verified result
        present.result_box(fig.overall.level)(plain(fig.statement))
        cols[0].metric("Verified level", f"{fig.overall.level} — {fig.overall.level_name}")
        cols[1].metric("Verified score", f"{fig.overall.score or 0:.1f}")
    elif fig is not None and result is not None and result.verification and result.verification.sign_off:
        st.warning(f"**{plain(fig.statement)}.** Reviewer's reasons: {plain(fig.reasons or '')}")
        cols[0].metric("Review", (result.verification.sign_off or "").replace("_", " "))
        cols[1].metric("Verified level", "not verified")
    elif checked.review is not None:
        progress = review_progress(checked.review, submission)
        cols[0].metric("Review", STATES[progress.state])
        cols[1].metric("Examined", f"{progress.requirements_examined}/{progress.requirements_total} requirements")
        cols[1].caption(md("{done}/{total} evidence items", done=progress.evidence_examined,
                           total=progress.evidence_total))  # fmt: skip
        st.info(md("{progress}. Nothing is verified until you sign off.", progress=progress.sentence().capitalize()))
    if claimed is not None:
        cols[2].metric("Self-assessed (unverified)", f"{claimed.overall.level} · {claimed.overall.score or 0:.1f}")
    with st.expander(
        f"Review checks: {len(checked.errors)} error(s), {len(checked.warnings)} warning(s)",
        expanded=bool(checked.errors),
    ):
        show_problems(checked.errors + checked.warnings)
    st.caption(md("Draft saved automatically · last change {when}", when=present.when(review.updated)))
    state.show_conflict(review)
    return result


def _reviewer(review: Draft) -> None:
    left, right = st.columns(2)
    with left:
        text(review, "Reviewer", ("reviewer", "name"))
        text(review, "Organisation", ("reviewer", "organisation"))
        text(review, "Role", ("reviewer", "role"))
    with right:
        day(review, "Review date", ("date",))
        text(review, "Independence statement", ("reviewer", "independence"), area=True)
    text(review, "Scope of the review", ("scope",), area=True)


def _domain(review: Draft, submission: Submission, requirements: list[Requirement], result: Assessment | None) -> None:
    responses = {r.requirement: r for r in submission.responses}
    evidence = {e.id: e for e in submission.evidence}
    outcome = {r.id: r for r in result.requirements} if result else {}
    for req in requirements:
        with st.container(border=True):
            response = responses.get(req.id)
            st.markdown(md("**{id}** {title} · level {level}", id=req.id, title=req.title, level=req.level)
                        + (" · :red[critical]" if req.critical else ""))  # fmt: skip
            claim = response.status if response else "no response"
            now = outcome.get(req.id)
            supported = now.supported if now else "—"
            verified = bool(result is not None and result.verification and result.verification.overall)
            ok = (now.verified if now else None) or "not verified"
            st.markdown(md("Claimed **{claim}** · supported **{supported}**", claim=claim, supported=supported)
                        + (md(" · verified **{ok}**", ok=ok) if verified else ""))  # fmt: skip
            if response and response.narrative:
                st.caption(plain(response.narrative))
            for evidence_id in response.evidence if response else []:
                item = evidence.get(evidence_id)
                shown = f"{evidence_id} {item.type} — {item.title} ({item.date})" if item else evidence_id
                st.caption(f"· {plain(shown)}")
            _verdict(review, req.id, response.status if response else None)
            with st.expander("Guidance"):
                st.markdown(plain(req.guidance))


def _verdict(review: Draft, requirement: str, claimed: str | None) -> None:
    verdicts = review.data.setdefault("verdicts", [])
    current = next((v for v in verdicts if v.get("requirement") == requirement), None)
    status_key = key_for(review, ("verdicts", requirement, "verified"))
    st.session_state.setdefault(status_key, (current or {}).get("verified") or NOT_EXAMINED)
    left, right = st.columns([1, 2])
    left.selectbox(
        "Your verdict",
        STATUSES,
        key=status_key,
        on_change=_commit,
        args=(review, requirement, "verified", status_key),
    )
    why_key = key_for(review, ("verdicts", requirement, "rationale"))
    st.session_state.setdefault(why_key, (current or {}).get("rationale", ""))
    right.text_area("Rationale (required when it differs from the claim)", key=why_key, height=68,
                    on_change=_commit, args=(review, requirement, "rationale", why_key))  # fmt: skip


def _commit(review: Draft, requirement: str, field: str, key: str) -> None:
    verdicts: list[dict[str, Any]] = review.data.setdefault("verdicts", [])
    verdict = next((v for v in verdicts if v.get("requirement") == requirement), None)
    if verdict is None:
        verdict = {"requirement": requirement, "verified": None, "rationale": ""}
        verdicts.append(verdict)
    value = st.session_state[key]
    verdict[field] = None if value == NOT_EXAMINED else value
    state.save(review)


def _findings_and_sign_off(review: Draft) -> None:
    st.markdown("**Your findings**, beyond the standard's gaps.")
    reviewer_findings(review, [r.id for r in state.standard().active_requirements()])
    st.markdown("**Sign-off**")
    choice(review, "Decision", SIGN_OFF, ("sign_off", "decision"))
    if review.data.get("sign_off", {}).get("decision"):
        text(review, "Statement", ("sign_off", "statement"), area=True)
        day(review, "Sign-off date", ("sign_off", "date"))
        choice(review, "What the sign-off rests on (required to approve)", EXAMINED, ("sign_off", "examined"))
        if review.data.get("sign_off", {}).get("examined") == "sample":
            text(review, "Sample basis: how the sample was chosen and why it suffices", ("sign_off", "sample_basis"))


def _downloads(review: Draft, submission: Submission) -> None:
    checked = checked_review(review, submission)
    valid = checked.review is not None and not checked.errors
    cols = st.columns(3)
    cols[0].download_button("Review (YAML)", dump_yaml(review.data),
                            file_name="review.yaml", mime="application/yaml")  # fmt: skip
    sign_off = checked.review.sign_off if valid and checked.review is not None else None
    signed = sign_off is not None and sign_off.decision == "approved"  # only an approval verifies
    name = "verified" if signed else "review-in-progress" if sign_off is None else f"review-{sign_off.decision}"
    standard = state.standard()  # resolved now: a download is built on click, outside the page's session
    pdf = partial(_verified_pdf, standard, submission, checked) if valid else b""
    label = (
        "review not signed off" if sign_off is None else f"review {sign_off.decision.replace('_', ' ')}, not verified"
    )
    cols[1].download_button(f"{'Verified report' if signed else f'Report, {label}'} (PDF)", pdf,
                            file_name=f"{name}-report.pdf", mime="application/pdf", disabled=not valid,
                            type="primary")  # fmt: skip
    result = pretty_json(assessor.score(standard, submission, checked.review)) if valid and checked.review else ""
    cols[2].download_button(f"{'Verified result' if signed else f'Result, {label}'} (JSON)", result,
                            file_name=f"{name}.json", mime="application/json", disabled=not valid)  # fmt: skip
    oscal = partial(_oscal_results, standard, submission, checked) if valid else ""
    st.columns(3)[0].download_button(
        f"{'Verified assessment results' if signed else f'Assessment results, {label}'} (OSCAL)",
        oscal,
        file_name=f"{name}.oscal-ar.json",
        mime="application/json",
        disabled=not valid,
    )
    if not valid:
        st.warning("Fix the review's problems (see the checks above) to download the verified report.")


def _reviewed(standard: Standard, submission: Submission, checked: CheckedReview) -> assessor.Result:
    """The submission scored under `standard` with the review, with everything the reports need (the reviewer's
    attestation and decision included)."""
    result = assessor.score(standard, submission, checked.review)
    return assessor.Result(standard, submission, result, checked.review)


def _verified_pdf(standard: Standard, submission: Submission, checked: CheckedReview) -> bytes:
    return assessor.pdf_bytes(_reviewed(standard, submission, checked))


def _oscal_results(standard: Standard, submission: Submission, checked: CheckedReview) -> str:
    """The reviewed assessment as OSCAL assessment results, the bytes `dcr assess --review --oscal-ar` writes."""
    return oscal_results_report(_reviewed(standard, submission, checked))

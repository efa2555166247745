"""Self-assessment: import or start, edit profile, evidence and one tab per domain, live validation, export."""

from __future__ import annotations

import json
import re
from typing import Any

import streamlit as st

import assessor
from assessor.app import evidence_files, present, state
from assessor.app.drafts import Draft
from assessor.app.editors import evidence_editor, metrics_editor, models_editor
from assessor.app.text import md, plain
from assessor.app.widgets import choice, day, key_for, show_problems, text
from assessor.core.yaml_text import dump_yaml
from assessor.dcrs.models import Domain, Requirement
from assessor.reports.findings_view import with_uncounted
from assessor.reports.labels import engine_words, label, prose
from assessor.scoring.models import RequirementResult

STATUSES = ["—", "fully", "largely", "partially", "not_implemented", "not_applicable"]


def render() -> None:
    """The editor for the open submission draft."""
    draft = state.current_draft()
    if draft is None:
        st.title("Self-assessment")
        st.info("No assessment is open. Start one, load an example or upload a file on the Overview page.")
        if st.button("Go to the overview"):
            st.switch_page(st.session_state["pages"]["overview"])
        return
    st.title(plain(draft.title))
    if st.session_state.pop("reopened", None):
        st.info("That file is already one of your drafts, so it opened here; no second copy was made.")
    state.show_conflict(draft)
    st.caption(md("Draft saved automatically · version {version} · last change {when}", version=draft.version,
                  when=present.when(draft.updated)))  # fmt: skip
    _status_bar(draft)
    standard = state.standard()
    # Lazy tabs: only the open tab's widgets are built, which keeps a re-run after each edit short.
    tabs = st.tabs(
        ["Profile", "Evidence", *(d.id for d in standard.domains), "Export"], key="self-tabs", on_change="rerun"
    )
    if tabs[0].open:
        with tabs[0]:
            _profile(draft)
    if tabs[1].open:
        with tabs[1]:
            st.markdown(
                "**Evidence register** — one row per document, record, test, drill, contract, metric or attestation."
            )
            evidence_editor(draft)
            st.markdown("**Measured values** reported by evidence items.")
            metrics_editor(draft)
            evidence_files.upload_panel(draft)
    evidence_ids = [e.get("id") for e in draft.data.get("evidence", []) if e.get("id")]
    for tab, domain in zip(tabs[2:-1], standard.domains, strict=True):
        if tab.open:
            with tab:
                _domain(draft, domain, evidence_ids)
    if tabs[-1].open:
        with tabs[-1]:
            _export(draft)


def _status_bar(draft: Draft) -> None:
    checked = state.checked(draft)
    result = state.assessment(draft)
    if result is not None:
        o = result.overall
        said = md("Valid · readiness level **{level} ({name})** · score **{score}** / 100 — see Results.",
                  level=o.level, name=o.level_name, score=f"{o.score or 0:.1f}")  # fmt: skip
        present.result_box(o.level)(said)
    else:
        st.error(f"{len(checked.errors)} problem(s) to fix before this can be scored.")
    names = {
        i: r.get("requirement", f"response {i + 1}")
        for i, r in enumerate(draft.data.get("responses", []))
        if isinstance(r, dict)
    }
    with st.expander(f"Validation: {len(checked.errors)} error(s), {len(checked.warnings)} warning(s)", expanded=False):
        show_problems(checked.errors + checked.warnings, names=names)


def _profile(draft: Draft) -> None:
    left, right = st.columns(2)
    with left:
        text(draft, "Organisation", ("organisation", "name"))
        text(draft, "Jurisdiction", ("organisation", "jurisdiction"))
        text(draft, "Contact", ("organisation", "contact"))
    with right:
        choice(draft, "Assessment type", ["self", "independent"], ("assessment", "type"))
        day(draft, "Assessment date", ("assessment", "date"))
        text(draft, "Assessor", ("assessment", "assessor", "name"))
        text(draft, "Assessor role", ("assessment", "assessor", "role"))
    st.markdown("**Models in scope** and the surfaces each is served on (these decide which requirements apply).")
    models_editor(draft)


def _domain(draft: Draft, domain: Domain, evidence_ids: list[str]) -> None:
    st.markdown("### " + plain(domain.title))
    st.caption(plain(domain.purpose))
    result = state.assessment(draft)
    results = {r.id: r for r in result.requirements} if result else {}
    for req in domain.active():
        with st.container(border=True):
            _requirement(draft, req, evidence_ids)
            _support_note(results.get(req.id), _cited_by_type(draft, req.id))


_ALREADY_SAID = re.compile(r"^supported as [a-z_ ]+: ")


def _cited_by_type(draft: Draft, requirement: str) -> dict[str, list[str]]:
    """The evidence ids the draft's response to `requirement` cites, by their registered type."""
    types = {e.get("id"): e.get("type") for e in draft.data.get("evidence", [])}
    answer: dict[str, Any] = next(
        (r for r in draft.data.get("responses", []) if r.get("requirement") == requirement), {}
    )
    cited: dict[str, list[str]] = {}
    for evidence_id in answer.get("evidence", []):
        if isinstance(types.get(evidence_id), str):
            cited.setdefault(types[evidence_id], []).append(evidence_id)
    return cited


def _support_note(result: RequirementResult | None, cited: dict[str, list[str]]) -> None:
    """Where the evidence does not carry the claim, say so on the card, in the reports' words."""
    if result is None or not result.reasons or result.claimed == result.supported:
        return
    names, units = engine_words(state.standard())
    status = label(result.supported)
    # "supported as largely: fully needs ..." after "Counts as largely" says the status twice.
    reasons = [_ALREADY_SAID.sub("", r.message) for r in result.reasons]
    why = "; ".join(prose(with_uncounted(reason, cited), names, units) for reason in reasons)
    st.markdown(md(":orange[Counts as **{status}**: {why}.]", status=status.lower(), why=why))


def _requirement(draft: Draft, req: Requirement, evidence_ids: list[str]) -> None:
    index = _response_index(draft, req.id)
    response = draft.data["responses"][index] if index is not None else {}
    st.markdown(md("**{id}** {title} · level {level}" + (" · :red[critical]" if req.critical else ""),
                   id=req.id, title=req.title, level=req.level))  # fmt: skip
    st.caption(plain(req.statement))
    left, right = st.columns([1, 2])
    status_key = key_for(draft, ("responses", req.id, "status"))
    st.session_state.setdefault(status_key, response.get("status", "—"))
    left.selectbox("Status", STATUSES, key=status_key, on_change=_commit, args=(draft, req.id, "status", status_key),
                   format_func=lambda status: label(status, status))  # fmt: skip
    cited = response.get("evidence", [])
    evidence_key = key_for(draft, ("responses", req.id, "evidence"))
    st.session_state.setdefault(evidence_key, list(cited))
    options = evidence_ids + [e for e in cited if e not in evidence_ids]
    right.multiselect(
        "Evidence", options, key=evidence_key, on_change=_commit, args=(draft, req.id, "evidence", evidence_key)
    )
    narrative_key = key_for(draft, ("responses", req.id, "narrative"))
    st.session_state.setdefault(narrative_key, response.get("narrative", ""))
    st.text_area(
        "Narrative", key=narrative_key, height=68, on_change=_commit, args=(draft, req.id, "narrative", narrative_key)
    )
    if st.session_state[status_key] == "not_applicable":
        just_key = key_for(draft, ("responses", req.id, "justification"))
        st.session_state.setdefault(just_key, response.get("justification") or "")
        st.text_input(
            "Justification (why it does not apply)",
            key=just_key,
            on_change=_commit,
            args=(draft, req.id, "justification", just_key),
        )
    # Lazy: the guidance is sent only once opened, so an edit's re-run redraws two elements fewer per card.
    guidance = st.expander("Guidance and expected evidence", key=f"guidance-{req.id}", on_change="rerun")
    if guidance.open:
        with guidance:
            st.markdown(plain(req.guidance))
            st.caption(plain("Expected: " + ", ".join(f"{e.type} (≤ {e.max_age_days} days)" for e in req.evidence)))


def _response_index(draft: Draft, req_id: str) -> int | None:
    responses = draft.data.setdefault("responses", [])
    return next((i for i, r in enumerate(responses) if isinstance(r, dict) and r.get("requirement") == req_id), None)


def _commit(draft: Draft, req_id: str, field: str, key: str) -> None:
    """on_change for a response field: create, update or prune the response, then autosave."""
    value: Any = st.session_state[key]
    index = _response_index(draft, req_id)
    responses = draft.data["responses"]
    if index is None:
        responses.append({"requirement": req_id})
        index = len(responses) - 1
    response = responses[index]
    if value in ("—", "", []) and field != "narrative":
        response.pop(field, None)
    else:
        response[field] = value
    if (
        set(response) <= {"requirement", "narrative", "evidence"}
        and not response.get("narrative")
        and not response.get("evidence")
    ):
        responses.pop(index)
    state.save(draft)


def _export(draft: Draft) -> None:
    st.markdown("Download the draft as it stands (YAML or JSON), or as the fillable workbook once it is valid.")
    stem = "".join(c if c.isalnum() else "-" for c in draft.title.lower()).strip("-") or "assessment"
    cols = st.columns(3)
    cols[0].download_button(
        "YAML",
        dump_yaml(draft.data),
        file_name=f"{stem}.yaml",
        mime="application/yaml",
    )
    cols[1].download_button(
        "JSON", json.dumps(draft.data, indent=2, ensure_ascii=False), file_name=f"{stem}.json", mime="application/json"
    )
    submission = state.checked(draft).submission
    valid = not state.checked(draft).errors and submission is not None
    cols[2].download_button(
        "Workbook (XLSX)",
        (lambda: assessor.evidence_workbook(state.standard(), prefill=submission)) if valid else b"",
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        disabled=not valid,
        help=None if valid else "Fix the validation problems first.",
    )

"""Results: level, score, domain chart, claimed vs supported, ranked findings; PDF, XLSX, JSON and OSCAL
downloads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import assessor
from assessor.app import present, state
from assessor.app.drafts import Draft
from assessor.app.reports import oscal_catalog_report, oscal_results_report, pdf_report, report_result, xlsx_report
from assessor.app.text import md, plain, with_code
from assessor.core.canonical import pretty_json
from assessor.reports.labels import label
from assessor.scoring.models import Assessment
from assessor.scoring.summary import assessment_kind, headline_text

UNVERIFIED = (
    "Self-assessed, unverified: the developer's own claims checked against the standard's evidence rules. "
    "Only an independent review, signed off on the Auditor review page, verifies them."
)


def render() -> None:
    """The results of the open draft."""
    st.title("Results")
    draft = state.current_draft()
    result = state.assessment(draft) if draft else None
    if draft is None or result is None:
        st.info("Open a valid assessment first (Self-assessment shows what still needs fixing).")
        return
    o = result.overall
    subject, provenance = result.subject, result.provenance
    st.caption(plain(f"{subject.organisation} · {provenance.standard_id} {provenance.standard_version} · "
                     f"{assessment_kind(subject.assessment_type)} of {subject.assessment_date}"))  # fmt: skip
    st.info(plain(UNVERIFIED))
    notice = assessor.version_notice(provenance.standard_id, version=provenance.standard_version)
    if notice:
        st.warning(with_code(notice))
    cols = st.columns(3)
    # The level's number is the metric, its name a caption: "1 — Foundational" at metric size was cut to
    # "1 — Fo…" in a narrow window.
    cols[0].metric("Readiness level", str(o.level))
    cols[0].caption(plain(o.level_name))
    cols[1].metric("Score", f"{o.score or 0:.1f} / 100")
    cols[2].metric("Critical gaps", len(o.critical_gaps))
    _headline_and_models(result)
    for caveat in result.caveats:
        st.error(md("**Scope caveat: {title}.** {statement}", title=caveat.title, statement=caveat.statement))
    _chart(result)
    _downloads(draft, result)
    _findings(result)
    _requirements(result)


LEVEL_COLOURS = ["#b3261e", "#c77c02", "#2e7d32", "#1b5e20"]  # the PDF chart's colours


def _chart(result: Assessment) -> None:
    """Score per domain in the standard's order, coloured by readiness level."""
    names = [f"{d.id} · {d.title}" for d in result.domains]
    levels = [f"L{d.level} {d.level_name}" for d in result.domains]
    frame = pd.DataFrame({"domain": names, "score": [d.score or 0.0 for d in result.domains], "level": levels})
    shown = sorted(set(levels))
    colours = [LEVEL_COLOURS[min(int(level[1]), len(LEVEL_COLOURS) - 1)] for level in shown]
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("domain:N", sort=names, title=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="score"),
            color=alt.Color("level:N", scale=alt.Scale(domain=shown, range=colours), title="level"),
            tooltip=["domain", "score", "level"],
        )
        .properties(height=30 * len(names))
    )
    st.altair_chart(chart, width="stretch")


def _downloads(draft: Draft, result: Assessment) -> None:
    stem = f"dcr-{result.subject.organisation.lower().replace(' ', '-')}"
    cols = st.columns(3)
    cols[0].download_button(
        "PDF report", lambda: pdf_report(draft), file_name=f"{stem}.pdf", mime="application/pdf", type="primary"
    )
    cols[1].download_button("Spreadsheet (XLSX)", lambda: xlsx_report(draft), file_name=f"{stem}.xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # fmt: skip
    cols[2].download_button("Result (JSON)", pretty_json(result), file_name=f"{stem}.json", mime="application/json")
    _oscal_downloads(draft, stem)


def _oscal_downloads(draft: Draft, stem: str) -> None:
    """The standard in use as an OSCAL catalog and this result as OSCAL assessment results, built on click."""
    full = report_result(draft)
    standard = full.standard
    name, version = standard.manifest.id, standard.manifest.version
    cols = st.columns(3)
    cols[0].download_button(f"{name} {version} catalog (OSCAL)", lambda: oscal_catalog_report(standard),
                            file_name=f"{name.lower()}-{version}.oscal.json", mime="application/json")  # fmt: skip
    cols[1].download_button("Assessment results (OSCAL)", lambda: oscal_results_report(full),
                            file_name=f"{stem}.oscal-ar.json", mime="application/json")  # fmt: skip


def _findings(result: Assessment) -> None:
    st.subheader("Findings")
    cols = st.columns([3, 1])
    domains = cols[0].multiselect("Domains", [d.id for d in result.domains], key="findings-domains")
    critical = cols[1].toggle("Critical only", key="findings-critical")
    rows = [
        {"rank": f.rank, "requirement": f.requirement or "—", "title": f.title, "critical": f.critical,
         **({"severity": label(f.severity), "cause": label(f.cause), "figure": f.figure} if f.severity else {}),
         "detail": f.detail, "recommendation": f.recommendation}
        for f in result.findings
        if (not domains or f.domain in domains or f.domain is None) and (not critical or f.critical)
    ]  # fmt: skip
    st.dataframe(pd.DataFrame(present.rows(rows)), hide_index=True, width="stretch")


def _requirements(result: Assessment) -> None:
    st.subheader("Claimed and supported status")
    rows = [
        {"id": r.id, "title": r.title, "level": r.level, "claimed": label(r.claimed, "No response"),
         "supported": label(r.supported), "credit": _percent(r.credit), "why": "; ".join(x.message for x in r.reasons)}
        for r in result.requirements
    ]  # fmt: skip
    st.dataframe(pd.DataFrame(present.rows(rows)), hide_index=True, width="stretch")


def _percent(share: float | None) -> str | None:
    """A share as a percentage (text, so a column holding the empty-cell dash stays one type)."""
    return None if share is None else f"{share:.0%}"


def _headline_and_models(result: Assessment) -> None:
    """DCRS 1.1.0: the headline statement, the review flag, and the results per model."""
    if result.headline is not None:
        st.info(plain(headline_text(result.headline)))
        if result.headline.review_required:
            st.warning(md("**Needs review:** {reasons}", reasons="; ".join(result.headline.review_reasons)))
    if result.models:
        st.subheader("Results per model")
        rows = [{"model": m.name, "surfaces": ", ".join(map(label, m.surfaces)), "level": m.level, "score": m.score,
                 "capped by a caveat": ", ".join(m.capped)} for m in result.models]  # fmt: skip
        # One decimal, as the headline shows the score.
        score = st.column_config.NumberColumn("score", format="%.1f")
        st.dataframe(pd.DataFrame(present.rows(rows)), hide_index=True, key="results-models",
                     column_config={"score": score})  # fmt: skip

"""Portfolio: many organisations' results side by side, uploaded as result JSON files (from `dcr assess --json`
or a batch's results/ folder); the matrix, charts from zero, weak spots, best practice, trends, downloads."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

import assessor
from assessor.app.text import md, plain
from assessor.core.problems import InvalidSubmission


def render() -> None:
    """Upload results; show the portfolio."""
    st.title("Portfolio")
    st.caption("Upload result JSON files (from `dcr assess --json`, or the results/ folder of `dcr batch`).")
    files = st.file_uploader("Results", type=["json"], accept_multiple_files=True, key="portfolio-upload")
    if not files:
        st.info("No results yet: upload two or more to compare organisations.")
        return
    try:
        built = assessor.portfolio_of_files((f.name, f.getvalue()) for f in files)
    except InvalidSubmission as err:
        for problem in err.problems:
            st.error(plain(str(problem)))
        return
    st.caption(plain(f"{len(built.organisations)} organisations, {built.assessments} assessments; "
                     f"standard versions {', '.join(built.standard_versions)}"))  # fmt: skip
    _matrix(built)
    _scores(built)
    _weak_spots(built)
    _trends(built)
    _downloads(built)


def _matrix(p: assessor.Portfolio) -> None:
    st.subheader("Organisations × domains")
    rows = [
        {"organisation": r.organisation, "date": r.assessment_date, "version": r.standard_version, "level": r.level,
         "score": r.score, "assurance": r.assurance, "operational %": r.basis.operational if r.basis else None,
         "critical gaps": r.critical_gaps, **{c.domain: f"L{c.level} · {c.score}" for c in r.domains}}
        for r in p.organisations
    ]  # fmt: skip
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _scores(p: assessor.Portfolio) -> None:
    """Overall score per organisation on a 0–100 axis, with the value on each bar."""
    frame = pd.DataFrame({"organisation": [r.organisation for r in p.organisations],
                          "score": [r.score or 0.0 for r in p.organisations]})  # fmt: skip
    base = alt.Chart(frame).encode(
        y=alt.Y("organisation:N", title=None, sort=None),
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100], zero=True), title="overall score"),
    )
    chart = (base.mark_bar() + base.mark_text(align="left", dx=4).encode(text="score:Q")).properties(
        height=30 * max(1, len(frame)), description="Overall score per organisation, from 0 to 100"
    )
    st.altair_chart(chart, width="stretch")


def _weak_spots(p: assessor.Portfolio) -> None:
    st.subheader("Requirements most often below “largely”")
    failed = pd.DataFrame([f.model_dump() for f in p.most_failed[:10]])
    if failed.empty:
        st.info("No requirement is supported below “largely” by any latest assessment.")
    else:
        base = alt.Chart(failed).encode(
            y=alt.Y("requirement:N", sort=None, title=None),
            x=alt.X("failed:Q", scale=alt.Scale(domain=[0, max(1, len(p.organisations))], zero=True),
                    title="organisations below largely"),
        )  # fmt: skip
        chart = base.mark_bar() + base.mark_text(align="left", dx=4).encode(text="failed:Q")
        st.altair_chart(chart.properties(description="Organisations below largely per requirement"), width="stretch")
    st.subheader("Best observed practice")
    st.caption("The strongest support observed per requirement, and the evidence types behind it; no one named.")
    st.dataframe(pd.DataFrame([b.model_dump() for b in p.best_practice]), hide_index=True, width="stretch")


def _trends(p: assessor.Portfolio) -> None:
    st.subheader("Trends")
    points = [{"organisation": t.organisation, "date": pt.assessment_date, "score": pt.score or 0.0,
               "level": pt.level} for t in p.trends for pt in t.points]  # fmt: skip
    chart = (
        alt.Chart(pd.DataFrame(points))
        .mark_line(point=True)
        .encode(x=alt.X("date:T"), y=alt.Y("score:Q", scale=alt.Scale(domain=[0, 100], zero=True)),
                color="organisation:N", tooltip=["organisation", "date", "score", "level"])
    )  # fmt: skip
    st.altair_chart(chart.properties(description="Score per organisation over time, from 0 to 100"), width="stretch")


def _downloads(p: assessor.Portfolio) -> None:
    cols = st.columns(4)
    cols[0].download_button("Portfolio (JSON)", assessor.portfolio_bytes(p, kind="json"), file_name="portfolio.json",
                            mime="application/json")  # fmt: skip
    cols[1].download_button("Portfolio (XLSX)", lambda: assessor.portfolio_bytes(p, kind="xlsx"),
                            file_name="portfolio.xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # fmt: skip
    cols[2].download_button("Portfolio (PDF)", lambda: assessor.portfolio_bytes(p, kind="pdf"),
                            file_name="portfolio.pdf", mime="application/pdf")  # fmt: skip
    public = assessor.public_summary(p, redaction="aggregate")
    cols[3].download_button("Public summary (PDF)", lambda: assessor.portfolio_bytes(public, kind="pdf"),
                            file_name="public-summary.pdf", mime="application/pdf")  # fmt: skip
    st.caption(md("The public summary is at the **aggregate** redaction level: no organisation named, nothing "
                  "from any evidence register or narrative."))  # fmt: skip

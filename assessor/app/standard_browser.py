"""Standard: browse, search and filter the requirements; see one in full; download the data and schemas."""

from __future__ import annotations

import json

import streamlit as st

from assessor.app import state
from assessor.app.text import md, plain
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.models import Requirement, Standard
from assessor.dcrs.versions import library
from assessor.schemas import expected_files


def render() -> None:
    """The standard browser."""
    standard = _picked(state.standard())
    m = standard.manifest
    st.title(plain(f"{m.id} {m.version} — {m.title}"))
    authors = ", ".join(m.derived_from.authors)
    st.caption(plain(f"Derived from “{m.derived_from.title}” ({authors}, {m.derived_from.year})."))
    matches = _filtered(standard)
    st.write(f"{len(matches)} of {len(standard.active_requirements())} requirements")  # numbers only
    domains = {d.id: d.title for d in standard.domains}
    for req in matches:
        domain = req.id.split("-")[1]
        flag = " · critical" if req.critical else ""
        with st.expander(f"{req.id} — {req.title}  (level {req.level}{flag})"):
            _detail(standard, req, domains.get(domain, domain))
    _downloads(standard)


def _picked(default: Standard) -> Standard:
    """The version chosen in the picker (every version of the library, with its status); by default the one the
    open submission answers, else the latest published."""
    versions = {info.version: info.status for info in library(default_standard_dir())}
    names = list(reversed(versions))
    current = default.manifest.version
    chosen = st.selectbox("Version", names, index=names.index(current) if current in names else 0,
                          format_func=lambda v: f"{v} ({versions[v]})", key="std-version")  # fmt: skip
    return default if chosen == current else state.standard_version(chosen)


def _filtered(standard: Standard) -> list[Requirement]:
    cols = st.columns([3, 2, 2, 2, 1])
    query = (
        cols[0].text_input("Search", placeholder="shutdown, rate limit, contract…", key="std-search").strip().lower()
    )
    domains = cols[1].multiselect("Domain", [d.id for d in standard.domains], key="std-domains")
    levels = cols[2].multiselect("Level", sorted({r.level for r in standard.requirements()}), key="std-levels")
    types = cols[3].multiselect("Evidence type", [t.id for t in standard.manifest.evidence_types], key="std-types")
    critical = cols[4].toggle("Critical", key="std-critical")
    matches = []
    for req in standard.active_requirements():
        text = " ".join([req.id, req.title, req.statement, req.guidance, req.rationale]).lower()
        if query and query not in text:
            continue
        if domains and req.id.split("-")[1] not in domains:
            continue
        if (levels and req.level not in levels) or (critical and not req.critical):
            continue
        if types and not {e.type for e in req.evidence} & set(types):
            continue
        matches.append(req)
    return matches


def _detail(standard: Standard, req: Requirement, domain_title: str) -> None:
    st.markdown(md("**{statement}**", statement=req.statement))
    st.caption(plain(f"Domain {domain_title} · weight {req.weight:g} · since {req.since} · status {req.status}"))
    st.markdown(md("**Why.** {text}", text=req.rationale))
    st.markdown(md("**What good looks like.** {text}", text=req.guidance))
    evidence = ", ".join(f"{e.type} (at most {e.max_age_days} days old)" for e in req.evidence)
    st.markdown(md("**Expected evidence.** {text}", text=evidence or "none listed"))
    if req.metrics:
        names = {x.id: x for x in standard.manifest.metrics}
        metrics = "; ".join(f"{names[t.metric].name} {t.op} {t.value:g} {names[t.metric].unit}" for t in req.metrics)
        st.markdown(md("**Metrics.** {text}", text=metrics))
    if req.applies_when is not None:
        st.markdown(md("**Applies only when** {text}", text=req.applies_when.model_dump(exclude_none=True)))
    source = f"Paper {req.source.section} {req.source.title} (basis {req.source.basis})"
    st.markdown(md("**Source.** {text}", text=source))
    st.markdown(md("**Crosswalk.** {text}", text="; ".join(f"{c.framework} {c.ref}" for c in req.crosswalk)))


def _downloads(standard: Standard) -> None:
    st.subheader("Download")
    cols = st.columns(3)
    cols[0].download_button(
        "Standard (JSON)",
        json.dumps(standard.model_dump(mode="json"), indent=2, ensure_ascii=False),
        file_name=f"{standard.manifest.id}-{standard.manifest.version}.json",
        mime="application/json",
    )
    schemas = expected_files()
    chosen = cols[1].selectbox("JSON Schema", list(schemas), key="schema-choice", label_visibility="collapsed")
    cols[2].download_button("Download schema", schemas[chosen], file_name=chosen, mime="application/schema+json")

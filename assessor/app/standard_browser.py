"""Standard: browse, search and filter the requirements; see one in full; download the data and schemas."""

from __future__ import annotations

import json
from pathlib import Path

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
        # Lazy: a requirement's text is built and sent only once its expander is opened, so the page sends a
        # line per requirement rather than every requirement's details (about 450 elements for 51 of them).
        card = st.expander(f"{req.id} — {req.title}  (level {req.level}{flag})", key=f"std-open-{req.id}",
                           on_change="rerun")  # fmt: skip
        if card.open:
            with card:
                _detail(standard, req, domains.get(domain, domain))
    _downloads(standard)


def _picked(default: Standard) -> Standard:
    """The version chosen in the picker (every version of the library, with its status); by default the one the
    open submission answers, else the latest published."""
    versions = _versions(str(default_standard_dir()))
    names = list(reversed(versions))
    current = default.manifest.version
    chosen = st.selectbox("Version", names, index=names.index(current) if current in names else 0,
                          format_func=lambda v: f"{v} ({versions[v]})", key="std-version")  # fmt: skip
    if versions.get(chosen) == "draft":
        st.warning(md("**DCRS {version} is a draft**, not a published version: its content may still change, and "
                      "no result against it is for the record.", version=chosen))  # fmt: skip
    return default if chosen == current else state.standard_version(chosen)


@st.cache_data(ttl=60, show_spinner=False)
def _versions(root: str) -> dict[str, str]:
    """Every version of the library at `root` with its status; its index is read at most once a minute."""
    return {info.version: info.status for info in library(Path(root))}


@st.cache_resource(show_spinner=False)
def _schemas() -> dict[str, str]:
    """The published JSON Schemas, generated from the models once per server process (they change only with
    the code); generating them took most of this page's run."""
    return expected_files()


def _filtered(standard: Standard) -> list[Requirement]:
    cols = st.columns([3, 2, 2, 2, 2])  # the toggle's column holds its whole label ("Criti…" at 1)
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
    """A requirement in full: its statement, a caption of its facts, and the rest as one block of Markdown."""
    st.markdown(md("**{statement}**", statement=req.statement))
    st.caption(plain(f"Domain {domain_title} · weight {req.weight:g} · since {req.since} · status {req.status}"))
    evidence = ", ".join(f"{e.type} (at most {e.max_age_days} days old)" for e in req.evidence)
    metrics = ""
    if req.metrics:
        names = {x.id: x for x in standard.manifest.metrics}
        metrics = "; ".join(f"{names[t.metric].name} {t.op} {t.value:g} {names[t.metric].unit}" for t in req.metrics)
    applies = req.applies_when.model_dump(exclude_none=True) if req.applies_when is not None else None
    source = f"Paper {req.source.section} {req.source.title} (basis {req.source.basis})"
    # One Markdown block, every value escaped by md: fewer elements for the browser to draw.
    st.markdown(
        md(
            "**Why.** {why}\n\n**What good looks like.** {good}\n\n**Expected evidence.** {evidence}",
            why=req.rationale,
            good=req.guidance,
            evidence=evidence or "none listed",
        )
        + (md("\n\n**Metrics.** {text}", text=metrics) if metrics else "")
        + (md("\n\n**Applies only when** {text}", text=applies) if applies is not None else "")
        + md(
            "\n\n**Source.** {source}\n\n**Crosswalk.** {crosswalk}",
            source=source,
            crosswalk="; ".join(f"{c.framework} {c.ref}" for c in req.crosswalk),
        )
    )


def _downloads(standard: Standard) -> None:
    st.subheader("Download")
    cols = st.columns(3)
    cols[0].download_button(
        "Standard (JSON)",
        lambda: json.dumps(standard.model_dump(mode="json"), indent=2, ensure_ascii=False),  # made when asked for
        file_name=f"{standard.manifest.id}-{standard.manifest.version}.json",
        mime="application/json",
    )
    schemas = _schemas()
    chosen = cols[1].selectbox("JSON Schema", list(schemas), key="schema-choice", label_visibility="collapsed")
    cols[2].download_button("Download schema", schemas[chosen], file_name=chosen, mime="application/schema+json")

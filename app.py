"""DCR Assessor front end: browse the standard and see how the bundled example scores.

A thin shell over `assessor`; run it with `make app`.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from assessor.models.assessment import Assessment
from assessor.models.standard import Standard
from assessor.scoring import score
from assessor.standard_loader import load_standard
from assessor.submission_loader import load_submission

ROOT = Path(__file__).resolve().parent


@st.cache_resource
def cached_standard() -> Standard:
    """The bundled standard, loaded and validated once per server."""
    return load_standard()


@st.cache_data
def example_assessment(path: str) -> Assessment:
    """The assessment of a bundled example submission."""
    standard = cached_standard()
    return score(standard, load_submission(Path(path), standard))


def show_example(standard: Standard) -> None:
    """Headline of the example named by DCR_EXAMPLE, if any."""
    example = os.environ.get("DCR_EXAMPLE")
    if not example or not (ROOT / example).is_file():
        return
    result = example_assessment(str(ROOT / example))
    st.subheader(f"Example: {result.subject.organisation}")
    left, right = st.columns(2)
    left.metric("Overall readiness level", f"{result.overall.level} — {result.overall.level_name}")
    right.metric("Overall score", "n/a" if result.overall.score is None else f"{result.overall.score:.1f} / 100")
    st.bar_chart({d.id: d.score or 0.0 for d in result.domains}, y_label="score", x_label="domain")


def show_standard(standard: Standard) -> None:
    """Domains and their requirements."""
    m = standard.manifest
    st.subheader(
        f"{m.id} {m.version}: {len(standard.domains)} domains, {len(standard.active_requirements())} requirements"
    )
    for domain in standard.domains:
        with st.expander(f"{domain.id} · {domain.title} ({len(domain.requirements)})"):
            st.write(domain.purpose)
            for req in domain.requirements:
                flag = " · **critical**" if req.critical else ""
                st.markdown(f"**{req.id}** — {req.title} (level {req.level}{flag})")
                st.caption(req.statement)


def main() -> None:
    """Render the page."""
    st.set_page_config(page_title="DCR Assessor", layout="wide")
    standard = cached_standard()
    st.title("DCR Assessor")
    st.write(standard.manifest.description)
    show_example(standard)
    show_standard(standard)


main()

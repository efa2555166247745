"""The catalog round trip as a property: whatever text and numbers a requirement holds, export then import gives
the same standard, and export again the same RFC 8785 bytes."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import assessor
from assessor.core.canonical import canonical_bytes
from assessor.core.text import is_blank
from assessor.dcrs.models import CrosswalkRef, MetricThreshold, Requirement, Standard
from assessor.dcrs.oscal.catalog_import import import_catalog

BASE = assessor.load_standard(version="1.3.0")
# Text any field may hold: no control characters, surrogates or unassigned code points (the input bounds refuse
# them in every document), and something visible (a soft hyphen or a joiner alone is refused as blank).
TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co")), min_size=1, max_size=80).filter(
    lambda s: not is_blank(s)
)
NUMBER = st.floats(min_value=0.001, max_value=100, allow_nan=False, allow_infinity=False)


def _with(requirement: Requirement, index: int) -> Standard:
    """BASE with the first requirement of the first domain replaced."""
    domain = BASE.domains[0]
    requirements = [requirement, *domain.requirements[1:]] if index == 0 else domain.requirements
    return BASE.model_copy(
        update={"domains": [domain.model_copy(update={"requirements": requirements}), *BASE.domains[1:]]}
    )


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, words=TEXT, rationale=TEXT, weight=NUMBER, threshold=NUMBER, ref=TEXT, why=TEXT)
def test_any_requirement_round_trips(
    title: str, words: str, rationale: str, weight: float, threshold: float, ref: str, why: str
) -> None:
    """Text (any script, spacing, punctuation, line breaks) and numbers (any float) survive the catalog exactly."""
    first = BASE.domains[0].requirements[0]
    changed = first.model_copy(
        update={
            "title": title,
            "statement": f"{words} MUST hold.",
            "rationale": rationale,
            "guidance": words,
            "weight": weight,
            "metrics": [MetricThreshold(metric=BASE.manifest.metrics[0].id, op="<=", value=threshold)],
            "crosswalk": [
                CrosswalkRef(framework=BASE.manifest.frameworks[0].id, ref=ref, relationship="subset-of", rationale=why)
            ],
        }
    )
    standard = Standard.model_validate(_with(changed, 0).model_dump(mode="json"))
    document = assessor.oscal_catalog(standard)
    back = import_catalog(assessor.oscal_json(document), "property.json")
    assert back == standard
    assert canonical_bytes(assessor.oscal_catalog(back)) == canonical_bytes(document)

"""Generated DCRS 1.0.0 submissions for the property suites: the standard, the strategy and its settings."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from hypothesis import strategies as st

from assessor.dcrs.base import SCORED_ORDER, SURFACES
from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import Standard
from tests.property_settings import property_settings

STANDARD: Standard = load_standard(version="1.0.0")


ON = date(2026, 6, 30)


REQUIREMENTS = STANDARD.active_requirements()


METRICS = STANDARD.manifest.metrics


TYPES = [t.id for t in STANDARD.manifest.evidence_types]


SETTINGS = property_settings(40)


def evidence_items(rnd: Random, count: int) -> list[dict[str, Any]]:
    """An evidence register of `count` items with valid types, dates and metric values."""
    items = []
    for i in range(count):
        metrics = rnd.sample(METRICS, rnd.choice([0, 0, 1, 2]))
        items.append({
            "id": f"EV-{i:03d}",
            "type": rnd.choice(TYPES),
            "title": f"Evidence {i}",
            "location": f"https://evidence.example/{i}",
            "date": (ON - timedelta(days=rnd.randint(0, 900))).isoformat(),
            "metrics": [{"metric": m.id, "value": float(rnd.randint(0, 100)), "unit": m.unit} for m in metrics],
        })  # fmt: skip
    return items


def build(rnd: Random) -> dict[str, Any]:
    """A valid submission by construction: random profile, register and responses (N/A always justified)."""
    surfaces = rnd.sample(SURFACES, rnd.randint(1, 4))
    register = evidence_items(rnd, rnd.choice([0, 1, 3, rnd.randint(0, 25), rnd.randint(0, 25)]))
    ids = [e["id"] for e in register]
    responses = []
    for req in rnd.sample(REQUIREMENTS, rnd.randint(0, len(REQUIREMENTS))):
        status = rnd.choice([*SCORED_ORDER, "not_applicable"])
        response = {"requirement": req.id, "status": status, "evidence": rnd.sample(ids, rnd.randint(0, len(ids)))}
        if status == "not_applicable":
            response["justification"] = "Out of scope for this profile."
        responses.append(response)
    return {
        "standard": {"id": "DCRS", "version": STANDARD.manifest.version},
        "organisation": {"name": "Generated Lab"},
        "assessment": {"type": "self", "date": ON.isoformat(), "assessor": {"name": "Gen"}},
        "profile": {"models": [{"name": "M", "surfaces": surfaces}]},
        "evidence": register,
        "responses": responses,
    }


def submissions() -> st.SearchStrategy[dict[str, Any]]:
    """Generated submissions; one seed each, so an example costs one draw and is valid without filtering."""
    return st.integers(0, 2**32 - 1).map(lambda seed: build(Random(seed)))

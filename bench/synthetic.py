"""Synthetic inputs: random valid submissions to the shipped standard, and standards of any size."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta
from typing import Any

from assessor.dcrs.base import SURFACES
from assessor.dcrs.models import Domain, Requirement, Standard

STATUSES = ["fully", "largely", "partially", "not_implemented", "not_applicable"]
ON = date(2026, 6, 30)


def random_submission(standard: Standard, rng: random.Random) -> dict[str, Any]:
    """A valid submission: random profile, register of 10-40 items with metrics, a response per requirement."""
    types = [t.id for t in standard.manifest.evidence_types]
    metrics = standard.manifest.metrics
    register = []
    for i in range(rng.randint(10, 40)):
        chosen = rng.sample(metrics, k=rng.randint(0, 3))
        register.append({
            "id": f"EV-{i:03d}", "type": rng.choice(types), "title": f"Evidence item {i}",
            "location": f"https://evidence.example/{i}", "date": (ON - timedelta(days=rng.randint(0, 800))).isoformat(),
            "metrics": [{"metric": m.id, "value": float(rng.randint(0, 100)), "unit": m.unit} for m in chosen],
        })  # fmt: skip
    ids = [e["id"] for e in register]
    responses = []
    for req in standard.active_requirements():
        status = rng.choice(STATUSES)
        response: dict[str, Any] = {"requirement": req.id, "status": status, "narrative": "As documented.",
                                    "evidence": rng.sample(ids, k=min(len(ids), rng.randint(0, 4)))}  # fmt: skip
        if status == "not_applicable":
            response["justification"] = "Not offered."
        responses.append(response)
    return _envelope(standard, rng.sample(SURFACES[:5], k=rng.randint(1, 3)), register, responses)


def sized_standard(base: Standard, size: int) -> Standard:
    """A standard of `size` requirements in domains of 50, cloned from the shipped requirements."""
    per_domain = 50
    source = base.active_requirements()
    domains = []
    for d in range(max(1, size // per_domain)):
        domain_id = string.ascii_uppercase[d // 26] + string.ascii_uppercase[d % 26]
        requirements = [
            _clone(source[(d * per_domain + k) % len(source)], base, domain_id, k) for k in range(per_domain)
        ]
        template = base.domains[d % len(base.domains)]
        domains.append(Domain(id=domain_id, title=f"{template.title} ({domain_id})", purpose=template.purpose,
                              sources=template.sources, requirements=requirements))  # fmt: skip
    caveats = [c.model_copy(update={"domains": [domains[0].id]}) for c in base.manifest.scope_caveats]
    manifest = base.manifest.model_copy(update={"domains": [d.id for d in domains], "scope_caveats": caveats})
    return base.model_copy(update={"manifest": manifest, "domains": domains})


def _clone(req: Requirement, base: Standard, domain_id: str, k: int) -> Requirement:
    return req.model_copy(update={
        "id": f"{base.manifest.id}-{domain_id}-{k + 1:03d}",
        "level": k % 3 + 1,  # every domain covers every level
        "critical": k == 0,
        "applies_when": None,
    })  # fmt: skip


def matching_submission(standard: Standard) -> dict[str, Any]:
    """A submission answering every requirement with fresh evidence of each type and passing metrics."""
    types = [t.id for t in standard.manifest.evidence_types]
    all_metrics = [
        {"metric": m.id, "value": _passing(standard, m.id), "unit": m.unit} for m in standard.manifest.metrics
    ]
    register = [{"id": f"EV-{t}", "type": t, "title": f"{t} evidence", "location": f"https://evidence.example/{t}",
                 "date": "2026-06-01", "metrics": all_metrics if t == "METRIC" else []} for t in types]  # fmt: skip
    responses = [
        {"requirement": r.id, "status": STATUSES[i % 4], "evidence": [f"EV-{t}" for t in types],
         "narrative": f"Narrative for {r.id}: what we do and how we know."}
        for i, r in enumerate(standard.active_requirements())
    ]  # fmt: skip
    return _envelope(standard, ["api", "consumer_app"], register, responses)


def _passing(standard: Standard, metric: str) -> float:
    for req in standard.requirements():
        for t in req.metrics:
            if t.metric == metric:
                return float(t.value)  # the threshold itself meets <=, >= and ==
    return 0.0


def _envelope(standard: Standard, surfaces: list[str], register: list[Any], responses: list[Any]) -> dict[str, Any]:
    return {
        "standard": {"id": standard.manifest.id, "version": standard.manifest.version},
        "organisation": {"name": "Benchmark Lab"},
        "assessment": {"type": "self", "date": ON.isoformat(), "assessor": {"name": "Bench"}},
        "profile": {"models": [{"name": "Model", "surfaces": surfaces}]},
        "evidence": register,
        "responses": responses,
    }

"""Hypothesis strategies for submissions to versions whose declared rules read the 1.2.0 evidence fields.

Adversarial on purpose: two or three models with different surfaces and release dates; a register of
documents, records, tests, drills, metrics and attestations (own and independent), some registered twice;
readings as values, bounds and ranges near their thresholds, with settings, coverage, samples and model scope
sometimes missing; standing (in-force) items; responses citing the expected types and then some.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from random import Random
from typing import Any

from hypothesis import strategies as st

from assessor.core.resources import standard_root
from assessor.dcrs.base import SCORED_ORDER, SURFACES
from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import MetricDefinition, MetricThreshold, Requirement, Standard
from assessor.dcrs.versions import library
from assessor.intake.models import Submission
from assessor.scoring.declared import declared_rules
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment

ON = date(2026, 6, 30)
OWN = "Generated Lab"
# The developer's own organisation as people type it, and organisations that are not it.
OWN_SPELLINGS = [OWN, "generated lab", "  Generated   LAB "]
OTHERS = ["Independent Audit LLP", "Partner Cloud Inc."]
MODEL_NAMES = ["Atlas-4", "Atlas-4-Mini", "Atlas-Preview"]  # no spaces: results are keyed "<model> <figure>"
FACTORS = [0.0, 0.5, 0.9, 0.95, 0.99, 1.0, 1.01, 1.05, 1.1, 1.2, 1.5, 2.0, 4.0]
WORDS = [
    "resale of the API is prohibited", "open-weights release refused", "planned", "will be held", "on-premises",
    "fine-tuning API", "proceeded as planned", "on the Q3 schedule", "weights published", "", "n/a", "None",
    "reseller", "self-hosted", "marketplace listing", "ÄÖÜ ✓ 模型", "drill", "live", "exercise", "fully",
]  # fmt: skip


@dataclass(frozen=True)
class Version:
    """A shipped version and what the generators need of it."""

    standard: Standard
    rules: frozenset[str]

    @property
    def number(self) -> str:
        """Its version number (used only to fill in the submission's standard reference)."""
        return self.standard.manifest.version

    @property
    def requirements(self) -> list[Requirement]:
        """Its active requirements."""
        return self.standard.active_requirements()

    @property
    def metrics(self) -> dict[str, MetricDefinition]:
        """Its metrics by id."""
        return {m.id: m for m in self.standard.manifest.metrics}

    @property
    def types(self) -> list[str]:
        """Its evidence types."""
        return [t.id for t in self.standard.manifest.evidence_types]

    @property
    def operational(self) -> list[str]:
        """Its evidence types produced by doing the work."""
        return [t.id for t in self.standard.manifest.evidence_types if t.operational]

    @property
    def measured(self) -> list[str]:
        """The metrics some requirement sets a threshold on, in a stable order."""
        return sorted({t.metric for r in self.requirements for t in r.metrics})

    def thresholds(self, metric: str) -> list[MetricThreshold]:
        """Every threshold any requirement sets on a metric."""
        return [t for r in self.requirements for t in r.metrics if t.metric == metric]

    def params(self, rule: str) -> dict[str, Any]:
        """The parameters the version declares for one of its rules."""
        return next(dict(u.params or {}) for u in declared_rules(self.standard.manifest.scoring) if u.rule == rule)


@cache
def shipped() -> tuple[Version, ...]:
    """Every shipped version, oldest first, with the names of the rules its manifest declares."""
    found = []
    for info in library(standard_root()):
        standard = load_standard(version=info.version)
        found.append(Version(standard, frozenset(u.rule for u in declared_rules(standard.manifest.scoring))))
    return tuple(found)


def declaring(*rules: str) -> list[Version]:
    """The shipped versions whose declared rules include every one named."""
    return [v for v in shipped() if set(rules) <= v.rules]


def run(version: Version, data: dict[str, Any]) -> Assessment:
    """Score generated data under a version."""
    return score(version.standard, Submission.model_validate(data))


def days(n: int) -> date:
    """The date n days before the assessment."""
    return ON - timedelta(days=n)


def digest(text: str) -> str:
    """A sha256 for a made-up artefact."""
    return hashlib.sha256(text.encode()).hexdigest()


def models(rnd: Random) -> list[dict[str, Any]]:
    """One to three models (mostly two or three) with different surfaces and release dates."""
    out = []
    for name in MODEL_NAMES[: rnd.choice([1, 2, 2, 3, 3])]:
        model: dict[str, Any] = {"name": name, "surfaces": rnd.sample(SURFACES, rnd.randint(1, 4))}
        if rnd.randint(0, 9):
            model["release_date"] = days(rnd.randint(10, 700)).isoformat()
        out.append(model)
    return out


def value_near(rnd: Random, metric: MetricDefinition, t: MetricThreshold) -> float:
    """A value around a threshold (near misses, edges, clear passes and failures), inside the metric's range."""
    value = round(t.value * rnd.choice(FACTORS), 3) if t.value else float(rnd.randint(0, 10))
    return clamp(metric, value)


def clamp(metric: MetricDefinition, value: float) -> float:
    """A value inside the metric's declared range."""
    low = metric.minimum if metric.minimum is not None else -math.inf
    high = metric.maximum if metric.maximum is not None else math.inf
    return min(max(value, low), high)


def maybe(rnd: Random, odds: int, value: Any) -> Any:
    """The value, or None one time in `odds`."""
    return None if rnd.randrange(odds) == 0 else value


def reading(rnd: Random, v: Version, names: Sequence[str]) -> dict[str, Any]:
    """One reading: a value, a bound or a range, or nothing to measure; scope fields sometimes missing."""
    metric = v.metrics[rnd.choice(v.measured)]
    t = rnd.choice(v.thresholds(metric.id))
    out: dict[str, Any] = {"metric": metric.id, "unit": metric.unit}
    kind = rnd.choice(["value"] * 6 + ["at_most", "at_least", "range", "nothing"])
    if kind == "nothing":
        return out | {"nothing_to_measure": "No event fell due."}
    if kind == "range":
        a, b = sorted([value_near(rnd, metric, t), value_near(rnd, metric, t)])
        out |= {"at_least": a, "at_most": b}
    else:
        out[kind] = value_near(rnd, metric, t)
    out["setting"] = rnd.choice(["live", "live", "exercise", None])
    out["coverage_percent"] = rnd.choice([None, 0, 30, 50, 80, 100, 100])
    out["surfaces"] = maybe(rnd, 2, rnd.sample(SURFACES, rnd.randint(1, 3)))
    out["sample_size"] = rnd.choice([None, 0, 1, 3, 5, 20, 50])
    out["models"] = maybe(rnd, 2, rnd.sample(list(names), rnd.randint(0, len(names))))
    return {k: x for k, x in out.items() if x is not None}


def item(
    rnd: Random, v: Version, index: int, profile: Sequence[str], earlier: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """One register entry of any type, sometimes another registration of an earlier one."""
    issued = rnd.randint(0, 800)
    out: dict[str, Any] = {
        "id": f"EV-{index:03d}",
        "type": rnd.choice(v.types),
        "title": rnd.choice(WORDS[:-2]) or f"Evidence {index}",
        "description": rnd.choice(WORDS),
        "location": f"https://evidence.example/{index}",
        "date": days(issued).isoformat(),
    }
    if earlier and rnd.randrange(7) == 0:  # the same artefact registered again
        twin = rnd.choice(list(earlier))
        if "sha256" in twin and rnd.randrange(2):
            out["sha256"] = twin["sha256"]
        else:
            out["location"] = (
                twin["location"].split("#")[0].replace("https://evidence", "HTTPS://Evidence") + f"#p{index}"
            )
    elif rnd.randrange(2):
        out["sha256"] = digest(out["location"])
    if rnd.randrange(10):
        out["performed"] = days(issued + rnd.randint(0, 60)).isoformat()
    if rnd.randrange(8) == 0:
        since = issued + rnd.randint(0, 300)
        until = maybe(rnd, 2, rnd.randint(0, since))
        out["in_force"] = {"since": days(since).isoformat()} | (
            {"until": days(until).isoformat()} if until is not None else {}
        )
    if rnd.randrange(5):
        out["models"] = rnd.sample(list(profile), rnd.randint(0, len(profile)))
    issuer = rnd.choice([None, None, *OWN_SPELLINGS, *OTHERS])
    if issuer is not None:
        out["issuer"] = {"organisation": issuer, "role": rnd.choice(["Chief Safety Officer", None])}
    if rnd.randrange(10) == 0:
        out["secondary"] = True
    if rnd.randrange(4) == 0:
        out["surfaces"] = rnd.sample(SURFACES, rnd.randint(1, 3))
    names = out.get("models", profile)
    out["metrics"] = [reading(rnd, v, names) for _ in range(rnd.choice([0, 0, 1, 1, 2, 3]))]
    return out


def responses(
    rnd: Random, v: Version, register: Sequence[dict[str, Any]], strong: bool, clean: bool
) -> list[dict[str, Any]]:
    """Answers to most requirements, citing items of the expected types, and others (a prepared lab claims
    largely or fully and cites the items made for each requirement)."""
    by_type: dict[str, list[str]] = {}
    for e in register:
        by_type.setdefault(e["type"], []).append(e["id"])
    ids = [e["id"] for e in register]
    out = []
    for req in v.requirements:
        status = rnd.choice([None, *SCORED_ORDER, "fully", "largely", "largely", "not_applicable"])
        if strong and (clean or rnd.randrange(12)):
            status = rnd.choice(["largely", "fully"])
        if status is None:
            continue
        cited = [
            rnd.choice(by_type[x.type])
            for x in req.evidence
            if x.type in by_type and (rnd.randrange(8) == 0 if strong else rnd.randrange(4))
        ]
        cited += [e["id"] for e in register if e["title"] == req.id] if strong else []
        cited += rnd.sample(ids, rnd.choice([0, 0, 0, 0, 1] if strong else [0, 0, 1, 2]))
        response: dict[str, Any] = {"requirement": req.id, "status": status, "evidence": list(dict.fromkeys(cited))}
        response["narrative"] = rnd.choice(WORDS)
        if status == "not_applicable":
            response["justification"] = rnd.choice(WORDS[:-3]) or "Out of scope."
        out.append(response)
    return out


def prepared(rnd: Random, v: Version, names: Sequence[str], start: int, clean: bool) -> list[dict[str, Any]]:
    """A prepared lab's register: for each requirement, fresh items of its expected types about every model (or
    most), whose readings sit near their thresholds, live, covered and sampled."""
    register: list[dict[str, Any]] = []
    goods = [0.5, 0.7, 0.9, 0.99, 1.0] + ([] if clean else [1.01, 1.05, 1.1])
    for req in v.requirements:
        for expected in req.evidence:
            ago = rnd.randint(0, 90)
            index = start + len(register)
            e: dict[str, Any] = {
                "id": f"EV-{index:03d}", "type": expected.type, "title": req.id, "location": f"https://lab.example/{index}",
                "date": days(ago).isoformat(), "performed": days(ago + rnd.randint(0, 5)).isoformat(),
                "models": list(names) if clean or rnd.randrange(10) else rnd.sample(list(names), len(names) - 1),
                "issuer": {"organisation": rnd.choice(OTHERS)}, "metrics": [],
            }  # fmt: skip
            if expected.type in ("METRIC", "TEST", "DRILL", "REC"):
                for t in req.metrics:
                    metric = v.metrics[t.metric]
                    good = rnd.choice(goods)
                    factor = good if t.op in ("<=", "<") else 2 - good
                    value = clamp(metric, round(t.value * factor, 3)) if t.value else 0.0
                    scope = {"coverage_percent": 100, "sample_size": 50, "models": e["models"]}
                    e["metrics"].append(
                        {"metric": t.metric, "unit": metric.unit, "value": value, "setting": "live"} | scope
                    )
            register.append(e)
    return register


def build(v: Version, rnd: Random, size: int = 24) -> dict[str, Any]:
    """A realistic multi-model submission to a version (its register up to `size` items); one in three is a
    prepared lab, with evidence for every requirement, that reaches a level."""
    profile = models(rnd)
    names = [m["name"] for m in profile]
    strong = rnd.randrange(3) == 0
    clean = strong and rnd.randrange(2) == 0
    if strong:
        for m in profile:
            m["release_date"] = days(rnd.randint(150, 700)).isoformat()
            m["surfaces"] = [x for x in m["surfaces"] if x != "open_weights"] or ["api"]
    register: list[dict[str, Any]] = []
    for index in range(rnd.randint(4, size // 3 if strong else size)):
        register.append(item(rnd, v, index, names, register))
    if strong:
        register += prepared(rnd, v, names, len(register), clean)
    kind = rnd.choice(["self", "independent"])
    assessor = {"name": "Gen", "organisation": rnd.choice([None, OWN, *OTHERS])}
    return {
        "standard": {"id": v.standard.manifest.id, "version": v.number},
        "organisation": {"name": OWN},
        "assessment": {"type": kind, "date": ON.isoformat(), "assessor": {k: x for k, x in assessor.items() if x}},
        "profile": {"models": profile},
        "evidence": register,
        "responses": responses(rnd, v, register, strong, clean),
    }


def submissions(v: Version, size: int = 24) -> st.SearchStrategy[dict[str, Any]]:
    """Generated submissions to a version; one seed each, so an example costs one draw."""
    return st.integers(0, 2**32 - 1).map(lambda seed: build(v, Random(seed), size))

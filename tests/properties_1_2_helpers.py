"""Small DCRS 1.2.0 submissions built by hand for the artefact-identity properties."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from random import Random
from typing import Any

from assessor.dcrs.base import SCORED_ORDER
from assessor.scoring.models import Assessment
from tests.property_settings import property_settings
from tests.strategies_1_2 import (
    OTHERS,
    OWN,
    OWN_SPELLINGS,
    WORDS,
    Version,
)

SETTINGS = property_settings(25)


def figures(a: Assessment) -> dict[str, float]:
    """The headline's and every model's (and its domains') score and level, by name."""
    out = {"score": a.overall.score or 0.0, "level": float(a.overall.level)}
    for m in a.models or []:
        out |= {f"{m.name} score": m.score or 0.0, f"{m.name} level": float(m.level)}
        out |= {f"{m.name} {d.id} score": d.score or 0.0 for d in m.domains}
        out |= {f"{m.name} {d.id} level": float(d.level) for d in m.domains}
    return out


def statuses(a: Assessment) -> dict[str, str]:
    """Every model's supported status of every requirement, by model and requirement."""
    return {f"{name} {r.id}": s for r in a.requirements for name, s in (r.models or {}).items()}


def rank(status: str) -> int:
    """A scored status's place on the scale (not applicable: -1, never compared)."""
    return SCORED_ORDER.index(status) if status in SCORED_ORDER else -1  # type: ignore[arg-type]


def raised(before: Assessment, after: Assessment, models: set[str] | None = None) -> list[str]:
    """Every figure or status that went up (only those of `models` when given, else the headline's too).

    The headline is one model's (level, score), compared as a pair: when a model's level falls it may become
    the headline model, and its own score may be above the previous headline model's."""
    keep = (lambda k: k.split(" ")[0] in models) if models is not None else (lambda k: k not in ("score", "level"))
    a, b = figures(before), figures(after)
    up = [f"{k}: {a[k]} -> {b[k]}" for k in a if keep(k) and k in b and b[k] > a[k] + 1e-9]
    if models is None and (b["level"] > a["level"] or (b["level"] == a["level"] and b["score"] > a["score"] + 1e-9)):
        up.append(f"headline (level, score): {(a['level'], a['score'])} -> {(b['level'], b['score'])}")
    s, t = statuses(before), statuses(after)
    return up + [
        f"{k}: {s[k]} -> {t[k]}" for k in s if keep(k) and min(rank(s[k]), rank(t[k])) >= 0 and rank(t[k]) > rank(s[k])
    ]


def names(data: dict[str, Any]) -> list[str]:
    """The profile's model names."""
    return [m["name"] for m in data["profile"]["models"]]


def same_place(location: str, rnd: Random) -> str:
    """The same location as written differently: a fragment, a trailing slash, the host in capitals."""
    bare = location.split("#", 1)[0]
    return rnd.choice([bare, bare + "#page=4", bare + "/", bare.replace("evidence.example", "EVIDENCE.example")])


def duplicate(v: Version, original: dict[str, Any], rnd: Random, profile: list[str]) -> dict[str, Any]:
    """Another registration of an artefact: any id, title, dates and issuer, a type no weaker than the original's
    and its secondary flag (a weaker type or a secondary flag changes what a citation meets: see the xfail examples),
    the same or fewer readings and scope (none of it where the version's published limit says so)."""
    strength = v.params("artefact_identity")["type_strength"]
    types = [t for t in v.types if strength.index(t) >= strength.index(original["type"])]
    dup = copy.deepcopy(original) | {"id": "EV-DUP", "type": rnd.choice(types), "title": rnd.choice(WORDS) or "Copy"}
    if "sha256" in original and rnd.randrange(2):
        dup["location"] = f"https://elsewhere.example/{rnd.randrange(99)}"
    else:
        dup["location"] = same_place(original["location"], rnd)
        dup.pop("sha256", None) if rnd.randrange(2) else None
    dup["metrics"] = rnd.sample(original["metrics"], rnd.randint(0, len(original["metrics"])))
    if original.get("models") is not None:
        # Said to be about the organisation where the original names models, an undated registration drops the
        # artefact's failures in versions without `contradicted_failures_where_may_be` (see the xfail example).
        fewest = 0 if v.params("relevance").get("contradicted_failures_where_may_be") or not original["models"] else 1
        dup["models"] = rnd.sample(original["models"], rnd.randint(fewest, len(original["models"])))
    # Issued earlier, a registration backdates the artefact's failures where the version does not read them late
    # (1.2.0's published limit: see the xfail example); there it keeps the original's dates.
    late = v.params("relevance").get("unshown_failures_read_late")
    shift = rnd.randint(-300, 0) if late else 0
    dup["date"] = (date.fromisoformat(original["date"]) + timedelta(days=shift)).isoformat()
    if late and rnd.randrange(2):
        dup["performed"] = (date.fromisoformat(dup["date"]) - timedelta(days=rnd.randint(0, 90))).isoformat()
    elif late:
        dup.pop("performed", None)
    dup["issuer"] = rnd.choice([None, {"organisation": rnd.choice([*OWN_SPELLINGS, *OTHERS])}])
    dup["secondary"] = original.get("secondary")
    return {k: x for k, x in dup.items() if x is not None}


def tiny(
    v: Version, evidence: list[dict[str, Any]], responses: list[dict[str, Any]], models: int = 1
) -> dict[str, Any]:
    """A minimal submission: one to three models released 2025-10-01, the given register and responses."""
    profile = [{"name": n, "surfaces": ["api"], "release_date": "2025-10-01"} for n in ["A", "B", "C"][:models]]
    return {
        "standard": {"id": v.standard.manifest.id, "version": v.number}, "organisation": {"name": OWN},
        "assessment": {"type": "self", "date": "2026-06-30", "assessor": {"name": "Gen"}},
        "profile": {"models": profile}, "evidence": evidence, "responses": responses,
    }  # fmt: skip


def ev(id_: str, type_: str, where: str, **fields: Any) -> dict[str, Any]:
    """An evidence item dated 2026-06-01 at a location."""
    return {
        "id": id_,
        "type": type_,
        "title": id_,
        "location": f"https://e.example/{where}",
        "date": "2026-06-01",
    } | fields


def answer(req: str, status: str, *ids: str) -> dict[str, Any]:
    """A response citing ids."""
    return {"requirement": req, "status": status, "evidence": list(ids)}

"""Two assessments of one organisation under two versions of the standard, side by side: overall and per-domain
level and score, and the requirements that moved them.

A requirement's points are its share of the overall score, 100 x weight x credit / total applicable weight,
so the points moved by every requirement add up to the change in the overall score. Each old requirement's
points are set against the first requirement its answer went to (a split's first part).
"""

from __future__ import annotations

from pydantic import Field

from assessor.dcrs.base import StrictModel
from assessor.dcrs.migration_models import MigrationMap
from assessor.scoring.models import Assessment, RequirementResult

# Every requirement's share shifts a little when the total weight changes; smaller moves are summed, not listed.
_SHOWN = 0.25


class Side(StrictModel):
    """One version's headline."""

    version: str
    level: int
    level_name: str
    score: float | None
    critical_gaps: list[str]


class DomainSide(StrictModel):
    """One domain under both versions (None where the domain does not exist in a version)."""

    id: str
    old_level: int | None
    new_level: int | None
    old_score: float | None
    new_score: float | None


class Mover(StrictModel):
    """A requirement whose supported status, qualification for its level or points differ between versions."""

    requirement: str
    sources: list[str]
    old_status: str | None
    new_status: str | None
    old_points: float
    new_points: float
    delta: float
    qualifies_old: bool | None
    qualifies_new: bool | None
    why: str


class Effect(StrictModel):
    """Level and score under both versions and what moved them, biggest movers first."""

    old: Side
    new: Side
    domains: list[DomainSide]
    movers: list[Mover]
    others: float = Field(description="Points moved by the requirements not listed (their share of the total).")


def effect(
    old: Assessment, new: Assessment, migration: MigrationMap, qualifying: tuple[list[str], list[str]]
) -> Effect:
    """Compare `old` (under migration.from_version) with `new` (under migration.to_version)."""
    old_pts, new_pts = _points(old), _points(new)
    old_by = {r.id: r for r in old.requirements}
    home, origins = _homes(migration), _origins(migration)
    movers = []
    for r in new.requirements:
        scored = [old_by[s] for s, t in home.items() if t == r.id and s in old_by]
        came = [old_by[s] for s in origins.get(r.id, []) if s in old_by]
        movers.append(_mover(r.id, came, scored, r, (old_pts, new_pts), qualifying))
    for s, target in home.items():
        if target is None and s in old_by:
            movers.append(_mover(s, [old_by[s]], [old_by[s]], None, (old_pts, new_pts), qualifying))
    kept = [m for m in movers if _moved(m)]
    return Effect(
        old=_side(old),
        new=_side(new),
        domains=_domains(old, new),
        movers=sorted(kept, key=lambda m: (-abs(m.delta), m.requirement)),
        others=round(sum(m.delta for m in movers if not _moved(m)), 2),
    )


def _homes(migration: MigrationMap) -> dict[str, str | None]:
    """old id -> the new id its points are set against (None when its answer went nowhere)."""
    out: dict[str, str | None] = {}
    for m in migration.mappings:
        if m.source is not None:
            out[m.source] = m.targets[0] if m.targets and m.changes != ["withdrawn"] else None
    return out


def _points(a: Assessment) -> dict[str, float]:
    scored = [r for r in a.requirements if r.credit is not None]
    total = sum(r.weight for r in scored)
    return {r.id: 100 * r.weight * (r.credit or 0.0) / total for r in scored} if total else {}


def _origins(migration: MigrationMap) -> dict[str, list[str]]:
    """new id -> every old id whose answer it took."""
    out: dict[str, list[str]] = {}
    for m in migration.mappings:
        if m.source is not None and m.changes != ["withdrawn"]:
            for target in m.targets:
                out.setdefault(target, []).append(m.source)
    return out


def _mover(
    target: str,
    came: list[RequirementResult],
    scored: list[RequirementResult],
    after: RequirementResult | None,
    points: tuple[dict[str, float], dict[str, float]],
    qualifying: tuple[list[str], list[str]],
) -> Mover:
    """`came`: the old requirements whose answers `target` took; `scored`: those whose points are set against it."""
    was = sum(points[0].get(r.id, 0.0) for r in scored)
    now = points[1].get(after.id, 0.0) if after else 0.0
    q_old = all(r.supported in qualifying[0] for r in came if r.applicable) if came else None
    q_new = (after.supported in qualifying[1]) if after and after.applicable else None
    return Mover(
        requirement=target,
        sources=[r.id for r in came],
        old_status="/".join(r.supported for r in came) or None,
        new_status=after.supported if after else None,
        old_points=round(was, 2),
        new_points=round(now, 2),
        delta=round(now - was, 2),
        qualifies_old=q_old,
        qualifies_new=q_new,
        why=_why(came, scored, after),
    )


def _why(came: list[RequirementResult], scored: list[RequirementResult], after: RequirementResult | None) -> str:
    if after is None:
        return "answer no longer scored (withdrawn)"
    if not came:
        return "new requirement" + (", unanswered" if after.claimed is None else "")
    reasons = "; ".join(r.message for r in after.reasons if r.code != "not_applicable_accepted")
    if not scored:
        return f"answer copied from {', '.join(r.id for r in came)}" + (f"; {reasons}" if reasons else "")
    weight = sum(r.weight for r in scored)
    if reasons or weight == after.weight:
        return reasons or "share of the total weight changed"
    return f"weight {weight:g} -> {after.weight:g}"


def _moved(m: Mover) -> bool:
    return abs(m.delta) >= _SHOWN or m.old_status != m.new_status or m.qualifies_old != m.qualifies_new


def _side(a: Assessment) -> Side:
    o = a.overall
    v = a.provenance.standard_version
    return Side(version=v, level=o.level, level_name=o.level_name, score=o.score, critical_gaps=o.critical_gaps)


def _domains(old: Assessment, new: Assessment) -> list[DomainSide]:
    a, b = {d.id: d for d in old.domains}, {d.id: d for d in new.domains}
    ids = list(a) + [i for i in b if i not in a]
    return [
        DomainSide(
            id=i,
            old_level=a[i].level if i in a else None,
            new_level=b[i].level if i in b else None,
            old_score=a[i].score if i in a else None,
            new_score=b[i].score if i in b else None,
        )
        for i in ids
    ]

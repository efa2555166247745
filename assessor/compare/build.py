"""Comparing two assessments: pure, from the two results and the map between their versions (if they differ)."""

from __future__ import annotations

from typing import Any

from assessor.compare.match import Link, links, withdrawn
from assessor.compare.models import Direction, DomainChange, RequirementChange, Side, Step
from assessor.core.text import json_clip
from assessor.dcrs.base import SCORED_ORDER
from assessor.dcrs.migration_models import MigrationMap
from assessor.dcrs.models import RuleUse
from assessor.scoring.models import Assessment, RequirementResult


def side(label: str, a: Assessment) -> Side:
    """The headline of one assessment."""
    subject, provenance = a.subject, a.provenance
    return Side(label=label, organisation=subject.organisation, assessment_date=subject.assessment_date.isoformat(),
                standard_version=provenance.standard_version, level=a.overall.level, score=a.overall.score)  # fmt: skip


def step(
    labels: tuple[str, str],
    a: Assessment,
    b: Assessment,
    migration: MigrationMap | None,
    through: str | None,
    rules: list[str] | None = None,
) -> Step:
    """What changed from `a` to `b`; requirements of different versions matched through `migration`."""
    before = {r.id: r for r in a.requirements}
    after = {r.id: r for r in b.requirements}
    matched = links(list(before), list(after), migration)
    changes = [c for rid, r in after.items() if (c := _requirement(r, [before[s] for s in matched[rid].sources
                                                                         if s in before], matched[rid]))]  # fmt: skip
    changes += [_removed(before[rid]) for rid in withdrawn(list(before), matched)]
    return Step(before=side(labels[0], a), after=side(labels[1], b), through=through, rules=rules or [],
                domains=_domains(a, b), requirements=changes)  # fmt: skip


def _requirement(new: RequirementResult, olds: list[RequirementResult], link: Link) -> RequirementChange | None:
    if not olds:
        why = ["not assessed before" + (f" ({link.note})" if link.note else "")]
        return _change(new, None, "new", why, list(link.changes) or ["added"])
    old = min(olds, key=lambda r: _rank(r))  # merged requirements answer to the weakest of them
    direction = _direction(old, new)
    if direction is None:
        return None
    return _change(new, old, direction, _why(old, new, link), list(link.changes))


def _rank(r: RequirementResult) -> float:
    if not r.applicable or r.supported == "not_applicable":
        return -1.0
    return float(SCORED_ORDER.index(r.supported))


def _direction(old: RequirementResult, new: RequirementResult) -> Direction | None:
    if (old.credit, old.supported, old.applicable) == (new.credit, new.supported, new.applicable):
        return None
    if old.credit is not None and new.credit is not None and old.credit != new.credit:
        return "improved" if new.credit > old.credit else "regressed"
    return "changed"


def _why(old: RequirementResult, new: RequirementResult, link: Link) -> list[str]:
    why = []
    if link.changes:
        note = f": {link.note}" if link.note else ""
        why.append(f"the standard changed it ({', '.join(link.changes)}){note}")
    if old.claimed != new.claimed:
        why.append(f"claimed {old.claimed or 'nothing'} → {new.claimed or 'nothing'}")
    added, dropped = sorted(set(new.evidence) - set(old.evidence)), sorted(set(old.evidence) - set(new.evidence))
    if added:
        why.append("evidence added: " + ", ".join(added))
    if dropped:
        why.append("evidence no longer cited: " + ", ".join(dropped))
    gone = {r.code for r in old.reasons} - {r.code for r in new.reasons}
    why += [f"no longer: {r.message}" for r in old.reasons if r.code in gone]
    came = {r.code for r in new.reasons} - {r.code for r in old.reasons}
    why += [f"now: {r.message}" for r in new.reasons if r.code in came]
    return why or ["the same reasons, with different figures: " + "; ".join(r.message for r in new.reasons)]


def _change(
    new: RequirementResult,
    old: RequirementResult | None,
    direction: Direction,
    why: list[str],
    changes: list[str] | None = None,
) -> RequirementChange:
    return RequirementChange(
        requirement=new.id, domain=new.domain, title=new.title, before=old.supported if old else None,
        after=new.supported, credit_before=old.credit if old else None, credit_after=new.credit,
        direction=direction, why=why, changes=changes or [],
    )  # fmt: skip


def _removed(old: RequirementResult) -> RequirementChange:
    return RequirementChange(requirement=old.id, domain=old.domain, title=old.title, before=old.supported, after=None,
                             credit_before=old.credit, credit_after=None, direction="removed",
                             why=["withdrawn from the later version"])  # fmt: skip


def _domains(a: Assessment, b: Assessment) -> list[DomainChange]:
    before, after = {d.id: d for d in a.domains}, {d.id: d for d in b.domains}
    ids = list(after) + [d for d in before if d not in after]
    out = []
    for did in ids:
        old, new = before.get(did), after.get(did)
        title = (new or old).title  # type: ignore[union-attr]
        direction: Direction | None = None
        if old is None:
            direction = "new"
        elif new is None:
            direction = "removed"
        elif (old.level, old.score) != (new.level, new.score):
            up = (new.level, new.score or 0.0) > (old.level, old.score or 0.0)
            direction = "improved" if up else "regressed"
        out.append(DomainChange(
            domain=did, title=title, level_before=old.level if old else None, level_after=new.level if new else None,
            score_before=old.score if old else None, score_after=new.score if new else None, direction=direction,
        ))  # fmt: skip
    return out


def rule_changes(before: list[RuleUse], after: list[RuleUse]) -> list[str]:
    """The scoring rules the later version adds, drops, or runs with other parameters."""
    old, new = {r.rule: r.params for r in before}, {r.rule: r.params for r in after}
    lines = [f"rule added: {name}" for name in new if name not in old]
    lines += [f"rule dropped: {name}" for name in old if name not in new]
    lines += [f"rule parameters changed: {name} ({_params(old[name], new[name])})"
              for name in new if name in old and old[name] != new[name]]  # fmt: skip
    return lines


def _params(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Which parameters of one rule differ, with their values: `near_miss_supersedes: added (true)`."""
    said = []
    for key in [*old, *(k for k in new if k not in old)]:
        if key not in old:
            said.append(f"{key}: added ({json_clip(new[key])})")
        elif key not in new:
            said.append(f"{key}: removed (was {json_clip(old[key])})")
        elif old[key] != new[key]:
            said.append(f"{key}: {json_clip(old[key])} → {json_clip(new[key])}")
    return "; ".join(said)

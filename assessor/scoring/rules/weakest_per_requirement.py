"""Rule `weakest_per_requirement` (aggregate): per-model results, combined by the weakest per requirement.

  results_m(r)  = scope m's judged claims; level_m, score_m as in single_scope
  combined(r)   = the weakest results_m(r) over the scopes r applies to (not applicable if none)
  domains, score over the combined results; headline level = the weakest scope's level
  basis shares  = the earned credit split by what each requirement's credit rests on
Example: a flagship at level 2 beside an open-weights side model at level 0 gives headline level 0, set by the
side model, with the flagship shown at 2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assessor.dcrs.base import status_rank
from assessor.scoring.aggregate import (
    basis_share,
    caveats_by_scope,
    domain_results,
    model_result,
    overall,
    provenance,
    results_by_scope,
    subject,
    with_basis,
)
from assessor.scoring.consistency import not_applicable_contradicted
from assessor.scoring.gaps import rank_gaps
from assessor.scoring.headline import headline
from assessor.scoring.models import Assessment, Inconsistency, RequirementResult
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.models_and_undeclared import UNDECLARED
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import ClaimState, Context, Judged


def weakest_per_requirement(judged: Judged, ctx: Context, params: NoParams) -> Assessment:
    """Per-model results, the combined weakest result per requirement, findings and the headline."""
    standard, submission = ctx.standard, ctx.submission
    per_scope = results_by_scope(judged)
    combined = _combine(judged, per_scope)
    inconsistencies = [*judged.register.inconsistencies, *_contradictions(judged)]
    models = [model_result(standard, s, per_scope[s.name]) for s in judged.scopes]
    domains = [with_basis(d, combined) for d in domain_results(standard, combined)]
    top = overall(standard, combined, domains)
    weakest = min(models, key=lambda m: (m.level, m.score or 0.0, m.name))
    top = top.model_copy(
        update={
            "level": weakest.level,
            "level_name": weakest.level_name,
            "basis": basis_share(combined),
            "weakest_model": weakest.name,
        }
    )
    caveats = caveats_by_scope(standard, judged.scopes)
    findings = rank_gaps(standard, combined, caveats, inconsistencies, top.level)
    responses = {r.requirement for r in submission.responses}
    return Assessment(
        provenance=provenance(standard, submission),
        subject=subject(submission),
        overall=top,
        caveats=[c for c, _ in caveats],
        domains=domains,
        requirements=combined,
        findings=findings,
        missing_responses=[r.id for r in combined if r.applicable and r.id not in responses],
        headline=headline(standard, submission, combined, top, findings, inconsistencies),
        models=models,
        inconsistencies=inconsistencies,
    )


def _combine(judged: Judged, per_scope: Mapping[str, Sequence[RequirementResult]]) -> list[RequirementResult]:
    """Per requirement, the weakest scope's result among the scopes it applies to, with every scope's status."""
    names = [s.name for s in judged.scopes]
    results = []
    for i in range(len(judged.states[names[0]])):
        candidates = [(name, judged.states[name][i]) for name in names]
        applicable = [c for c in candidates if c[1].applicable]
        chosen, _ = min(applicable or candidates, key=lambda c: _rank(c[1]))
        statuses = {n: s.supported for n, s in candidates if s.supported is not None}
        results.append(per_scope[chosen][i].model_copy(update={"models": statuses}))
    return results


def _rank(state: ClaimState) -> int:
    supported = state.supported
    return 99 if supported == "not_applicable" or supported is None else status_rank(supported)


def _contradictions(judged: Judged) -> list[Inconsistency]:
    """N/A claims that only the register's undeclared surfaces make applicable."""
    undeclared = judged.states.get(UNDECLARED)
    if undeclared is None:
        return []
    others: Sequence[Sequence[ClaimState]] = [v for n, v in judged.states.items() if n != UNDECLARED]
    found = []
    for i, state in enumerate(undeclared):
        response = state.response
        if response is None or response.status != "not_applicable" or not state.applicable:
            continue
        if not any(o[i].applicable for o in others):
            found.append(not_applicable_contradicted(state.req.id, judged.register.undeclared))
    return found


RULE = register(
    Rule(
        name="weakest_per_requirement",
        phase="aggregate",
        params=NoParams,
        apply=weakest_per_requirement,
        summary="Per-model results combined by the weakest per requirement; the headline is the weakest model's.",
        example="A flagship at level 2 beside an open-weights model at level 0 gives headline level 0.",
    )
)

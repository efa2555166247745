"""Rule `headline_model` (aggregate): one model sets the headline, with its own level and its own score.

  results_m     = model m's judged claims; level_m and score_m as in single_scope
  headline      = the model with the lowest (level, score, name); its level, its score, its domains and
                  requirements (each with every model's status beside it)
  findings      = every model's findings, one per requirement, cause and figure, naming the models it holds for
  assurance     = none for a self-assessment (or an "independent" one by the developer's own staff), limited for
                  an independent assessment not yet reviewed (ISAE 3000)
Example: a flagship at level 2 (score 78.4) beside a research preview at level 1 (score 61.0): the headline is
level 1, score 61.0, both the preview's, and the report says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
from assessor.scoring.gaps import SEVERITY_ORDER, gaps, ranked
from assessor.scoring.headline import headline
from assessor.scoring.models import Assessment, Caveat, Finding, Inconsistency, ModelResult, RequirementResult
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import Context, Judged

# Findings about a measurement: one per figure, since a requirement can miss several thresholds.
MEASURED = frozenset({"failed_threshold", "near_miss", "insufficient"})


def headline_model(judged: Judged, ctx: Context, params: NoParams) -> Assessment:
    """The headline model's result, every model's results, and the findings of all of them."""
    standard, submission = ctx.standard, ctx.submission
    per_model = results_by_scope(judged)
    by_domain = {s.name: domain_results(standard, per_model[s.name]) for s in judged.scopes}
    models = [model_result(standard, s, per_model[s.name], by_domain[s.name]) for s in judged.scopes]
    lead = min(models, key=lambda m: (m.level, m.score if m.score is not None else -1.0, m.name))
    statuses = [{m.name: per_model[m.name][i].supported for m in models} for i in range(len(per_model[lead.name]))]
    results = [r.model_copy(update={"models": s}) for r, s in zip(per_model[lead.name], statuses, strict=True)]
    domains = [with_basis(d, results) for d in by_domain[lead.name]]  # a domain's result never reads `models`
    top = overall(standard, results, domains).model_copy(
        update={"basis": basis_share(results), "weakest_model": lead.name, "score_model": lead.name}
    )
    caveats = caveats_by_scope(standard, judged.scopes)
    inconsistencies = list(judged.register.inconsistencies)
    findings = _findings(ctx, per_model, models, caveats, inconsistencies, top.level)
    responses = {r.requirement for r in submission.responses}
    flags = list(judged.register.flags)
    return Assessment(
        provenance=provenance(standard, submission),
        subject=subject(submission),
        overall=top,
        caveats=[c for c, _ in caveats],
        domains=domains,
        requirements=results,
        findings=findings,
        missing_responses=[r.id for r in results if r.applicable and r.id not in responses],
        headline=headline(
            standard,
            submission,
            results,
            top,
            findings,
            inconsistencies,
            flags=flags,
            self_assessed=judged.register.self_assessed,
        ),
        models=models,
        inconsistencies=inconsistencies,
        flags=flags,
    )


def _findings(
    ctx: Context,
    per_model: Mapping[str, Sequence[RequirementResult]],
    models: Sequence[ModelResult],
    caveats: Sequence[tuple[Caveat, list[str]]],
    inconsistencies: Sequence[Inconsistency],
    level: int,
) -> list[Finding]:
    """Each model's gaps, merged: one finding per requirement, cause and figure, naming its models."""
    # Per finding key, in first-seen order: the most severe finding and the models it holds for (copied once).
    merged: dict[tuple[str, str | None, str | None, str | None], tuple[Finding, list[str]]] = {}
    made: dict[int, list[Finding]] = {}  # a result shared between models has its findings made once
    for m in models:
        for f in gaps(ctx.standard, per_model[m.name], [], [], level, made):
            key = (f.kind, f.requirement, f.cause, f.figure if f.cause in MEASURED else None)
            seen = merged.get(key)
            if seen is None:
                merged[key] = (f, [m.name])
                continue
            old, names = seen
            worse = f if _severity_index(f) < _severity_index(old) else old
            merged[key] = (worse, [*names, m.name])
    extra = gaps(ctx.standard, [], caveats, inconsistencies, level)
    return ranked([*extra, *(f.model_copy(update={"models": names}) for f, names in merged.values())])


def _severity_index(finding: Finding) -> int:
    return SEVERITY_ORDER.index(finding.severity or "low")


RULE = register(
    Rule(
        name="headline_model",
        phase="aggregate",
        params=NoParams,
        apply=headline_model,
        summary="The weakest model sets the headline level and its own score is the headline score.",
        example="A flagship at level 2 beside a preview at level 1: headline level 1 with the preview's score.",
    )
)

"""DCRS 1.1.0 scoring: per model, evidence-led; used when the manifest declares the evidence rules.

For each in-scope model m (and, when the register shows surfaces no model declares, an extra
"undeclared" scope on those surfaces):
  results_m(r)   = claims.judge_claim(r, response, cited fresh evidence, m's surfaces and caveats)
  level_m, score_m as in 1.0.0 (weighted mean credit; cumulative levels; critical cap)
combined(r)      = the weakest results_m(r) over the models r applies to (not applicable if none)
domains, score   = as in 1.0.0 over the combined results
headline level   = min over models of level_m (which equals the combined level)
basis shares     = the earned credit split by what each requirement's credit rests on
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assessor.dcrs.base import SURFACES, ResponseStatus, status_rank
from assessor.dcrs.conditions import holds
from assessor.dcrs.models import EvidenceRules, Requirement, Standard
from assessor.intake.models import Response, Submission
from assessor.scoring.claims import Judged, ModelScope, judge_claim
from assessor.scoring.consistency import Register, examine, not_applicable_contradicted
from assessor.scoring.evidence import EvidenceScope
from assessor.scoring.models import (
    Assessment,
    BasisShare,
    Caveat,
    DomainResult,
    Inconsistency,
    ModelDomain,
    ModelResult,
    RequirementResult,
)

UNDECLARED = "undeclared surfaces in the register"


def score_by_evidence(standard: Standard, submission: Submission) -> Assessment:
    """Score a submission under the 1.1.0 evidence rules; pure, same inputs give equal results."""
    # engine dispatches here lazily and keeps the aggregation both versions share (levels, scores, provenance).
    from assessor.scoring import engine
    from assessor.scoring.gaps import rank_gaps
    from assessor.scoring.headline import headline

    rules = standard.manifest.scoring.evidence_rules()
    assert rules is not None
    operational = frozenset(t.id for t in standard.manifest.evidence_types if t.operational)
    register = examine(submission, rules.consistency, operational)
    scopes = _scopes(standard, submission, register, rules, operational)
    flat = [(d.id, req) for d in standard.domains for req in d.active()]
    responses = {r.requirement: r for r in submission.responses}
    per_model = {s.name: _judge_all(flat, responses, register, s) for s in scopes}
    combined = _combine(standard, flat, responses, per_model)
    inconsistencies = [*register.inconsistencies, *_contradictions(flat, responses, per_model, register)]
    models = [_model_result(standard, s, _results(standard, flat, responses, per_model[s.name])) for s in scopes]
    domains = [
        _with_basis(engine._domain_result(standard, d, [r for r in combined if r.domain == d.id]), combined, d.id)
        for d in standard.domains
    ]
    overall = engine._overall(standard, combined, domains, engine._critical_gaps(standard, combined))
    weakest = min(models, key=lambda m: (m.level, m.score or 0.0, m.name))
    overall = overall.model_copy(
        update={
            "level": weakest.level,
            "level_name": weakest.level_name,
            "basis": basis_share(combined),
            "weakest_model": weakest.name,
        }
    )
    caveats = _caveats(standard, scopes)
    findings = rank_gaps(standard, combined, caveats, inconsistencies, overall.level)
    return Assessment(
        provenance=engine._provenance(standard, submission),
        subject=engine._subject(submission),
        overall=overall,
        caveats=[c for c, _ in caveats],
        domains=domains,
        requirements=combined,
        findings=findings,
        missing_responses=[r.id for r in combined if r.applicable and r.id not in responses],
        headline=headline(standard, submission, combined, overall, findings, inconsistencies),
        models=models,
        inconsistencies=inconsistencies,
    )


Flat = Sequence[tuple[str, Requirement]]


def _scopes(
    standard: Standard, submission: Submission, register: Register, rules: EvidenceRules, operational: frozenset[str]
) -> list[ModelScope]:
    named: list[tuple[str, frozenset[str]]] = [(m.name, frozenset(m.surfaces)) for m in submission.profile.models]
    if register.undeclared:
        named.append((UNDECLARED, register.undeclared))
    scopes = []
    for name, surfaces in named:
        evidence = EvidenceScope(standard.manifest.scoring, rules, submission.assessment.date, operational, surfaces)
        caveats = tuple(c for c in standard.manifest.scope_caveats if holds(c.when, surfaces))
        scopes.append(ModelScope(name, surfaces, caveats, evidence))
    return scopes


def _judge_all(flat: Flat, responses: Mapping[str, Response], register: Register, scope: ModelScope) -> list[Judged]:
    judged = []
    for domain, req in flat:
        response = responses.get(req.id)
        cited = [register.items[e] for e in (response.evidence if response else []) if e in register.items]
        judged.append(judge_claim(req, domain, response, cited, scope))
    return judged


def _results(
    standard: Standard, flat: Flat, responses: Mapping[str, Response], judged: Sequence[Judged]
) -> list[RequirementResult]:
    """One model's requirement results, in standard order."""
    return [_result(standard, d, req, responses.get(req.id), j, None) for (d, req), j in zip(flat, judged, strict=True)]


def _result(
    standard: Standard,
    domain: str,
    req: Requirement,
    response: Response | None,
    judged: Judged,
    models: dict[str, ResponseStatus] | None,
) -> RequirementResult:
    supported = judged.judgement.supported
    return RequirementResult(
        id=req.id,
        domain=domain,
        title=req.title,
        level=req.level,
        critical=req.critical,
        weight=req.weight,
        applicable=judged.judgement.applicable,
        claimed=response.status if response else None,
        supported=supported,
        credit=None if supported == "not_applicable" else standard.manifest.scoring.credits[supported],
        evidence=list(response.evidence) if response else [],
        reasons=list(judged.judgement.reasons),
        basis=judged.basis if supported != "not_applicable" else None,
        models=models,
    )


def _combine(
    standard: Standard, flat: Flat, responses: Mapping[str, Response], per_model: Mapping[str, Sequence[Judged]]
) -> list[RequirementResult]:
    """Per requirement, the weakest model's result among the models it applies to."""
    results = []
    for i, (domain, req) in enumerate(flat):
        candidates = [(name, judged[i]) for name, judged in per_model.items()]
        applicable = [c for c in candidates if c[1].judgement.applicable]
        _, chosen = min(applicable or candidates, key=lambda c: _rank(c[1]))
        models = {n: j.judgement.supported for n, j in candidates}
        results.append(_result(standard, domain, req, responses.get(req.id), chosen, models))
    return results


def _rank(judged: Judged) -> int:
    supported = judged.judgement.supported
    return 99 if supported == "not_applicable" else status_rank(supported)


def basis_share(results: Sequence[RequirementResult]) -> BasisShare | None:
    """Percent of the earned (weighted) credit resting on operational evidence, documents only, and nothing."""
    earned: dict[str, float] = {"operational": 0.0, "documents_only": 0.0, "no_evidence": 0.0}
    for r in results:
        if r.credit:
            earned[r.basis or "no_evidence"] += r.weight * r.credit
    total = sum(earned.values())
    if not total:
        return None
    return BasisShare(
        operational=round(100 * earned["operational"] / total, 1),
        documents_only=round(100 * earned["documents_only"] / total, 1),
        no_evidence=round(100 * earned["no_evidence"] / total, 1),
    )


def _with_basis(domain: DomainResult, results: Sequence[RequirementResult], domain_id: str) -> DomainResult:
    return domain.model_copy(update={"basis": basis_share([r for r in results if r.domain == domain_id])})


def _model_result(standard: Standard, scope: ModelScope, results: Sequence[RequirementResult]) -> ModelResult:
    from assessor.scoring import engine

    domains = [engine._domain_result(standard, d, [r for r in results if r.domain == d.id]) for d in standard.domains]
    overall = engine._overall(standard, results, domains, engine._critical_gaps(standard, results))
    return ModelResult(
        name=scope.name,
        surfaces=[s for s in SURFACES if s in scope.surfaces],
        score=overall.score,
        level=overall.level,
        level_name=overall.level_name,
        critical_gaps=overall.critical_gaps,
        caveats=[c.id for c in scope.caveats],
        capped=[r.id for r in results if any(x.code == "scope_caveat" for x in r.reasons)],
        domains=[ModelDomain(id=d.id, score=d.score, level=d.level) for d in domains],
    )


def _caveats(standard: Standard, scopes: Sequence[ModelScope]) -> list[tuple[Caveat, list[str]]]:
    """Each caveat holding for some model, with the models it holds for."""
    found = []
    for c in standard.manifest.scope_caveats:
        names = [s.name for s in scopes if c in s.caveats]
        if names:
            statement = f"{c.statement} Holds for: {', '.join(names)}."
            caveat = Caveat(
                id=c.id, title=c.title, statement=statement, recommendation=c.recommendation, domains=c.domains
            )
            found.append((caveat, names))
    return found


def _contradictions(
    flat: Flat, responses: Mapping[str, Response], per_model: Mapping[str, Sequence[Judged]], register: Register
) -> list[Inconsistency]:
    """N/A claims that only the register's undeclared surfaces make applicable."""
    undeclared = per_model.get(UNDECLARED)
    if undeclared is None:
        return []
    found = []
    for i, (_, req) in enumerate(flat):
        response = responses.get(req.id)
        if response is None or response.status != "not_applicable" or not undeclared[i].judgement.applicable:
            continue
        if not any(j[i].judgement.applicable for n, j in per_model.items() if n != UNDECLARED):
            found.append(not_applicable_contradicted(req.id, register.undeclared))
    return found

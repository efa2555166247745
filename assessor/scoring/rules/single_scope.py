"""Rule `single_scope` (aggregate): one scope's results are the result; findings ranked by credit lost.

  domain score  = 100 x sum(weight x credit) / sum(weight) over the domain's scored requirements
  domain level  = the largest n such that every scored requirement of level <= n is qualifying
  overall level = the weakest domain's, capped by critical_cap when a critical requirement falls below it
  findings      = caveats, then critical gaps, then weight x (1 - credit) descending, then id
Example: a lab whose domains sit at levels 2, 2 and 1 is at level 1.
"""

from __future__ import annotations

from assessor.scoring.aggregate import critical_gaps, domain_results, overall, provenance, subject, to_result
from assessor.scoring.findings import rank_findings
from assessor.scoring.models import Assessment, Caveat
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import Context, Judged


def single_scope(judged: Judged, ctx: Context, params: NoParams) -> Assessment:
    """The one scope's results, domains, overall level and ranked findings."""
    (scope,) = judged.scopes
    results = [to_result(s) for s in judged.states[scope.name]]
    domains = domain_results(ctx.standard, results)
    caveats = [
        Caveat(id=c.id, title=c.title, statement=c.statement, recommendation=c.recommendation, domains=c.domains)
        for c in scope.caveats
    ]
    answered = {r.requirement for r in ctx.submission.responses}
    requirements = {r.id: r for r in ctx.standard.requirements()}
    return Assessment(
        provenance=provenance(ctx.standard, ctx.submission),
        subject=subject(ctx.submission),
        overall=overall(ctx.standard, results, domains),
        caveats=caveats,
        domains=domains,
        requirements=results,
        findings=rank_findings(results, requirements, caveats, critical_gaps(ctx.standard, results)),
        missing_responses=[r.id for r in results if r.applicable and r.id not in answered],
    )


RULE = register(
    Rule(
        name="single_scope",
        phase="aggregate",
        params=NoParams,
        apply=single_scope,
        summary="One scope's results are the result; findings ranked by credit lost.",
        example="Domains at levels 2, 2 and 1 give level 1.",
    )
)

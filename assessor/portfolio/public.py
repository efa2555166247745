"""The public summary of a portfolio at a declared redaction level: aggregates only, or with organisations named.

Neither level holds anything from an evidence register or a narrative: the portfolio itself keeps only levels,
scores, counts and evidence *types*, and the public summary keeps less.
"""

from __future__ import annotations

from typing import Literal

from assessor.dcrs.base import StrictModel
from assessor.portfolio.models import DomainDistribution, FailedRequirement, LevelCount, Portfolio, Practice

Redaction = Literal["aggregate", "named"]
REDACTIONS: tuple[Redaction, ...] = ("aggregate", "named")
# Below this many organisations a domain's lowest and highest score is too close to one organisation's own
# score to publish without names (a reader who knows the field can tell whose it is).
EXTREMES_FROM = 5


class AssuranceCount(StrictModel):
    """How many organisations' latest assessments carry one assurance level (`none`: self-assessed, unreviewed)."""

    assurance: str
    organisations: int


class NamedLevel(StrictModel):
    """An organisation's headline, for the `named` level only."""

    organisation: str
    assessment_date: str
    level: int
    score: float | None
    assurance: str


class PublicSummary(StrictModel):
    """What may be published: how the field stands, its weak spots and best observed practice."""

    format: Literal["dcrs-public-summary/1"] = "dcrs-public-summary/1"
    redaction: Redaction
    statement: str
    as_of: str | None
    """The latest assessment date summarised."""
    standard_versions: list[str]
    organisations: int
    assurance: list[AssuranceCount]
    """How far the results are assured: a level and score of a self-assessment are the developer's own."""
    overall_levels: list[LevelCount]
    distribution: list[DomainDistribution]
    most_failed: list[FailedRequirement]
    best_practice: list[Practice]
    named: list[NamedLevel] | None


_ASSURANCE_ORDER = ("none", "limited", "reasonable")
STATEMENTS = {
    "aggregate": "Aggregates only: no organisation is named, and nothing from any evidence register or narrative "
    f"is shown; with fewer than {EXTREMES_FROM} organisations no domain's lowest or highest score is shown.",
    "named": "Each organisation's headline level and score are named; nothing from any evidence register or "
    "narrative is shown.",
}


def public_summary(portfolio: Portfolio, redaction: Redaction) -> PublicSummary:
    """The portfolio reduced to what the redaction level allows."""
    rows = portfolio.organisations
    top = max([3, *(row.level for row in rows)])
    levels = [LevelCount(level=n, organisations=sum(row.level == n for row in rows)) for n in range(top + 1)]
    named = None
    if redaction == "named":
        named = [
            NamedLevel(organisation=r.organisation, assessment_date=r.assessment_date, level=r.level, score=r.score,
                       assurance=r.assurance)
            for r in rows
        ]  # fmt: skip
    assurance = [
        AssuranceCount(assurance=level, organisations=sum(r.assurance == level for r in rows))
        for level in sorted({r.assurance for r in rows}, key=_ASSURANCE_ORDER.index)
    ]
    distribution = portfolio.distribution
    if redaction == "aggregate" and len(rows) < EXTREMES_FROM:
        distribution = [d.model_copy(update={"score_min": None, "score_max": None}) for d in distribution]
    return PublicSummary(
        redaction=redaction, statement=STATEMENTS[redaction],
        as_of=max((r.assessment_date for r in rows), default=None), standard_versions=portfolio.standard_versions,
        organisations=len(rows), assurance=assurance, overall_levels=levels, distribution=distribution,
        most_failed=portfolio.most_failed, best_practice=portfolio.best_practice, named=named,
    )  # fmt: skip

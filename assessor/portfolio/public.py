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
    overall_levels: list[LevelCount]
    distribution: list[DomainDistribution]
    most_failed: list[FailedRequirement]
    best_practice: list[Practice]
    named: list[NamedLevel] | None


STATEMENTS = {
    "aggregate": "Aggregates only: no organisation is named, and nothing from any evidence register or narrative "
    "is shown.",
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
    return PublicSummary(
        redaction=redaction, statement=STATEMENTS[redaction],
        as_of=max((r.assessment_date for r in rows), default=None), standard_versions=portfolio.standard_versions,
        organisations=len(rows), overall_levels=levels, distribution=portfolio.distribution,
        most_failed=portfolio.most_failed, best_practice=portfolio.best_practice, named=named,
    )  # fmt: skip

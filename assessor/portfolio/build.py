"""Building a portfolio from results, one at a time and in any order: only each organisation's latest result and
a small point per result are kept, and every list comes out sorted, so the order of inputs changes nothing."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from assessor.core import semver
from assessor.portfolio.models import (
    DomainCell,
    DomainDistribution,
    DomainHeader,
    FailedRequirement,
    LevelCount,
    ModelRow,
    OrganisationRow,
    Portfolio,
    Practice,
    Trend,
    TrendPoint,
)
from assessor.scoring.models import Assessment

FAILED = ("partially", "not_implemented")
BEST = ("fully", "largely")


@dataclass(frozen=True)
class Entry:
    """One result for the portfolio: the assessment, and the evidence types each response cited."""

    assessment: Assessment
    evidence_types: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Latest:
    key: tuple[str, str]
    row: OrganisationRow
    requirements: list[tuple[str, str, str, bool, bool, str, str | None, tuple[str, ...]]]
    """(id, title, domain, critical, applicable, supported, basis, evidence types) per requirement."""
    domains: list[DomainHeader]


@dataclass
class PortfolioBuilder:
    """Add results in any order; `portfolio()` gives the same portfolio for every order."""

    latest: dict[str, _Latest] = field(default_factory=dict)
    trends: dict[str, set[tuple[str, str, str, int, float | None]]] = field(default_factory=dict)
    domains: dict[str, list[DomainHeader]] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        """Take one result into account."""
        a = entry.assessment
        org, date, sha = a.subject.organisation, a.subject.assessment_date.isoformat(), a.provenance.submission_sha256
        version = a.provenance.standard_version
        self.trends.setdefault(org, set()).add((date, sha, version, a.overall.level, a.overall.score))
        self.domains.setdefault(version, [DomainHeader(id=d.id, title=d.title) for d in a.domains])
        key = (date, sha)
        if org not in self.latest or key > self.latest[org].key:
            self.latest[org] = _Latest(key, organisation_row(a), _requirements(entry), self.domains[version])

    def portfolio(self) -> Portfolio:
        """The portfolio of everything added."""
        latest = [self.latest[org] for org in sorted(self.latest)]
        versions = sorted(self.domains, key=semver.key)
        headers = _headers([self.domains[v] for v in reversed(versions)])
        return Portfolio(
            standard_versions=versions,
            assessments=sum(len(points) for points in self.trends.values()),
            domains=headers,
            organisations=[item.row for item in latest],
            distribution=[_distribution(h, [item.row for item in latest]) for h in headers],
            most_failed=_most_failed(latest),
            best_practice=_best_practice(latest),
            trends=[_trend(org, points) for org, points in sorted(self.trends.items())],
        )


def organisation_row(a: Assessment) -> OrganisationRow:
    """An assessment's row of the matrix, exactly as the assessment states it."""
    headline = a.headline
    assurance = headline.assurance_level if headline and headline.assurance_level else "none"
    models = [
        ModelRow(model=m.name, level=m.level, score=m.score,
                 domains=[DomainCell(domain=d.id, level=d.level, score=d.score) for d in m.domains])
        for m in sorted(a.models or [], key=lambda m: m.name)
    ]  # fmt: skip
    return OrganisationRow(
        organisation=a.subject.organisation, assessment_date=a.subject.assessment_date.isoformat(),
        standard_version=a.provenance.standard_version, submission_sha256=a.provenance.submission_sha256,
        level=a.overall.level, score=a.overall.score, assurance=assurance, basis=a.overall.basis,
        critical_gaps=len(a.overall.critical_gaps),
        domains=[DomainCell(domain=d.id, level=d.level, score=d.score) for d in a.domains], models=models,
    )  # fmt: skip


def _requirements(entry: Entry) -> list[tuple[str, str, str, bool, bool, str, str | None, tuple[str, ...]]]:
    types = entry.evidence_types
    return [
        (r.id, r.title, r.domain, r.critical, r.applicable, r.supported, r.basis, tuple(types.get(r.id, [])))
        for r in entry.assessment.requirements
    ]


def _headers(by_version: list[list[DomainHeader]]) -> list[DomainHeader]:
    """Every domain, in the newest version's order, then any only older versions have."""
    seen: dict[str, DomainHeader] = {}
    for headers in by_version:
        for header in headers:
            seen.setdefault(header.id, header)
    return list(seen.values())


def _distribution(header: DomainHeader, rows: list[OrganisationRow]) -> DomainDistribution:
    cells = [c for row in rows for c in row.domains if c.domain == header.id]
    levels = Counter(c.level for c in cells)
    scores = sorted(c.score for c in cells if c.score is not None)
    top = max([3, *levels])
    return DomainDistribution(
        domain=header.id, title=header.title,
        levels=[LevelCount(level=n, organisations=levels[n]) for n in range(top + 1)],
        score_min=scores[0] if scores else None, score_median=statistics.median(scores) if scores else None,
        score_max=scores[-1] if scores else None,
    )  # fmt: skip


def _most_failed(latest: list[_Latest]) -> list[FailedRequirement]:
    failed: Counter[str] = Counter()
    applicable: Counter[str] = Counter()
    about: dict[str, tuple[str, str, bool]] = {}
    for item in latest:
        for rid, title, domain, critical, is_applicable, supported, _basis, _types in item.requirements:
            about.setdefault(rid, (title, domain, critical))
            applicable[rid] += is_applicable
            failed[rid] += is_applicable and supported in FAILED
    ranked = sorted((rid for rid in failed if failed[rid]), key=lambda rid: (-failed[rid], rid))
    return [
        FailedRequirement(requirement=rid, title=about[rid][0], domain=about[rid][1], critical=about[rid][2],
                          failed=failed[rid], applicable=applicable[rid])
        for rid in ranked
    ]  # fmt: skip


def _best_practice(latest: list[_Latest]) -> list[Practice]:
    seen: dict[str, list[tuple[str, str | None, tuple[str, ...]]]] = {}
    titles: dict[str, str] = {}
    for item in latest:
        for rid, title, _domain, _critical, is_applicable, supported, basis, types in item.requirements:
            titles.setdefault(rid, title)
            if is_applicable and supported in BEST:
                seen.setdefault(rid, []).append((supported, basis, types))
    return [_practice(rid, titles[rid], observed) for rid, observed in sorted(seen.items())]


def _practice(rid: str, title: str, observed: list[tuple[str, str | None, tuple[str, ...]]]) -> Practice:
    """The best status observed; among those at it, the most common (basis, evidence types), ties broken by an
    operational basis first, then by the types' names."""
    best = min((status for status, _, _ in observed), key=BEST.index)
    at_best = Counter((basis, types) for status, basis, types in observed if status == best)
    (basis, types), _count = min(
        at_best.items(), key=lambda kv: (-kv[1], kv[0][0] != "operational", kv[0][0] or "", kv[0][1])
    )
    count = sum(at_best.values())
    return Practice(requirement=rid, title=title, status=best, basis=basis, evidence_types=list(types),
                    organisations=count)  # fmt: skip


def _trend(org: str, points: set[tuple[str, str, str, int, float | None]]) -> Trend:
    ordered = sorted(points, key=lambda p: (p[0], p[1]))
    return Trend(organisation=org, points=[
        TrendPoint(assessment_date=date, standard_version=version, level=level, score=score)
        for date, _sha, version, level, score in ordered
    ])  # fmt: skip

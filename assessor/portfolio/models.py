"""The portfolio's data: what every rendering (JSON, XLSX, PDF, the app) shows, and nothing else."""

from __future__ import annotations

from typing import Literal

from assessor.dcrs.base import StrictModel
from assessor.scoring.models import BasisShare


class DomainCell(StrictModel):
    """One domain's readiness level and score in one result."""

    domain: str
    level: int
    score: float | None


class ModelRow(StrictModel):
    """One in-scope model's result (where results have models)."""

    model: str
    level: int
    score: float | None
    domains: list[DomainCell]


class OrganisationRow(StrictModel):
    """An organisation's latest assessment: the row of the matrix."""

    organisation: str
    assessment_date: str
    standard_version: str
    submission_sha256: str
    level: int
    score: float | None
    assurance: str
    basis: BasisShare | None
    critical_gaps: int
    domains: list[DomainCell]
    models: list[ModelRow]


class DomainHeader(StrictModel):
    """A column of the matrix."""

    id: str
    title: str


class LevelCount(StrictModel):
    """How many organisations a domain has at one level."""

    level: int
    organisations: int


class DomainDistribution(StrictModel):
    """How one domain's levels and scores spread across organisations."""

    domain: str
    title: str
    levels: list[LevelCount]
    score_min: float | None
    score_median: float | None
    score_max: float | None


class FailedRequirement(StrictModel):
    """A requirement supported below "largely" by some organisations' latest assessments."""

    requirement: str
    title: str
    domain: str
    critical: bool
    failed: int
    applicable: int


class Practice(StrictModel):
    """The strongest support observed for a requirement, without saying whose: status, basis, evidence types."""

    requirement: str
    title: str
    status: str
    basis: str | None
    evidence_types: list[str]
    organisations: int


class TrendPoint(StrictModel):
    """One dated assessment of an organisation."""

    assessment_date: str
    standard_version: str
    level: int
    score: float | None


class Trend(StrictModel):
    """An organisation's assessments in date order."""

    organisation: str
    points: list[TrendPoint]


class Portfolio(StrictModel):
    """Organisations × domains, assurance and evidence basis, weak spots, best observed practice and trends."""

    format: Literal["dcrs-portfolio/1"] = "dcrs-portfolio/1"
    standard_versions: list[str]
    assessments: int
    domains: list[DomainHeader]
    organisations: list[OrganisationRow]
    distribution: list[DomainDistribution]
    most_failed: list[FailedRequirement]
    best_practice: list[Practice]
    trends: list[Trend]

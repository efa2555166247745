"""Models of an assessment result: per requirement, per domain, overall, findings and provenance."""

from __future__ import annotations

from typing import Literal

from assessor.dcrs.base import IsoDate, ResponseStatus, StrictModel
from assessor.review.progress import ReviewProgress

ReasonCode = Literal[
    "missing_evidence",
    "stale_evidence",
    "metric_not_reported",
    "metric_failed",
    "missing_response",
    "not_applicable_rejected",
    "not_applicable_accepted",
    "out_of_scope",
    "scope_caveat",
]


class Reason(StrictModel):
    """Why a supported status differs from the claim, or why a requirement is out of scope."""

    code: ReasonCode
    message: str


class RequirementResult(StrictModel):
    """One requirement: what was claimed, what the evidence supports, and the credit earned."""

    id: str
    domain: str
    title: str
    level: int
    critical: bool
    weight: float
    applicable: bool
    claimed: ResponseStatus | None
    supported: ResponseStatus
    verified: ResponseStatus | None = None
    credit: float | None
    evidence: list[str]
    reasons: list[Reason]


class DomainResult(StrictModel):
    """A domain's weighted score (0-100, None when nothing applies) and cumulative readiness level."""

    id: str
    title: str
    score: float | None
    level: int
    level_name: str
    applicable: int
    supported_counts: dict[str, int]


class Overall(StrictModel):
    """The headline: score, level (weakest domain, then the critical cap) and what capped it."""

    score: float | None
    level: int
    level_name: str
    weakest_domain_level: int
    critical_cap_applied: bool
    critical_gaps: list[str]


class Caveat(StrictModel):
    """A scope caveat that holds for this submission's profile."""

    id: str
    title: str
    statement: str
    recommendation: str
    domains: list[str]


class Finding(StrictModel):
    """A gap, ranked: scope caveats first, then critical gaps, then weight x credit lost."""

    rank: int
    kind: Literal["scope_caveat", "gap"]
    requirement: str | None
    domain: str | None
    critical: bool
    title: str
    detail: str
    recommendation: str
    credit_lost: float


class Provenance(StrictModel):
    """What produced this result, so it can be reproduced and checked."""

    standard_id: str
    standard_version: str
    standard_sha256: str
    submission_sha256: str
    hash_alg: Literal["sha256-jcs"] = "sha256-jcs"
    tool: str
    tool_version: str


class Subject(StrictModel):
    """Who and what was assessed."""

    organisation: str
    assessment_type: str
    assessment_date: IsoDate
    assessor: str
    models: list[str]
    surfaces: list[str]


class Difference(StrictModel):
    """A requirement whose verified status differs from the self-assessment, and why."""

    requirement: str
    title: str
    claimed: ResponseStatus | None
    supported: ResponseStatus
    verified: ResponseStatus
    verdict: ResponseStatus | None
    rationale: str
    reasons: list[Reason]


class ReviewedEvidence(StrictModel):
    """The reviewer's decision on one evidence item."""

    id: str
    decision: str
    note: str


class ReviewFinding(StrictModel):
    """A reviewer's own finding."""

    title: str
    detail: str
    severity: str
    requirement: str | None


class Verification(StrictModel):
    """The review and, once it is signed off, the verified result: verdicts and accepted evidence scored by the
    same rules as the claims. Before sign-off `overall` is null and domains, differences and findings are empty:
    nothing is called verified until a reviewer has signed off."""

    review_sha256: str
    progress: ReviewProgress
    headline: str
    reviewer: str
    reviewer_organisation: str
    reviewer_role: str
    independence: str
    review_date: IsoDate
    scope: str
    sign_off: str | None
    sign_off_statement: str | None
    sign_off_date: IsoDate | None
    overall: Overall | None
    domains: list[DomainResult]
    differences: list[Difference]
    evidence: list[ReviewedEvidence]
    reviewer_findings: list[ReviewFinding]
    findings: list[Finding]


class Assessment(StrictModel):
    """The full machine-readable result of scoring one submission."""

    format: Literal["dcrs-assessment/1"] = "dcrs-assessment/1"
    provenance: Provenance
    subject: Subject
    overall: Overall
    caveats: list[Caveat]
    domains: list[DomainResult]
    requirements: list[RequirementResult]
    findings: list[Finding]
    missing_responses: list[str]
    verification: Verification | None = None

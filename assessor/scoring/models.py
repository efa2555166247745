"""Models of an assessment result: per requirement, per domain, overall, findings and provenance."""

from __future__ import annotations

from typing import Literal

from assessor.dcrs.base import IsoDate, ResponseStatus, StrictModel
from assessor.dcrs.since import since_1_1
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
    # DCRS 1.1.0 rules
    "no_evidence",
    "documents_only",
    "stale_within_grace",
    "substituted",
    "nothing_to_measure",
    "vacuous_reading",
    "not_distinguished",
    "inconsistent_evidence",
    # DCRS 1.2.0 rules
    "insufficient_reading",
    "near_miss",
]
Basis = Literal["operational", "documents_only", "no_evidence"]
Cause = Literal[
    "missing",
    "stale",
    "failed_threshold",
    "unreported_threshold",
    "documents_only",
    "inconsistency",
    "scope_caveat",
    "no_response",
    "not_applicable_rejected",
    "claimed_gap",
    "not_distinguished",
    "insufficient",
    "near_miss",
]
Severity = Literal["critical", "high", "medium", "low"]


class Reason(StrictModel):
    """Why a supported status differs from the claim, or why a requirement is out of scope."""

    code: ReasonCode
    message: str
    figure: str | None = since_1_1("The measured figure behind the reason, e.g. 52 h against a 24 h limit.")
    evidence: list[str] | None = since_1_1("The evidence items the reason is about.")


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
    basis: Basis | None = since_1_1("What the credit rests on: operational evidence, documents only, or nothing.")
    models: dict[str, ResponseStatus] | None = since_1_1("The supported status for each in-scope model.")


class BasisShare(StrictModel):
    """Shares (percent) of the earned credit resting on operational evidence, documents only, and nothing."""

    operational: float
    documents_only: float
    no_evidence: float


class DomainResult(StrictModel):
    """A domain's weighted score (0-100, None when nothing applies) and cumulative readiness level."""

    id: str
    title: str
    score: float | None
    level: int
    level_name: str
    applicable: int
    supported_counts: dict[str, int]
    basis: BasisShare | None = since_1_1("What the domain's earned credit rests on.")


class Overall(StrictModel):
    """The headline: score, level (weakest domain, then the critical cap) and what capped it."""

    score: float | None
    level: int
    level_name: str
    weakest_domain_level: int
    critical_cap_applied: bool
    critical_gaps: list[str]
    basis: BasisShare | None = since_1_1("What the earned credit rests on.")
    weakest_model: str | None = since_1_1("The model whose level is the headline level.")
    score_model: str | None = since_1_1("From 1.2.0: the model whose own score is the headline score.")


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
    kind: Literal["scope_caveat", "gap", "inconsistency"]
    requirement: str | None
    domain: str | None
    critical: bool
    title: str
    detail: str
    recommendation: str
    credit_lost: float
    cause: Cause | None = since_1_1("Why this is a gap.")
    severity: Severity | None = since_1_1("How much the gap matters; `critical` says whether the requirement is.")
    figure: str | None = since_1_1("The figure behind the finding.")
    evidence: list[str] | None = since_1_1("The evidence items the finding is about.")
    models: list[str] | None = since_1_1("The models the finding holds for.")


class ModelDomain(StrictModel):
    """One domain's figures for one model."""

    id: str
    score: float | None
    level: int


class ModelResult(StrictModel):
    """The result for one in-scope model: its surfaces decide applicability, its caveats cap what they defeat."""

    name: str
    surfaces: list[str]
    score: float | None
    level: int
    level_name: str
    critical_gaps: list[str]
    caveats: list[str]
    capped: list[str]
    domains: list[ModelDomain]


class Blocker(StrictModel):
    """A requirement that keeps the headline below the next level, and what would close it."""

    requirement: str
    cause: Cause
    action: str


Assurance = Literal["unverified self-assessment", "independent assessment, not reviewed"]


AssuranceLevel = Literal["none", "limited", "reasonable"]


class Headline(StrictModel):
    """What the headline level means: who vouches for it, what it rests on, and what would move it."""

    assurance: Assurance
    assurance_level: AssuranceLevel | None = since_1_1("From 1.2.0: the ISAE 3000 level of assurance.")
    statement: str
    basis: BasisShare | None
    next_level: int | None
    blockers: list[Blocker]
    review_required: bool
    review_reasons: list[str]


InconsistencyCode = Literal[
    "undeclared_surface",
    "future_dated",
    "type_mismatch",
    "not_applicable_contradicted",
    # DCRS 1.2.0: facts about the register's structured fields
    "duplicate_artefact",
    "management_representation",
    "assessor_not_independent",
    "no_model_scope",
    "undated_activity",
    "before_release",
    "reading_outside_models",
]


class Inconsistency(StrictModel):
    """The register contradicting the profile, or an item's type not fitting its description or date."""

    code: InconsistencyCode
    evidence: list[str]
    requirement: str | None
    message: str
    figure: str | None = since_1_1("From 1.2.0: the figure behind it, e.g. the shared sha256.")
    models: list[str] | None = since_1_1("From 1.2.0: the models it concerns.")


class ReviewFlag(StrictModel):
    """Words in free text a reviewer should read: never a score, a status, a scope or a level."""

    evidence: str | None
    requirement: str | None
    field: str
    words: list[str]
    message: str


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
    statement: str | None = since_1_1(
        "The one line every surface headlines: who verified what (approved only), or why nothing is verified."
    )
    examined: str | None = since_1_1("What an approval rests on: everything examined, or a declared sample.")


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
    headline: Headline | None = since_1_1("The headline's assurance, evidence basis and what would move the level.")
    models: list[ModelResult] | None = since_1_1("Results per in-scope model; the headline level is the weakest's.")
    inconsistencies: list[Inconsistency] | None = since_1_1("Where the register contradicts the profile or itself.")
    flags: list[ReviewFlag] | None = since_1_1("From 1.2.0: free-text words a reviewer should read; never scored.")

"""Models of an auditor's review: verdicts per requirement, evidence decisions, own findings, sign-off."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from assessor.dcrs.base import IsoDate, NonEmptyStr, ResponseStatus, StrictModel
from assessor.dcrs.models import RequirementId
from assessor.dcrs.since import since_1_1
from assessor.intake.models import EvidenceId, Sha256, StandardRef

EvidenceDecisionKind = Literal["accepted", "rejected", "not_examined"]


class Reviewer(StrictModel):
    """Who reviewed, for whom, and how independent they are."""

    name: NonEmptyStr
    organisation: NonEmptyStr
    role: NonEmptyStr
    independence: NonEmptyStr = Field(description="A statement of the reviewer's independence from the developer.")


class ReviewedSubmission(StrictModel):
    """The submission reviewed, bound by its content hash (any edit to it voids the review)."""

    organisation: NonEmptyStr
    sha256: Sha256
    hash_alg: Literal["sha256-jcs"] | None = Field(
        default=None, description="How sha256 was computed: SHA-256 of the submission's RFC 8785 canonical JSON."
    )
    standard: StandardRef


class Verdict(StrictModel):
    """The reviewer's status for one requirement (null: not examined yet); a rationale is required when it
    differs from the claim."""

    requirement: RequirementId
    verified: ResponseStatus | None
    rationale: str = ""


class EvidenceDecision(StrictModel):
    """Whether an evidence item was accepted, rejected (it then supports nothing) or not examined."""

    evidence: EvidenceId
    decision: EvidenceDecisionKind
    note: str = ""


class ReviewerFinding(StrictModel):
    """A finding of the reviewer's own, beyond the standard's gaps."""

    title: NonEmptyStr
    detail: NonEmptyStr
    severity: Literal["high", "medium", "low"]
    requirement: RequirementId | None = None


class SignOff(StrictModel):
    """The reviewer's conclusion; an approval states what was examined (all of it, or a sample and why)."""

    decision: Literal["approved", "changes_requested", "rejected"]
    statement: NonEmptyStr
    date: IsoDate
    examined: Literal["all", "sample"] | None = since_1_1(
        "What the sign-off rests on: `all` (every answered requirement and every evidence item examined) or "
        "`sample` (a declared sample, with `sample_basis`). Required for an approval."
    )
    sample_basis: str | None = since_1_1("How the sample was chosen and why it suffices, for `examined: sample`.")


class Review(StrictModel):
    """An independent review of one submission."""

    submission: ReviewedSubmission
    reviewer: Reviewer
    date: IsoDate
    verdicts: list[Verdict] = Field(default_factory=list)
    evidence: list[EvidenceDecision] = Field(default_factory=list)
    findings: list[ReviewerFinding] = Field(default_factory=list)
    sign_off: SignOff | None = None
    scope: Annotated[str, Field(description="What the reviewer examined, in their words.")] = ""

"""Document metadata (title, subject, dates) for the PDF and the workbook: it describes the review when an
approved review verified the result, else the self-assessment (and the review's decision, if any); dates come
from the inputs, never the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessor.scoring.models import Assessment
from assessor.scoring.summary import assessment_kind


@dataclass(frozen=True)
class ReportMeta:
    """What a report says about itself; every date is one of the assessment's or the review's."""

    title: str
    subject: str
    author: str
    created: date
    modified: date


def report_meta(standard_id: str, standard_version: str, assessment: Assessment) -> ReportMeta:
    """Metadata for the report of `assessment`."""
    s, v = assessment.subject, assessment.verification
    kind = assessment_kind(s.assessment_type)
    claim = f"{s.organisation}'s {standard_id} {standard_version} {kind} of {s.assessment_date}"
    if v is not None and v.overall is not None and v.sign_off_date is not None:
        return ReportMeta(
            title=f"Verified deployment correction readiness: {s.organisation}",
            subject=f"Independent review of {claim} by {v.reviewer} ({v.reviewer_organisation}); {v.headline}",
            author=f"{v.reviewer}, {v.reviewer_organisation}",
            created=v.review_date,
            modified=v.sign_off_date,
        )
    if v is not None:
        return ReportMeta(
            title=f"Deployment correction readiness (self-assessed, unverified): {s.organisation}",
            subject=f"{claim}; {v.statement or v.headline}",
            author=s.organisation,
            created=s.assessment_date,
            modified=max(s.assessment_date, v.review_date, v.sign_off_date or v.review_date),
        )
    return ReportMeta(
        title=f"Deployment correction readiness: {s.organisation}",
        subject=f"{claim} (self-assessed, unverified)",
        author=s.organisation,
        created=s.assessment_date,
        modified=s.assessment_date,
    )

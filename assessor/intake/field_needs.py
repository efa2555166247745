"""Evidence fields a version's rules read that a submission does not give yet, and what each item counts for
until it does (named by `dcr migrate`).

Which fields matter is read from the rules the target version's manifest lists (by name): `relevance` reads each
model's release date and each operational item's model scope and performed date; `provenance` reads each
attestation's issuer.
"""

from __future__ import annotations

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import Standard
from assessor.intake.models import Submission


class FieldNeed(StrictModel):
    """One field an item (or model) needs under the target version, and what it counts for until given."""

    subject: str
    field: str
    until_given: str


def field_needs(submission: Submission, target: Standard) -> list[FieldNeed]:
    """Every item or model lacking a field the target's rules read, in register order."""
    rules = {use.rule for use in target.manifest.scoring.rules or []}
    operational = {t.id for t in target.manifest.evidence_types if t.operational}
    several = len(submission.profile.models) > 1
    needs: list[FieldNeed] = []
    if "relevance" in rules:
        for model in submission.profile.models:
            if model.release_date is None:
                why = "no operational evidence counts for it (it cannot be shown to come after the release)"
                needs.append(FieldNeed(subject=model.name, field="release_date", until_given=why))
    for item in submission.evidence:
        if "relevance" in rules and item.type in operational:
            if item.models is None and several:
                why = "it counts for no model (`models: []` marks a record about the organisation)"
                needs.append(FieldNeed(subject=item.id, field="models", until_given=why))
            if item.performed is None and item.in_force is None:
                needs.append(FieldNeed(subject=item.id, field="performed", until_given="it counts for nothing"))
        if "provenance" in rules and item.type == "ATTEST" and item.issuer is None:
            why = "it is read as the developer's own statement, a management representation that supports nothing"
            needs.append(FieldNeed(subject=item.id, field="issuer", until_given=why))
    return needs

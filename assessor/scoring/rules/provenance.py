"""Rule `provenance` (register): who produced the evidence (ISA 500 reliability, ISAE 3000 independence).

An attestation is independent only when its issuer's organisation is not the developer's; otherwise, or with no
issuer, it is a management representation and supports nothing, and so does any artefact one of whose
registrations is such an attestation (registered again as a document, it is still the developer's own
statement). An "independent" assessment whose assessor's organisation is missing or is the developer's is a
self-assessment.
Example: an ATTEST issued by {organisation: Example Labs, role: Chief Safety Officer} in Example Labs' own
submission counts for nothing; issued by an audit firm it can make a complete, fresh answer fully.
"""

from __future__ import annotations

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.intake.models import EvidenceItem
from assessor.scoring.models import Inconsistency
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.artefact_identity import registrations
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """The evidence types that are attestations."""

    attestation_types: list[EvidenceTypeId]


def same_organisation(a: str | None, b: str) -> bool:
    """Organisation names compared without case or spacing; a missing name counts as the developer's."""
    return a is None or " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def provenance(register: Register, ctx: Context, params: Params) -> Register:
    """Drop attestations that are not independent (with a finding); flag a self-assessment called independent."""
    own = ctx.submission.organisation.name
    groups = registrations(register, ctx.submission.evidence)
    items: dict[str, EvidenceItem] = {}
    found = list(register.inconsistencies)
    for key, item in register.items.items():
        own_word = [r for r in (item, *groups.get(key, ())) if _representation_by(r, own, params)]
        if own_word:
            found.append(_representation(own_word[0]))
            continue
        items[key] = item
    info = ctx.submission.assessment
    self_assessed = info.type == "independent" and same_organisation(info.assessor.organisation, own)
    if self_assessed:
        who = info.assessor.organisation or "no organisation"
        message = (
            f"the assessment is declared independent, but its assessor {info.assessor.name} is of {who}: "
            "reported as a self-assessment"
        )
        found.append(Inconsistency(code="assessor_not_independent", evidence=[], requirement=None, message=message))
    return register.with_(items=items, inconsistencies=tuple(found), self_assessed=self_assessed)


def _representation_by(item: EvidenceItem, own: str, params: Params) -> bool:
    """An attestation its issuer cannot make independently: the developer's own, or nobody's."""
    issuer = item.issuer.organisation if item.issuer else None
    return item.type in params.attestation_types and same_organisation(issuer, own)


def _representation(item: EvidenceItem) -> Inconsistency:
    issuer = item.issuer.organisation if item.issuer else None
    by = f"{issuer} itself" if issuer else "the developer (no issuer given)"
    role = f" ({item.issuer.role})" if item.issuer and item.issuer.role else ""
    message = f"{item.id} is an attestation by {by}{role}: a management representation, which supports nothing"
    return Inconsistency(
        code="management_representation", evidence=[item.id], requirement=None, message=message, figure=f"issuer: {by}"
    )


RULE = register(
    Rule(
        name="provenance",
        phase="register",
        params=Params,
        apply=provenance,
        summary="An attestation is independent only when another organisation issued it; else it supports nothing.",
        example="A self-signed 'management attestation' cited on 45 answers adds nothing.",
    )
)

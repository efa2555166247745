"""Rule `issuer_identity` (register): the developer's name, however spelled, is the developer (ISA 500).

Runs after `provenance`, which compares organisation names without case or spacing. Here names are compared as
identities: Unicode compatibility forms folded (full-width letters, non-breaking spaces), invisible format
characters dropped, parenthesised qualifiers dropped ("(UK)"), punctuation and spacing ignored ("Kestrel-AI",
"Kestrel A.I."), case ignored, and trailing legal forms (`legal_forms`: Ltd, Inc, ...) dropped. A name whose
words mix Latin, Greek or Cyrillic letters is not legible as any organisation and counts as the developer's
(undeclared is never read in the submitter's favour). An attestation issued by such a name is a management
representation and supports nothing; an "independent" assessment by such an assessor is a self-assessment.
A differently named affiliate or subsidiary ("Kestrel Assurance Services Ltd") is another name: no structured
field says who owns whom, so that stays a documented limit for the reviewer (tests/calibration/redteam-log.md).
With `look_alike_letters` a name that spells the developer's with look-alike letters from any script (an
Armenian o, a dotless i, a small capital N) is the developer's too.
Example: an ATTEST issued by "KESTREL A.I. LIMITED" in Kestrel AI Ltd's submission counts for nothing.
"""

from __future__ import annotations

from assessor.core.names import is_developer
from assessor.dcrs.base import NonEmptyStr, StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.intake.models import EvidenceItem
from assessor.scoring.models import Inconsistency
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """The attestation types, and the legal forms a name may end with (compared without case or dots)."""

    attestation_types: list[EvidenceTypeId]
    legal_forms: list[NonEmptyStr]
    # As published in 1.2.0 and 1.3.0 (false), only names mixing Latin, Greek or Cyrillic letters are illegible,
    # so the developer's name with an Armenian o, a dotless i or a small capital N reads as another organisation
    # and its attestations count as independent. True reads such a name as the developer's (`looks_like`).
    look_alike_letters: bool = False


def _is_developer(name: str | None, own: str, params: Params) -> bool:
    return is_developer(name, own, params.legal_forms, look_alike=params.look_alike_letters)


def issuer_identity(register: Register, ctx: Context, params: Params) -> Register:
    """Drop attestations whose issuer is the developer under another spelling; flag such an assessor."""
    own = ctx.submission.organisation.name
    items: dict[str, EvidenceItem] = {}
    found = list(register.inconsistencies)
    for key, item in register.items.items():
        issuer = item.issuer.organisation if item.issuer else None
        if item.type in params.attestation_types and _is_developer(issuer, own, params):
            message = (
                f"{item.id} is an attestation by {issuer!r}, which names {own} itself: "
                "a management representation, which supports nothing"
            )
            figure = f"issuer: {issuer} = {own}"
            found.append(
                Inconsistency(
                    code="management_representation",
                    evidence=[item.id],
                    requirement=None,
                    message=message,
                    figure=figure,
                )
            )
            continue
        items[key] = item
    info = ctx.submission.assessment
    self_assessed = register.self_assessed
    if info.type == "independent" and not self_assessed and _is_developer(info.assessor.organisation, own, params):
        self_assessed = True
        message = (
            f"the assessment is declared independent, but its assessor {info.assessor.name} is of "
            f"{info.assessor.organisation!r}, which names {own} itself: reported as a self-assessment"
        )
        found.append(Inconsistency(code="assessor_not_independent", evidence=[], requirement=None, message=message))
    return register.with_(items=items, inconsistencies=tuple(found), self_assessed=self_assessed)


RULE = register(
    Rule(
        name="issuer_identity",
        phase="register",
        params=Params,
        apply=issuer_identity,
        summary="An issuer or assessor named as the developer under another spelling is the developer.",
        example="An ATTEST issued by 'KESTREL A.I. LIMITED' in Kestrel AI Ltd's submission supports nothing.",
    )
)

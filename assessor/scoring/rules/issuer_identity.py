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
Example: an ATTEST issued by "KESTREL A.I. LIMITED" in Kestrel AI Ltd's submission counts for nothing.
"""

from __future__ import annotations

import re
import unicodedata

from assessor.dcrs.base import NonEmptyStr, StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.intake.models import EvidenceItem
from assessor.scoring.models import Inconsistency
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register

_PARENTHESISED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_CONFUSABLE_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})


class Params(StrictModel):
    """The attestation types, and the legal forms a name may end with (compared without case or dots)."""

    attestation_types: list[EvidenceTypeId]
    legal_forms: list[NonEmptyStr]


def identity(name: str, legal_forms: list[str]) -> str | None:
    """The name as an identity (letters and digits only), or None when it is not legible as one name."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = _PARENTHESISED.sub(" ", text).casefold()
    words = [w for w in re.split(r"[\W_]+", text) if w]
    if any(len(_scripts(w)) > 1 for w in words):
        return None
    forms = {"".join(re.split(r"[\W_]+", f.casefold())) for f in legal_forms}
    joined = "".join(words)
    stripped = True
    while stripped and words:
        stripped = False
        for size in (3, 2, 1):
            if len(words) > size and "".join(words[-size:]) in forms:
                words, stripped = words[:-size], True
                break
    return "".join(words) or joined


def _scripts(word: str) -> set[str]:
    return {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()} & _CONFUSABLE_SCRIPTS


def is_developer(name: str | None, own: str, legal_forms: list[str]) -> bool:
    """Whether a name is the developer's: missing, illegible, or the same identity."""
    if name is None:
        return True
    mine, theirs = identity(own, legal_forms), identity(name, legal_forms)
    return theirs is None or theirs == mine


def issuer_identity(register: Register, ctx: Context, params: Params) -> Register:
    """Drop attestations whose issuer is the developer under another spelling; flag such an assessor."""
    own = ctx.submission.organisation.name
    items: dict[str, EvidenceItem] = {}
    found = list(register.inconsistencies)
    for key, item in register.items.items():
        issuer = item.issuer.organisation if item.issuer else None
        if item.type in params.attestation_types and is_developer(issuer, own, params.legal_forms):
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
    if (
        info.type == "independent"
        and not self_assessed
        and is_developer(info.assessor.organisation, own, params.legal_forms)
    ):
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

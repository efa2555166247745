"""Rule `secondary_in_scope` (register): a secondary citation counts as a document about what it reports.

Runs after `relevance` (red-team log). Typed as
a document before `relevance`, a secondary account of a drill on one model counted organisation-wide, so it
carried the document expectations of every other model. Here `relevance` first decides, on the item's own
type, which models it is about and from when; then, in each model's view and in the register, the item counts
as `counts_as`. Only operational types are lowered: a secondary account never counts as a type the item is not
(a quoted contract stays a contract, not a document that could meet a document expectation). Its readings still
count against thresholds (a reported failure still fails).
Example: a press report of a shutdown drill on Kestrel-3 supports Kestrel-3's shutdown requirement on documents
only, and nothing of Kestrel-R's.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.intake.models import EvidenceItem
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """The type a secondary citation counts as."""

    counts_as: EvidenceTypeId


def secondary_in_scope(register: Register, ctx: Context, params: Params) -> Register:
    """Secondary citations count as the declared (document) type, in the register and in every model's view."""

    def lowered(item: EvidenceItem) -> EvidenceItem:
        secondary = item.secondary and item.type in ctx.operational
        return item.model_copy(update={"type": params.counts_as}) if secondary else item

    def retyped(items: Mapping[str, EvidenceItem]) -> dict[str, EvidenceItem]:
        return {key: lowered(item) for key, item in items.items()}

    views = {name: retyped(view) for name, view in register.views.items()}
    against = {name: retyped(pool) for name, pool in register.against.items()}
    return register.with_(items=retyped(register.items), views=views, shared=retyped(register.shared), against=against)


RULE = register(
    Rule(
        name="secondary_in_scope",
        phase="register",
        params=Params,
        apply=secondary_in_scope,
        summary="A secondary citation counts as a document, about the models and period its activity was.",
        example="A press report of a drill on one model supports that model's requirement on documents only.",
    )
)

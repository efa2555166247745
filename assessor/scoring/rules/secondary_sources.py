"""Rule `secondary_sources` (register): an item citing someone else's account of an activity counts as a document.

Only operational types are lowered: a secondary account never counts as a type the item is not (a quoted
contract stays a contract, not a document that could meet a document expectation). Its readings still count
against thresholds (a reported failure still fails).
Example: a news report of a rollback supports DCRS-TK-05 on documents only.
"""

from __future__ import annotations

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """The type a secondary citation counts as."""

    counts_as: EvidenceTypeId


def secondary_sources(register: Register, ctx: Context, params: Params) -> Register:
    """Secondary accounts of activities count as the declared (document) type."""
    items = {
        key: item.model_copy(update={"type": params.counts_as})
        if item.secondary and item.type in ctx.operational
        else item
        for key, item in register.items.items()
    }
    return register.with_(items=items)


RULE = register(
    Rule(
        name="secondary_sources",
        phase="register",
        params=Params,
        apply=secondary_sources,
        summary="A citation marked secondary counts as a document; its readings still count against thresholds.",
        example="A news report of a rollback supports the rollback requirement on documents only.",
    )
)

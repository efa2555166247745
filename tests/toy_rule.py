"""A toy scoring rule that lives outside the package: it registers itself through the public registry API.

`toy_drop_types` (register phase) drops every evidence item of the listed types before anything else reads the
register, as a version that refused to accept, say, drills would. It exists to show that adding a rule is one
module plus manifest data (tests/data/toy-rule/), with no change to the engine, declared.py or registry.py.
"""

from __future__ import annotations

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """The evidence types the version does not accept."""

    types: list[EvidenceTypeId]


def drop_types(register: Register, ctx: Context, params: Params) -> Register:
    """The register without items of the listed types (their ids then cite nothing)."""
    kept = {key: item for key, item in register.items.items() if item.type not in params.types}
    return register.with_(items=kept)


RULE = register(
    Rule(
        name="toy_drop_types",
        phase="register",
        params=Params,
        apply=drop_types,
        summary="Evidence of the listed types is not accepted at all.",
        example="With types [DRILL], a lab's drills carry no claim.",
    )
)

"""Rule `standing_controls` (register): only a standing decision or control can be in force (red-team log).

Runs before `relevance`, which keeps an item marked `in_force` fresh while it holds and counts it for every
model released while it held. A test, drill, metric or attestation is an activity or a statement at a point in
time, not something that holds: on a type outside `standing_types` the `in_force` span is ignored (a finding
says so) and the item is dated by its `performed` date like any other. A reading is a measurement made at a
point in time, too: a standing record that carries readings is judged as the activity that produced them,
performed when the control took effect (its `performed` date if earlier), so an old measurement neither stays
fresh nor outranks a later one. The same decision without readings stays in force.
Example: a 2025 suspension test marked `in_force: {since: 2026-06-10}` is still the 2025 test; an account ban
in force since 2024 whose record says it took 8 minutes is a 2024 measurement of 8 minutes.
"""

from __future__ import annotations

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.intake.models import EvidenceItem
from assessor.scoring.models import Inconsistency
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """The evidence types that can record a standing decision or control."""

    standing_types: list[EvidenceTypeId]


def standing_controls(register: Register, ctx: Context, params: Params) -> Register:
    """Ignore `in_force` on activities; date a standing record that carries readings by when it took effect."""
    items: dict[str, EvidenceItem] = {}
    found = list(register.inconsistencies)
    for key, item in register.items.items():
        span = item.in_force
        if span is None:
            items[key] = item
            continue
        if item.type not in params.standing_types:
            message = (
                f"{item.id} is a {item.type}, an activity at a point in time, not a standing control: "
                "its in_force span is ignored and it is dated by when it was performed"
            )
            found.append(Inconsistency(code="type_mismatch", evidence=[item.id], requirement=None, message=message))
            items[key] = item.model_copy(update={"in_force": None})
            continue
        if item.metrics:
            performed = min(span.since, item.performed) if item.performed else span.since
            message = (
                f"{item.id} is in force since {span.since.isoformat()} and carries readings: they were measured when "
                f"it took effect, so it is judged as an activity performed {performed.isoformat()}"
            )
            found.append(
                Inconsistency(
                    code="undated_activity",
                    evidence=[item.id],
                    requirement=None,
                    message=message,
                    figure=f"performed {performed.isoformat()}",
                )
            )
            items[key] = item.model_copy(update={"in_force": None, "performed": performed})
            continue
        items[key] = item
    return register.with_(items=items, inconsistencies=tuple(found))


RULE = register(
    Rule(
        name="standing_controls",
        phase="register",
        params=Params,
        apply=standing_controls,
        summary="Only a standing record can be in force; readings date from when the control took effect.",
        example="A 2025 test marked in force in 2026 is still a 2025 test.",
    )
)

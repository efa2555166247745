"""Rule `register_surfaces` (register): a surface the register's own structured tags show, and no model declares,
is in scope for the models those items are about.

A profile that leaves a surface out cannot make the requirements of that surface not applicable while the
register's items say, in their `surfaces` field, that the surface is in use: undeclared is never read in the
submitter's favour. Only the item's own structured `surfaces` count, never words in its title or description
(those raise a flag for a reviewer, `narrative_flags`) and never a reading's surfaces (a reading says where a
control was measured, and dropping a stale reading must not move a scope). The surface joins the scope of each
model the item names, or of every model when it names none (about the organisation, or undeclared); each such
item is listed for a reviewer.
Example: a single-model lab declares api and consumer_app, but its on-premises licence and installation record
are tagged enterprise_on_prem; the partner-contract requirements then apply to the model, and a not-applicable
answer to them is refused (1.3.0 let it stand: level 2 where the blind expert read 0).
"""

from __future__ import annotations

from assessor.scoring.consistency import undeclared_surfaces
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import Context, Register


def register_surfaces(register: Register, ctx: Context, params: NoParams) -> Register:
    """Each model's surfaces from the register's structured tags that no model declares, and an inconsistency
    naming each item that shows one."""
    declared = ctx.submission.profile.surfaces()
    models = [m.name for m in ctx.submission.profile.models]
    added: dict[str, set[str]] = {}
    found = list(register.inconsistencies)
    for item in ctx.submission.evidence:
        extra = {str(s) for s in item.surfaces or ()} - declared
        if not extra:
            continue
        found.append(undeclared_surfaces(item, extra))
        about = [m for m in item.models or () if m in models] or models
        for model in about:
            added.setdefault(model, set()).update(extra)
    if not added:
        return register
    surfaces = {name: frozenset(extra) for name, extra in added.items()}
    return register.with_(model_surfaces=surfaces, inconsistencies=tuple(found))


RULE = register(
    Rule(
        name="register_surfaces",
        phase="register",
        params=NoParams,
        apply=register_surfaces,
        summary="A surface the register's items are tagged with and no model declares is in scope for their models.",
        example="An on-premises licence tagged enterprise_on_prem makes the partner-contract requirements apply.",
    )
)

"""Rule `per_model` (scopes): each in-scope model is a scope, judged on its own view of the register.

The result's models are exactly the profile's: no scope is made from words or from evidence. A model's surfaces
are the profile's, and those `register_surfaces` found the register's items about it tagged with, where a
version declares that rule.
Example: a flagship on api and a research preview on api and fine_tuning_api are two scopes; a reading tagged
fine_tuning_api counts for the preview only.
"""

from __future__ import annotations

from dataclasses import replace

from assessor.dcrs.conditions import holds
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import Context, ModelScope, Register


def per_model(register: Register, ctx: Context, params: NoParams) -> list[ModelScope]:
    """One scope per model in the profile, with its view of the register where one was made."""
    scopes = []
    for model in ctx.submission.profile.models:
        surfaces = frozenset(model.surfaces) | register.model_surfaces.get(model.name, frozenset())
        caveats = tuple(c for c in ctx.standard.manifest.scope_caveats if holds(c.when, surfaces))
        items = register.views.get(model.name, register.items)
        scope = ModelScope(model.name, surfaces, caveats, items, register.aliases, model.release_date)
        against = register.against.get(model.name, {})
        scopes.append(replace(scope, shared=register.shared, shared_domains=register.shared_domains, against=against))
    return scopes


RULE = register(
    Rule(
        name="per_model",
        phase="scopes",
        params=NoParams,
        apply=per_model,
        summary="Each model in the profile is a scope, judged on the evidence about it.",
        example="A reading tagged fine_tuning_api counts for the model that offers fine-tuning only.",
    )
)

"""Rule `whole_profile` (scopes): the whole deployment profile is scored as one scope.

Example: a lab with two models on api and consumer_app is one scope on {api, consumer_app}; the open-weights
caveat holds for it when any model is released as open weights.
"""

from __future__ import annotations

from assessor.dcrs.conditions import holds
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import Context, ModelScope, Register


def whole_profile(register: Register, ctx: Context, params: NoParams) -> list[ModelScope]:
    """One scope: every surface of every model, every caveat that holds for them."""
    surfaces = ctx.submission.profile.surfaces()
    caveats = tuple(c for c in ctx.standard.manifest.scope_caveats if holds(c.when, surfaces))
    return [ModelScope("profile", surfaces, caveats, register.items, register.aliases)]


RULE = register(
    Rule(
        name="whole_profile",
        phase="scopes",
        params=NoParams,
        apply=whole_profile,
        summary="The whole deployment profile is scored as one scope.",
        example="Two models on api and consumer_app are one scope on both surfaces.",
    )
)

"""Rule `models_and_undeclared` (scopes): each in-scope model is a scope, and so are the surfaces the register
shows in use that no model declares ("undeclared surfaces in the register").

Example: a flagship on api and an open-weights side model are two scopes; the caveat holds for the second only.
"""

from __future__ import annotations

from assessor.dcrs.conditions import holds
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import Context, ModelScope, Register

UNDECLARED = "undeclared surfaces in the register"


def models_and_undeclared(register: Register, ctx: Context, params: NoParams) -> list[ModelScope]:
    """One scope per model, plus one for undeclared surfaces when the register shows any."""
    named: list[tuple[str, frozenset[str]]] = [(m.name, frozenset(m.surfaces)) for m in ctx.submission.profile.models]
    if register.undeclared:
        named.append((UNDECLARED, register.undeclared))
    scopes = []
    for name, surfaces in named:
        caveats = tuple(c for c in ctx.standard.manifest.scope_caveats if holds(c.when, surfaces))
        scopes.append(ModelScope(name, surfaces, caveats, register.items, register.aliases))
    return scopes


RULE = register(
    Rule(
        name="models_and_undeclared",
        phase="scopes",
        params=NoParams,
        apply=models_and_undeclared,
        summary="Each model is a scope, and so are surfaces the register shows but no model declares.",
        example="A flagship on api and an open-weights side model are two scopes.",
    )
)

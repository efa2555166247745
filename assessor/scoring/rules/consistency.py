"""Rule `consistency` (register): the register checked against the profile, its types and the assessment date.

Items about a surface no model declares (their surfaces, their readings' surfaces, or words naming it) make an
extra scope; records, tests or drills described as only planned count as documents; operational items dated
after the assessment carry nothing. Each is an inconsistency.
Example: a "schedule of planned walk-throughs" typed DRILL counts as a DOC, with a type_mismatch finding.
"""

from __future__ import annotations

from assessor.dcrs.models import ConsistencyRule
from assessor.scoring.consistency import examine
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register


def consistency(register: Register, ctx: Context, params: ConsistencyRule) -> Register:
    """The effective register and what the checks found."""
    found = examine(ctx.submission, params, ctx.operational)
    return register.with_(items=found.items, undeclared=found.undeclared, inconsistencies=found.inconsistencies)


RULE = register(
    Rule(
        name="consistency",
        phase="register",
        params=ConsistencyRule,
        apply=consistency,
        summary="The register checked against the profile, its types and the assessment date.",
        example="A 'schedule of planned walk-throughs' typed DRILL counts as a DOC.",
    )
)

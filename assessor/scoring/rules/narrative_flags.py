"""Rule `narrative_flags` (register): words in free text raise flags for a reviewer, never a score (ISA 500 §11).

Titles, descriptions, narratives and justifications that name a surface no model declares, or describe a
record, test or drill as only planned, raise a flag naming the item and the words. Nothing else changes: the
same words can prohibit, refuse or schedule what they name.
Example: "Resale of the API is prohibited" in a contract's description flags "resale"; a justified N/A for the
partner requirements stands.
"""

from __future__ import annotations

from assessor.dcrs.base import NonEmptyStr, StrictModel, Surface
from assessor.scoring.consistency import any_term, first_term
from assessor.scoring.models import ReviewFlag
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """Words tying text to a surface, and words marking an activity as only planned."""

    surface_terms: dict[Surface, list[NonEmptyStr]]
    planning_terms: list[NonEmptyStr]


def narrative_flags(register: Register, ctx: Context, params: Params) -> Register:
    """A flag for each free-text field naming an undeclared surface or an only-planned activity."""
    declared = ctx.submission.profile.surfaces()
    terms = {s: t for s, t in params.surface_terms.items() if s not in declared}
    may = any_term([*(t for ts in terms.values() for t in ts), *params.planning_terms])
    flags = list(register.flags)
    if not may(_SEPARATOR.join(_texts(ctx))):  # one scan of every text: usually none holds any of the words
        return register.with_(flags=tuple(flags))
    for item in ctx.submission.evidence:
        planned = params.planning_terms if item.type in ctx.operational else []
        for field, text in (("title", item.title), ("description", item.description)):
            if may(text):
                flags += _flags(text, terms, planned, item.id, None, field)
    for response in ctx.submission.responses:
        for field, text in (("narrative", response.narrative), ("justification", response.justification or "")):
            if may(text):
                flags += _flags(text, terms, [], None, response.requirement, field)
    return register.with_(flags=tuple(flags))


# Joins texts for one scan: not a letter, so a word is whole at its text's ends; no document text holds it.
_SEPARATOR = "\x00"


def _texts(ctx: Context) -> list[str]:
    """Every free text the rule reads."""
    items = [t for item in ctx.submission.evidence for t in (item.title, item.description)]
    return [*items, *(t for r in ctx.submission.responses for t in (r.narrative, r.justification or ""))]


def _flags(
    text: str,
    terms: dict[Surface, list[str]],
    planned: list[str],
    evidence: str | None,
    requirement: str | None,
    field: str,
) -> list[ReviewFlag]:
    found = []
    words = [w for s, ts in terms.items() if (w := first_term(text, ts)) is not None]
    where = evidence or requirement or ""
    if words:
        message = f"{where} {field} mentions {', '.join(words)}, a surface no model declares: read it"
        found.append(ReviewFlag(evidence=evidence, requirement=requirement, field=field, words=words, message=message))
    word = first_term(text, planned) if planned else None
    if word is not None:
        message = f"{where} {field} says '{word}': check the activity took place"
        found.append(ReviewFlag(evidence=evidence, requirement=requirement, field=field, words=[word], message=message))
    return found


RULE = register(
    Rule(
        name="narrative_flags",
        phase="register",
        params=Params,
        apply=narrative_flags,
        summary="Words in free text raise a flag for a reviewer; they never change a score.",
        example="'Resale of the API is prohibited' flags 'resale'; the justified N/A stands.",
    )
)

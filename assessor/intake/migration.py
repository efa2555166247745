"""Carry a submission's answers from one version of the standard to another across the migration map.

Evidence moves as it is. Each answer goes to the requirement(s) its id became; answers whose meaning may have
shifted (the policy's review kinds: changed, split, merged, withdrawn) are marked for review in their narrative
and listed with the reason; requirements nothing maps to stay unanswered and are listed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from assessor.dcrs.base import SCORED_ORDER, ResponseStatus, StrictModel
from assessor.dcrs.migration_models import ChangeKind, Mapping, MigrationMap
from assessor.dcrs.models import Standard
from assessor.intake.field_needs import FieldNeed, field_needs
from assessor.intake.models import Response, StandardRef, Submission

Action = Literal["carried", "review", "unanswered", "dropped"]
REVIEW_MARK = "REVIEW"


class AnswerMove(StrictModel):
    """What happened to the answer(s) for one requirement of the target version (or to a dropped old answer)."""

    requirement: str
    sources: list[str]
    action: Action
    changes: list[ChangeKind]
    reason: str


class MigratedSubmission(StrictModel):
    """The submission as it answers the target version, every move made to get there, and the evidence fields
    the target's rules read that it does not give yet."""

    from_version: str
    to_version: str
    submission: Submission
    moves: list[AnswerMove]
    needs: list[FieldNeed] = Field(default_factory=list)

    def of(self, action: Action) -> list[AnswerMove]:
        """The moves of one kind: carried, review, unanswered or dropped."""
        return [m for m in self.moves if m.action == action]


def migrate_submission(
    submission: Submission, migration: MigrationMap, target: Standard, review: tuple[str, ...]
) -> MigratedSubmission:
    """`submission` re-keyed to `target` across `migration` (which must run from the version it answers)."""
    answers = {r.requirement: r for r in submission.responses}
    feeds = _feeds(migration)
    moves: list[AnswerMove] = []
    responses: list[Response] = []
    for req in target.active_requirements():
        mappings = feeds.get(req.id, [])
        given = [(m, answers[m.source]) for m in mappings if m.source in answers]
        move, response = _arrive(req.id, mappings, given, migration, review)
        moves.append(move)
        responses += [response] if response else []
    moves += _dropped(migration, answers, feeds)
    new = submission.model_copy(
        update={"standard": StandardRef(id=target.manifest.id, version=target.manifest.version), "responses": responses}
    )
    return MigratedSubmission(
        from_version=migration.from_version,
        to_version=migration.to_version,
        submission=new,
        moves=moves,
        needs=field_needs(new, target),
    )


def _feeds(migration: MigrationMap) -> dict[str, list[Mapping]]:
    """target id -> the mappings whose answers it takes. A withdrawal's replacement takes the withdrawn
    answer only when nothing else feeds it (otherwise it keeps its own)."""
    feeds: dict[str, list[Mapping]] = {}
    for m in migration.mappings:
        for target in m.targets if m.source else []:
            feeds.setdefault(target, []).append(m)
    return {t: [m for m in ms if m.changes != ["withdrawn"]] or ms for t, ms in feeds.items()}


def _arrive(
    target: str,
    mappings: list[Mapping],
    given: list[tuple[Mapping, Response]],
    migration: MigrationMap,
    review: tuple[str, ...],
) -> tuple[AnswerMove, Response | None]:
    kinds: list[ChangeKind] = list(dict.fromkeys(k for m in mappings for k in m.changes))
    sources = [m.source for m in mappings if m.source]
    if not given:
        why = f"new in {migration.to_version}" if not sources else f"{', '.join(sources)} had no answer"
        return AnswerMove(requirement=target, sources=sources, action="unanswered", changes=kinds, reason=why), None
    reason = _review_reason(target, mappings, kinds, review)
    response = _combine(target, [r for _, r in given])
    if reason:
        mark = f"{REVIEW_MARK} ({migration.from_version} -> {migration.to_version}): {reason}"
        response = response.model_copy(update={"narrative": f"{mark}\n\n{response.narrative}".rstrip()})
    action: Action = "review" if reason else "carried"
    why = reason or _carried_reason(target, sources, kinds)
    return AnswerMove(requirement=target, sources=sources, action=action, changes=kinds, reason=why), response


def _review_reason(target: str, mappings: list[Mapping], kinds: list[ChangeKind], review: tuple[str, ...]) -> str:
    flagged = [k for k in kinds if k in review]
    if len(mappings) > 1 and "merged" not in flagged:
        flagged.append("merged")
    if not flagged:
        return ""
    notes = " ".join(m.note for m in mappings if m.note)
    sources = ", ".join(m.source or "" for m in mappings)
    return f"{' and '.join(flagged)} ({sources} -> {target}); check the answer still holds. {notes}".strip()


def _carried_reason(target: str, sources: list[str], kinds: list[ChangeKind]) -> str:
    route = sources[0] if sources == [target] else f"{', '.join(sources)} -> {target}"
    return f"{route}: {', '.join(kinds)}"


def _combine(target: str, answers: list[Response]) -> Response:
    """One answer from several (a merge): the weakest status, every evidence id, the narratives side by side."""
    if len(answers) == 1:
        return answers[0].model_copy(update={"requirement": target})
    scored = [a.status for a in answers if a.status != "not_applicable"]
    status: ResponseStatus = min(scored, key=SCORED_ORDER.index) if scored else "not_applicable"
    evidence = list(dict.fromkeys(e for a in answers for e in a.evidence))
    narrative = "\n\n".join(f"[{a.requirement}] {a.narrative}".strip() for a in answers)
    reasons = [f"[{a.requirement}] {a.justification}" for a in answers if a.justification]
    justification = "\n".join(reasons) if status == "not_applicable" and reasons else None
    return Response(
        requirement=target, status=status, narrative=narrative, evidence=evidence, justification=justification
    )


def _dropped(
    migration: MigrationMap, answers: dict[str, Response], feeds: dict[str, list[Mapping]]
) -> list[AnswerMove]:
    """Old answers that reach no target: withdrawn without replacement, or replaced by one that keeps its own."""
    out = []
    for m in migration.mappings:
        if m.source not in answers or any(m in feeds.get(t, []) for t in m.targets):
            continue
        where = f"replaced by {', '.join(m.targets)}, which keeps its own answer" if m.targets else "no replacement"
        reason = f"{m.source} is {', '.join(m.changes)} in {migration.to_version}: {where}. {m.note or ''}".strip()
        out.append(
            AnswerMove(
                requirement=m.source, sources=[m.source], action="dropped", changes=list(m.changes), reason=reason
            )
        )
    return out

"""A migration for people (text) and programs (JSON): both versions' level and score side by side, the
requirements that moved them, and every answer to review, left unanswered or dropped."""

from __future__ import annotations

import json
from typing import Any

from assessor.intake.migration import Action, AnswerMove, MigratedSubmission
from assessor.scoring.effect import Effect, Mover, Side


def migration_record(migrated: MigratedSubmission, effect: Effect) -> dict[str, Any]:
    """Everything but the migrated submission itself, as plain data."""
    moves = [m.model_dump(mode="json") for m in migrated.moves if m.action != "carried"]
    return {
        "format": "dcrs-migration/1",
        "from_version": migrated.from_version,
        "to_version": migrated.to_version,
        "counts": counts(migrated),
        "moves": moves,
        "effect": effect.model_dump(mode="json"),
    }


def render_json(migrated: MigratedSubmission, effect: Effect) -> str:
    """The migration record as indented JSON."""
    return json.dumps(migration_record(migrated, effect), indent=2, ensure_ascii=False) + "\n"


def counts(migrated: MigratedSubmission) -> dict[str, int]:
    """How many answers were carried, marked for review, left unanswered and dropped."""
    actions: tuple[Action, ...] = ("carried", "review", "unanswered", "dropped")
    return {action: len(migrated.of(action)) for action in actions}


def render_text(migrated: MigratedSubmission, effect: Effect) -> str:
    """A terminal report of the migration."""
    n = counts(migrated)
    lines = [
        f"Answers: {n['carried']} carried, {n['review']} marked for review, {n['unanswered']} unanswered, "
        f"{n['dropped']} dropped.",
        "",
        *side_by_side(effect),
        "",
        "Requirements that moved them:",
        *[f"  {mover_line(m)}" for m in effect.movers],
    ]
    if effect.others:
        lines.append(f"  (the other requirements together: {effect.others:+.2f} points, their share of the total)")
    sections: tuple[tuple[Action, str], ...] = (
        ("review", "Marked for review (REVIEW in the narrative)"),
        ("unanswered", "Left unanswered"),
        ("dropped", "Dropped"),
    )
    for action, title in sections:
        lines += _moves(title, migrated.of(action))
    if migrated.needs:
        lines += ["", f"Fields {migrated.to_version} reads that are not given yet ({len(migrated.needs)}):"]
        lines += [f"  {n.subject}: {n.field} (until given, {n.until_given})" for n in migrated.needs]
    return "\n".join(lines) + "\n"


def side_by_side(effect: Effect) -> list[str]:
    """Overall and per-domain level and score under both versions."""
    old, new = effect.old, effect.new
    lines = [
        f"{'':16}{old.version:>22}{new.version:>22}",
        f"{'Overall level':16}{_level(old):>22}{_level(new):>22}",
        f"{'Overall score':16}{_num(old.score):>22}{_num(new.score):>22}{_delta(old.score, new.score)}",
    ]
    for d in effect.domains:
        was = f"L{_opt(d.old_level)} {_num(d.old_score)}"
        now = f"L{_opt(d.new_level)} {_num(d.new_score)}"
        lines.append(f"{'  ' + d.id:16}{was:>22}{now:>22}{_delta(d.old_score, d.new_score)}")
    for side in (old, new):
        if side.critical_gaps:
            lines.append(f"Critical gaps under {side.version}: {', '.join(side.critical_gaps)}")
    return lines


def mover_line(m: Mover) -> str:
    """One requirement that moved the result, with why."""
    route = m.requirement if m.sources in ([], [m.requirement]) else f"{', '.join(m.sources)} -> {m.requirement}"
    status = f"{m.old_status or '—'} -> {m.new_status or '—'}"
    level = ""
    if m.qualifies_old and m.qualifies_new is False:
        level = "  no longer qualifies for its level"
    elif m.qualifies_new and m.qualifies_old is False:
        level = "  now qualifies for its level"
    elif m.qualifies_new is False and m.qualifies_old is None:
        level = "  does not qualify for its level"
    return f"{route}: {status}, {m.delta:+.2f} points{level} ({m.why})"


def _moves(title: str, moves: list[AnswerMove]) -> list[str]:
    if not moves:
        return []
    return ["", f"{title}:", *[f"  {m.requirement}: {m.reason}" for m in moves]]


def _level(side: Side) -> str:
    return f"{side.level} {side.level_name}"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _opt(value: int | None) -> str:
    return "—" if value is None else str(value)


def _delta(old: float | None, new: float | None) -> str:
    return "" if old is None or new is None or old == new else f"  ({new - old:+.2f})"

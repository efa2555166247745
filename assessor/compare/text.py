"""A comparison as text for a person: each step's headline, its domains, and each requirement that moved, why."""

from __future__ import annotations

from assessor.compare.models import Comparison, DomainChange, Side, Step
from assessor.reports.labels import label, prose
from assessor.reports.names import bundled_names
from assessor.reports.numbers import points

ORDER = ("regressed", "improved", "new", "removed", "changed")


def comparison_text(comparison: Comparison) -> str:
    """Every step, one after another, in the reports' words (rules, metrics and evidence types named)."""
    sides = [comparison.steps[0].before, *(s.after for s in comparison.steps)] if comparison.steps else []
    names = bundled_names({side.standard_version for side in sides})
    return "\n\n".join(_step(s, names) for s in comparison.steps) + "\n"


def _step(s: Step, names: dict[str, str]) -> str:
    lines = [f"{_side(s.before)}\n  → {_side(s.after)}"]
    if s.through:
        lines.append(f"Requirements matched {s.through}.")
    lines += [f"Scoring: {prose(rule, names)}" for rule in s.rules]
    if s.unchanged:
        lines.append("No change.")
        return "\n".join(lines)
    lines += [_domain(d) for d in s.domains if d.direction is not None]
    for direction in ORDER:
        moved = [r for r in s.requirements if r.direction == direction]
        if moved:
            lines.append(f"{direction.capitalize()} ({len(moved)}):")
        for r in moved:
            lines.append(f"  {r.requirement} {r.title}: {label(r.before).lower()} → {label(r.after).lower()}")
            lines += [f"    because {prose(why, names)}" for why in r.why]
    return "\n".join(lines)


def _side(side: Side) -> str:
    score = points(side.score)
    return (
        f"{side.label}: {side.organisation}, {side.assessment_date}, DCRS {side.standard_version}: "
        f"level {side.level}, score {score}"
    )


def _domain(d: DomainChange) -> str:
    def show(level: int | None, score: float | None) -> str:
        return "—" if level is None else f"L{level} {points(score)}"

    before, after = show(d.level_before, d.score_before), show(d.level_after, d.score_after)
    return f"Domain {d.domain} {d.title}: {before} → {after} ({d.direction})"

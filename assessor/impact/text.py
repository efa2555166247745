"""An impact analysis as text: a table of movers, a chart of score changes from a visible zero, and the causes."""

from __future__ import annotations

from assessor.impact.models import Impact
from assessor.reports.numbers import change, points

BAR = 30


def impact_text(impact: Impact) -> str:
    """The table, the chart and the causes."""
    scored = f"{impact.scored} submission{'' if impact.scored == 1 else 's'} scored"
    moved = f"{len(impact.movers)} move{'s' if len(impact.movers) == 1 else ''}"
    lines = [f"DCRS {impact.draft} ({impact.draft_status}) against DCRS {impact.current}: {scored}, {moved}. "
             f"Requirements matched {impact.through}."]  # fmt: skip
    lines += [f"Also changed: {rule}" for rule in impact.rules]
    if impact.movers:
        lines += ["", f"{'submission':40} {'level':>7} {'score':>15} {'change':>8}"]
        for m in impact.movers:
            score = f"{points(m.score_before)} → {points(m.score_after)}"
            lines.append(
                f"{m.submission[:40]:40} {m.level_before:>3} → {m.level_after:<1} {score:>15} {change(m.delta):>8}"
            )
            for model in m.models:
                score = f"{points(model.score_before)} → {points(model.score_after)}"
                lines.append(f"{'  model ' + model.model[:32]:40} {model.level_before:>3} → {model.level_after:<1} "
                             f"{score:>15}")  # fmt: skip
        lines += ["", "Score change per submission (| is zero):"]
        top = max(abs(m.delta) for m in impact.movers) or 1.0
        for m in impact.movers:
            width = round(BAR * abs(m.delta) / top)
            left, right = ("#" * width, "") if m.delta < 0 else ("", "#" * width)
            lines.append(f"{m.submission[:40]:40} {left:>{BAR}}|{right:<{BAR}} {change(m.delta)}")
        lines += ["", "Which change moved whom:"]
        for cause in impact.causes:
            lines.append(f"  {cause.change}: {', '.join(cause.submissions)}")
    lines += [f"Skipped {s.submission}: {'; '.join(s.problems)}" for s in impact.skipped]
    return "\n".join(lines) + "\n"

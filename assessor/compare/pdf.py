"""A comparison as a PDF/A document a regulator can circulate: the assessments, each step's domains with a chart
of the score change from a visible zero, and every requirement that moved with why."""

from __future__ import annotations

from markupsafe import Markup

from assessor.compare.models import Comparison, Side, Step
from assessor.compare.text import ORDER
from assessor.core.canonical import pretty_json
from assessor.reports.bars import bar_chart
from assessor.reports.names import bundled_names
from assessor.reports.standalone import page_pdf, render_page

TEMPLATE = "comparison.html.j2"


def comparison_pdf(comparison: Comparison) -> bytes:
    """The comparison's PDF, with the comparison's JSON embedded and dated by the latest assessment."""
    sides = assessments(comparison)
    dated = max((s.assessment_date for s in sides), default=None)
    names = bundled_names({s.standard_version for s in sides})
    html = render_page(TEMPLATE, c=comparison, sides=sides, charts=[_chart(s) for s in comparison.steps],
                       order=ORDER, dated=dated or "", names=names)  # fmt: skip
    return page_pdf(html, "comparison.json", pretty_json(comparison), dated)


def assessments(comparison: Comparison) -> list[Side]:
    """Every assessment compared, in the order given."""
    return [comparison.steps[0].before, *(s.after for s in comparison.steps)] if comparison.steps else []


def _chart(step: Step) -> Markup:
    bars = [(f"{d.domain} · {d.title}", _change(d.score_before, d.score_after)) for d in step.domains]
    values = [v for _, v in bars if v is not None]
    reach = max([abs(v) for v in values] + [10.0])  # symmetric; a floor of 10 points keeps small moves small
    return bar_chart(f"Change of score per domain, {step.before.label} to {step.after.label} (points out of 100)",
                     bars, reach, minimum=-reach, decimals=1)  # fmt: skip


def _change(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 2)

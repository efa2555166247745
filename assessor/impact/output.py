"""An impact analysis as a document a standards body can circulate: HTML on its own or PDF/A, with who moves, by
how much and which change moved each, and a chart of the score changes from a visible zero."""

from __future__ import annotations

from markupsafe import Markup

from assessor.core.canonical import pretty_json
from assessor.impact.models import Impact
from assessor.reports.bars import bar_chart
from assessor.reports.standalone import page_pdf, render_page

TEMPLATE = "impact.html.j2"


def impact_html(impact: Impact) -> str:
    """One self-contained HTML document (its stylesheet inlined)."""
    return render_page(TEMPLATE, i=impact, chart=_chart(impact))


def impact_pdf(impact: Impact) -> bytes:
    """The same document as PDF/A-3a, with the impact's JSON embedded; an impact has no date of its own, so the
    document carries none and the embedded file is dated the Unix epoch (see reports.standalone)."""
    return page_pdf(impact_html(impact), "impact.json", pretty_json(impact), None)


def _chart(impact: Impact) -> Markup | None:
    if not impact.movers:
        return None
    reach = max([abs(m.delta) for m in impact.movers] + [1.0])  # symmetric, so gains and losses compare by eye
    title = f"Change of overall score per submission, DCRS {impact.current} to {impact.draft_status} {impact.draft}"
    return bar_chart(title, [(m.submission, m.delta) for m in impact.movers], reach, minimum=-reach, decimals=1)

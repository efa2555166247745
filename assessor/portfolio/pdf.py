"""The portfolio and the public summary as PDF/A-3a: Jinja2 templates rendered by WeasyPrint, which may fetch
nothing but the bundled template assets (see reports.standalone)."""

from __future__ import annotations

from markupsafe import Markup

from assessor.core.canonical import pretty_json
from assessor.portfolio.models import FailedRequirement, Portfolio
from assessor.portfolio.public import PublicSummary
from assessor.reports.bars import bar_chart
from assessor.reports.names import bundled_names
from assessor.reports.standalone import page_pdf, render_page

PORTFOLIO_TEMPLATE, PUBLIC_TEMPLATE = "portfolio.html.j2", "public-summary.html.j2"


def portfolio_pdf(portfolio: Portfolio) -> bytes:
    """The portfolio's PDF, with the portfolio's JSON embedded."""
    dated = max((row.assessment_date for row in portfolio.organisations), default="2000-01-01")
    charts = {
        "scores": bar_chart("Overall score per organisation (0 to 100)",
                            [(r.organisation, r.score) for r in portfolio.organisations], 100, decimals=1),
        "failed": _failed_chart(portfolio.most_failed[:10], len(portfolio.organisations)),
    }  # fmt: skip
    names = bundled_names(set(portfolio.standard_versions))
    html = render_page(PORTFOLIO_TEMPLATE, p=portfolio, charts=charts, dated=dated, names=names)
    return page_pdf(html, "portfolio.json", pretty_json(portfolio), dated)


def public_pdf(summary: PublicSummary) -> bytes:
    """The public summary's PDF, with the summary's JSON embedded."""
    dated = summary.as_of or "2000-01-01"
    charts = {
        "medians": bar_chart("Median score per domain (0 to 100)",
                             [(d.domain + " · " + d.title, d.score_median) for d in summary.distribution], 100,
                             decimals=1),
        "failed": _failed_chart(summary.most_failed[:10], summary.organisations),
    }  # fmt: skip
    names = bundled_names(set(summary.standard_versions))
    html = render_page(PUBLIC_TEMPLATE, s=summary, charts=charts, dated=dated, names=names)
    return page_pdf(html, "public-summary.json", pretty_json(summary), dated)


def _failed_chart(failed: list[FailedRequirement], organisations: int) -> Markup:
    bars = [(f.requirement, float(f.failed)) for f in failed]
    return bar_chart("Organisations whose latest assessment supports the requirement below largely", bars,
                     max(organisations, 1))  # fmt: skip

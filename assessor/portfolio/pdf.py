"""The portfolio and the public summary as PDF/A-3b: Jinja2 templates rendered by WeasyPrint, which may fetch
nothing but the bundled template assets. The JSON of what is shown is embedded, so the file is also data."""

from __future__ import annotations

from datetime import UTC, datetime, time

from markupsafe import Markup
from weasyprint import HTML, Attachment

from assessor.core.canonical import pretty_json
from assessor.core.text import shown
from assessor.core.version import __version__
from assessor.portfolio.chart import bar_chart
from assessor.portfolio.models import FailedRequirement, Portfolio
from assessor.portfolio.public import PublicSummary
from assessor.reports.html import environment, template_dirs
from assessor.reports.pdf import PDF_VARIANT, BundledAssetFetcher

PORTFOLIO_TEMPLATE, PUBLIC_TEMPLATE = "portfolio.html.j2", "public-summary.html.j2"


def portfolio_pdf(portfolio: Portfolio) -> bytes:
    """The portfolio's PDF, with the portfolio's JSON embedded."""
    dated = max((row.assessment_date for row in portfolio.organisations), default="2000-01-01")
    charts = {
        "scores": bar_chart("Overall score per organisation (0 to 100)",
                            [(r.organisation, r.score) for r in portfolio.organisations], 100),
        "failed": _failed_chart(portfolio.most_failed[:10], len(portfolio.organisations)),
    }  # fmt: skip
    html = _render(PORTFOLIO_TEMPLATE, p=portfolio, charts=charts, dated=dated)
    return _pdf(html, "portfolio.json", pretty_json(portfolio), dated)


def public_pdf(summary: PublicSummary) -> bytes:
    """The public summary's PDF, with the summary's JSON embedded."""
    dated = summary.as_of or "2000-01-01"
    charts = {
        "medians": bar_chart("Median score per domain (0 to 100)",
                             [(d.domain + " · " + d.title, d.score_median) for d in summary.distribution], 100),
        "failed": _failed_chart(summary.most_failed[:10], summary.organisations),
    }  # fmt: skip
    html = _render(PUBLIC_TEMPLATE, s=summary, charts=charts, dated=dated)
    return _pdf(html, "public-summary.json", pretty_json(summary), dated)


def _failed_chart(failed: list[FailedRequirement], organisations: int) -> Markup:
    bars = [(f.requirement, float(f.failed)) for f in failed]
    return bar_chart("Organisations whose latest assessment supports the requirement below largely", bars,
                     max(organisations, 1))  # fmt: skip


def _render(template: str, **context: object) -> str:
    return shown(environment().get_template(template).render(tool_version=__version__, **context))


def _pdf(html: str, name: str, data: str, dated: str) -> bytes:
    fetcher = BundledAssetFetcher(template_dirs(None))
    moment = datetime.combine(datetime.fromisoformat(dated).date(), time(), tzinfo=UTC)
    attachment = Attachment(string=data.encode("utf-8"), name=name, description="The data shown, as JSON",
                            url_fetcher=fetcher, relationship="Data", created=moment, modified=moment)  # fmt: skip
    document = HTML(string=html, base_url=template_dirs(None)[0].as_uri() + "/", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, attachments=[attachment])
    return pdf

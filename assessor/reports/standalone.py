"""Documents that stand on their own (the portfolio, a comparison, an impact analysis): a Jinja2 template with its
stylesheet inlined, so the HTML can be sent as one file, and the same HTML as PDF/A-3a by WeasyPrint, which may
fetch nothing but the bundled template assets. The JSON of what is shown is embedded, so the PDF is also data."""

from __future__ import annotations

from datetime import UTC, datetime, time

from markupsafe import Markup

from assessor.core.text import shown
from assessor.core.version import __version__
from assessor.reports.html import environment, template_dirs

STYLESHEET = "portfolio.css"
UNDATED = datetime(1970, 1, 1, tzinfo=UTC)


def render_page(template: str, **context: object) -> str:
    """The template rendered with the tool's version and the shared stylesheet (bundled, trusted) inlined; control
    and bidi characters in any text it shows are escaped."""
    css = Markup((template_dirs(None)[0] / STYLESHEET).read_text(encoding="utf-8"))
    return shown(environment().get_template(template).render(tool_version=__version__, css=css, **context))


def page_pdf(html: str, name: str, data: str, dated: str | None) -> bytes:
    """The HTML as PDF/A-3a with `data` (JSON) embedded as `name`; `dated` (ISO date) dates the attachment, so the
    bytes depend on the inputs only. WeasyPrint dates every attachment, by the clock if not told, so a document
    with no date of its own (None) gets the Unix epoch rather than bytes that differ run by run."""
    from weasyprint import HTML, Attachment  # WeasyPrint loads only for PDFs

    from assessor.reports.pdf import PDF_VARIANT, BundledAssetFetcher

    fetcher = BundledAssetFetcher(template_dirs(None))
    moment = datetime.combine(datetime.fromisoformat(dated).date(), time(), tzinfo=UTC) if dated else UNDATED
    attachment = Attachment(string=data.encode("utf-8"), name=name, description="The data shown, as JSON",
                            url_fetcher=fetcher, relationship="Data", created=moment, modified=moment)  # fmt: skip
    document = HTML(string=html, base_url=template_dirs(None)[0].as_uri() + "/", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, attachments=[attachment])
    return pdf

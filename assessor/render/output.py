"""The readable standard as HTML (Jinja2, autoescaped) and as PDF/A (WeasyPrint, bundled assets only)."""

from __future__ import annotations

from markupsafe import Markup

from assessor.core.text import shown
from assessor.core.version import __version__
from assessor.render.document import StandardDoc
from assessor.reports.html import environment, template_dirs

TEMPLATE = "standard.html.j2"


def standard_html(doc: StandardDoc) -> str:
    """One self-contained HTML document (its stylesheet inlined, so the file can be sent on its own)."""
    css = Markup((template_dirs(None)[0] / "standard.css").read_text(encoding="utf-8"))  # bundled, trusted
    return shown(environment().get_template(TEMPLATE).render(d=doc, css=css, tool_version=__version__))


def standard_pdf(doc: StandardDoc) -> bytes:
    """The same document as PDF/A-3b."""
    from weasyprint import HTML

    from assessor.reports.pdf import PDF_VARIANT, BundledAssetFetcher

    fetcher = BundledAssetFetcher(template_dirs(None))
    base = template_dirs(None)[0].as_uri() + "/"
    pdf: bytes = HTML(string=standard_html(doc), base_url=base, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf

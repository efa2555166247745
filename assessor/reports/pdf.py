"""Render the report to tagged PDF/A-3a with WeasyPrint, embedding the submission, the result and any review.

PDF/A-3a is the accessible conformance level: a logical structure tree, the document language, table headers
and alternative text for every figure. WeasyPrint may fetch only files inside the template folders and the
chart's own SVG data: URL: no network, no file:// elsewhere.
The bytes are reproducible: document and attachment dates come from the inputs (see reports.meta), and the
embedded-files name tree lists its names in sorted order, as the PDF specification requires.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, Attachment
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessor.core.atomic import write_atomic
from assessor.core.canonical import canonical_bytes, pretty_json
from assessor.intake.fingerprint import submission_canonical_bytes
from assessor.reports.chart import SVG_DATA
from assessor.reports.context import ReportContext
from assessor.reports.html import render_html, template_dirs

PDF_VARIANT = "pdf/a-3a"
SUBMISSION_NAME, ASSESSMENT_NAME, REVIEW_NAME = "submission.json", "assessment.json", "review.json"


class BundledAssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serves file:// URLs that resolve inside the allowed folders and SVG data: URLs; refuses everything else."""

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols=["file", "data"])
        self.allowed = [p.resolve() for p in allowed]

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(SVG_DATA):
            data = base64.b64decode(url[len(SVG_DATA) :], validate=True)
            return URLFetcherResponse(url, data, {"Content-Type": "image/svg+xml"})
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"refused to fetch {url}: only bundled template assets are allowed")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.allowed) or not path.is_file():
            raise ValueError(f"refused to fetch {url}: outside the template folders")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})


@dataclass(frozen=True)
class PdfInputs:
    """The final HTML and the attachments, as passed to WeasyPrint (also what the benchmark renders alone)."""

    html: str
    base_url: str
    attachments: list[tuple[str, str, bytes]]
    created: date
    modified: date


def prepare_pdf(context: ReportContext, override: Path | None = None) -> PdfInputs:
    """The HTML and the attachments for one report."""
    dirs = template_dirs(override)
    attachments = [
        (SUBMISSION_NAME, "The submission assessed: the RFC 8785 bytes its sha256 is taken over",
         submission_canonical_bytes(context.submission)),
        (ASSESSMENT_NAME, "The full assessment result", pretty_json(context.assessment).encode("utf-8")),
    ]  # fmt: skip
    if context.review is not None:
        data = canonical_bytes(context.review.model_dump(mode="json"))
        attachments.append((REVIEW_NAME, "The independent review: the RFC 8785 bytes its sha256 is taken over", data))
    return PdfInputs(
        html=render_html(context, override),
        base_url=dirs[0].as_uri() + "/",
        attachments=sorted(attachments),  # the PDF name tree must be in sorted order
        created=context.meta.created,
        modified=context.meta.modified,
    )


def layout(inputs: PdfInputs, override: Path | None = None) -> Document:
    """Lay the prepared HTML out in pages (what the layout tests inspect before the PDF is written)."""
    fetcher = BundledAssetFetcher(template_dirs(override))
    return HTML(string=inputs.html, base_url=inputs.base_url, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)


def document_pdf(document: Document, inputs: PdfInputs, override: Path | None = None) -> bytes:
    """Write a laid-out report as tagged PDF/A-3a with its attachments."""
    fetcher = BundledAssetFetcher(template_dirs(override))
    created, modified = _moment(inputs.created), _moment(inputs.modified)
    attachments = [
        Attachment(string=data, name=name, description=description, url_fetcher=fetcher, relationship="Data",
                   created=created, modified=modified)
        for name, description, data in inputs.attachments
    ]  # fmt: skip
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, attachments=attachments)
    return pdf


def pdf_bytes(inputs: PdfInputs, override: Path | None = None) -> bytes:
    """Render prepared inputs to tagged PDF/A-3a bytes."""
    return document_pdf(layout(inputs, override), inputs, override)


def write_pdf(context: ReportContext, out: Path, override: Path | None = None) -> None:
    """Render and write the PDF atomically."""
    write_atomic(out, pdf_bytes(prepare_pdf(context, override), override))


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _mime(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}.get(
        path.suffix.lower(), "application/octet-stream"
    )

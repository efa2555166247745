"""Render the report to PDF/A-3b with WeasyPrint, embedding the submission and the result as attachments.

WeasyPrint may fetch only files inside the template folders: no network, no file:// elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assessor.core.atomic import write_atomic
from assessor.core.canonical import pretty_json
from assessor.intake.models import Submission
from assessor.reports.context import ReportContext
from assessor.reports.html import render_html, template_dirs

PDF_VARIANT = "pdf/a-3b"


class BundledAssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serves file:// URLs that resolve inside the allowed folders; refuses everything else."""

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols=["file"])
        self.allowed = [p.resolve() for p in allowed]

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
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


def prepare_pdf(context: ReportContext, override: Path | None = None) -> PdfInputs:
    """The HTML and the attachments for one report."""
    dirs = template_dirs(override)
    return PdfInputs(
        html=render_html(context, override),
        base_url=dirs[0].as_uri() + "/",
        attachments=[
            ("submission.json", "The submission assessed (canonical JSON)", _json_bytes(context.submission)),
            ("assessment.json", "The full assessment result", pretty_json(context.assessment).encode("utf-8")),
        ],
    )


def pdf_bytes(inputs: PdfInputs, override: Path | None = None) -> bytes:
    """Render prepared inputs to PDF/A-3b bytes."""
    fetcher = BundledAssetFetcher(template_dirs(override))
    attachments = [
        Attachment(string=data, name=name, description=description, url_fetcher=fetcher, relationship="Data")
        for name, description, data in inputs.attachments
    ]
    document = HTML(string=inputs.html, base_url=inputs.base_url, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, attachments=attachments)
    return pdf


def write_pdf(context: ReportContext, out: Path, override: Path | None = None) -> None:
    """Render and write the PDF atomically."""
    write_atomic(out, pdf_bytes(prepare_pdf(context, override), override))


def _json_bytes(submission: Submission) -> bytes:
    return (json.dumps(submission.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _mime(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}.get(
        path.suffix.lower(), "application/octet-stream"
    )

"""PDF rows keyed by name: the report against WeasyPrint setting the same words as plain paragraphs, and the
verified report against the self-assessed one."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.review.loader import load_review
from assessor.scoring.engine import score
from bench.rows import ROOT, Row
from bench.timing import measure_pair

LATEST = ROOT / "examples" / "1.2.0" / "mature-lab.yaml"
FIRST, REVIEW = ROOT / "examples" / "mature-lab.yaml", ROOT / "examples" / "reviews" / "mature-lab-review.yaml"
_BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "tr", "div", "section", "article", "figcaption", "title"}
_SKIP = {"style", "script", "head"}
# The report's fonts and page, nothing else: no tables, no running headers, no colours.
PLAIN_CSS = (
    '@page { size: A4; margin: 22mm 18mm 20mm 18mm; } html { font-family: "DejaVu Sans", sans-serif; '
    "font-size: 9.5pt; line-height: 1.4; } p { margin: 0 0 2mm; }"
)


class _Words(HTMLParser):
    """Collects the text of an HTML document as paragraphs, one per block element."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skipping += tag in _SKIP
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        self._skipping -= tag in _SKIP
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []


def plain_html(html: str) -> str:
    """The words of `html` as plain paragraphs in the report's font and page size."""
    parser = _Words()
    parser.feed(html)
    parser.close()
    body = "".join(f"<p>{escape(p)}</p>" for p in parser.paragraphs)
    head = f'<meta charset="utf-8"><title>words</title><style>{PLAIN_CSS}</style>'
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{body}</body></html>'


def pdf_rows() -> list[Row]:
    """`pdf-words` and `pdf-verified`."""
    from weasyprint import HTML

    from assessor.reports.context import build_context
    from assessor.reports.pdf import PDF_VARIANT, pdf_bytes, prepare_pdf

    latest = load_standard(version="1.2.0")
    submission = load_submission(LATEST, latest)
    context = build_context(latest, submission, score(latest, submission))
    words = plain_html(prepare_pdf(context).html)
    ours, floor = measure_pair(
        lambda: pdf_bytes(prepare_pdf(context)),
        lambda: HTML(string=words).write_pdf(pdf_variant=PDF_VARIANT),
        repeat=3,
    )
    rows = [Row("pdf-words", "PDF report, 1.2.0 example (tagged PDF/A-3a)", ours, floor,
                "WeasyPrint on the same words as plain paragraphs, same fonts", "≤ 1.5× floor",
                ours.median <= 1.5 * floor.median)]  # fmt: skip
    first = load_standard(version="1.0.0")
    sub = load_submission(FIRST, first)
    review = load_review(REVIEW, sub, first)
    verified = build_context(first, sub, score(first, sub, review), review)
    self_assessed = build_context(first, sub, score(first, sub))
    ours, floor = measure_pair(
        lambda: pdf_bytes(prepare_pdf(verified)), lambda: pdf_bytes(prepare_pdf(self_assessed)), repeat=3
    )
    rows.append(Row("pdf-verified", "Verified PDF report (approved review)", ours, floor,
                    "the self-assessed report of the same submission", "≤ 1.0× floor",
                    ours.median <= floor.median))  # fmt: skip
    return rows

"""The PDF report as a reader and a screen reader meet it: tagged PDF/A-3a, full pages, words not codes.

Every page of each example's report is rendered to PNG under build/report-pages/<report>/ (fresh per run) for a
person to look at; the assertions read WeasyPrint's layout boxes and the written PDF (pikepdf, qpdf, pypdf).
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from weasyprint.document import Document, Page
from weasyprint.formatting_structure import boxes

from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.intake.models import Submission
from assessor.reports.context import ReportContext, build_context
from assessor.reports.pdf import document_pdf, layout, prepare_pdf
from assessor.review.loader import load_review
from assessor.scoring.engine import score
from tests.conftest import ROOT

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

PAGES = ROOT / "build" / "report-pages"
LATEST = ROOT / "examples" / "1.2.0"
QUARTER = 0.25
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


@dataclass(frozen=True)
class Rendered:
    """One report: its context, its laid-out pages and the PDF written from them."""

    context: ReportContext
    document: Document
    pdf: bytes


def _short(submission: Submission, keep: int) -> Submission:
    """The submission answering only its first `keep` requirements, with only the evidence they cite."""
    responses = submission.responses[:keep]
    cited = {e for r in responses for e in r.evidence}
    evidence = [e for e in submission.evidence if e.id in cited]
    return submission.model_copy(update={"responses": responses, "evidence": evidence})


def _contexts() -> dict[str, ReportContext]:
    latest = load_standard(version="1.2.0")
    out = {}
    for path in sorted(LATEST.glob("*.yaml")):
        submission = load_submission(path, latest)
        out[path.stem] = build_context(latest, submission, score(latest, submission))
    first = load_standard(version="1.0.0")
    submission = load_submission(ROOT / "examples" / "mature-lab.yaml", first)
    review = load_review(ROOT / "examples" / "reviews" / "mature-lab-review.yaml", submission, first)
    out["mature-lab-verified"] = build_context(first, submission, score(first, submission, review), review)
    short = _short(load_submission(LATEST / "mature-lab.yaml", latest), 3)
    out["short-submission"] = build_context(latest, short, score(latest, short))
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run's own for the rendered pages, where the tests check them."""
    return tmp_path_factory.mktemp("report-pages")


@pytest.fixture(scope="module")
def rendered(pages: Path) -> dict[str, Rendered]:
    """Each report laid out once and written once; every page also as PNG, then published to build/report-pages/
    for people to look at."""
    own = pages
    out = {}
    for name, context in _contexts().items():
        inputs = prepare_pdf(context)
        document = layout(inputs)
        out[name] = Rendered(context, document, document_pdf(document, inputs))
        (own / name).mkdir()
        (own / name / "report.pdf").write_bytes(out[name].pdf)
        if shutil.which("pdftoppm"):  # poppler-utils, in system-packages.txt; the PNG test fails without it
            pdf, prefix = str(own / name / "report.pdf"), str(own / name / "page")
            subprocess.run(["pdftoppm", "-r", "60", "-png", pdf, prefix], check=True)
    _publish(own)
    return out


def _publish(own: Path) -> None:
    """Replace build/report-pages/ with this run's pages; a parallel worker publishing the same pages at the same
    moment may win, and that is fine."""
    staging = PAGES.with_name(f"{PAGES.name}.{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(own, staging)
    shutil.rmtree(PAGES, ignore_errors=True)
    try:
        staging.rename(PAGES)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


def test_guard_found_every_report(rendered: dict[str, Rendered]) -> None:
    """Guard: three examples, the verified report and the short submission were rendered."""
    assert sorted(rendered) == [
        "developing-lab", "mature-lab", "mature-lab-verified", "open-weights-release", "short-submission"
    ]  # fmt: skip


def test_every_page_is_a_png(rendered: dict[str, Rendered], pages: Path) -> None:
    """pdftoppm drew every page of every report."""
    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) is not installed: see system-packages.txt"
    for name, r in rendered.items():
        assert len(list((pages / name).glob("page-*.png"))) == len(r.document.pages), name


def test_tagged_pdf_a_3a(rendered: dict[str, Rendered]) -> None:
    """Each PDF declares PDF/A-3a, is marked, has a language and a structure tree with tables, headers and
    headings, and every figure carries alternative text."""
    for name, r in rendered.items():
        with pikepdf.open(io.BytesIO(r.pdf)) as pdf:
            root = pdf.Root
            assert str(root.Lang) == "en", name
            assert bool(root.MarkInfo.Marked), name
            with pdf.open_metadata() as xmp:
                assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "A"), name
            kinds = _structure_kinds(root.StructTreeRoot)
            assert {"/Table", "/TH", "/TD", "/H1", "/H2", "/P", "/Figure"} <= set(kinds), name
            figures = kinds.get("/Figure", [])
            assert figures and all(str(f.get("/Alt", "")).strip() for f in figures), name
            cells = kinds["/TD"]
            assert all(len(c.A.get("/Headers", [])) > 0 for c in cells if "/A" in c), f"{name}: cells without headers"


def _structure_kinds(tree: pikepdf.Object) -> dict[str, list[pikepdf.Object]]:
    """Structure elements by their type, walking the tree from its root."""
    found: dict[str, list[pikepdf.Object]] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.setdefault(str(node.S), []).append(node)
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(node, pikepdf.Array):
            stack.extend(node)
    return found


def test_qpdf_checks_clean(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    """qpdf --check finds no error or warning in any report."""
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    for name, r in rendered.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(r.pdf)
        proc = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
        assert proc.returncode == 0 and "WARNING" not in proc.stdout + proc.stderr, f"{name}: {proc.stdout}"


def test_result_still_attached(rendered: dict[str, Rendered]) -> None:
    """The tagged PDF still embeds the JSON result (and the submission)."""
    for name, r in rendered.items():
        names = set(PdfReader(io.BytesIO(r.pdf)).attachments)
        assert {"assessment.json", "submission.json"} <= names, name


def test_no_page_under_a_quarter_full(rendered: dict[str, Rendered]) -> None:
    """Only the last page of a section (the next page opens a chapter) may be less than a quarter full."""
    for name, r in rendered.items():
        pages = r.document.pages
        sparse = [
            i + 1
            for i, page in enumerate(pages)
            if _fullness(page) < QUARTER and i + 1 < len(pages) and not _opens_chapter(pages[i + 1])
        ]
        assert sparse == [], f"{name}: pages under a quarter full: {sparse}"


def test_no_text_outside_the_page(rendered: dict[str, Rendered]) -> None:
    """Every line of body text lies inside its page's content area: nothing clipped or overflowing."""
    for name, r in rendered.items():
        for number, page in enumerate(r.document.pages, 1):
            box = page._page_box
            left, top = box.content_box_x(), box.content_box_y()
            right, bottom = left + box.width, top + box.height
            outside = [
                t.text[:40]
                for t in _text_boxes(box)
                if t.position_x < left - 1 or t.position_x + t.width > right + 1 or t.position_y + t.height > bottom + 1
            ]
            assert outside == [], f"{name} page {number}: {outside}"


def test_every_finding_is_shown(rendered: dict[str, Rendered]) -> None:
    """Every finding appears under its number, and the cause groups together hold every finding."""
    for name, r in rendered.items():
        text = _text(r.pdf)
        numbers = sorted(f.rank for f in r.context.findings)
        assert numbers, name
        assert [n for n in numbers if f"Finding {n}" not in text] == [], name
        assert sorted(f.rank for g in r.context.finding_groups for f in g.findings) == numbers, name


def test_words_not_codes(rendered: dict[str, Rendered]) -> None:
    """No snake_case code, ASCII comparison or bare restatement of claimed and supported statuses is printed."""
    for name, r in rendered.items():
        text = _text(r.pdf)
        assert SNAKE.findall(text) == [], name
        assert "<=" not in text and ">=" not in text, name
        assert re.search(r"Claimed (\w+); supported \1\.", text) is None, name
        assert "None" not in re.findall(r"\b\w+\b", text), name


def test_glossary_from_the_standard(rendered: dict[str, Rendered]) -> None:
    """The glossary prints every term the standard defines."""
    text = _text(rendered["mature-lab"].pdf)
    assert "Glossary" in text
    terms = [t for t, _ in rendered["mature-lab"].context.glossary]
    assert len(terms) >= 10 and [t for t in terms if t not in text] == []


def test_short_submission_gives_a_short_report(rendered: dict[str, Rendered]) -> None:
    """A submission answering three requirements gets well under half the pages of the full one."""
    short, full = len(rendered["short-submission"].document.pages), len(rendered["mature-lab"].document.pages)
    assert short * 2 < full, (short, full)


@functools.cache  # extracting a report's text takes seconds, and several tests read the same reports
def _text(pdf: bytes) -> str:
    """The report's text as pypdf extracts it, page after page."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _text_boxes(box: boxes.Box) -> list[boxes.TextBox]:
    """The text boxes of the page's body, margin boxes (running headers and footers) left out."""
    found, stack = [], [box]
    while stack:
        node = stack.pop()
        if isinstance(node, boxes.MarginBox):
            continue
        if isinstance(node, boxes.TextBox):
            found.append(node)
        elif isinstance(node, boxes.ParentBox):
            stack.extend(node.children)
    return found


def _fullness(page: Page) -> float:
    """How far down the content area the body text reaches, 0 to 1."""
    box = page._page_box
    texts = _text_boxes(box)
    if not texts:
        return 0.0
    lowest = max(t.position_y + t.height for t in texts)
    return (lowest - box.content_box_y()) / box.height


def _opens_chapter(page: Page) -> bool:
    """Whether the page begins a chapter: a cover or chapter heading is its first text."""
    stack: list[boxes.Box] = [page._page_box]
    while stack:
        node = stack.pop(0)
        if isinstance(node, boxes.MarginBox):
            continue
        if node.element_tag in ("h1", "h2"):
            return True
        if isinstance(node, boxes.TextBox):
            return False
        if isinstance(node, boxes.ParentBox):
            stack[:0] = node.children
    return False

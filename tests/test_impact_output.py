"""`dcr standard impact --html/--pdf`: the impact analysis as a document: exactly the submissions that move,
which change moved each, and a chart of the score changes from a visible zero."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import assessor
from assessor.core.canonical import pretty_json
from assessor.reports.bars import bar_chart
from tests.conftest import ROOT, CliResult, checked_pdf_text
from tests.published_library import DRAFT, draft_library

CORPUS = ROOT / "examples" / "corpus"
NAMES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.yaml"))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library whose draft tightens the rollback threshold to 5 minutes."""
    return draft_library(tmp_path_factory.mktemp("impact"), 5)


@pytest.fixture(scope="module")
def result(library: Path) -> assessor.Impact:
    """The corpus re-scored under that draft."""
    return assessor.standard_impact(DRAFT, corpus=CORPUS, standard=library)


@pytest.mark.pdf
def test_html_and_pdf_list_exactly_the_movers(
    result: assessor.Impact, tmp_path: Path, weasyprint_warnings: Callable[[], list[str]]
) -> None:
    """Every corpus submission the JSON lists as moving is in the HTML's tables and the PDF's text, with its
    change and its cause, and no other submission is; WeasyPrint logs no warning."""
    movers = [m["submission"] for m in json.loads(pretty_json(result))["movers"]]
    assert 0 < len(movers) < len(NAMES), "the tightened threshold should move some submissions, not all"
    html = assessor.impact_html(result)
    cells = set(re.findall(r"<tr><td>([^<]+)</td>", html))
    pdf = tmp_path / "impact.pdf"
    pdf.write_bytes(assessor.impact_pdf(result))
    text = checked_pdf_text(pdf)
    assert weasyprint_warnings() == []
    assert {n for n in NAMES if n in cells} == set(movers)
    assert {n for n in NAMES if n in text.split()} == set(movers)
    assert all(f"{m.delta:+.1f}" in text and f"{m.delta:+.1f}" in html for m in result.movers)
    assert "DCRS-TK-05 threshold" in text and f"{len(movers)} of {result.scored} submissions move." in text


def test_the_chart_has_a_zero_line_and_its_values_as_text() -> None:
    """Bars run from a drawn zero line, left for losses and right for gains, and every value is written as text
    and in the text alternative."""
    svg = str(bar_chart("Changes", [("A", -3.5), ("B", 2.0), ("C", None)], 4.0, minimum=-4.0))
    zero = re.search(r'<text x="([\d.]+)"[^>]*text-anchor="middle">0</text>', svg)
    assert zero is not None and f'<line x1="{zero[1]}" y1="2" x2="{zero[1]}"' in svg
    rects = [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)]
    assert rects[0][0] + rects[0][1] == pytest.approx(float(zero[1])) and rects[1][0] == pytest.approx(float(zero[1]))
    assert all(f">{v}</text>" in svg for v in ("-3.5", "+2", "n/a")) and "A: -3.5; B: +2; C: n/a" in svg


def test_the_impact_chart_states_each_movers_change(result: assessor.Impact) -> None:
    """The HTML's chart names each moving submission with its change in its text alternative."""
    svg = re.search(r"<svg.*?</svg>", assessor.impact_html(result), re.S)
    assert svg is not None
    assert all(f"{m.submission}: {m.delta:+.1f}" in svg[0] for m in result.movers)


@pytest.mark.slow
def test_a_draft_that_moves_no_one_says_so(tmp_path: Path) -> None:
    """When no submission moves, the document says so and draws no chart."""
    quiet = assessor.standard_impact(DRAFT, corpus=CORPUS, standard=draft_library(tmp_path, None))
    html = assessor.impact_html(quiet)
    assert "No submission moves" in html and "<svg" not in html and f"0 of {quiet.scored}" in html


@pytest.mark.pdf
def test_cli_writes_html_and_pdf_and_refuses_existing_files(
    library: Path, tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """Existing --html or --pdf files are refused before any work, naming the option and left as they were;
    with --force both are written."""
    html, pdf = tmp_path / "i.html", tmp_path / "i.pdf"
    for path in (html, pdf):
        path.write_text("keep me", encoding="utf-8")
    args = ("standard", "impact", DRAFT, "--standard", library, "--html", html, "--pdf", pdf)
    refused = dcr(*args)
    assert refused.code == 2 and "--html" in refused.err and "--force" in refused.err
    assert html.read_text(encoding="utf-8") == pdf.read_text(encoding="utf-8") == "keep me"
    done = dcr(*args, "--force")
    assert done.code == 0, done.err
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") and pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.pdf
def test_the_pdf_is_reproducible(result: assessor.Impact) -> None:
    """Rendering the same analysis twice gives the same bytes: no date comes from the clock."""
    first = assessor.impact_pdf(result)
    time.sleep(1.1)  # PDF dates have a resolution of one second
    assert assessor.impact_pdf(result) == first

"""The portfolio and the public summary: the matrix is the individual results, order changes nothing, and
nothing confidential leaks."""

from __future__ import annotations

import io
import itertools
import logging
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

import assessor
from assessor.api_portfolio import PortfolioEntry
from assessor.core.canonical import pretty_json
from assessor.portfolio.public import EXTREMES_FROM
from assessor.portfolio.source import entries
from tests.conftest import ROOT, CliResult, load_yaml

EXAMPLES = sorted((ROOT / "examples" / "1.1.0").glob("*.yaml")) + sorted((ROOT / "examples" / "1.2.0").glob("*.yaml"))


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch over the 1.1.0 and 1.2.0 examples: three organisations, each assessed twice."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in EXAMPLES:
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    out = tmp_path_factory.mktemp("batch")
    assert assessor.batch(folder, out, jobs=1).counts["assessed"] == len(EXAMPLES) == 6
    return out


@pytest.fixture(scope="module")
def portfolio(batch_out: Path) -> assessor.Portfolio:
    """The portfolio of the batch."""
    return assessor.portfolio(batch_out)


@pytest.mark.slow
def test_the_matrix_is_the_individual_results(portfolio: assessor.Portfolio) -> None:
    """Each organisation's row is its latest assessment exactly: level, score, domains and models."""
    latest = {}
    for path in EXAMPLES:
        result = assessor.assess(path)
        org = result.assessment.subject.organisation
        if org not in latest or result.assessment.subject.assessment_date > latest[org].subject.assessment_date:
            latest[org] = result.assessment
    assert [r.organisation for r in portfolio.organisations] == sorted(latest)
    for row in portfolio.organisations:
        a = latest[row.organisation]
        assert (row.level, row.score, row.critical_gaps) == (
            a.overall.level,
            a.overall.score,
            len(a.overall.critical_gaps),
        )
        assert [(c.domain, c.level, c.score) for c in row.domains] == [(d.id, d.level, d.score) for d in a.domains]
        models = {m.name: m for m in a.models or []}
        assert {m.model for m in row.models} == set(models) and models
        for m in row.models:
            assert (m.level, m.score) == (models[m.model].level, models[m.model].score)
            assert [(c.domain, c.level) for c in m.domains] == [(d.id, d.level) for d in models[m.model].domains]


@pytest.mark.slow
def test_the_order_of_inputs_changes_nothing(batch_out: Path, portfolio: assessor.Portfolio) -> None:
    """Every order of the results gives byte-identical portfolio JSON."""
    found: list[PortfolioEntry] = list(entries(batch_out))
    assert len(found) == 6
    texts = {pretty_json(assessor.portfolio_of(order)) for order in itertools.permutations(found)}
    assert texts == {pretty_json(portfolio)}


def test_trends_hold_every_dated_assessment(portfolio: assessor.Portfolio) -> None:
    """Each organisation's trend lists both its assessments in date order, across standard versions."""
    assert portfolio.assessments == 6 and portfolio.standard_versions == ["1.1.0", "1.2.0"]
    for trend in portfolio.trends:
        assert [(p.assessment_date, p.standard_version) for p in trend.points] == [
            ("2026-10-15", "1.1.0"), ("2026-12-04", "1.2.0"),
        ]  # fmt: skip


def test_distribution_and_most_failed_count_the_latest_rows(portfolio: assessor.Portfolio) -> None:
    """Each domain's level counts add up to the organisations; failures are counted from the latest results."""
    for spread in portfolio.distribution:
        assert sum(c.organisations for c in spread.levels) == len(portfolio.organisations)
    latest = [assessor.assess(p).assessment for p in EXAMPLES if p.parent.name == "1.2.0"]
    for failed in portfolio.most_failed:
        below = sum(
            r.applicable and r.supported in ("partially", "not_implemented")
            for a in latest for r in a.requirements if r.id == failed.requirement
        )  # fmt: skip
        assert failed.failed == below > 0
    counts = [f.failed for f in portfolio.most_failed]
    assert counts == sorted(counts, reverse=True) and counts


def test_best_practice_names_evidence_types_and_no_organisation(portfolio: assessor.Portfolio) -> None:
    """Best observed practice gives a status, a basis and evidence types; no organisation is named in it."""
    assert portfolio.best_practice
    types = {t.id for t in assessor.load_standard(version="1.2.0").manifest.evidence_types}
    text = "".join(pretty_json(b) for b in portfolio.best_practice)
    for row in portfolio.organisations:
        assert row.organisation not in text
    assert all(set(b.evidence_types) <= types and b.status in ("fully", "largely") for b in portfolio.best_practice)
    assert any(b.evidence_types for b in portfolio.best_practice)


def confidential() -> Iterator[str]:
    """Every evidence title, description and location, and every narrative and justification, in the corpus."""
    for path in EXAMPLES:
        data = load_yaml(path.read_text(encoding="utf-8"))
        for item in data["evidence"]:
            yield from (item.get(k) or "" for k in ("title", "description", "location"))
        for response in data["responses"]:
            yield from (response.get(k) or "" for k in ("narrative", "justification"))


@pytest.mark.pdf
@pytest.mark.parametrize("redaction", ["aggregate", "named"])
def test_public_summary_leaks_nothing_confidential(
    portfolio: assessor.Portfolio, tmp_path: Path, redaction: str
) -> None:
    """Neither the JSON nor the PDF of a public summary holds any evidence title, location or narrative; the
    aggregate level names no organisation."""
    secrets = {s.strip() for s in confidential() if len(s.strip()) >= 12}
    assert len(secrets) > 100
    summary = assessor.public_summary(portfolio, redaction=redaction)
    assessor.write_portfolio(summary, tmp_path / "s.pdf", kind="pdf")
    pdf_text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    json_text = pretty_json(summary)
    for text in (json_text, " ".join(pdf_text.split())):
        assert [s for s in secrets if s in text] == []
    names = [r.organisation for r in portfolio.organisations]
    assert all((name in json_text) == (redaction == "named") for name in names)
    assert redaction in pdf_text and "Best observed practice" in pdf_text


def test_a_small_aggregate_summary_withholds_extremes_and_counts_assurance(portfolio: assessor.Portfolio) -> None:
    """Below EXTREMES_FROM organisations the aggregate summary shows no domain's lowest or highest score (the named
    one does); both count the organisations by assurance level."""
    assert len(portfolio.organisations) < EXTREMES_FROM
    aggregate = assessor.public_summary(portfolio, redaction="aggregate")
    named = assessor.public_summary(portfolio, redaction="named")
    assert all(d.score_min is None and d.score_max is None for d in aggregate.distribution)
    assert all(d.score_median is not None for d in aggregate.distribution)
    assert any(d.score_min is not None for d in named.distribution)
    for summary in (aggregate, named):
        assert sum(a.organisations for a in summary.assurance) == len(portfolio.organisations)
        assert {a.assurance for a in summary.assurance} == {r.assurance for r in portfolio.organisations}


def test_the_portfolio_itself_holds_nothing_confidential(portfolio: assessor.Portfolio) -> None:
    """The portfolio keeps only levels, scores, counts and evidence types: no title, location or narrative."""
    text = pretty_json(portfolio)
    assert [s for s in {s.strip() for s in confidential() if len(s.strip()) >= 12} if s in text] == []


def test_the_workbook_holds_the_matrix(portfolio: assessor.Portfolio, tmp_path: Path) -> None:
    """The Matrix sheet's rows are the portfolio's rows, with every domain's level."""
    assessor.write_portfolio(portfolio, tmp_path / "p.xlsx", kind="xlsx")
    wb = load_workbook(io.BytesIO((tmp_path / "p.xlsx").read_bytes()))
    assert wb.sheetnames == ["Matrix", "Models", "Distribution", "Most failed", "Best practice", "Trends"]
    rows = list(wb["Matrix"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == [r.organisation for r in portfolio.organisations]
    for values, row in zip(body, portfolio.organisations, strict=True):
        for cell in row.domains:
            assert values[header.index(f"{cell.domain} level")] == cell.level


@pytest.mark.pdf
def test_the_pdf_shows_the_matrix_and_charts_with_a_zero(portfolio: assessor.Portfolio, tmp_path: Path) -> None:
    """The PDF names every organisation and draws its charts from a visible zero with a text alternative; WeasyPrint
    logs no warning."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        assessor.write_portfolio(portfolio, tmp_path / "p.pdf", kind="pdf")
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    assert [r.getMessage() for r in records if r.levelno >= logging.WARNING] == []
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert all(r.organisation in text for r in portfolio.organisations)
    assert "Chart: overall score per organisation, from 0 to 100" in text
    from assessor.reports.bars import bar_chart

    svg = str(bar_chart("Scores", [("A", 0.0), ("B", 40.0)], 100))
    assert "<title>Scores</title>" in svg and ">0</text>" in svg and "A: 0; B: 40" in svg


def test_cli_portfolio_and_public_summary(batch_out: Path, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`dcr portfolio` prints the matrix and writes JSON; `dcr public-summary` needs an output and a level."""
    result = dcr("portfolio", batch_out, "--json", tmp_path / "p.json")
    assert result.code == 0 and "Meridian AI\t2026-12-04" in result.out
    assert (tmp_path / "p.json").read_text(encoding="utf-8") == pretty_json(assessor.portfolio(batch_out))
    assert dcr("public-summary", batch_out, "--redaction", "aggregate").code == 2
    done = dcr("public-summary", batch_out, "--redaction", "aggregate", "--json", tmp_path / "s.json")
    assert done.code == 0 and '"redaction": "aggregate"' in (tmp_path / "s.json").read_text(encoding="utf-8")


def test_a_folder_of_result_files_is_a_source(tmp_path: Path) -> None:
    """Result JSON files written by `dcr assess --json` make a portfolio too; a file that is no result is named."""
    for path in EXAMPLES[3:]:
        assessor.write_json(assessor.assess(path), tmp_path / f"{path.stem}.json")
    assert len(assessor.portfolio(tmp_path).organisations) == 3
    (tmp_path / "other.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(assessor.InvalidSubmission) as caught:
        assessor.portfolio(tmp_path)
    assert caught.value.problems[0].location.file == str(tmp_path / "other.json")


@pytest.mark.pdf
def test_the_portfolio_pdf_names_evidence_types(portfolio: assessor.Portfolio, tmp_path: Path) -> None:
    """The best-practice table names evidence types in words, as the standard does, never by their ids."""
    assessor.write_portfolio(portfolio, tmp_path / "p.pdf", kind="pdf")
    text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    practice = text[text.index("Best observed practice") :]
    assert "Operational record" in practice and "Policy, plan or procedure" in practice
    assert not re.search(r"\b(REC|DOC|TEST|DRILL|ATTEST|METRIC|CONTRACT)\b", practice), practice[:400]

"""The public API for a regulator's view of many results: the portfolio and its public summary."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from assessor.core.atomic import write_atomic
from assessor.core.canonical import pretty_json
from assessor.core.problems import UsageError
from assessor.portfolio.build import Entry, PortfolioBuilder
from assessor.portfolio.models import Portfolio
from assessor.portfolio.public import REDACTIONS, PublicSummary, Redaction
from assessor.portfolio.public import public_summary as _public_summary
from assessor.portfolio.source import entries, uploaded

__all__ = [
    "Portfolio",
    "PortfolioEntry",
    "PublicSummary",
    "portfolio",
    "portfolio_bytes",
    "portfolio_of",
    "portfolio_of_files",
    "public_summary",
    "write_portfolio",
]

Kind = Literal["json", "xlsx", "pdf"]
PortfolioEntry = Entry


def portfolio(source: Path | str) -> Portfolio:
    """The portfolio of every result under `source`: a `dcr batch` output folder (which also gives the evidence
    types behind best observed practice) or a folder of result JSON files. Each organisation's row is its latest
    assessment; the order results are read in changes nothing."""
    folder = Path(source)
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    return portfolio_of(entries(folder))


def portfolio_of(results: Iterable[PortfolioEntry]) -> Portfolio:
    """The portfolio of results already in memory: each an assessment and the evidence types each response
    cited."""
    builder = PortfolioBuilder()
    for entry in results:
        builder.add(entry)
    return builder.portfolio()


def portfolio_of_files(files: Iterable[tuple[str, bytes]]) -> Portfolio:
    """The portfolio of result JSON files given as (name, bytes), e.g. uploads; InvalidSubmission names every
    file that is no DCRS result."""
    return portfolio_of(uploaded(files))


def public_summary(of: Portfolio, *, redaction: str = "aggregate") -> PublicSummary:
    """What may be published of a portfolio at a declared redaction level: "aggregate" (no organisation named)
    or "named" (each organisation's headline level and score). Neither holds any evidence title, location or
    narrative."""
    if redaction not in REDACTIONS:
        raise UsageError(f"redaction must be one of {', '.join(REDACTIONS)}, not {redaction!r}")
    level: Redaction = "named" if redaction == "named" else "aggregate"
    return _public_summary(of, level)


def write_portfolio(data: Portfolio | PublicSummary, out: Path | str, *, kind: Kind, replace: bool = True) -> None:
    """Write a portfolio (JSON, XLSX or PDF) or a public summary (JSON or PDF) atomically."""
    write_atomic(Path(out), portfolio_bytes(data, kind=kind), replace=replace)


def portfolio_bytes(data: Portfolio | PublicSummary, *, kind: Kind) -> bytes:
    """A portfolio as JSON, XLSX or PDF bytes, or a public summary as JSON or PDF bytes."""
    if kind == "json":
        return pretty_json(data).encode("utf-8")
    if kind == "xlsx":
        if not isinstance(data, Portfolio):
            raise UsageError("a public summary is written as JSON or PDF")
        from assessor.portfolio.xlsx import portfolio_workbook

        return portfolio_workbook(data)
    from assessor.portfolio.pdf import portfolio_pdf, public_pdf

    if isinstance(data, Portfolio):
        return portfolio_pdf(data)
    return public_pdf(data)

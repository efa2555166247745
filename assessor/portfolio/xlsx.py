"""The portfolio as a workbook: the matrix, per model, distribution, weak spots, best practice and trends."""

from __future__ import annotations

from datetime import date
from typing import Any

from openpyxl import Workbook

from assessor.core.xlsx_cells import workbook_data, write_table
from assessor.portfolio.models import Portfolio
from assessor.reports.labels import label
from assessor.reports.names import bundled_names
from assessor.reports.xlsx_layout import kinds_by_header, style_table


def portfolio_workbook(portfolio: Portfolio) -> bytes:
    """The portfolio's workbook as .xlsx bytes."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for title, headers, rows, widths in _sheets(portfolio):
        ws = wb.create_sheet(title)
        write_table(ws, headers, rows, widths)
        style_table(ws, kinds_by_header(headers), len(rows))
    return workbook_data(wb)


def _sheets(p: Portfolio) -> list[tuple[str, list[str], list[list[Any]], list[int]]]:
    ids, names = [d.id for d in p.domains], bundled_names(set(p.standard_versions))
    matrix = [[r.organisation, _day(r.assessment_date), r.standard_version, r.level, r.score, label(r.assurance),
               *(_basis(r.basis)), r.critical_gaps, *_cells(r.domains, ids)] for r in p.organisations]  # fmt: skip
    models = [[r.organisation, m.model, m.level, m.score, *_cells(m.domains, ids)]
              for r in p.organisations for m in r.models]  # fmt: skip
    levels = sorted({c.level for d in p.distribution for c in d.levels})
    spread = [[d.domain, d.title, *_level_counts(d.levels, levels), d.score_min, d.score_median, d.score_max]
              for d in p.distribution]  # fmt: skip
    failed = [[f.requirement, f.title, f.domain, "yes" if f.critical else "no", f.failed, f.applicable]
              for f in p.most_failed]  # fmt: skip
    practice = [[b.requirement, b.title, label(b.status), label(b.basis, ""),
                 ", ".join(names.get(t, t) for t in b.evidence_types), b.organisations]
                for b in p.best_practice]  # fmt: skip
    trends = [[t.organisation, _day(pt.assessment_date), pt.standard_version, pt.level, pt.score]
              for t in p.trends for pt in t.points]  # fmt: skip
    cells = [f"{i} level" for i in ids] + [f"{i} score" for i in ids]
    return [
        ("Matrix", ["Organisation", "Date", "Version", "Level", "Score", "Assurance", "Operational %",
                    "Documents only %", "No evidence %", "Critical gaps", *cells],
         matrix, [28, 12, 9, 7, 8, 11, 12, 12, 12, 10, *[9] * len(cells)]),
        ("Models", ["Organisation", "Model", "Level", "Score", *cells], models, [28, 22, 7, 8, *[9] * len(cells)]),
        ("Distribution", ["Domain", "Title", *(f"Level {n}" for n in levels), "Lowest score", "Median score",
                          "Highest score"], spread, [8, 36, *[9] * len(levels), 10, 10, 10]),
        ("Most failed", ["Requirement", "Title", "Domain", "Critical", "Below largely", "Applicable"], failed,
         [14, 48, 8, 8, 12, 11]),
        ("Best practice", ["Requirement", "Title", "Best status", "Basis", "Evidence types", "Organisations"],
         practice, [14, 48, 11, 14, 30, 13]),
        ("Trends", ["Organisation", "Date", "Version", "Level", "Score"], trends, [28, 12, 9, 7, 8]),
    ]  # fmt: skip


def _day(iso: str) -> date | str:
    """An assessment date as a date cell (text it cannot be read as stays text)."""
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return iso


def _basis(basis: Any) -> list[float | None]:
    return [basis.operational, basis.documents_only, basis.no_evidence] if basis is not None else [None] * 3


def _cells(domains: Any, ids: list[str]) -> list[Any]:
    by_id = {c.domain: c for c in domains}
    return [by_id[i].level if i in by_id else None for i in ids] + [by_id[i].score if i in by_id else None for i in ids]


def _level_counts(counts: Any, levels: list[int]) -> list[int]:
    by_level = {c.level: c.organisations for c in counts}
    return [by_level.get(n, 0) for n in levels]

"""A comparison as a workbook: each step's headline, its domains, and every requirement that moved with why."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from assessor.compare.models import Comparison
from assessor.core.xlsx_cells import workbook_data, write_table
from assessor.reports.xlsx_layout import kinds_by_header, style_table


def comparison_workbook(comparison: Comparison) -> bytes:
    """The comparison's workbook as .xlsx bytes."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    steps: list[list[Any]] = []
    domains: list[list[Any]] = []
    requirements: list[list[Any]] = []
    for n, s in enumerate(comparison.steps, 1):
        b, a = s.before, s.after
        steps.append([n, b.label, b.organisation, b.assessment_date, b.standard_version, b.level, b.score, a.label,
                      a.organisation, a.assessment_date, a.standard_version, a.level, a.score, s.through or "",
                      "; ".join(s.rules)])  # fmt: skip
        domains += [[n, d.domain, d.title, d.level_before, d.level_after, d.score_before, d.score_after,
                     d.direction or "unchanged"] for d in s.domains]  # fmt: skip
        requirements += [[n, r.requirement, r.title, r.direction, r.before or "", r.after or "", r.credit_before,
                          r.credit_after, "; ".join(r.why)] for r in s.requirements]  # fmt: skip
    write_table(wb.create_sheet("Steps"), ["Step", "Before", "Organisation", "Date", "Version", "Level", "Score",
                "After", "Organisation", "Date", "Version", "Level", "Score", "Matched", "Scoring rules"], steps,
                [6, 22, 24, 12, 9, 7, 8, 22, 24, 12, 9, 7, 8, 40, 40])  # fmt: skip
    write_table(wb.create_sheet("Domains"), ["Step", "Domain", "Title", "Level before", "Level after",
                "Score before", "Score after", "Direction"], domains, [6, 8, 36, 12, 12, 12, 12, 12])  # fmt: skip
    write_table(wb.create_sheet("Requirements"), ["Step", "Requirement", "Title", "Direction", "Before", "After",
                "Credit before", "Credit after", "Why"], requirements, [6, 14, 40, 11, 14, 14, 12, 12, 80])  # fmt: skip
    for ws in wb.worksheets:  # one number format per kind of figure, read from each column's header
        headers = [str(c.value) for c in ws[1]]
        style_table(ws, kinds_by_header(headers), ws.max_row - 1)
    return workbook_data(wb)

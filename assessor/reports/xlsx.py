"""The assessment as a workbook: Summary (with a native chart), Requirements, Findings, Evidence, Crosswalk.

The bytes are reproducible: creator, title and dates come from the inputs (see reports.meta), and the zip
entries carry that date instead of the time of writing.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from assessor.core.atomic import write_atomic
from assessor.core.text import shown
from assessor.core.xlsx_cells import cells_of, fit_row_height, print_setup, put, workbook_data, write_table
from assessor.intake.models import EvidenceItem, MetricValue
from assessor.reports.chart import LEVEL_COLOURS
from assessor.reports.context import ReportContext
from assessor.reports.findings_view import recommendation
from assessor.reports.labels import label
from assessor.reports.xlsx_layout import Kind, content_widths, style_table

STATUS_FILLS = {  # keyed by the label the sheet shows
    label("fully"): "D8EFD9",
    label("largely"): "E6F2D3",
    label("partially"): "FFF0C2",
    label("not_implemented"): "F9D6D3",
    label("not_applicable"): "E8E8E8",
}
FACTS_ROW = 3
FACT_WIDTH = 60  # characters: the facts column, where a longer fact wraps
KEY_ROW, KEY_COLUMN = 22, 8  # the chart's colour key, under the chart (anchored at H3, 9 cm high)


def workbook_bytes(ctx: ReportContext) -> bytes:
    """The report workbook as .xlsx bytes."""
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Summary"
    _summary(summary, ctx)
    _requirements(wb.create_sheet("Requirements"), ctx)
    _findings(wb.create_sheet("Findings"), ctx)
    if ctx.assessment.models is not None:
        _models(wb.create_sheet("Models"), ctx)
    _evidence(wb.create_sheet("Evidence"), ctx)
    _crosswalk(wb.create_sheet("Crosswalk"), ctx)
    if ctx.assessment.verification is not None:
        _review(wb.create_sheet("Review", index=1), ctx)
    for ws in wb.worksheets:
        print_setup(ws, repeat_header=ws.title != "Summary")
    _properties(wb, ctx)
    _neutralise(wb)
    return workbook_data(wb, ctx.meta.modified)


def _neutralise(wb: Workbook) -> None:
    """Bidi and control characters in any text the report shows become visible escapes."""
    for ws in wb.worksheets:
        for cell in cells_of(ws):
            if isinstance(cell.value, str) and (visible := shown(cell.value)) != cell.value:
                cell.value = visible


def _properties(wb: Workbook, ctx: ReportContext) -> None:
    props = wb.properties
    props.creator = props.lastModifiedBy = ctx.meta.author
    props.title, props.subject = ctx.meta.title, ctx.meta.subject
    props.created = datetime.combine(ctx.meta.created, time())


def write_xlsx(ctx: ReportContext, out: Path) -> None:
    """Write the workbook atomically."""
    write_atomic(out, workbook_bytes(ctx))


def _summary(ws: Worksheet, ctx: ReportContext) -> None:
    a, o = ctx.assessment, ctx.assessment.overall
    put(ws, 1, 1, "Deployment correction readiness assessment").font = Font(bold=True, size=14, color="1F4E79")
    fig, review = ctx.figures, a.verification
    facts: list[tuple[str, object]] = [
        ("Organisation", a.subject.organisation),
        ("Standard", f"{ctx.standard_title} {a.provenance.standard_version}"),
        (
            "Assessment",
            f"{label(a.subject.assessment_type)}-assessment, {a.subject.assessment_date}, {a.subject.assessor}",
        ),
        ("Status", fig.statement),
    ]
    facts += [("Standard version", ctx.notice.replace("`", ""))] if ctx.notice else []
    att = ctx.submission.attestation
    facts += [("Developer's attestation", f"{att.name}, {att.role}, {att.date}: {att.statement}" if att else "none")]
    if fig.verified:  # approved: the verified result is the headline
        facts += [
            ("Verified level", f"{fig.overall.level} — {fig.overall.level_name}"),
            ("Verified score", fig.overall.score),
        ]
    if review is not None:
        facts += [
            ("Reviewed by", f"{review.reviewer}, {review.reviewer_role}, {review.reviewer_organisation}, "
                            f"{review.review_date}"),
            ("Review state", review.headline),
            ("Sign-off", f"{label(review.sign_off)} on {review.sign_off_date}" if review.sign_off
                         else "not signed off"),
        ]  # fmt: skip
        facts += [("Reviewer's reasons", fig.reasons)] if fig.reasons else []
        facts += [("Examined", review.examined)] if review.examined else []
    prefix = "Self-assessed by the developer (unverified)"
    facts += [
        (f"{prefix} level", f"{o.level} — {o.level_name}"),
        (f"{prefix} score", o.score),
        ("Critical gaps", ", ".join(fig.overall.critical_gaps) or "none"),
        ("Scope caveats", "; ".join(c.title for c in ctx.caveats) or "none"),
        ("Inputs fingerprint", ctx.fingerprint),
    ]
    if a.headline is not None:  # DCRS 1.1.0: assurance, evidence basis and what would move the level
        facts.insert(len(facts) - 1, ("Headline", ctx.headline_text))
    for number, (name, value) in enumerate(facts, start=FACTS_ROW):
        put(ws, number, 1, name).font = Font(bold=True)
        put(ws, number, 2, value)
    _domain_table(ws, ctx, [name for name, _ in facts])


def _domain_table(ws: Worksheet, ctx: ReportContext, facts: list[str]) -> None:
    """The headline domains as an Excel table (its own filter buttons) under the facts, with the chart."""
    fig = ctx.figures
    table_row = FACTS_ROW + len(facts) + 1
    domains = fig.domains
    headers = ["Domain", "Title", "Verified score" if fig.verified else "Score", "Level", "Level name", "Applicable"]
    cells: list[list[object]] = [[d.id, d.title, d.score, d.level, d.level_name, d.applicable] for d in domains]
    for col, header in enumerate(headers, start=1):
        put(ws, table_row, col, header).font = Font(bold=True)
    for i, values in enumerate(cells, start=table_row + 1):
        for col, value in enumerate(values, start=1):
            put(ws, i, col, value)
    style_table(ws, {}, len(facts), first_row=FACTS_ROW)
    style_table(ws, {3: "score", 4: "integer", 6: "integer"}, len(cells), first_row=table_row + 1)
    for row in range(FACTS_ROW, FACTS_ROW + len(facts)):
        fact = ws.cell(row=row, column=2)
        if isinstance(fact.value, float):
            fact.style = "dcr-score"
        elif isinstance(fact.value, str) and len(fact.value) > FACT_WIDTH:
            # A long fact (the headline, a notice) wraps inside its column instead of running under the chart.
            fact.alignment = Alignment(wrap_text=True, vertical="top")
            fit_row_height(ws, row, [ws.cell(row=row, column=1).value, fact.value], [FACT_WIDTH, FACT_WIDTH])
    widths = content_widths(headers, cells)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    ws.column_dimensions["A"].width = max(widths[0], *(len(f) + 2 for f in facts))
    ws.column_dimensions["B"].width = FACT_WIDTH
    last = ws.cell(row=table_row + len(cells), column=len(headers)).coordinate
    table = Table(displayName="Domains", ref=f"A{table_row}:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)  # a table carries its own filter buttons
    _score_chart(ws, table_row, [d.level for d in domains])
    _level_key(ws, ctx)


def _level_key(ws: Worksheet, ctx: ReportContext) -> None:
    """The chart's colours named, under it: one filled cell and the level's name per readiness level."""
    put(ws, KEY_ROW, KEY_COLUMN, "Bar colour: readiness level").font = Font(bold=True)
    for offset, level in enumerate(ctx.methodology.levels, start=1):
        swatch = ws.cell(row=KEY_ROW + offset, column=KEY_COLUMN)
        colour = LEVEL_COLOURS[min(level.level, len(LEVEL_COLOURS) - 1)].lstrip("#")
        swatch.fill = PatternFill("solid", fgColor=colour)
        put(ws, KEY_ROW + offset, KEY_COLUMN + 1, f"Level {level.level} — {level.name}")


def _score_chart(ws: Worksheet, table_row: int, levels: list[int]) -> None:
    """Bars in the table's order (top to bottom), each in its readiness level's colour, as the PDF draws them."""
    chart = BarChart()
    chart.type, chart.title, chart.legend = "bar", "Score per domain (colour: readiness level, key below)", None
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.x_axis.scaling.orientation = "maxMin"  # Excel draws a bar chart's first category at the bottom
    chart.x_axis.delete = chart.y_axis.delete = False
    first, last = table_row + 1, table_row + len(levels)
    chart.add_data(Reference(ws, min_col=3, min_row=table_row, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    series = chart.series[0]
    series.dLbls = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False)
    series.dLbls.numFmt = "0.0"
    for index, level in enumerate(levels):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = LEVEL_COLOURS[min(level, len(LEVEL_COLOURS) - 1)].lstrip("#")
        point.graphicalProperties.line.solidFill = point.graphicalProperties.solidFill
        series.dPt.append(point)
    chart.height, chart.width = 9, 16
    ws.add_chart(chart, "H3")


def _table(ws: Worksheet, headers: list[str], rows: list[list[object]], kinds: dict[int, Kind]) -> None:
    """A filtered table with columns sized to content, figures formatted by kind, every cell top-aligned."""
    write_table(ws, headers, rows, content_widths(headers, rows))
    style_table(ws, kinds, len(rows))


def _requirements(ws: Worksheet, ctx: ReportContext) -> None:
    headers = ["Domain", "Id", "Title", "Level", "Critical", "Weight", "Applicable", "Claimed", "Supported", "Verified",
               "Credit", "Reasons", "Evidence", "Narrative"]  # fmt: skip
    rows: list[list[object]] = [
        [r.result.domain, r.result.id, r.result.title, r.result.level, _yes(r.result.critical), r.result.weight,
         _yes(r.result.applicable), label(r.result.claimed, "No response"), label(r.result.supported),
         label(r.result.verified, "Not verified"), r.result.credit,
         "\n".join(ctx.reason_text(x.message, r.result.id) for x in r.result.reasons),
         ", ".join(r.result.evidence), r.narrative]
        for d in ctx.domains for r in d.every_row
    ]  # fmt: skip
    models = [m.name for m in ctx.assessment.models or []]
    if models:  # DCRS 1.1.0: what each result's credit rests on, and the supported status per model
        headers += ["Evidence basis", *models]
        results = [r.result for d in ctx.domains for r in d.every_row]
        for row, result in zip(rows, results, strict=True):
            row += [label(result.basis, ""), *(label((result.models or {}).get(m), "") for m in models)]
    _table(ws, headers, rows, {4: "integer", 6: "number", 11: "percent"})
    _status_colours(ws, "H", "J", len(rows) + 1)


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _review(ws: Worksheet, ctx: ReportContext) -> None:
    """Differences with the reviewer's rationale, then evidence decisions, then the reviewer's findings."""
    v = ctx.assessment.verification
    assert v is not None
    rows: list[list[object]] = [
        ["Difference", d.requirement, d.title, label(d.claimed, "No response"), label(d.supported), label(d.verified),
         d.rationale]
        for d in v.differences
    ]  # fmt: skip
    rows += [
        ["Evidence", e.id, label(e.decision), "", "", "", e.note] for e in v.evidence if e.decision != "not_examined"
    ]
    rows += [
        ["Reviewer finding", f.requirement or "", f.title, label(f.severity), "", "", f.detail]
        for f in v.reviewer_findings
    ]
    headers = [
        "Kind",
        "Requirement / evidence",
        "Title / decision",
        "Claimed / severity",
        "Supported",
        "Verified",
        "Rationale / note",
    ]
    _table(ws, headers, rows, {})


def _findings(ws: Worksheet, ctx: ReportContext) -> None:
    headers = ["Rank", "Kind", "Requirement", "Domain", "Critical", "Title", "Detail", "Recommendation", "Credit lost"]
    rows: list[list[object]] = [
        [f.rank, label(f.kind), f.requirement or "", f.domain or "", _yes(f.critical), f.title,
         ctx.reason_text(f.detail, f.requirement or ""),
         recommendation(f), f.credit_lost]
        for f in ctx.findings
    ]  # fmt: skip
    if ctx.assessment.headline is not None:  # DCRS 1.1.0 findings carry cause, severity, figure and models
        headers += ["Severity", "Cause", "Figure", "Models"]
        for row, f in zip(rows, ctx.findings, strict=True):
            row += [label(f.severity, ""), label(f.cause, ""), ctx.prose(f.figure or ""), ", ".join(f.models or [])]
    _table(ws, headers, rows, {1: "integer", 9: "number"})


def _models(ws: Worksheet, ctx: ReportContext) -> None:
    """Results per in-scope model: level, score, each domain's level, and what a scope caveat capped."""
    models = ctx.assessment.models or []
    domains = [d.id for d in ctx.assessment.domains]
    headers = ["Model", "Surfaces", "Level", "Level name", "Score", "Critical gaps", "Capped by a caveat", *domains]
    rows: list[list[object]] = [
        [m.name, ", ".join(label(x) for x in m.surfaces), m.level, m.level_name, m.score, ", ".join(m.critical_gaps),
         ", ".join(m.capped), *(d.level for d in m.domains)]
        for m in models
    ]  # fmt: skip
    kinds: dict[int, Kind] = {3: "integer", 5: "score"}
    kinds.update({8 + i: "integer" for i in range(len(domains))})
    _table(ws, headers, rows, kinds)


def _evidence(ws: Worksheet, ctx: ReportContext) -> None:
    headers = ["Id", "Type", "Title", "Description", "Location", "Date", "Age (days)", "Owner", "sha256", "Metrics",
               "Cited by"]  # fmt: skip
    rows: list[list[object]] = [
        [e.item.id, e.type_name, e.item.title, e.item.description, e.item.location, e.item.date, e.age_days,
         e.item.owner or "", e.item.sha256 or "", _metrics_text(e.item, ctx), ", ".join(e.cited_by)]
        for e in ctx.evidence
    ]  # fmt: skip
    _table(ws, headers, rows, {7: "integer"})


def _metrics_text(item: EvidenceItem, ctx: ReportContext) -> str:
    return "; ".join(f"{ctx.names.get(m.metric, m.metric)} = {_reading(m)}" for m in item.metrics)


def _reading(m: MetricValue) -> str:
    if m.value is None:
        return f"nothing to measure yet ({m.nothing_to_measure})"
    covered = f"{m.coverage_percent:g} % covered" if m.coverage_percent else ""
    scope = ", ".join(x for x in (label(m.setting, ""), covered) if x)
    unit = {"percent": " %", "count": "", "ratio": ""}.get(m.unit, f" {m.unit}")
    return f"{m.value:g}{unit}" + (f" ({scope})" if scope else "")


def _crosswalk(ws: Worksheet, ctx: ReportContext) -> None:
    rows: list[list[object]] = [
        [row.requirement.id, row.requirement.title, framework, ctx.frameworks.get(framework, ""), ref]
        for row in ctx.crosswalk
        for framework, ref in row.refs
    ]
    _table(ws, ["Requirement", "Title", "Framework", "Framework title", "Reference"], rows, {})


def _status_colours(ws: Worksheet, first: str, last: str, max_row: int) -> None:
    cells = f"{first}2:{last}{max_row}"
    for status, colour in STATUS_FILLS.items():
        fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        ws.conditional_formatting.add(cells, CellIsRule(operator="equal", formula=[f'"{status}"'], fill=fill))

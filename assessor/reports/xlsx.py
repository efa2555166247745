"""The assessment as a workbook: Summary (with a native chart), Requirements, Findings, Evidence, Crosswalk.

The bytes are reproducible: creator, title and dates come from the inputs (see reports.meta), and the zip
entries carry that date instead of the time of writing.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from assessor.core.atomic import write_atomic
from assessor.core.text import shown
from assessor.core.xlsx_cells import print_setup, put, workbook_data, write_table
from assessor.intake.models import EvidenceItem, MetricValue
from assessor.reports.context import ReportContext

STATUS_FILLS = {
    "fully": "D8EFD9",
    "largely": "E6F2D3",
    "partially": "FFF0C2",
    "not_implemented": "F9D6D3",
    "not_applicable": "E8E8E8",
}
FACTS_ROW = 3


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
    return _fixed_dates(workbook_data(wb), ctx.meta.modified)


def _neutralise(wb: Workbook) -> None:
    """Bidi and control characters in any text the report shows become visible escapes."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and shown(cell.value) != cell.value:
                    cell.value = shown(cell.value)


def _properties(wb: Workbook, ctx: ReportContext) -> None:
    props = wb.properties
    props.creator = props.lastModifiedBy = ctx.meta.author
    props.title, props.subject = ctx.meta.title, ctx.meta.subject
    props.created = datetime.combine(ctx.meta.created, time())


def _fixed_dates(data: bytes, day: date) -> bytes:
    """The workbook with openpyxl's save-time stamps replaced by `day`: the modified date in docProps/core.xml
    (openpyxl always sets it to now) and every zip entry's timestamp."""
    stamp = datetime.combine(day, time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp.encode() + rb"\2", content)
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            dst.writestr(entry, content)
    return out.getvalue()


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
        ("Assessment", f"{a.subject.assessment_type}-assessment, {a.subject.assessment_date}, {a.subject.assessor}"),
        ("Status", fig.statement),
    ]
    facts += [("Standard version", ctx.notice)] if ctx.notice else []
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
            ("Sign-off", f"{review.sign_off} on {review.sign_off_date}" if review.sign_off else "not signed off"),
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
        facts.insert(len(facts) - 1, ("Headline", a.headline.statement))
    for row, (label, value) in enumerate(facts, start=FACTS_ROW):
        put(ws, row, 1, label).font = Font(bold=True)
        put(ws, row, 2, value)
    table_row = FACTS_ROW + len(facts) + 1
    domains = fig.domains
    headers = ["Domain", "Title", "Verified score" if fig.verified else "Score", "Level", "Level name", "Applicable"]
    for col, header in enumerate(headers, start=1):
        put(ws, table_row, col, header).font = Font(bold=True)
    for i, d in enumerate(domains, start=table_row + 1):
        for col, value in enumerate([d.id, d.title, d.score, d.level, d.level_name, d.applicable], start=1):
            put(ws, i, col, value)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 20, 60
    _score_chart(ws, table_row, len(domains))


def _score_chart(ws: Worksheet, table_row: int, count: int) -> None:
    chart = BarChart()
    chart.type, chart.title, chart.legend = "bar", "Score per domain", None
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    first, last = table_row + 1, table_row + count
    chart.add_data(Reference(ws, min_col=3, min_row=table_row, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    chart.height, chart.width = 9, 16
    ws.add_chart(chart, "H3")


def _requirements(ws: Worksheet, ctx: ReportContext) -> None:
    headers = ["Domain", "Id", "Title", "Level", "Critical", "Weight", "Applicable", "Claimed", "Supported", "Verified",
               "Credit", "Reasons", "Evidence", "Narrative"]  # fmt: skip
    rows = [
        [r.result.domain, r.result.id, r.result.title, r.result.level, r.result.critical, r.result.weight,
         r.result.applicable, r.result.claimed or "no response", r.result.supported,
         r.result.verified or "not verified",
         r.result.credit, "\n".join(x.message for x in r.result.reasons), ", ".join(r.result.evidence), r.narrative]
        for d in ctx.domains for r in d.rows
    ]  # fmt: skip
    widths = [8, 14, 40, 7, 9, 8, 11, 16, 16, 16, 8, 50, 24, 60]
    models = [m.name for m in ctx.assessment.models or []]
    if models:  # DCRS 1.1.0: what each result's credit rests on, and the supported status per model
        headers += ["Evidence basis", *models]
        widths += [16, *([18] * len(models))]
        results = [r.result for d in ctx.domains for r in d.rows]
        for row, result in zip(rows, results, strict=True):
            row += [(result.basis or "").replace("_", " "), *((result.models or {}).get(m, "") for m in models)]
    write_table(ws, headers, rows, widths)
    _status_colours(ws, "H", "J", len(rows) + 1)


def _review(ws: Worksheet, ctx: ReportContext) -> None:
    """Differences with the reviewer's rationale, then evidence decisions, then the reviewer's findings."""
    v = ctx.assessment.verification
    assert v is not None
    rows: list[list[object]] = [
        ["difference", d.requirement, d.title, d.claimed or "no response", d.supported, d.verified, d.rationale]
        for d in v.differences
    ]
    rows += [["evidence", e.id, e.decision, "", "", "", e.note] for e in v.evidence if e.decision != "not_examined"]
    rows += [
        ["reviewer finding", f.requirement or "", f.title, f.severity, "", "", f.detail] for f in v.reviewer_findings
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
    write_table(ws, headers, rows, [16, 22, 40, 18, 16, 16, 80])


def _findings(ws: Worksheet, ctx: ReportContext) -> None:
    headers = ["Rank", "Kind", "Requirement", "Domain", "Critical", "Title", "Detail", "Recommendation", "Credit lost"]
    rows = [
        [f.rank, f.kind, f.requirement or "", f.domain or "", f.critical, f.title, f.detail, f.recommendation,
         f.credit_lost]
        for f in ctx.findings
    ]  # fmt: skip
    widths = [7, 12, 14, 8, 9, 40, 60, 70, 11]
    if ctx.assessment.headline is not None:  # DCRS 1.1.0 findings carry cause, severity, figure and models
        headers += ["Severity", "Cause", "Figure", "Models"]
        widths += [10, 18, 50, 24]
        for row, f in zip(rows, ctx.findings, strict=True):
            row += [f.severity or "", f.cause or "", f.figure or "", ", ".join(f.models or [])]
    write_table(ws, headers, rows, widths)


def _models(ws: Worksheet, ctx: ReportContext) -> None:
    """Results per in-scope model: level, score, each domain's level, and what a scope caveat capped."""
    models = ctx.assessment.models or []
    domains = [d.id for d in ctx.assessment.domains]
    headers = ["Model", "Surfaces", "Level", "Level name", "Score", "Critical gaps", "Capped by a caveat", *domains]
    rows = [
        [m.name, ", ".join(m.surfaces), m.level, m.level_name, m.score, ", ".join(m.critical_gaps),
         ", ".join(m.capped), *(d.level for d in m.domains)]
        for m in models
    ]  # fmt: skip
    write_table(ws, headers, rows, [24, 30, 7, 14, 9, 30, 40, *([6] * len(domains))])


def _evidence(ws: Worksheet, ctx: ReportContext) -> None:
    headers = ["Id", "Type", "Title", "Description", "Location", "Date", "Age (days)", "Owner", "sha256", "Metrics",
               "Cited by"]  # fmt: skip
    rows = [
        [e.item.id, e.item.type, e.item.title, e.item.description, e.item.location, e.item.date, e.age_days,
         e.item.owner or "", e.item.sha256 or "", _metrics_text(e.item), ", ".join(e.cited_by)]
        for e in ctx.evidence
    ]  # fmt: skip
    write_table(ws, headers, rows, [10, 9, 40, 50, 40, 12, 10, 20, 20, 40, 30])


def _metrics_text(item: EvidenceItem) -> str:
    return "; ".join(f"{m.metric} = {_reading(m)}" for m in item.metrics)


def _reading(m: MetricValue) -> str:
    if m.value is None:
        return f"nothing to measure yet ({m.nothing_to_measure})"
    scope = ", ".join(x for x in (m.setting, f"{m.coverage_percent:g}% covered" if m.coverage_percent else "") if x)
    return f"{m.value:g} {m.unit}" + (f" ({scope})" if scope else "")


def _crosswalk(ws: Worksheet, ctx: ReportContext) -> None:
    rows = [
        [row.requirement.id, row.requirement.title, framework, ctx.frameworks.get(framework, ""), ref]
        for row in ctx.crosswalk
        for framework, ref in row.refs
    ]
    write_table(ws, ["Requirement", "Title", "Framework", "Framework title", "Reference"], rows, [14, 40, 18, 50, 60])


def _status_colours(ws: Worksheet, first: str, last: str, max_row: int) -> None:
    cells = f"{first}2:{last}{max_row}"
    for status, colour in STATUS_FILLS.items():
        fill = PatternFill("solid", fgColor=colour, bgColor=colour)
        ws.conditional_formatting.add(cells, CellIsRule(operator="equal", formula=[f'"{status}"'], fill=fill))

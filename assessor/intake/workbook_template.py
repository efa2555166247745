"""Generate the fillable evidence workbook from the standard, optionally prefilled from a submission."""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assessor.core.semver import core
from assessor.core.xlsx_cells import HEADER_FILL, HEADER_FONT, WRAP, fit_row_height, print_setup, put, workbook_data
from assessor.dcrs.base import SURFACES
from assessor.dcrs.models import Requirement, Standard
from assessor.intake.models import EvidenceItem, MetricValue, Submission
from assessor.intake.workbook_layout import (
    COLUMNS_BEFORE_1_2,
    EVIDENCE,
    EVIDENCE_COLUMNS,
    INSTRUCTIONS,
    LISTS,
    METRIC_COLUMNS,
    METRICS,
    MODEL_COLUMNS,
    MODELS_HEADER_ROW,
    ORGANISATION_WIDE,
    PROFILE,
    PROFILE_FIELDS,
    PROFILE_FIRST_ROW,
    RESPONSE_COLUMNS,
    RESPONSES,
    SPARE_MODEL_ROWS,
    SPARE_TABLE_ROWS,
    Column,
)

UNLOCKED = Protection(locked=False)
INPUT_FILL = PatternFill("solid", fgColor="FFFBE6")
READ_ONLY_FILL = PatternFill("solid", fgColor="F2F2F2")
INSTRUCTIONS_WIDTH = 120
STATUSES = ["fully", "largely", "partially", "not_implemented", "not_applicable"]


def workbook_template(standard: Standard, submission: Submission | None = None, today: date | None = None) -> bytes:
    """The workbook as .xlsx bytes: instructions, profile, responses, evidence and metrics sheets."""
    wb = Workbook()
    instructions = wb.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS
    lists = _lists(wb.create_sheet(LISTS), standard)
    tables = _tables(standard)
    _instructions(instructions, standard)
    _profile(wb.create_sheet(PROFILE), standard, submission, today or date.today(), lists, tables["models"])
    _responses(wb.create_sheet(RESPONSES), standard, submission, lists)
    _evidence(wb.create_sheet(EVIDENCE), submission, lists, tables["evidence"])
    _metrics(wb.create_sheet(METRICS), submission, lists, tables["metrics"])
    for ws in wb.worksheets:
        print_setup(ws, repeat_header=ws.title in (RESPONSES, EVIDENCE, METRICS))
    wb.move_sheet(LISTS, offset=len(wb.sheetnames))
    wb[LISTS].sheet_state = "hidden"
    return workbook_data(wb)


def _tables(standard: Standard) -> dict[str, tuple[Column, ...]]:
    """Each table's columns for this version: before DCRS 1.2.0 without the fields 1.2.0 added."""
    tables = {"models": MODEL_COLUMNS, "evidence": EVIDENCE_COLUMNS, "metrics": METRIC_COLUMNS}
    if core(standard.manifest.version) >= (1, 2, 0):
        return tables
    return {name: columns[: COLUMNS_BEFORE_1_2[name]] for name, columns in tables.items()}


def _lists(ws: Worksheet, standard: Standard) -> dict[str, str]:
    """Write each dropdown's values in a column of the hidden sheet, each a workbook-level named range
    (`list_statuses`, ...); return list -> the range's name, which the dropdowns refer to."""
    m = standard.manifest
    values: dict[str, list[str]] = {
        "statuses": STATUSES,
        "assessment_types": ["self", "independent"],
        "evidence_types": [t.id for t in m.evidence_types],
        "metrics": [x.id for x in m.metrics],
        "units": sorted({x.unit for x in m.metrics}),
        "yes_no": ["yes", "no"],
        "settings": ["live", "exercise"],
    }
    ranges: dict[str, str] = {}
    for col, (name, items) in enumerate(values.items(), start=1):
        letter = ws.cell(row=1, column=col).column_letter
        for row, item in enumerate(items, start=1):
            put(ws, row, col, item)
        ranges[name] = f"list_{name}"
        ws.parent.defined_names[ranges[name]] = DefinedName(
            ranges[name], attr_text=f"{LISTS}!${letter}$1:${letter}${len(items)}"
        )
    ws.protection.sheet = True
    return ranges


def _instructions(ws: Worksheet, standard: Standard) -> None:
    m = standard.manifest
    lines = [
        (f"{m.title} ({m.id} {m.version}) — evidence workbook", Font(bold=True, size=14, color="1F4E79")),
        ("", None),
        ("How to fill it in", Font(bold=True)),
        (f"1. '{PROFILE}': your organisation, the assessment, and every model in scope with the surfaces it is"
         " served on (yes/no).", None),
        (f"2. '{EVIDENCE}': one row per evidence item. Ids are yours (e.g. EV-001); dates are when the document took"
         " effect or the test or drill ran.", None),
        (f"3. '{METRICS}': measured values reported by evidence items (evidence id, metric, value, unit).", None),
        *_instructions_1_2(standard),
        (f"4. '{RESPONSES}': for each requirement choose a status, write a narrative, list the evidence ids that"
         " support it (comma-separated) and justify any 'not_applicable'.", None),
        ("Grey cells are the standard's text and are locked; yellow cells are yours. Type values, not formulas.", None),
        ("Check the workbook with `dcr validate FILE.xlsx`; score it with `dcr assess FILE.xlsx`.", None),
        ("", None),
        ("Statuses", Font(bold=True)),
        ("fully · largely · partially · not_implemented · not_applicable (only where a requirement does not apply"
         " to your deployment profile, with a justification).", None),
        (f"A 'fully' or 'largely' claim needs fresh evidence of each expected type and metrics within their"
         f" thresholds; otherwise it is capped at {m.scoring.caps['missing_evidence']}.", None),
        ("", None),
        ("Evidence types", Font(bold=True)),
        *((f"{t.id} — {t.name}: {t.description}", None) for t in m.evidence_types),
        ("", None),
        ("Surfaces", Font(bold=True)),
        (", ".join(SURFACES), None),
    ]  # fmt: skip
    for row, (text, font) in enumerate(lines, start=1):
        cell = put(ws, row, 1, text)
        cell.alignment = WRAP
        fit_row_height(ws, row, [text], [INSTRUCTIONS_WIDTH])
        if font:
            cell.font = font
    ws.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    ws.protection.sheet = True


def _instructions_1_2(standard: Standard) -> list[tuple[str, Font | None]]:
    """What the columns DCRS 1.2.0 added are for (none before 1.2.0)."""
    if core(standard.manifest.version) < (1, 2, 0):
        return []
    return [
        (f"   Since DCRS 1.2.0 each item also says when the activity happened (Performed), which models it exercised"
         f" (names, or '{ORGANISATION_WIDE}' for the organisation as a whole), who issued it (empty: your own"
         " organisation), whether it is a standing control in force (since, until), and whether it is a secondary"
         " source; a reading may be a bound (at most, at least) and name its models; each model has a version and"
         " a release date.", None),
    ]  # fmt: skip


def _profile(
    ws: Worksheet,
    standard: Standard,
    sub: Submission | None,
    today: date,
    lists: dict[str, str],
    columns: tuple[Column, ...],
) -> None:
    data = sub.model_dump(mode="python") if sub else _blank_profile(standard, today)
    for row, field in enumerate(PROFILE_FIELDS, start=PROFILE_FIRST_ROW):
        put(ws, row, 1, field.label).font = Font(bold=True)
        value = _dig(data, field.path)
        cell = put(ws, row, 2, value) if value is not None else ws.cell(row=row, column=2)
        _style_input(cell, locked=field.locked)
        if field.choices:
            _dropdown(ws, lists[field.choices], f"B{row}")
        if field.kind == "date":
            _date_rule(ws, f"B{row}")
    put(ws, 1, 1, "Organisation, assessment and deployment profile").font = Font(bold=True, size=13)
    models = data["profile"]["models"]
    rows = [
        [
            m["name"],
            m.get("description") or None,
            *("yes" if s in m["surfaces"] else None for s in SURFACES),
            m.get("version"),
            m.get("release_date"),
        ][: len(columns)]
        for m in models
    ]
    _table(ws, columns, rows, lists, header_row=MODELS_HEADER_ROW, spare=SPARE_MODEL_ROWS)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 40
    _protect(ws)


def _responses(ws: Worksheet, standard: Standard, sub: Submission | None, lists: dict[str, str]) -> None:
    answers = {r.requirement: r for r in sub.responses} if sub else {}
    rows = []
    for domain in standard.domains:
        for req in domain.active():
            answer = answers.get(req.id)
            context = [
                req.id,
                domain.id,
                req.level,
                "yes" if req.critical else "no",
                req.title,
                req.statement,
                _expected(req),
            ]
            if answer is None:
                rows.append([*context, None, None, None, None])
            else:
                rows.append(
                    [
                        *context,
                        answer.status,
                        answer.narrative or None,
                        ", ".join(answer.evidence) or None,
                        answer.justification,
                    ]
                )
    _table(ws, RESPONSE_COLUMNS, rows, lists, spare=0)
    _protect(ws)


def _evidence(ws: Worksheet, sub: Submission | None, lists: dict[str, str], columns: tuple[Column, ...]) -> None:
    rows = [_evidence_row(e)[: len(columns)] for e in (sub.evidence if sub else [])]
    _table(ws, columns, rows, lists, spare=SPARE_TABLE_ROWS)
    _protect(ws)


def _evidence_row(e: EvidenceItem) -> list[Any]:
    surfaces = ", ".join(e.surfaces) if e.surfaces else None
    issuer, held = e.issuer, e.in_force
    return [e.id, e.type, e.title, e.description or None, e.location, e.sha256, e.date, e.owner, surfaces,
            e.performed, _models(e.models), issuer.organisation if issuer else None, issuer.role if issuer else None,
            held.since if held else None, held.until if held else None, _yes_no(e.secondary)]  # fmt: skip


def _models(models: list[str] | None) -> str | None:
    """An item's model scope as its cell shows it: names, the organisation (`[]`), or empty (undeclared)."""
    if models is None:
        return None
    return ", ".join(models) if models else ORGANISATION_WIDE


def _yes_no(flag: bool | None) -> str | None:
    return None if flag is None else ("yes" if flag else "no")


def _metric_row(evidence_id: str, m: MetricValue) -> list[Any]:
    surfaces = ", ".join(m.surfaces) if m.surfaces else None
    models = _models(m.models)
    return [evidence_id, m.metric, m.value, m.unit, m.setting, m.coverage_percent, surfaces, m.sample_size,
            m.nothing_to_measure, m.at_most, m.at_least, models]  # fmt: skip


def _metrics(ws: Worksheet, sub: Submission | None, lists: dict[str, str], columns: tuple[Column, ...]) -> None:
    rows = [_metric_row(e.id, m)[: len(columns)] for e in (sub.evidence if sub else []) for m in e.metrics]
    _table(ws, columns, rows, lists, spare=SPARE_TABLE_ROWS)
    _protect(ws)


def _table(
    ws: Worksheet,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    lists: dict[str, str],
    *,
    spare: int,
    header_row: int = 1,
) -> None:
    """Header, rows, and `spare` empty input rows; context columns locked, input columns open with dropdowns."""
    last = header_row + len(rows) + spare
    for col, column in enumerate(columns, start=1):
        cell = put(ws, header_row, col, column.title)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP
        ws.column_dimensions[cell.column_letter].width = column.width
        span = f"{cell.column_letter}{header_row + 1}:{cell.column_letter}{max(last, header_row + 1)}"
        if column.choices:
            _dropdown(ws, lists[column.choices], span)
        if column.kind == "date":
            _date_rule(ws, span)
    # Each style assignment hashes the style to find it in the workbook's list, which took most of the template's
    # time; a column's cells share one style, so the first cell is styled and the rest take its style ids. The
    # value comes after: text that starts like a formula adds its quote prefix to the cell's own style.
    styled: dict[int, StyleArray] = {}
    for r in range(header_row + 1, last + 1):
        values = rows[r - header_row - 1] if r - header_row - 1 < len(rows) else [None] * len(columns)
        fit_row_height(ws, r, values, [c.width for c in columns])
        for col, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = ws.cell(row=r, column=col)
            if col in styled:
                cell._style = copy(styled[col])
            else:
                _style_table_cell(cell, column)
                styled[col] = copy(cell._style)
            if value is not None:
                put(ws, r, col, value)
    if header_row == 1:
        ws.freeze_panes = "B2"  # header row and the id column stay in view


def _style_input(cell: Any, *, locked: bool) -> None:
    cell.fill = READ_ONLY_FILL if locked else INPUT_FILL
    if not locked:
        cell.protection = UNLOCKED


def _style_table_cell(cell: Any, column: Column) -> None:
    cell.alignment = WRAP
    _style_input(cell, locked=column.read_only)
    if column.kind == "date":
        cell.number_format = "yyyy-mm-dd"


def _dropdown(ws: Worksheet, source: str, cells: str) -> None:
    rule = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=True)
    rule.error, rule.errorTitle = "Choose a value from the list.", "Not in the list"
    ws.add_data_validation(rule)
    rule.add(cells)


def _date_rule(ws: Worksheet, cells: str) -> None:
    rule = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True, showErrorMessage=True)
    rule.error, rule.errorTitle = "Enter a date (YYYY-MM-DD).", "Not a date"
    ws.add_data_validation(rule)
    rule.add(cells)


def _protect(ws: Worksheet) -> None:
    """Lock the standard's text against accidental edits; sorting and filtering stay allowed. No password."""
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _expected(req: Requirement) -> str:
    parts = [f"{e.type} (≤{e.max_age_days} d)" for e in req.evidence]
    parts += [f"{t.metric} {t.op} {t.value:g}" for t in req.metrics]
    return "; ".join(parts)


def _dig(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _blank_profile(standard: Standard, today: date) -> dict[str, Any]:
    return {
        "standard": {"id": standard.manifest.id, "version": standard.manifest.version},
        "organisation": {},
        "assessment": {"type": "self", "date": today},
        "profile": {"models": []},
    }

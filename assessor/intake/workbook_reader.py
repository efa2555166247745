"""Read a filled evidence workbook back into submission data, every value located by its Sheet!Cell.

Values are read as typed, never evaluated: a formula in a cell is reported, not computed.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from warnings import catch_warnings, simplefilter
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from assessor.core import limits
from assessor.core.bounds import bound_problems
from assessor.core.documents import Document
from assessor.core.problems import DocumentError, JsonPath, Location, Problem
from assessor.core.xlsx_cells import ooxml_unescaped
from assessor.dcrs.base import SURFACES
from assessor.intake.workbook_layout import (
    EVIDENCE,
    EVIDENCE_COLUMNS,
    EVIDENCE_REQUIRED_COLUMNS,
    METRIC_COLUMNS,
    METRIC_REQUIRED_COLUMNS,
    METRICS,
    MODEL_COLUMNS,
    MODEL_REQUIRED_COLUMNS,
    MODELS_HEADER_ROW,
    ORGANISATION_WIDE,
    PROFILE,
    PROFILE_FIELDS,
    PROFILE_FIRST_ROW,
    RESPONSE_COLUMNS,
    RESPONSES,
    Column,
    Kind,
    cell_ref,
)
from assessor.intake.xlsx_safety import check_workbook_file

Row = Sequence[Any]
_ID_SPLIT = re.compile(r"[,;\s]+")
_NAME_SPLIT = re.compile(r"[,;]")
_YES = {"yes", "y", "x", "true", "1"}
_NO = {"no", "n", "false", "0"}
_EXCEL_DAY0 = date(1899, 12, 30)  # serial 0 in the 1900 date system (serials from March 1900 on)


def read_workbook(path: Path | str, *, max_bytes: int, name: str | None = None) -> tuple[Document, list[Problem]]:
    """The workbook as a Document (data plus cell map) and the problems only a workbook can have."""
    name = name or str(path)
    raw, warnings = check_workbook_file(path, name, max_bytes)
    with catch_warnings():  # openpyxl warns (naming its own source path) about cells it cannot convert
        simplefilter("ignore")
        return _read(raw, name, warnings)


def _read(raw: bytes, name: str, warnings: list[Problem]) -> tuple[Document, list[Problem]]:
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, ParseError) as err:
        raise _unreadable(name, err) from None
    for ws in wb.worksheets:  # a cell's shared-string index is checked against the table, not wrapped
        ws._shared_strings = _SharedStrings(getattr(ws, "_shared_strings", []))
    try:
        reader = _Reader(name, wb)
        data = reader.read()
    except (KeyError, ValueError, ParseError) as err:
        raise _unreadable(name, err) from None
    finally:
        wb.close()
    doc = Document(name, data, cells=reader.cells, blank_rows=reader.blank_rows)
    problems = warnings + reader.problems
    problems += bound_problems(doc.data, doc.locate)  # text a cell cannot hold back, non-finite numbers
    doc.bounded = True  # its limit problems are in `problems`, located by cell
    return doc, problems


def _unreadable(name: str, err: BaseException) -> DocumentError:
    """Unsafe XML (defusedxml's refusal, which openpyxl wraps in its own error) or a broken file."""
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            message = f"refused unsafe XML ({type(cause).__name__}): entity declarations are not allowed"
            return DocumentError([Problem(Location(name), "unsafe-xml", message)])
        cause = cause.__cause__ or cause.__context__
    return DocumentError([Problem(Location(name), "not-a-workbook", f"cannot open as a workbook: {err}")])


class BadIndex:
    """What a cell holds when its shared-string index is outside the table (a spreadsheet program calls the
    file corrupt; Python's list would read -1 as the last string)."""

    def __init__(self, index: int, size: int) -> None:
        self.message = f"the cell points at shared string {index}, but the table has {size} (0 to {size - 1})"


class _SharedStrings(Sequence[Any]):
    """The shared-string table, indexed only from 0 to its length - 1."""

    def __init__(self, strings: Sequence[Any]) -> None:
        self.strings = strings
        self.bad = 0
        """How many lookups fell outside the table (so a sheet read without one needs no cell-by-cell check)."""

    def __len__(self) -> int:
        return len(self.strings)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int) and not 0 <= index < len(self.strings):
            self.bad += 1
            return BadIndex(index, len(self.strings))
        return self.strings[index]


class _Reader:
    """Walks the sheets, converting values by column kind and recording each path's cell."""

    def __init__(self, name: str, wb: Workbook) -> None:
        self.name = name
        self.wb = wb
        self.cells: dict[JsonPath, str] = {}
        self.blank_rows: dict[str, str] = {}
        self.problems: list[Problem] = []

    def read(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        profile = self._rows(PROFILE)
        if profile is not None:
            self._profile(profile, data)
        evidence = self._table(EVIDENCE, EVIDENCE_COLUMNS, ("evidence",), required=EVIDENCE_REQUIRED_COLUMNS)
        data["evidence"] = evidence if evidence is not None else []
        if evidence is not None:  # without a readable register, every metric row would be a false alarm
            self._metrics(data["evidence"])
        responses = self._table(
            RESPONSES,
            RESPONSE_COLUMNS,
            ("responses",),
            skip_if_blank=("status", "narrative", "evidence", "justification"),
        )
        data["responses"] = responses if responses is not None else []
        return data

    def fail(self, ref: str, code: str, message: str) -> None:
        self.problems.append(Problem(Location(self.name, cell=ref), code, message))

    def _rows(self, sheet: str) -> list[Row] | None:
        """The sheet's rows, read no further than the limits allow (a declared or real far cell would
        otherwise cost gigabytes of empty cells); a sheet beyond them is refused, not cut."""
        if sheet not in self.wb.sheetnames:
            self.problems.append(Problem(Location(self.name), "missing-sheet", f"the workbook has no sheet '{sheet}'"))
            return None
        ws = self.wb[sheet]
        declared_rows, declared_cols = ws.max_row or 0, ws.max_column or 0
        if declared_rows > limits.XLSX_ROWS or declared_cols > limits.XLSX_COLUMNS:
            self._too_big(sheet, f"declares {declared_rows:,} rows by {declared_cols:,} columns")
            return None
        strings: _SharedStrings = ws._shared_strings  # every sheet's table is wrapped by `_read`
        bad_before = strings.bad
        rows: list[Row] = [
            list(row)
            for row in ws.iter_rows(max_row=limits.XLSX_ROWS + 1, max_col=limits.XLSX_COLUMNS + 1, values_only=False)
        ]
        if len(rows) > limits.XLSX_ROWS or any(_filled(row[limits.XLSX_COLUMNS :]) for row in rows):
            self._too_big(sheet, "has cells beyond them")
            return None
        if strings.bad == bad_before:
            return rows  # no cell pointed outside the table: nothing to look for cell by cell
        return [self._checked_row(sheet, r, row) for r, row in enumerate(rows, 1)]

    def _checked_row(self, sheet: str, r: int, row: Row) -> Row:
        """The row with every cell whose shared-string index is out of range reported and read as empty."""
        bad = {c: cell.value for c, cell in enumerate(row, 1) if isinstance(getattr(cell, "value", None), BadIndex)}
        for c, value in bad.items():
            self.fail(cell_ref(sheet, r, c), "bad-shared-string", value.message)
        return [None if c in bad else cell for c, cell in enumerate(row, 1)] if bad else row

    def _too_big(self, sheet: str, what: str) -> None:
        message = f"the sheet {what}; at most {limits.XLSX_ROWS:,} rows and {limits.XLSX_COLUMNS} columns are read"
        self.problems.append(Problem(Location(self.name, cell=f"{sheet}!A1"), "sheet-too-large", message))

    def _value(self, rows: list[Row], sheet: str, row: int, col: int, path: JsonPath, kind: Kind) -> Any:
        """The converted value of a cell (None when empty), with its cell recorded for `path`."""
        ref = cell_ref(sheet, row, col)
        self.cells[path] = ref
        cell = rows[row - 1][col - 1] if row - 1 < len(rows) and col - 1 < len(rows[row - 1]) else None
        raw = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "f":
            self.fail(ref, "formula", "the cell holds a formula; type the value itself")
            return None
        try:
            return _convert(raw, kind)
        except _CellError as err:
            self.fail(ref, err.code, str(err))
            return None

    def _profile(self, rows: list[Row], data: dict[str, Any]) -> None:
        for row, field in enumerate(PROFILE_FIELDS, start=PROFILE_FIRST_ROW):
            label = _text(rows, row, 1)
            if label != field.label:
                self.fail(cell_ref(PROFILE, row, 1), "bad-layout", f"expected the label '{field.label}' here")
                continue
            value = self._value(rows, PROFILE, row, 2, field.path, field.kind)
            for cut in range(1, len(field.path)):  # a whole missing section points at its first field
                self.cells.setdefault(field.path[:cut], self.cells[field.path])
            if value is not None:
                _put(data, field.path, value)
        models = self._models(rows)
        data.setdefault("profile", {})["models"] = models
        self.cells[("profile", "models")] = cell_ref(PROFILE, MODELS_HEADER_ROW + 1, 1)

    def _models(self, rows: list[Row]) -> list[dict[str, Any]]:
        columns = _present(rows, MODEL_COLUMNS, MODEL_REQUIRED_COLUMNS, MODELS_HEADER_ROW)
        if not self._headers(rows, PROFILE, columns, MODELS_HEADER_ROW):
            return []
        models: list[dict[str, Any]] = []
        for row in range(MODELS_HEADER_ROW + 1, len(rows) + 1):
            path: JsonPath = ("profile", "models", len(models))
            values = {
                c.key: self._value(rows, PROFILE, row, i, (*path, c.key or ""), c.kind)
                for i, c in enumerate(columns, 1)
            }
            if all(v is None for v in values.values()):
                continue
            self.cells[path] = cell_ref(PROFILE, row, 1)
            self.cells[(*path, "surfaces")] = cell_ref(PROFILE, row, 3)
            model: dict[str, Any] = {k: values[k] for k in ("name", "description") if values[k] is not None}
            model["surfaces"] = [s for s in SURFACES if self._yes(values[s], path, s)]
            model |= {k: values[k] for k in ("version", "release_date") if values.get(k) is not None}
            models.append(model)
        return models

    def _yes(self, value: Any, path: JsonPath, surface: str) -> bool:
        text = str(value).strip().lower() if value is not None else ""
        if text and text not in _YES | _NO:
            self.fail(self.cells[(*path, surface)], "bad-value", f"'{value}' is not yes or no")
        return text in _YES

    def _headers(self, rows: list[Row], sheet: str, columns: Sequence[Column], header_row: int) -> bool:
        ok = True
        for col, column in enumerate(columns, start=1):
            if _text(rows, header_row, col) != column.title:
                self.fail(cell_ref(sheet, header_row, col), "bad-layout", f"expected the column '{column.title}' here")
                ok = False
        return ok

    def _table(
        self,
        sheet: str,
        columns: Sequence[Column],
        base: JsonPath,
        skip_if_blank: Sequence[str] = (),
        required: int | None = None,
    ) -> list[dict[str, Any]] | None:
        """The sheet's rows as items; with `required`, the columns after the first `required` are optional
        (added in 1.1.0), read when the header row carries them."""
        rows = self._rows(sheet)
        if rows is None:
            return None
        if required is not None:
            columns = _present(rows, columns, required)
        if not self._headers(rows, sheet, columns, 1):
            return None
        items: list[dict[str, Any]] = []
        answer = next((i for i, c in enumerate(columns, 1) if skip_if_blank and c.key == skip_if_blank[0]), None)
        width = len(columns)
        for row in range(2, len(rows) + 1):
            if not _filled(rows[row - 1][:width]):
                continue  # an empty row (a template carries hundreds, formatted for filling in) says nothing
            path: JsonPath = (*base, len(items))
            values = {
                c.key: self._value(rows, sheet, row, i, (*path, c.key), c.kind)
                for i, c in enumerate(columns, 1)
                if c.key
            }
            relevant = skip_if_blank or list(values)
            if all(values[k] in (None, []) for k in relevant):
                key = values.get(columns[0].key or "")
                if answer is not None and isinstance(key, str):  # a listed requirement left unanswered: where to answer
                    self.blank_rows.setdefault(key, cell_ref(sheet, row, answer))
                continue
            self.cells[path] = cell_ref(sheet, row, 1)
            items.append(self._fields({k: v for k, v in values.items() if v is not None}, path))
        return items

    def _fields(self, flat: dict[str, Any], path: JsonPath) -> dict[str, Any]:
        """A row's values as the submission's fields: dotted keys nested (issuer.organisation), the models
        column's 'organisation' as `[]`, a yes/no flag as true or false; each cell kept for its new path."""
        item: dict[str, Any] = {}
        for key, value in flat.items():
            parts = key.split(".")
            target: JsonPath = (*path, *parts)
            if len(parts) > 1:
                self.cells[target] = self.cells[(*path, key)]
                self.cells.setdefault((*path, parts[0]), self.cells[target])
            if key == "models" and [v.casefold() for v in value] == [ORGANISATION_WIDE]:
                value = []
            elif key == "secondary":
                value = self._flag(value, target)
            _put(item, tuple(parts), value)
        return item

    def _flag(self, value: Any, path: JsonPath) -> Any:
        """A yes/no cell as true or false; anything else is reported at its cell and left as typed."""
        text = str(value).strip().lower()
        if text in _YES | _NO:
            return text in _YES
        self.fail(self.cells[path], "bad-value", f"'{value}' is not yes or no")
        return value

    def _metrics(self, evidence: list[dict[str, Any]]) -> None:
        rows = self._table(METRICS, METRIC_COLUMNS, ("metrics",), required=METRIC_REQUIRED_COLUMNS)
        by_id = {item.get("id"): index for index, item in enumerate(evidence)}
        for index, metric in enumerate(rows or []):
            owner = metric.pop("evidence", None)
            ref = self.cells[("metrics", index)]
            if owner not in by_id:
                self.fail(
                    ref,
                    "unknown-evidence",
                    f"metric row names evidence '{owner}', which is not on the {EVIDENCE} sheet",
                )
                continue
            item = evidence[by_id[owner]]
            target: JsonPath = ("evidence", by_id[owner], "metrics", len(item.setdefault("metrics", [])))
            for key in metric:
                self.cells[(*target, key)] = self.cells[("metrics", index, key)]
            if isinstance(metric.get("sample_size"), float) and metric["sample_size"].is_integer():
                metric["sample_size"] = int(metric["sample_size"])
            self.cells[target] = ref
            item["metrics"].append(metric)


def _present(rows: list[Row], columns: Sequence[Column], required: int, header_row: int = 1) -> Sequence[Column]:
    """A table's columns: the required ones, then the optional trailing ones its header row carries."""
    count = required
    while count < len(columns) and _text(rows, header_row, count + 1) == columns[count].title:
        count += 1
    return columns[:count]


def _convert(raw: Any, kind: Kind) -> Any:
    """A cell value as the submission expects it; empty text is None."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if kind == "date":
        return _date(raw)
    if kind == "number":
        return _number(raw)
    if kind == "ids":
        return [part for part in _ID_SPLIT.split(str(raw)) if part]
    if kind == "names":
        return [part.strip() for part in _NAME_SPLIT.split(str(raw)) if part.strip()]
    if kind in ("list", "yesno"):
        return raw.strip() if isinstance(raw, str) else raw
    return _as_text(raw)


class _CellError(ValueError):
    """A cell whose value cannot be taken as typed; its message is the problem's."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _date(raw: Any) -> Any:
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return _serial_date(raw)  # a date typed into a cell without a date format
    return raw.strip() if isinstance(raw, str) else raw


def _serial_date(serial: float) -> str:
    """An Excel day number as an ISO date, refusing numbers that are no date in the accepted range."""
    low, high = _serial_of(limits.DATE_MIN), _serial_of(limits.DATE_MAX)
    if not math.isfinite(serial) or not low <= serial < high + 1:
        message = f"{serial!r} is not a date between {limits.DATE_MIN} and {limits.DATE_MAX}; type it as YYYY-MM-DD"
        raise _CellError("bad-date", message)
    day: date = from_excel(serial).date()
    return day.isoformat()


def _serial_of(day: date) -> int:
    return (day - _EXCEL_DAY0).days


def _number(raw: Any) -> Any:
    if isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError:
            return raw
        if not math.isfinite(value):
            raise _CellError("not-finite", f"'{raw.strip()}' is not a finite number")
        return value
    return raw


def _filled(cells: Sequence[Any]) -> bool:
    return any(getattr(cell, "value", None) not in (None, "") for cell in cells)


def _as_text(raw: Any) -> Any:
    """Text columns take what was typed: numbers become their text (an id typed as 7 is '7')."""
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, int | float):
        return repr(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    return ooxml_unescaped(raw) if isinstance(raw, str) else raw


def _text(rows: list[Row], row: int, col: int) -> str:
    if row - 1 >= len(rows) or col - 1 >= len(rows[row - 1]):
        return ""
    value = getattr(rows[row - 1][col - 1], "value", None)
    return str(value).strip() if value is not None else ""


def _put(data: dict[str, Any], path: JsonPath, value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(str(key), {})
    data[str(path[-1])] = value

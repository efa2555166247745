"""The fillable workbook's layout: sheets, fields and columns, shared by the writer and the reader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from openpyxl.utils import get_column_letter

from assessor.core.problems import JsonPath
from assessor.dcrs.base import SURFACES

INSTRUCTIONS = "Instructions"
PROFILE = "Organisation & Profile"
RESPONSES = "Responses"
EVIDENCE = "Evidence"
METRICS = "Metrics"
LISTS = "Lists"  # hidden: the values behind every dropdown

_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
Kind = Literal["text", "date", "number", "list", "yesno", "ids"]


@dataclass(frozen=True)
class Field:
    """A labelled value on the profile sheet: label in column A, value in column B."""

    path: JsonPath
    label: str
    kind: Kind = "text"
    locked: bool = False
    choices: str = ""  # name of a list on the Lists sheet


@dataclass(frozen=True)
class Column:
    """A column of a table sheet; `key` is the submission field it fills (None for read-only context)."""

    title: str
    width: int
    key: str | None = None
    kind: Kind = "text"
    choices: str = ""
    locked: bool = False  # read back but never typed into (the requirement id)

    @property
    def read_only(self) -> bool:
        """Context the user must not change: locked, or not read back at all."""
        return self.locked or self.key is None


PROFILE_FIELDS: tuple[Field, ...] = (
    Field(("standard", "id"), "Standard", locked=True),
    Field(("standard", "version"), "Standard version", locked=True),
    Field(("organisation", "name"), "Organisation name"),
    Field(("organisation", "jurisdiction"), "Jurisdiction"),
    Field(("organisation", "contact"), "Contact"),
    Field(("assessment", "type"), "Assessment type", kind="list", choices="assessment_types"),
    Field(("assessment", "date"), "Assessment date", kind="date"),
    Field(("assessment", "assessor", "name"), "Assessor name"),
    Field(("assessment", "assessor", "role"), "Assessor role"),
    Field(("assessment", "assessor", "organisation"), "Assessor organisation"),
)
PROFILE_FIRST_ROW = 3
MODELS_HEADER_ROW = PROFILE_FIRST_ROW + len(PROFILE_FIELDS) + 2
MODEL_COLUMNS: tuple[Column, ...] = (
    Column("Model name", 28, "name"),
    Column("Description", 40, "description"),
    *(Column(surface, 16, surface, kind="yesno", choices="yes_no") for surface in SURFACES),
)
SPARE_MODEL_ROWS = 10

RESPONSE_COLUMNS: tuple[Column, ...] = (
    Column("Requirement", 14, "requirement", locked=True),
    Column("Domain", 8),
    Column("Level", 6),
    Column("Critical", 8),
    Column("Title", 34),
    Column("Statement", 60),
    Column("Expected evidence", 26),
    Column("Status", 17, "status", kind="list", choices="statuses"),
    Column("Narrative", 60, "narrative"),
    Column("Evidence ids", 22, "evidence", kind="ids"),
    Column("Justification (for not applicable)", 40, "justification"),
)
EVIDENCE_COLUMNS: tuple[Column, ...] = (
    Column("Id", 12, "id"),
    Column("Type", 10, "type", kind="list", choices="evidence_types"),
    Column("Title", 40, "title"),
    Column("Description", 50, "description"),
    Column("Location (URL or path in the submission folder)", 44, "location"),
    Column("sha256 (optional)", 20, "sha256"),
    Column("Date", 12, "date", kind="date"),
    Column("Owner", 20, "owner"),
    Column("Surfaces concerned (optional)", 24, "surfaces", kind="ids"),  # since DCRS 1.1.0; may be absent
)
EVIDENCE_REQUIRED_COLUMNS = 8
METRIC_COLUMNS: tuple[Column, ...] = (
    Column("Evidence id", 14, "evidence"),
    Column("Metric", 44, "metric", kind="list", choices="metrics"),
    Column("Value", 10, "value", kind="number"),
    Column("Unit", 10, "unit", kind="list", choices="units"),
    # Optional since DCRS 1.1.0: what the reading measured, or why there is nothing to measure yet. A workbook
    # made before these columns existed still reads (they are optional trailing columns).
    Column("Setting (live or exercise)", 12, "setting", kind="list", choices="settings"),
    Column("Coverage %", 10, "coverage_percent", kind="number"),
    Column("Surfaces covered", 24, "surfaces", kind="ids"),
    Column("Sample size", 10, "sample_size", kind="number"),
    Column("Nothing to measure yet (why)", 40, "nothing_to_measure"),
)
METRIC_REQUIRED_COLUMNS = 4  # evidence id, metric, value, unit
# The DCRS 1.2.0-only fields (an item's issuer, models, performed, in_force and secondary; a reading's at_most,
# at_least and models; a model's version and release_date) have no column yet: they are YAML/JSON-only, and a
# workbook prefilled from a submission that has them leaves them out (see CHANGELOG.md).
SPARE_TABLE_ROWS = 300


def cell_ref(sheet: str, row: int, column: int) -> str:
    """A cell as spreadsheet programs write it: 'Organisation & Profile'!B6, Responses!H12."""
    name = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def column_index(columns: tuple[Column, ...], key: str) -> int:
    """1-based column of the field `key`."""
    return next(i for i, c in enumerate(columns, start=1) if c.key == key)

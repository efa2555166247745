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

ORGANISATION_WIDE = "organisation"  # in an item's models column: about the organisation, not a model
_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
# ids: split at commas, semicolons and spaces; names: split at commas and semicolons only (a model's name has spaces)
Kind = Literal["text", "date", "number", "list", "yesno", "ids", "names"]


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
    # From DCRS 1.2.0: written for 1.2.0 and later, read wherever the header row carries them.
    Column("Version", 18, "version"),
    Column("Release date", 12, "release_date", kind="date"),
)
MODEL_REQUIRED_COLUMNS = 2 + len(SURFACES)
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
    # From DCRS 1.2.0: written for 1.2.0 and later, read wherever the header row carries them. A dotted key is a
    # nested field (issuer.organisation); 'organisation' in the models column is `models: []`.
    Column("Performed (when the activity happened)", 14, "performed", kind="date"),
    Column(f"About models (comma-separated, or '{ORGANISATION_WIDE}')", 28, "models", kind="names"),
    Column("Issued by (organisation; empty: yours)", 26, "issuer.organisation"),
    Column("Issuer's role", 20, "issuer.role"),
    Column("In force since", 12, "in_force.since", kind="date"),
    Column("In force until", 12, "in_force.until", kind="date"),
    Column("Secondary source (yes or no)", 12, "secondary", kind="yesno", choices="yes_no"),
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
    # From DCRS 1.2.0: a reading known only as a bound or a range, and the models it is about.
    Column("At most", 10, "at_most", kind="number"),
    Column("At least", 10, "at_least", kind="number"),
    Column("About models (comma-separated)", 24, "models", kind="names"),
)
METRIC_REQUIRED_COLUMNS = 4  # evidence id, metric, value, unit
# How many columns of each table a workbook for a version before DCRS 1.2.0 has (the rest are 1.2.0's fields).
COLUMNS_BEFORE_1_2 = {"models": MODEL_REQUIRED_COLUMNS, "evidence": 9, "metrics": 9}
SPARE_TABLE_ROWS = 300


def cell_ref(sheet: str, row: int, column: int) -> str:
    """A cell as spreadsheet programs write it: 'Organisation & Profile'!B6, Responses!H12."""
    name = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def column_index(columns: tuple[Column, ...], key: str) -> int:
    """1-based column of the field `key`."""
    return next(i for i, c in enumerate(columns, start=1) if c.key == key)

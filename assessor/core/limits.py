"""Every input limit, declared once: files, nesting, counts, text, workbooks, problems and reports.

Readers and checks import these names; SECURITY.md prints the table `describe()` gives, and a
test keeps them in step. A limit is a refusal with a located error, never a silent cut.
"""

from __future__ import annotations

from datetime import date

# Files and parsing (every input kind: standard, submission, review, upload, draft).
FILE_BYTES = 10 * 1024 * 1024  # one document or upload
DEPTH = 32  # nesting of mappings and lists, checked while parsing, before any tree is built
KEY_CHARS = 200  # one mapping key
KEYS_PER_MAPPING = 1_000
LIST_ITEMS = 10_000  # any list not named below

# Text: per field, in characters. Long fields match Excel's cell limit so a workbook can hold them exactly.
LONG_TEXT = 32_767
LOCATION_TEXT = 2_048  # an evidence location (URL or path)
SHORT_TEXT = 500  # names, titles, ids, codes, units, dates
COMBINING_RUN = 16  # consecutive combining marks (a "zalgo" name costs minutes to shape)
SHORT_FIELDS = frozenset(
    {
        "id", "name", "title", "organisation", "jurisdiction", "contact", "role", "owner", "type", "status",
        "requirement", "metric", "unit", "version", "date", "sha256", "decision", "verified", "severity",
        "surfaces", "independence",
    }
)  # fmt: skip

# Counts per named list (the key the list is stored under).
LIST_LIMITS = {
    "responses": 1_000,
    "evidence": 1_000,  # the register, and the ids one response cites
    "models": 100,
    "surfaces": 64,
    "metrics": 100,
    "verdicts": 1_000,
    "findings": 1_000,
}

# Dates: any date in any document.
DATE_MIN = date(1970, 1, 1)
DATE_MAX = date(2100, 12, 31)

# Workbooks (.xlsx), checked from the zip directory and the sheet declarations before cells are read.
XLSX_UNCOMPRESSED = 64 * 1024 * 1024
XLSX_PART = 32 * 1024 * 1024  # any one XML part
XLSX_SHARED_STRINGS = 16 * 1024 * 1024  # the shared-strings part
XLSX_ENTRIES = 2_000
XLSX_RATIO = 100  # workbook XML compresses about 10:1; far beyond that is a bomb
XLSX_ROWS = 5_000  # per sheet
XLSX_COLUMNS = 64  # per sheet

# Reporting problems: identical codes beyond this are counted, not listed.
PROBLEMS_PER_CODE = 200

# Reports: what one PDF may show in full; beyond, it summarises and the attachment keeps everything.
REPORT_EVIDENCE_ROWS = 500
REPORT_BYTES = 64 * 1024 * 1024  # a report or signature handed to `dcr verify`
REPORT_TEXT = 4_000  # characters of one narrative or description shown in the PDF
REPORT_RUN = 60  # an unbroken run longer than this gets break opportunities
PDF_DEPTH = 100  # nesting of arrays and dictionaries in a PDF given to `dcr verify` or the app
PDF_OBJECTS = 100_000  # indirect objects in such a PDF

# Signing and evidence: what `dcr sign` reads, and what a sha256 claim may make `dcr validate` hash.
KEY_BYTES = 1024 * 1024  # a key, PKCS#12 file or certificate (chain) given to `dcr sign` or `--trust`
EVIDENCE_BYTES = 256 * 1024 * 1024  # one evidence file whose sha256 is checked

# The store: one evidence file uploaded into a draft's register (kept in the database, content-addressed).
EVIDENCE_FILE_BYTES = 25 * 1024 * 1024


def text_limit(key: str) -> int:
    """The most characters a string stored under `key` may have."""
    if key == "location":
        return LOCATION_TEXT
    return SHORT_TEXT if key in SHORT_FIELDS else LONG_TEXT


def list_limit(key: str) -> int:
    """The most items a list stored under `key` may have."""
    return LIST_LIMITS.get(key, LIST_ITEMS)


def describe() -> list[tuple[str, str]]:
    """Every limit as (what, value) rows for the documentation."""
    rows = [
        ("bytes per document or upload", f"{FILE_BYTES:,}"),
        ("nesting depth (checked while parsing)", f"{DEPTH}"),
        ("characters per key", f"{KEY_CHARS:,}"),
        ("keys per mapping", f"{KEYS_PER_MAPPING:,}"),
        ("items per other list", f"{LIST_ITEMS:,}"),
        ("characters per long text field", f"{LONG_TEXT:,}"),
        ("characters per evidence location", f"{LOCATION_TEXT:,}"),
        ("characters per short field (names, titles, ids)", f"{SHORT_TEXT:,}"),
        ("consecutive combining marks", f"{COMBINING_RUN}"),
    ]
    rows += [(f"items in `{key}`", f"{value:,}") for key, value in LIST_LIMITS.items()]
    rows += [
        ("dates", f"{DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}"),
        ("workbook uncompressed bytes", f"{XLSX_UNCOMPRESSED:,}"),
        ("workbook bytes per XML part", f"{XLSX_PART:,}"),
        ("workbook shared-strings bytes", f"{XLSX_SHARED_STRINGS:,}"),
        ("workbook zip entries", f"{XLSX_ENTRIES:,}"),
        ("workbook compression ratio per part", f"{XLSX_RATIO}"),
        ("workbook rows per sheet", f"{XLSX_ROWS:,}"),
        ("workbook columns per sheet", f"{XLSX_COLUMNS}"),
        ("problems listed per code", f"{PROBLEMS_PER_CODE}"),
        ("evidence rows listed in a PDF", f"{REPORT_EVIDENCE_ROWS}"),
        ("characters of one text shown in a PDF", f"{REPORT_TEXT:,}"),
        ("longest unbroken run in a PDF", f"{REPORT_RUN}"),
        ("bytes of a report or signature given to `dcr verify` or `dcr sign`", f"{REPORT_BYTES:,}"),
        ("nesting depth of a PDF checked (`dcr verify`, the app)", f"{PDF_DEPTH}"),
        ("objects in a PDF checked", f"{PDF_OBJECTS:,}"),
        ("bytes of a key or certificate file", f"{KEY_BYTES:,}"),
        ("bytes of an evidence file whose sha256 is checked", f"{EVIDENCE_BYTES:,}"),
        ("bytes of one evidence file kept in the store", f"{EVIDENCE_FILE_BYTES:,}"),
    ]
    return rows

"""Refuse hostile workbooks before any XML is parsed: size, zip bombs, missing XML defences."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl

from assessor.core import limits
from assessor.core.documents import read_bounded
from assessor.core.problems import DocumentError, Location, Problem

MAX_UNCOMPRESSED = limits.XLSX_UNCOMPRESSED
MAX_ENTRIES = limits.XLSX_ENTRIES
MAX_RATIO = limits.XLSX_RATIO
RATIO_FLOOR = 1024 * 1024  # small parts may compress better than MAX_RATIO harmlessly


def check_workbook_file(path: Path | str, name: str, max_bytes: int) -> tuple[bytes, list[Problem]]:
    """The file's bytes once they are safe to open (read once, bounded, from a regular file only, so what is
    checked is what is parsed), and warnings such as ignored macros; DocumentError when unsafe."""
    where = Location(name)
    if not openpyxl.DEFUSEDXML or openpyxl.LXML:
        message = "openpyxl is not parsing through defusedxml (is OPENPYXL_LXML set?); refusing to read"
        raise DocumentError([Problem(where, "unsafe-xml", message)])
    raw = read_bounded(path, name, max_bytes)
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise DocumentError([Problem(where, "not-a-workbook", "not an .xlsx file (it is not a zip archive)")])
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
            problems = _bomb_problems(entries, where) + _part_problems(entries, where)
            _refuse_dtds(archive, entries, where)  # parts are size-checked above, so reading them is bounded
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise DocumentError([Problem(where, "not-a-workbook", f"cannot open as a workbook: {err}")]) from None
    return raw, problems + _macro_warnings(entries, where)


def _part_problems(entries: list[zipfile.ZipInfo], where: Location) -> list[Problem]:
    """One part may not hold most of the budget: shared strings are read into memory whole."""
    for entry in entries:
        limit = limits.XLSX_SHARED_STRINGS if entry.filename.endswith("sharedStrings.xml") else limits.XLSX_PART
        if entry.file_size > limit:
            message = f"{entry.filename} expands to {entry.file_size:,} bytes; at most {limit:,} accepted"
            raise DocumentError([Problem(where, "too-large", message)])
    return []


# A document type declaration has no place in an OOXML part; refusing it here does not depend on which XML
# parser openpyxl picked (it prefers lxml, which defusedxml does not guard, whenever lxml is installed).
DTD_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _refuse_dtds(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], where: Location) -> None:
    for entry in entries:
        if entry.filename.lower().endswith((".xml", ".rels", ".vml")):
            data = archive.read(entry)
            if any(marker in data for marker in DTD_MARKERS):
                message = (
                    f"refused unsafe XML in {entry.filename}: document type and entity declarations are not allowed"
                )
                raise DocumentError([Problem(where, "unsafe-xml", message)])


def _bomb_problems(entries: list[zipfile.ZipInfo], where: Location) -> list[Problem]:
    total = sum(e.file_size for e in entries)
    if len(entries) > MAX_ENTRIES:
        raise DocumentError([Problem(where, "zip-bomb", f"{len(entries):,} parts; at most {MAX_ENTRIES:,} accepted")])
    if total > MAX_UNCOMPRESSED:
        message = f"expands to {total:,} bytes; at most {MAX_UNCOMPRESSED:,} accepted"
        raise DocumentError([Problem(where, "zip-bomb", message)])
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            message = f"{entry.filename} expands {ratio:,.0f} times; refusing a likely zip bomb"
            raise DocumentError([Problem(where, "zip-bomb", message)])
    return []


def _macro_warnings(entries: list[zipfile.ZipInfo], where: Location) -> list[Problem]:
    if any(e.filename.lower().endswith("vbaproject.bin") for e in entries):
        return [Problem(where, "macros-ignored", "the workbook contains macros; they are ignored", "warning")]
    return []

"""Refuse hostile workbooks before any XML is parsed: size, zip bombs, missing XML defences."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from assessor.core.problems import DocumentError, Location, Problem

MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_RATIO = 100  # workbook XML compresses about 10:1; far beyond that is a bomb
RATIO_FLOOR = 1024 * 1024  # small parts may compress better than MAX_RATIO harmlessly


def check_workbook_file(path: Path, name: str, max_bytes: int) -> list[Problem]:
    """Problems that make the file unsafe or impossible to open; warnings (e.g. macros) are returned too."""
    where = Location(name)
    if not openpyxl.DEFUSEDXML:
        raise DocumentError([Problem(where, "unsafe-xml", "defusedxml is not active for openpyxl; refusing to read")])
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError([Problem(where, "too-large", f"file is {size:,} bytes; the limit is {max_bytes:,}")])
    if not zipfile.is_zipfile(path):
        raise DocumentError([Problem(where, "not-a-workbook", "not an .xlsx file (it is not a zip archive)")])
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
        problems = _bomb_problems(entries, where)
        _refuse_dtds(archive, entries, where)
    return problems + _macro_warnings(entries, where)


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

"""One reading of every format: YAML writers round-trip every character the reader accepts, workbook cells keep
CR LF and their shared-string index is checked, every formula-like text cell written is quote-prefixed."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import assessor
from assessor.core.documents import parse_yaml
from assessor.core.problems import DocumentError
from assessor.core.yaml_text import dump_yaml
from assessor.dcrs.models import Standard
from assessor.intake.loader import load_submission
from assessor.intake.workbook_reader import read_workbook
from assessor.intake.workbook_template import workbook_template
from tests.conftest import ROOT, CliResult, load_yaml

EXAMPLE = ROOT / "examples" / "mature-lab.yaml"
BREAKS_AND_CONTROLS = st.characters(categories=["Zl", "Zp", "Zs", "Cc", "Cf"]) | st.sampled_from(
    ["\n", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\t", "_x000D_", "a", "é", ":", "#", "'", '"', "-"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BREAKS_AND_CONTROLS, max_size=12).map("".join))
def test_yaml_writer_round_trips_every_break_and_control_class(text: str) -> None:
    """Text with any line-break, separator, format or control character reads back exactly, or is refused."""
    written = dump_yaml({"narrative": text, "nested": [{"title": text}]})
    try:
        data = parse_yaml(written, "t.yaml").data
    except DocumentError as err:  # the reader refuses some control characters outright: never a changed text
        assert {p.code for p in err.problems} <= {"bad-character"}, err.problems
        return
    assert data == {"narrative": text, "nested": [{"title": text}]}


def test_migrate_writes_next_line_unchanged(tmp_path: Path, standard: Standard) -> None:
    """A narrative with U+0085 (NEXT LINE) written by write_submission reads back with it, not a space."""
    data: dict[str, Any] = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
    data["responses"][0]["narrative"] = "one\x85two\u2028three\r\nfour"
    source = tmp_path / "s.json"
    source.write_text(json.dumps(data, default=str), encoding="utf-8")
    submission = load_submission(source, standard)
    out = tmp_path / "out.yaml"
    assessor.write_submission(submission, out, standard=standard)
    again = load_submission(out, standard)
    assert again.responses[0].narrative == "one\x85two\u2028three\r\nfour"


def test_workbook_keeps_carriage_returns_and_literal_escapes(tmp_path: Path, standard: Standard) -> None:
    """CR LF in a narrative and a literal "_x000D_" in a title come back from the evidence workbook unchanged."""
    data: dict[str, Any] = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
    data["responses"][0]["narrative"] = "line one\r\nline two"
    data["evidence"][0]["title"] = "literal _x000D_ text"
    source = tmp_path / "s.json"
    source.write_text(json.dumps(data, default=str), encoding="utf-8")
    book = tmp_path / "w.xlsx"
    book.write_bytes(workbook_template(standard, load_submission(source, standard)))
    doc, problems = read_workbook(book, max_bytes=10**8)
    assert problems == []
    assert doc.data["responses"][0]["narrative"] == "line one\r\nline two"
    assert doc.data["evidence"][0]["title"] == "literal _x000D_ text"


def _with_shared_strings(book: bytes, index: int) -> bytes:
    """The workbook with a two-string shared table and the first status cell pointing at `index` in it."""
    out = io.BytesIO()
    table = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
        "<si><t>not_implemented</t></si><si><t>fully</t></si></sst>"
    )
    override = (
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    with zipfile.ZipFile(io.BytesIO(book)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", override.encode())
            if info.filename == "xl/worksheets/sheet3.xml":
                old = b'<c r="H2" s="10" t="inlineStr"><is><t>fully</t></is></c>'
                assert old in body
                body = body.replace(old, f'<c r="H2" s="10" t="s"><v>{index}</v></c>'.encode())
            zout.writestr(info.filename, body)
        zout.writestr("xl/sharedStrings.xml", table)
    return out.getvalue()


@pytest.mark.parametrize("index", [-1, 2, 99999])
def test_shared_string_index_outside_the_table_is_located(tmp_path: Path, standard: Standard, index: int) -> None:
    """A status cell pointing at shared string -1 (Python's last) or past the end is a located error."""
    book = workbook_template(standard, load_submission(EXAMPLE, standard))
    path = tmp_path / "w.xlsx"
    path.write_bytes(_with_shared_strings(book, index))
    _doc, problems = read_workbook(path, max_bytes=10**8)
    assert [(p.code, p.location.cell) for p in problems] == [("bad-shared-string", "Responses!H2")]


def test_shared_string_index_inside_the_table_is_read(tmp_path: Path, standard: Standard) -> None:
    """The check refuses only bad indexes: index 0 reads the table's first string."""
    book = workbook_template(standard, load_submission(EXAMPLE, standard))
    path = tmp_path / "w.xlsx"
    path.write_bytes(_with_shared_strings(book, 0))
    doc, problems = read_workbook(path, max_bytes=10**8)
    assert problems == [] and doc.data["responses"][0]["status"] == "not_implemented"


def _unprefixed(data: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(data))
    return [
        f"{ws.title}!{cell.coordinate}"
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value[:1] in "=+-@" and not cell.quotePrefix
    ]


@pytest.mark.slow
def test_every_formula_like_text_cell_is_quote_prefixed(tmp_path: Path, standard: Standard) -> None:
    """Report and evidence workbooks of a submission full of formula-like text: every such cell is prefixed."""
    data: dict[str, Any] = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
    data["organisation"]["name"] = "-2+3"
    data["evidence"][0]["title"] = '=HYPERLINK("https://attacker.example","open")'
    for response in data["responses"]:
        response["narrative"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = assessor.assess(tmp_path / "s.yaml")
    report = assessor.xlsx_bytes(result)
    evidence = workbook_template(standard, result.submission)
    assert _unprefixed(report) == [] and _unprefixed(evidence) == []


def test_migrate_refuses_what_the_target_cannot_hold(dcr: Callable[..., CliResult], tmp_path: Path) -> None:
    """Migrating a 1.1.0 submission with a 1.1.0-only metric down to 1.0.0 exits 4 naming it; nothing written."""
    out = tmp_path / "down.yaml"
    result = dcr("migrate", ROOT / "tests" / "data" / "calibration" / "04-nothing-to-measure.yaml",
                 "--to", "1.0.0", "-o", out)  # fmt: skip
    assert result.code == 4, result.err
    assert "[unknown-metric]" in result.err and "migrated to 1.0.0 $.evidence[" in result.err
    assert not out.exists()

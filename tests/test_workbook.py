"""The fillable evidence workbook: generated from the standard, read back exactly, located errors, hostile files."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from assessor.core.canonical import pretty_json
from assessor.core.problems import DocumentError
from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.loader import check_submission, load_submission
from assessor.intake.models import Submission
from assessor.intake.workbook_layout import EVIDENCE, PROFILE, RESPONSES
from assessor.intake.workbook_template import workbook_template
from assessor.scoring.engine import score
from tests.conftest import EXAMPLES, CliResult
from tests.property_helpers import STANDARD, submissions
from tests.report_helpers import soffice


def write(tmp_path: Path, data: bytes, name: str = "filled.xlsx") -> Path:
    """Bytes to a file in tmp_path."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


def in_standard_order(sub: Submission, standard: Standard) -> Submission:
    """The submission with responses in the standard's order, as the workbook lists them."""
    order = {r.id: i for i, r in enumerate(standard.requirements())}
    return sub.model_copy(update={"responses": sorted(sub.responses, key=lambda r: order[r.requirement])})


def test_template_is_generated_from_the_standard(standard: Standard, tmp_path: Path) -> None:
    """Sheets, one locked row per requirement, dropdowns, frozen headers, protection without a password."""
    wb = load_workbook(io.BytesIO(workbook_template(standard, today=date(2026, 1, 1))))
    assert wb.sheetnames == ["Instructions", PROFILE, RESPONSES, EVIDENCE, "Metrics", "Lists"]
    assert wb["Lists"].sheet_state == "hidden"
    ws = wb[RESPONSES]
    ids = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert ids == [r.id for r in standard.active_requirements()]
    assert ws["A2"].protection.locked and not ws["H2"].protection.locked
    assert ws.protection.sheet and not ws.protection.password
    assert ws.freeze_panes == "B2"
    assert any("H2" in str(v.sqref) and v.type == "list" for v in ws.data_validations.dataValidation)
    assert any(v.type == "date" for v in wb[EVIDENCE].data_validations.dataValidation)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_round_trip(path: Path, tmp_path: Path, standard: Standard) -> None:
    """YAML -> workbook -> read back is the same submission and byte-identical assessment JSON."""
    original = load_submission(path, standard)
    filled = write(tmp_path, workbook_template(standard, original))
    back = load_submission(filled, standard)
    assert back == in_standard_order(original, standard)
    assert submission_sha256(back) == submission_sha256(original)
    assert pretty_json(score(standard, back)) == pretty_json(score(standard, original))


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_round_trip_survives_libreoffice(path: Path, tmp_path: Path, standard: Standard) -> None:
    """After LibreOffice opens and re-saves the workbook, the assessment JSON is still identical."""
    original = load_submission(path, standard)
    filled = write(tmp_path, workbook_template(standard, original))
    out = tmp_path / "resaved"
    proc = subprocess.run(
        [soffice(), "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)}, check=False,
    )  # fmt: skip
    assert proc.returncode == 0 and (out / filled.name).is_file(), proc.stderr
    resaved = load_submission(out / filled.name, standard)
    assert pretty_json(score(standard, resaved)) == pretty_json(score(standard, original))


TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(str.strip)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@pytest.mark.slow
@given(submissions(), st.lists(TEXT, min_size=1, max_size=5))
def test_generated_round_trip(tmp_path: Path, data: dict[str, Any], texts: list[str]) -> None:
    """Any valid submission, narratives with formula-like or unusual text included, reads back exactly."""
    for response, text in zip(data["responses"], texts * len(data["responses"]), strict=False):
        response["narrative"] = text
    original = Submission.model_validate(data)
    filled = write(tmp_path, workbook_template(STANDARD, original), f"gen-{abs(hash(str(texts)))}.xlsx")
    checked = check_submission(filled, STANDARD)
    assert checked.submission is not None and checked.errors == []
    assert checked.submission == in_standard_order(original, STANDARD)


def break_workbook(standard: Standard, tmp_path: Path, edits: dict[tuple[str, str], Any]) -> Path:
    """The mature example's workbook with some cells overwritten."""
    original = load_submission(EXAMPLES[[p.stem for p in EXAMPLES].index("mature-lab")], standard)
    wb = load_workbook(io.BytesIO(workbook_template(standard, original)))
    for (sheet, ref), value in edits.items():
        wb[sheet][ref].value = value
    path = tmp_path / "broken.xlsx"
    wb.save(path)
    return path


@pytest.mark.slow
def test_three_mistakes_three_cells(standard: Standard, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A bad dropdown value, a date that is not a date and an unknown evidence id: three Sheet!Cell locations."""
    path = break_workbook(standard, tmp_path, {
        (RESPONSES, "H3"): "mostly",
        (EVIDENCE, "G4"): "last spring",
        (RESPONSES, "J5"): "EV-001, EV-999",
    })  # fmt: skip
    result = dcr("validate", path)
    assert result.code == 4
    for ref in ("Responses!H3", "Evidence!G4", "Responses!J5"):
        assert f"{path} {ref}:" in result.err, result.err
    assert "3 problems" in result.err


def test_formulas_are_reported_not_evaluated(standard: Standard, tmp_path: Path) -> None:
    """A formula typed into a cell is an error at that cell; nothing is computed."""
    path = break_workbook(standard, tmp_path, {(RESPONSES, "I2"): "=1+1"})
    problems = check_submission(path, standard).errors
    assert [(p.code, p.location.cell) for p in problems] == [("formula", "Responses!I2")]


def test_layout_and_value_problems_are_located(standard: Standard, tmp_path: Path) -> None:
    """A renamed column, a bad yes/no and a missing N/A justification are each located at their cell."""
    path = break_workbook(standard, tmp_path, {
        (EVIDENCE, "B1"): "Kind",
        (PROFILE, "C17"): "maybe",
        (RESPONSES, "H6"): "not_applicable",
    })  # fmt: skip
    found = {(p.code, p.location.cell) for p in check_submission(path, standard).errors}
    assert ("bad-layout", "Evidence!B1") in found
    assert ("bad-value", "'Organisation & Profile'!C17") in found
    assert ("missing-justification", "Responses!H6") in found


BOMB_DTD = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def replace_part(source: bytes, part: str, text: str) -> bytes:
    """The workbook with one zip part replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, text if info.filename == part else zin.read(info.filename))
    return out.getvalue()


@pytest.mark.slow
def test_entity_expansion_is_refused(standard: Standard, tmp_path: Path) -> None:
    """An XML entity-expansion payload inside the workbook is refused by defusedxml, with a clear code."""
    base = workbook_template(standard)
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        workbook_xml = z.read("xl/workbook.xml").decode("utf-8")
    body = workbook_xml.split("?>", 1)[-1].replace('name="Instructions"', 'name="&lol3;"', 1)
    path = write(tmp_path, replace_part(base, "xl/workbook.xml", BOMB_DTD + body))
    with pytest.raises(DocumentError) as err:
        check_submission(path, standard)
    assert [p.code for p in err.value.problems] == ["unsafe-xml"]


def test_zip_bomb_is_refused_before_parsing(standard: Standard, tmp_path: Path) -> None:
    """A part that expands past the limit is refused from the zip directory alone."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, z.open("xl/worksheets/sheet1.xml", "w") as part:
        chunk = b"\0" * (1 << 20)
        for _ in range(70):
            part.write(chunk)
    assert path.stat().st_size < 1 << 20
    with pytest.raises(DocumentError) as err:
        check_submission(path, standard)
    assert [p.code for p in err.value.problems] == ["zip-bomb"]


def test_oversized_and_non_workbook_files(standard: Standard, tmp_path: Path) -> None:
    """A file over the size limit, and a file that is not a zip, are refused with their reason."""
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(DocumentError) as err:
        check_submission(big, standard)
    assert err.value.problems[0].code == "too-large"
    fake = write(tmp_path, b"name,status\n", "fake.xlsx")
    with pytest.raises(DocumentError) as err:
        check_submission(fake, standard)
    assert err.value.problems[0].code == "not-a-workbook"


def test_macros_are_ignored_and_never_kept(standard: Standard, tmp_path: Path) -> None:
    """A workbook carrying a VBA project is read with a warning, and a prefilled copy has no macros."""
    original = load_submission(EXAMPLES[0], standard)
    base = workbook_template(standard, original)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really a macro")
    path = write(tmp_path, out.getvalue())
    checked = check_submission(path, standard)
    assert [p.code for p in checked.warnings if p.code == "macros-ignored"] == ["macros-ignored"]
    assert checked.errors == []
    copy = workbook_template(standard, checked.submission)
    with zipfile.ZipFile(io.BytesIO(copy)) as z:
        assert not any("vba" in name.lower() for name in z.namelist())


@pytest.mark.slow
def test_cli_template_xlsx(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`dcr template --xlsx` writes a blank workbook; --from needs --xlsx; a prefilled one validates."""
    blank = tmp_path / "blank.xlsx"
    assert dcr("template", "--xlsx", blank).code == 0
    assert load_workbook(blank).sheetnames[0] == "Instructions"
    assert dcr("template", "--yaml", tmp_path / "x.yaml", "--from", EXAMPLES[0]).code == 2
    filled = tmp_path / "filled.xlsx"
    assert dcr("template", "--xlsx", filled, "--from", EXAMPLES[0]).code == 0
    assert dcr("validate", filled).code == 0


def test_blank_workbook_errors_point_at_cells(standard: Standard, tmp_path: Path) -> None:
    """An unfilled workbook's problems are located at the cells to fill, not at JSON paths."""
    path = write(tmp_path, workbook_template(standard))
    problems = check_submission(path, standard).errors
    assert problems and all(p.location.cell for p in problems)

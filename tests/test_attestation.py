"""The developer's own signature: an accountable-executive attestation in the submission, signed over the
submission's RFC 8785 bytes, shown in the reports, and covered by the review's binding."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from pypdf import PdfReader

from assessor.core.exit_codes import ExitCode
from tests.conftest import ROOT, CliResult, load_yaml
from tests.pki import Pki, make_pki

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"
ATTESTATION = {"name": "Priya Raman", "role": "Chief Executive Officer", "date": "2026-10-16",
               "statement": "To the best of my knowledge this submission is true and complete."}  # fmt: skip


@pytest.fixture(scope="module")
def developer(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """The developer's CA and their executive's key."""
    return make_pki(tmp_path_factory.mktemp("developer"), "Priya Raman")


def attested(folder: Path, **change: Any) -> Path:
    """A copy of the mature example (and its evidence folder) in `folder`, with the attestation (changed by
    `change`)."""
    shutil.copytree(ROOT / "examples" / "evidence", folder / "evidence", dirs_exist_ok=True)
    data = load_yaml(MATURE.read_text(encoding="utf-8"))
    data["attestation"] = {**ATTESTATION, **change}
    path = folder / "attested.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    """An attested copy of the mature example."""
    return attested(tmp_path / "sub")


def test_signed_attestation_verifies_and_edits_are_tampering(
    submission: Path, developer: Pki, dcr: Callable[..., CliResult]
) -> None:
    """`dcr sign` signs the submission's RFC 8785 bytes; `dcr verify` checks it; any edit (even to the
    attestation alone) is tampering, and an unsigned submission says so."""
    assert dcr("verify", submission, "--trust", developer.ca).code == ExitCode.UNSIGNED
    assert dcr("sign", submission, "--key", developer.key, "--cert", developer.cert).code == 0
    verdict = dcr("verify", submission, "--trust", developer.ca)
    assert verdict.code == ExitCode.OK and "Priya Raman" in verdict.out
    data = load_yaml(submission.read_text(encoding="utf-8"))
    data["attestation"]["statement"] = "Nothing here is promised."
    submission.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert dcr("verify", submission, "--trust", developer.ca).code == ExitCode.TAMPERED


def test_reports_show_the_attestation(submission: Path, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """The CLI summary, the PDF cover and the workbook name who attested, in what role, and what."""
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    result = dcr("assess", submission, "--pdf", pdf, "--xlsx", xlsx)
    assert result.code == 0 and "Attested by Priya Raman (Chief Executive Officer) on 2026-10-16" in result.out
    cover = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "Developer's attestation" in cover and "Priya Raman, Chief Executive Officer" in cover
    facts = {r[0]: r[1] for r in load_workbook(xlsx)["Summary"].iter_rows(max_col=2, values_only=True) if r[0]}
    assert facts["Developer's attestation"].startswith("Priya Raman, Chief Executive Officer, 2026-10-16")


def test_review_binds_to_the_attestation(submission: Path, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A review made of the attested submission no longer applies once the attestation changes."""
    review = tmp_path / "review.yaml"
    assert dcr("review", "init", submission, "-o", review).code == 0
    data = load_yaml(submission.read_text(encoding="utf-8"))
    data["attestation"]["role"] = "Intern"
    submission.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = dcr("validate", submission, "--review", review)
    assert result.code == 4 and "[submission-changed]" in result.err


def test_attestation_names_are_one_line(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """An attesting name with a line break is refused at its line."""
    result = dcr("validate", attested(tmp_path, name="Priya\nRaman"))
    assert result.code == 4 and "[not-one-line]" in result.err

"""Reproducible bytes: the same inputs give byte-identical PDF, XLSX and JSON, whenever they are written."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, CliResult

pytestmark = pytest.mark.pdf  # renders, signs or verifies PDF reports

MATURE = ROOT / "examples" / "mature-lab.yaml"
MATURE_REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"


def outputs(folder: Path, dcr: Callable[..., CliResult], *review: Path) -> dict[str, bytes]:
    """The PDF, XLSX and JSON of one `dcr assess` run."""
    folder.mkdir()
    paths = {ext: folder / f"report.{ext}" for ext in ("pdf", "xlsx", "json")}
    args = [a for ext, p in paths.items() for a in (f"--{ext}", p)]
    assert dcr("assess", MATURE, *[a for r in review for a in ("--review", r)], *args, "-q").code == 0
    return {ext: p.read_bytes() for ext, p in paths.items()}


@pytest.mark.parametrize("review", [(), (MATURE_REVIEW,)], ids=["self", "verified"])
def test_two_runs_give_identical_bytes(
    review: tuple[Path, ...], tmp_path: Path, dcr: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second run with the clock three days later writes exactly the same PDF, XLSX and JSON."""
    first = outputs(tmp_path / "first", dcr, *review)
    later = time.time() + 3 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    second = outputs(tmp_path / "second", dcr, *review)
    for ext in ("pdf", "xlsx", "json"):
        assert first[ext] == second[ext], ext
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first["xlsx"])).infolist()}
    assert stamps == {(2026, 11, 6, 0, 0, 0) if review else (2026, 10, 15, 0, 0, 0)}


def test_embedded_files_are_in_name_order(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """The EmbeddedFiles name tree lists its keys sorted, as the PDF specification requires."""
    pdf = outputs(tmp_path / "run", dcr, MATURE_REVIEW)["pdf"]
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    names = root["/Names"]["/EmbeddedFiles"]["/Names"][::2]
    assert names == sorted(names) == ["assessment.json", "review.json", "submission.json"]

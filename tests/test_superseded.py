"""Versions in plain sight: a result against a superseded version says so in every surface, naming the newer
version (from standard/versions.yaml) and `dcr migrate`; the app opens an example of the current version."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import assessor
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.versions import latest_published, library
from tests.conftest import ROOT, CliResult, load_yaml

SUPERSEDED = [v.version for v in library(default_standard_dir()) if v.status == "superseded"]
LATEST = latest_published(default_standard_dir()).version


def answering(version: str) -> Path:
    """A bundled mature-lab example that answers `version`."""
    found = [p for p in (ROOT / "examples").rglob("mature-lab.yaml")
             if load_yaml(p.read_text(encoding="utf-8"))["standard"]["version"] == version]  # fmt: skip
    assert found, f"no mature-lab example answers {version}"
    return found[0]


@pytest.mark.slow
def test_every_surface_names_the_newer_version(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """validate, the assess summary, the PDF and the workbook of a superseded version's result name the newer
    version and the migrate command; a current version's result says nothing of the kind."""
    assert SUPERSEDED, "the library has no superseded version to test"
    old = answering(SUPERSEDED[-1])
    said = f"superseded by DCRS {LATEST}"
    command = f"dcr migrate SUBMISSION --to {LATEST}"
    checked = dcr("validate", old)
    assert checked.code == 0 and "[warning: superseded-version]" in checked.err and said in checked.err
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    summary = dcr("assess", old, "--pdf", pdf, "--xlsx", xlsx)
    assert said in summary.out and command in summary.out and "superseded-version" not in summary.err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages[:3]).split())
    assert said in text and command in text
    facts = {r[0]: r[1] for r in load_workbook(xlsx)["Summary"].iter_rows(max_col=2, values_only=True) if r[0]}
    assert said in facts["Standard version"]
    current = dcr("validate", answering(LATEST))
    assert "superseded" not in current.err and assessor.version_notice("DCRS", version=LATEST) is None


def test_app_opens_a_current_example() -> None:
    """The example `make app` opens by name answers the latest published version."""
    from assessor.app.state import example_path

    path = example_path("mature-lab.yaml")
    assert load_yaml(path.read_text(encoding="utf-8"))["standard"]["version"] == LATEST

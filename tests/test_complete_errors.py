"""Errors never hide each other: a broken section skips only the rules that need it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import assessor
from tests.conftest import ROOT, load_yaml

EXAMPLE = ROOT / "examples" / "mature-lab.yaml"


def _codes(tmp_path: Path, change: Any) -> set[str]:
    data: dict[str, Any] = load_yaml(EXAMPLE.read_text(encoding="utf-8"))
    change(data)
    data["responses"][3]["requirement"] = "DCRS-AC-99"  # an unknown requirement elsewhere
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return {p.code for p in assessor.validate(tmp_path / "s.yaml").problems}


@pytest.mark.parametrize(
    "section",
    ["assessment.date", "organisation.name", "standard.version", "profile.models"],
)
def test_a_broken_section_hides_no_other_semantic_check(tmp_path: Path, section: str) -> None:
    """A bad assessment date (or organisation, standard reference, profile) still lets the unknown requirement
    elsewhere be reported."""
    top, key = section.split(".")
    bad: dict[str, Any] = {"date": "9999-12-31", "name": "", "version": "one", "models": "all of them"}

    def change(data: dict[str, Any]) -> None:
        data[top][key] = bad[key]

    codes = _codes(tmp_path, change)
    assert {"schema", "unknown-requirement"} <= codes, codes


@pytest.mark.slow
def test_a_broken_assessment_invents_no_date_problem(tmp_path: Path) -> None:
    """Without a valid assessment date, no evidence is reported as dated after it."""

    def change(data: dict[str, Any]) -> None:
        data["assessment"]["date"] = "someday"
        data["evidence"][0]["date"] = "2099-01-01"

    codes = _codes(tmp_path, change)
    assert "evidence-after-assessment" not in codes and "assessed-before-release" not in codes

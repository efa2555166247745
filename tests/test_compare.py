"""`dcr compare`: what improved, regressed, is new or removed between assessments, and why; across versions
through the migration maps."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import assessor
from assessor.compare.build import rule_changes
from assessor.scoring.declared import declared_rules
from tests.conftest import MATURE_1_2, ROOT, CliResult, load_yaml

DEVELOPING = {v: ROOT / "examples" / v / "developing-lab.yaml" for v in ("1.1.0", "1.2.0")}


def test_an_assessment_against_itself_shows_no_change() -> None:
    """Comparing an assessment with itself finds no requirement and no domain that moved."""
    comparison = assessor.compare([MATURE_1_2, MATURE_1_2])
    step = comparison.steps[0]
    assert step.unchanged and step.requirements == [] and step.through is None
    assert "No change." in assessor.comparison_text(comparison)


@pytest.mark.slow
def test_a_better_answer_is_an_improvement_with_its_evidence(tmp_path: Path) -> None:
    """Claiming fully with a new evidence item is reported as improved, naming the evidence added."""
    data = load_yaml(MATURE_1_2.read_text(encoding="utf-8"))
    before = assessor.assess(MATURE_1_2).assessment
    weak = next(r for r in before.requirements if r.applicable and r.supported == "partially")
    response = next(r for r in data["responses"] if r["requirement"] == weak.id)
    response["evidence"] = []
    response["status"] = "not_implemented"
    worse = tmp_path / "worse.yaml"
    worse.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    comparison = assessor.compare([worse, MATURE_1_2])
    changes = {c.requirement: c for c in comparison.steps[0].requirements}
    assert changes[weak.id].direction == "improved"
    assert changes[weak.id].after == "partially" and changes[weak.id].before == "not_implemented"
    assert any(w.startswith("evidence added: ") for w in changes[weak.id].why)
    assert any(w.startswith("claimed not_implemented → ") for w in changes[weak.id].why)
    back = {c.requirement: c for c in assessor.compare([MATURE_1_2, worse]).steps[0].requirements}
    assert back[weak.id].direction == "regressed"


def test_versions_are_compared_through_the_migration_map() -> None:
    """1.1.0 against 1.2.0 says the map was used, lists the scoring rules 1.2.0 adds, and matches merged and
    split requirements instead of calling them new."""
    comparison = assessor.compare([DEVELOPING["1.1.0"], DEVELOPING["1.2.0"]])
    step = comparison.steps[0]
    assert step.through == "across DCRS 1.1.0 → 1.2.0 through the migration map (declared)"
    assert step.rules and all(r.startswith("rule ") for r in step.rules)
    assert [c for c in step.requirements if c.direction in ("new", "removed")] == []
    text = assessor.comparison_text(comparison)
    assert "through the migration map" in text and "Regressed (" in text
    # The JSON keeps the codes; the text reads them as words and symbols.
    assert "partially → not implemented" in text and "(coverage ≥ 50 % and n ≥ 3)" in text
    assert "not_implemented" not in text and ">=" not in text


@pytest.mark.slow
def test_a_withdrawn_requirement_is_removed_and_an_added_one_new() -> None:
    """1.0.0 against 1.1.0: a requirement merged away is matched to what replaced it; one added is new."""
    step = assessor.compare([ROOT / "examples" / "developing-lab.yaml", DEVELOPING["1.1.0"]]).steps[0]
    pair = assessor.diff_standards("1.0.0", "1.1.0")
    added = {c.targets[0] for c in pair.requirements if c.changes == ["added"]}
    new = {c.requirement for c in step.requirements if c.direction == "new"}
    assert added and new <= added
    assert all(c.why for c in step.requirements)


def test_result_files_are_compared_as_they_are(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Result JSON files are read, not re-assessed; --format json prints the comparison's JSON."""
    for name in ("a", "b"):
        assessor.write_json(assessor.assess(MATURE_1_2), tmp_path / f"{name}.json")
    result = dcr("compare", tmp_path / "a.json", tmp_path / "b.json", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["format"] == "dcrs-comparison/1" and data["steps"][0]["requirements"] == []
    assert data["steps"][0]["before"]["label"] == "a.json"


def test_compare_needs_two(dcr: Callable[..., CliResult]) -> None:
    """One assessment alone is a usage error."""
    assert dcr("compare", MATURE_1_2).code == 2


def test_the_workbook_lists_what_moved(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """--xlsx writes the steps, domains and every moved requirement with its reasons."""
    from openpyxl import load_workbook

    result = dcr("compare", DEVELOPING["1.1.0"], DEVELOPING["1.2.0"], "--xlsx", tmp_path / "c.xlsx")
    assert result.code == 0, result.err
    wb = load_workbook(tmp_path / "c.xlsx")
    assert wb.sheetnames == ["Steps", "Domains", "Requirements"]
    moved = assessor.compare([DEVELOPING["1.1.0"], DEVELOPING["1.2.0"]]).steps[0].requirements
    rows = list(wb["Requirements"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3]) for r in rows] == [(m.requirement, m.direction) for m in moved] and rows


def test_the_text_names_rules_metrics_and_evidence_types(dcr: Callable[..., CliResult]) -> None:
    """The terminal comparison names scoring rules, metrics and evidence types in words, never by snake_case ids."""
    result = dcr("compare", ROOT / "examples" / "1.1.0" / "developing-lab.yaml",
                 ROOT / "examples" / "1.2.0" / "developing-lab.yaml")  # fmt: skip
    assert result.code == 0, result.err
    assert "Scoring: rule added: canonical locations" in result.out
    moved = [line for line in result.out.splitlines() if line.startswith(("Scoring:", "    because "))]
    assert moved and not [line for line in moved if re.search(r"\b[a-z]+_[a-z_]+\b|<=|>=", line)], moved


def test_compare_names_each_changed_rule_parameter() -> None:
    """Across 1.3.0 -> 1.4.0 the scoring note names each parameter a rule gained, with its value."""
    old, new = (assessor.load_standard(version=v).manifest.scoring for v in ("1.3.0", "1.4.0"))
    lines = rule_changes(declared_rules(old), declared_rules(new))
    assert "rule added: register_surfaces" in lines
    relevance = next(line for line in lines if line.startswith("rule parameters changed: relevance"))
    assert "readings_dated_by_activity: added (true)" in relevance

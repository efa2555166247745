"""The plan (the manifest's rules bound to their parameters) is made once per standard object, never shared."""

from __future__ import annotations

from pathlib import Path

from assessor.core.canonical import pretty_json
from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import RuleUse, Standard
from assessor.intake.loader import load_submission
from assessor.scoring.declared import declared_rules
from assessor.scoring.engine import plan, score

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "examples" / "1.2.0" / "mature-lab.yaml"


def _names(standard: Standard) -> list[str]:
    return [step.rule.name for step in plan(standard)]


def _with_rules(standard: Standard, rules: list[RuleUse]) -> Standard:
    """The same standard (same id, version and domains) declaring another rule list."""
    scoring = standard.manifest.scoring.model_copy(update={"rules": rules})
    return standard.model_copy(update={"manifest": standard.manifest.model_copy(update={"scoring": scoring})})


def test_each_standard_in_one_process_runs_its_own_rules() -> None:
    """Plans of three versions asked for in turn are each the version's own declared rules, every time."""
    standards = [load_standard(version=v) for v in ("1.0.0", "1.1.0", "1.2.0")]
    expected = [[u.rule for u in declared_rules(s.manifest.scoring)] for s in standards]
    assert len({tuple(e) for e in expected}) == 3
    for _ in range(2):
        assert [_names(s) for s in standards] == expected
        assert [_names(s) for s in reversed(standards)] == expected[::-1]


def test_a_standard_with_the_same_id_and_version_but_other_rules_gets_its_own_plan() -> None:
    """Two standard objects named alike but declaring different rules are planned and scored apart."""
    original = load_standard(version="1.2.0")
    rules = [u for u in declared_rules(original.manifest.scoring) if u.rule != "narrative_flags"]
    variant = _with_rules(original, rules)
    lab = load_submission(LAB, original)
    before = pretty_json(score(original, lab))
    assert "narrative_flags" in _names(original)
    assert "narrative_flags" not in _names(variant)
    assert pretty_json(score(variant, lab)) != before
    assert pretty_json(score(original, lab)) == before


def test_a_plan_handed_out_cannot_change_the_next_one() -> None:
    """Changing the list plan() returned leaves the standard's plan as declared."""
    standard = load_standard(version="1.0.0")
    steps = plan(standard)
    steps.clear()
    assert _names(standard) == [u.rule for u in declared_rules(standard.manifest.scoring)]

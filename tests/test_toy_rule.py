"""Adding a scoring rule is one module plus manifest data: a fixture version runs a toy rule no engine knows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import assessor
import tests.toy_rule  # noqa: F401  (registers toy_drop_types, as a rule module does at import)
from assessor.api import check_standard
from tests.conftest import MATURE_1_2, load_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def toy_version(tmp_path: Path, rules: Path = DATA / "toy-rule" / "rules.yaml") -> Path:
    """A copy of DCRS 1.2.0 whose manifest lists the fixture's extra rule entries."""
    target = tmp_path / "toy"
    shutil.copytree(ROOT / "standard" / "1.2.0", target)
    manifest = target / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    for entry in load_yaml(rules.read_text(encoding="utf-8")):
        anchor = f"    - rule: {entry['after']}\n"
        at = text.index(anchor)
        following = text.index("    - rule:", at + len(anchor))
        added = yaml.safe_dump([entry["use"]], sort_keys=False, default_flow_style=True, width=1000)
        text = (
            text[:following]
            + "    "
            + added.strip().replace("[{", "- {", 1).removesuffix("]")
            + "\n"
            + text[following:]
        )
    manifest.write_text(text, encoding="utf-8")
    return target


def test_the_fixture_version_is_valid_and_lists_the_toy_rule(tmp_path: Path) -> None:
    """The toy version passes every standard check, and its manifest lists one rule more than 1.2.0."""
    loaded = check_standard(toy_version(tmp_path))
    assert loaded.problems == []
    rules = [use.rule for use in loaded.standard.manifest.scoring.rules or []]
    base = [use.rule for use in assessor.load_standard(version="1.2.0").manifest.scoring.rules or []]
    after = base.index("artefact_identity") + 1
    assert rules == [*base[:after], "toy_drop_types", *base[after:]]


def test_the_toy_rule_changes_the_result(tmp_path: Path) -> None:
    """Scored under the toy version, the lab's drills and tests count for nothing, so its score falls."""
    submission = MATURE_1_2
    plain = assessor.assess(submission)
    toy = assessor.assess(submission, standard=toy_version(tmp_path))
    assert plain.score is not None and toy.score is not None
    assert toy.score < plain.score and toy.level < plain.level


def test_the_toy_rule_with_nothing_to_drop_changes_nothing(tmp_path: Path) -> None:
    """With no types listed, the toy version scores exactly as 1.2.0 does: the rule is all the difference."""
    rules = tmp_path / "rules.yaml"
    entries = load_yaml((DATA / "toy-rule" / "rules.yaml").read_text(encoding="utf-8"))
    entries[0]["use"]["params"]["types"] = []
    rules.write_text(yaml.safe_dump(entries), encoding="utf-8")
    submission = MATURE_1_2
    plain = assessor.assess(submission)
    toy = assessor.assess(submission, standard=toy_version(tmp_path, rules))
    assert toy.assessment.model_dump(exclude={"provenance"}) == plain.assessment.model_dump(exclude={"provenance"})


@pytest.mark.parametrize(
    "bad,code", [({"types": ["MEMO"]}, "unknown-evidence-type"), ({"kinds": []}, "bad-rule-params")]
)
def test_the_toy_rule_gets_the_same_checks_as_a_bundled_one(tmp_path: Path, bad: dict[str, object], code: str) -> None:
    """Bad parameters of a rule registered from outside are located problems of the standard too."""
    rules = tmp_path / "rules.yaml"
    entries = load_yaml((DATA / "toy-rule" / "rules.yaml").read_text(encoding="utf-8"))
    entries[0]["use"]["params"] = bad
    rules.write_text(yaml.safe_dump(entries), encoding="utf-8")
    problems = check_standard(toy_version(tmp_path, rules)).problems
    assert {p.code for p in problems} == {code} and all(p.location.line > 0 for p in problems)


def test_nothing_in_the_package_names_the_toy_rule() -> None:
    """The engine, declared.py, registry.py and every other module are untouched by the toy rule."""
    sources = list((ROOT / "assessor").rglob("*.py"))
    assert len(sources) > 60
    assert [p for p in sources if "toy_drop_types" in p.read_text(encoding="utf-8")] == []

"""The DCRS 1.3.0 examples (examples/1.3.0/): the 1.2.0 examples carried across by `dcr migrate`, valid, scored
as 1.3.0's rules give (its two parameters find nothing to act on) (golden results: test_golden.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import assessor
from assessor.dcrs.loader import load_standard
from assessor.intake.loader import check_submission, load_submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment
from tests.conftest import load_yaml

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
FOLDER = EXAMPLES_DIR / "1.3.0"
EXAMPLES = sorted(FOLDER.glob("*.yaml"))
STANDARD = load_standard(version="1.3.0")
BEFORE = load_standard(version="1.2.0")


def assess(name: str) -> Assessment:
    """Score one 1.3.0 example."""
    return score(STANDARD, load_submission(FOLDER / f"{name}.yaml", STANDARD))


def outcome(a: Assessment) -> tuple[object, ...]:
    """Headline, every model's and every requirement's result, and the findings by requirement and cause."""
    models = [(m.name, m.level, m.score) for m in a.models or []]
    requirements = [(r.id, r.supported, r.credit, r.models) for r in a.requirements]
    findings = [(f.kind, f.requirement, f.cause, f.severity, f.credit_lost) for f in a.findings]
    return a.overall.level, a.overall.score, models, requirements, findings


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_1_3_example_is_valid(path: Path) -> None:
    """Each 1.3.0 example validates against 1.3.0 without errors and without a superseded-version warning."""
    checked = check_submission(path, STANDARD)
    assert [p for p in checked.problems if p.severity == "error"] == []
    assert {"superseded-version", "assessed-before-release"}.isdisjoint(p.code for p in checked.problems)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_1_3_example_is_its_1_2_example_migrated(path: Path, tmp_path: Path) -> None:
    """`dcr migrate --to 1.3.0` of the 1.2.0 example gives the same data, apart from the assessment date."""
    migrated = assessor.migrate(EXAMPLES_DIR / "1.2.0" / path.name, to_version="1.3.0").submission.model_dump(
        mode="json"
    )
    shipped = load_submission(path, STANDARD).model_dump(mode="json")
    assert shipped["assessment"].pop("date") == "2026-12-05" and migrated["assessment"].pop("date") == "2026-12-04"
    assert shipped == migrated


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_1_3_parameters_find_nothing_to_act_on(path: Path) -> None:
    """No artefact is registered twice and every registration is dated, so the two 1.3.0 parameters cannot act:
    each result (levels, scores, statuses, findings) is the 1.2.0 example's under 1.2.0."""
    evidence = load_yaml(path.read_text(encoding="utf-8"))["evidence"]
    places = Counter(e.get("sha256") or e["location"].split("#")[0] for e in evidence)
    assert [p for p, n in places.items() if n > 1] == [] and all(e.get("date") for e in evidence)
    before = score(BEFORE, load_submission(EXAMPLES_DIR / "1.2.0" / path.name, BEFORE))
    assert outcome(assess(path.stem)) == outcome(before)

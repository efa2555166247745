"""The DCRS 1.1.0 examples (examples/1.1.0/): valid, levels an assessor would defend, golden results."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessor.core.canonical import pretty_json
from assessor.dcrs.loader import load_standard
from assessor.intake.loader import check_submission, load_submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "1.1.0"
EXAMPLES = sorted(FOLDER.glob("*.yaml"))
GOLDEN = Path(__file__).resolve().parent / "golden" / "1.1.0"
REGENERATE = os.environ.get("DCR_REGEN_GOLDEN") == "1"
STANDARD = load_standard(version="1.1.0")


def assess(name: str) -> Assessment:
    """Score one 1.1.0 example."""
    return score(STANDARD, load_submission(FOLDER / f"{name}.yaml", STANDARD))


def test_three_1_1_examples() -> None:
    """Guard: the three bundled examples exist in their 1.1.0 form."""
    assert [p.stem for p in EXAMPLES] == ["developing-lab", "mature-lab", "open-weights-release"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_1_1_example_is_valid(path: Path) -> None:
    """Each 1.1.0 example validates without errors against 1.1.0."""
    checked = check_submission(path, STANDARD)
    assert [p for p in checked.problems if p.severity == "error"] == []


def test_mature_lab_is_held_at_level_1_by_one_threshold() -> None:
    """The mature lab's live rollback (34 min) misses 1.1.0's 30 minutes: level 1, one requirement from level 2."""
    a = assess("mature-lab")
    assert a.overall.level == 1 and a.headline is not None
    assert [b.requirement for b in a.headline.blockers] == ["DCRS-TK-05"]
    tk06 = next(r for r in a.requirements if r.id == "DCRS-TK-06")
    assert tk06.supported == "largely"  # the later, wider live drill supersedes the earlier failure
    ex08 = next(r for r in a.requirements if r.id == "DCRS-EX-08")
    assert ex08.supported == "largely" and "nothing_to_measure" in {x.code for x in ex08.reasons}


def test_open_weights_example_is_judged_per_model() -> None:
    """The API-only model keeps its own level; the headline is the open-weights model's."""
    a = assess("open-weights-release")
    assert a.models is not None
    levels = {m.name: m.level for m in a.models}
    assert levels["Sapling-L"] > levels["Sapling-8B"] == a.overall.level == 0


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_1_1_golden_result(path: Path) -> None:
    """The 1.1.0 assessment JSON equals the reviewed golden file (DCR_REGEN_GOLDEN=1 rewrites it)."""
    golden = GOLDEN / f"{path.stem}.json"
    actual = pretty_json(assess(path.stem))
    if REGENERATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}; run DCR_REGEN_GOLDEN=1 make test"
    assert actual == golden.read_text(encoding="utf-8")

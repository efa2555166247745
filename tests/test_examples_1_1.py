"""The DCRS 1.1.0 examples (examples/1.1.0/): levels an assessor would defend (golden results: test_golden.py)."""

from __future__ import annotations

from pathlib import Path

from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "1.1.0"
EXAMPLES = sorted(FOLDER.glob("*.yaml"))
STANDARD = load_standard(version="1.1.0")


def assess(name: str) -> Assessment:
    """Score one 1.1.0 example."""
    return score(STANDARD, load_submission(FOLDER / f"{name}.yaml", STANDARD))


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

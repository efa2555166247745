"""The DCRS 1.2.0 examples (examples/1.2.0/): judged per model on relevant evidence (golden: test_golden.py)."""

from __future__ import annotations

from pathlib import Path

from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment

FOLDER = Path(__file__).resolve().parent.parent / "examples" / "1.2.0"
EXAMPLES = sorted(FOLDER.glob("*.yaml"))
STANDARD = load_standard(version="1.2.0")


def assess(name: str) -> Assessment:
    """Score one 1.2.0 example."""
    return score(STANDARD, load_submission(FOLDER / f"{name}.yaml", STANDARD))


def test_mature_lab_rollback_is_judged_per_model() -> None:
    """Meridian-4's 34-minute rollback is a near miss inside the band; Meridian-4 Mini's own 21 minutes passes."""
    a = assess("mature-lab")
    tk05 = next(r for r in a.requirements if r.id == "DCRS-TK-05")
    assert tk05.models == {"Meridian-4": "largely", "Meridian-4 Mini": "fully"}
    near = [f for f in a.findings if f.requirement == "DCRS-TK-05" and f.cause == "near_miss"]
    assert len(near) == 1 and near[0].models == ["Meridian-4"] and "34 minutes" in (near[0].figure or "")


def test_headline_score_is_the_headline_models_own() -> None:
    """The headline level and score are both the weakest model's, and the result says which model that is."""
    a = assess("mature-lab")
    lead = next(m for m in a.models or [] if m.name == a.overall.score_model)
    assert (a.overall.level, a.overall.score) == (lead.level, lead.score)
    assert a.headline is not None and a.overall.score_model in a.headline.statement


def test_drill_before_release_and_self_attestation_count_for_nothing() -> None:
    """NIGHTJAR-2 ran before Meridian-4 existed and Internal Audit attests its own lab: both are findings."""
    a = assess("mature-lab")
    codes = {(i.code, tuple(i.evidence)) for i in a.inconsistencies or []}
    assert ("before_release", ("EV-036",)) in codes
    assert ("management_representation", ("EV-010",)) in codes
    assert a.headline is not None and a.headline.assurance_level == "none"


def test_open_weights_model_sets_the_headline() -> None:
    """The API-only model keeps its own level; the open-weights model's is the headline."""
    a = assess("open-weights-release")
    levels = {m.name: m.level for m in a.models or []}
    assert levels["Sapling-L"] > levels["Sapling-8B"] == a.overall.level == 0
    assert a.overall.score_model == "Sapling-8B"

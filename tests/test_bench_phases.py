"""The bench's phase timer scores exactly as the engine does, so the phases it times are the engine's."""

from __future__ import annotations

import pytest

from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.scoring.engine import score
from bench.phases import timed_phases
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("version", "example"),
    [("1.0.0", "mature-lab.yaml"), ("1.1.0", "1.1.0/mature-lab.yaml"), ("1.2.0", "1.2.0/developing-lab.yaml")],
)
def test_timed_phases_give_the_engines_result(version: str, example: str) -> None:
    """The phases run one after another give the result `score` gives, and each is timed."""
    standard = load_standard(version=version)
    submission = load_submission(ROOT / "examples" / example, standard)
    timed = timed_phases(standard, submission)
    assert timed.result == score(standard, submission)
    assert min(timed.register, timed.claims, timed.aggregate) >= 0.0
    assert timed.claims > 0.0

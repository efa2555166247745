"""Claims judged once for scopes that look alike to the rules stay each scope's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assessor.dcrs.loader import load_standard
from assessor.intake.loader import load_submission
from assessor.scoring import engine
from assessor.scoring.registry import Rule
from assessor.scoring.rules.params import NoParams
from assessor.scoring.state import Judged

ROOT = Path(__file__).resolve().parent.parent


def _judged(monkeypatch: pytest.MonkeyPatch, name: str) -> Judged:
    """The judged claims the aggregate rule receives for a 1.2.0 example."""
    seen: list[Judged] = []

    def keep(*parts: Any) -> Judged:
        seen.append(Judged(*parts))
        return seen[-1]

    monkeypatch.setattr(engine, "Judged", keep)
    standard = load_standard(version="1.2.0")
    engine.score(standard, load_submission(ROOT / "examples" / "1.2.0" / f"{name}.yaml", standard))
    return seen[0]


@pytest.mark.parametrize("name", ["mature-lab", "developing-lab", "open-weights-release"])
def test_every_claim_names_the_scope_it_was_judged_for(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Each scope's claims carry that scope, and only the open-weights model gets its caveat's cap."""
    judged = _judged(monkeypatch, name)
    assert len(judged.scopes) == 2
    for scope in judged.scopes:
        states = judged.states[scope.name]
        assert states and all(s.scope is scope for s in states)
        capped = [s for s in states if any(r.code == "scope_caveat" for r in s.reasons)]
        assert bool(capped) == bool(scope.caveats)


def test_a_claim_rule_cannot_declare_a_scope_field_that_does_not_exist() -> None:
    """Declaring an unknown scope field is refused when the rule is made."""
    with pytest.raises(ValueError, match="unknown scope fields"):
        Rule("x", "claim", NoParams, lambda s, p: s, "x", "x", reads=frozenset({"colour"}))

"""Fuzzing every loader with a bounded number of generated inputs: each returns or refuses, never crashes.

`make fuzz` runs the same targets for longer (tests/fuzz.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz_targets import TARGETS

EXAMPLES = {"workbook": 10, "standard": 25, "review": 25, "submission": 25, "draft": 50}  # slower ones get fewer


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_loader_never_crashes(name: str) -> None:
    """Generated input to this loader ends in a result or a located refusal (DcrError), never another error."""
    target, strategy = TARGETS[name]

    @settings(max_examples=EXAMPLES.get(name, 100), deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy())
    def run(value: Any) -> None:
        target(value)

    run()

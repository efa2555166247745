"""The bundled examples: valid, ordered as designed, reproducible, format-independent (golden results:
test_golden.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from assessor.core.canonical import pretty_json
from assessor.dcrs.models import Standard
from assessor.intake.loader import check_submission, load_submission
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment
from tests.conftest import EXAMPLES, CliResult, load_yaml


def assess(path: Path, standard: Standard) -> Assessment:
    """Score one example."""
    return score(standard, load_submission(path, standard))


def by_name(part: str) -> Path:
    """The example whose file name contains `part`."""
    (path,) = [p for p in EXAMPLES if part in p.name]
    return path


def test_three_examples_are_bundled() -> None:
    """Guard: a mature, a developing and an open-weights example exist."""
    assert len(EXAMPLES) >= 3
    for part in ("mature", "developing", "open-weights"):
        by_name(part)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_is_valid(path: Path, standard: Standard) -> None:
    """Each example validates with no errors and cites evidence for most answers."""
    checked = check_submission(path, standard)
    assert checked.errors == [], [str(p) for p in checked.errors]
    assert checked.submission is not None and len(checked.submission.evidence) >= 15


def test_levels_are_ordered_as_designed(standard: Standard) -> None:
    """Mature > developing > open-weights, which is at 0 with the scope caveat as its first finding."""
    mature, developing, open_weights = (assess(by_name(p), standard) for p in ("mature", "developing", "open-weights"))
    assert mature.overall.level > developing.overall.level > open_weights.overall.level == 0
    assert (mature.overall.score or 0) > (developing.overall.score or 0)
    assert open_weights.findings[0].kind == "scope_caveat"
    assert [c.id for c in open_weights.caveats] == ["open-weights"]


def test_examples_exercise_every_rule(standard: Standard) -> None:
    """Between them the examples trigger every kind of reason the engine gives."""
    codes = {reason.code for p in EXAMPLES for r in assess(p, standard).requirements for reason in r.reasons}
    # The shipped policy accepts N/A only out of scope, which is reported as out_of_scope.
    expected = {
        "missing_evidence",
        "stale_evidence",
        "metric_failed",
        "missing_response",
        "not_applicable_rejected",
        "out_of_scope",
        "scope_caveat",
    }
    assert expected <= codes


def test_two_runs_give_identical_bytes(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`dcr assess --json` twice on the same example writes byte-identical files."""
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert dcr("assess", by_name("mature"), "--json", first).code == 0
    assert dcr("assess", by_name("mature"), "--json", second).code == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_yaml_and_json_give_the_same_result(path: Path, tmp_path: Path, standard: Standard) -> None:
    """The same submission as JSON hashes alike and scores to identical JSON."""
    as_json = tmp_path / path.with_suffix(".json").name
    as_json.write_text(json.dumps(load_yaml(path.read_text(encoding="utf-8")), default=str), encoding="utf-8")
    assert pretty_json(assess(as_json, standard)) == pretty_json(assess(path, standard))

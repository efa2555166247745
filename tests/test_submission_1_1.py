"""Submission fields added for DCRS 1.1.0: optional, validated, and invisible while unset."""

from __future__ import annotations

from pathlib import Path

import yaml

from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.loader import check_submission
from tests.conftest import EXAMPLES, load_yaml

DATA = Path(__file__).resolve().parent / "data"


def test_a_reading_has_a_value_or_a_reason_not_both(tmp_path: Path, mini: Standard) -> None:
    """A metric reading with both a value and nothing_to_measure (or neither) is refused at its line."""
    data = load_yaml((DATA / "valid-mini-submission.yaml").read_text(encoding="utf-8"))
    test = next(e for e in data["evidence"] if e["id"] == "T1")
    test["metrics"][0]["nothing_to_measure"] = "No drill was due."
    path = tmp_path / "both.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    [problem] = [p for p in check_submission(path, mini).errors if p.code == "reading-kind"]
    assert "nothing_to_measure" in problem.message and problem.location.line > 0


def test_scope_fields_validate(tmp_path: Path, mini: Standard) -> None:
    """Setting, coverage, surfaces and sample size on a reading, and surfaces on an item, are accepted."""
    data = load_yaml((DATA / "valid-mini-submission.yaml").read_text(encoding="utf-8"))
    test = next(e for e in data["evidence"] if e["id"] == "T1")
    test["surfaces"] = ["api"]
    test["metrics"][0].update(setting="live", coverage_percent=71, surfaces=["api"], sample_size=3)
    path = tmp_path / "scoped.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    checked = check_submission(path, mini)
    assert checked.errors == [] and checked.submission is not None
    assert checked.submission.evidence[1].metrics[0].coverage_percent == 71


def test_unset_fields_leave_the_content_hash_alone(standard: Standard) -> None:
    """A 1.0.0 submission's dump, and so its content hash, has none of the new keys."""
    checked = check_submission(EXAMPLES[0], standard)
    assert checked.submission is not None
    dumped = checked.submission.model_dump(mode="json")
    keys = {k for e in dumped["evidence"] for k in e} | {k for e in dumped["evidence"] for m in e["metrics"] for k in m}
    assert not keys & {"surfaces", "setting", "coverage_percent", "sample_size", "nothing_to_measure"}
    assert len(submission_sha256(checked.submission)) == 64

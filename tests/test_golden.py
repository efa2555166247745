"""Every bundled example of every shipped version: valid against its version, and its assessment equal to the
reviewed golden file. Results for a published version never change, so a change here is a deliberate one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessor.core.canonical import pretty_json
from assessor.dcrs.loader import load_standard
from assessor.intake.loader import check_submission, load_submission
from assessor.scoring.engine import score

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples"
REGENERATE = os.environ.get("DCR_REGEN_GOLDEN") == "1"
NAMES = ["developing-lab", "mature-lab", "open-weights-release"]
# Where each version's examples and golden results live (1.0.0's, the first, at the top of each folder).
FOLDERS = {
    "1.0.0": (EXAMPLES, TESTS / "golden"),
    "1.1.0": (EXAMPLES / "1.1.0", TESTS / "golden" / "1.1.0"),
    "1.2.0": (EXAMPLES / "1.2.0", TESTS / "golden" / "1.2.0"),
    "1.3.0": (EXAMPLES / "1.3.0", TESTS / "golden" / "1.3.0"),
}
CASES = [(version, name) for version in FOLDERS for name in NAMES]


@pytest.mark.parametrize("version", FOLDERS)
def test_each_version_bundles_the_three_examples(version: str) -> None:
    """Guard: the mature, developing and open-weights examples exist in each version's form, and only they."""
    folder, _ = FOLDERS[version]
    assert sorted(p.stem for p in folder.glob("*.yaml")) == NAMES


@pytest.mark.parametrize(("version", "name"), CASES, ids=[f"{v}-{n}" for v, n in CASES])
def test_example_is_valid(version: str, name: str) -> None:
    """Each example validates against its version with no error."""
    standard = load_standard(version=version)
    checked = check_submission(FOLDERS[version][0] / f"{name}.yaml", standard)
    assert checked.errors == [], [str(p) for p in checked.errors]


@pytest.mark.parametrize(("version", "name"), CASES, ids=[f"{v}-{n}" for v, n in CASES])
def test_golden_result(version: str, name: str) -> None:
    """The assessment JSON equals the reviewed golden file (DCR_REGEN_GOLDEN=1 rewrites it)."""
    folder, goldens = FOLDERS[version]
    standard = load_standard(version=version)
    golden = goldens / f"{name}.json"
    actual = pretty_json(score(standard, load_submission(folder / f"{name}.yaml", standard)))
    if REGENERATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}; run DCR_REGEN_GOLDEN=1 make test"
    assert actual == golden.read_text(encoding="utf-8")

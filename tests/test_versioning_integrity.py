"""The versioning rules hold changes to what they are: a narrower tolerance band is not a patch, a withdrawal is
declared as one, a withdrawn id is never reused, and a version name is SemVer without build metadata."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

import assessor
from assessor.dcrs.library import load_policy
from assessor.dcrs.models import Manifest
from tests.conftest import CliResult
from tests.integrity_helpers import STANDARD, library_copy, replace_once, set_map_entry
from tests.published_library import bumped, latest_published, published_library

LATEST = latest_published()
DRAFT = bumped(LATEST, "minor")  # the draft the repository holds, built on LATEST
PATCH = bumped(LATEST, "patch")
LIFECYCLE = {"version", "status", "released"}


def test_a_narrower_tolerance_band_needs_a_minor_bump(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Narrowing a metric's tolerance band (it turns near misses into failures) as a patch is refused."""
    library = published_library(tmp_path / "standard")
    folder = assessor.standard_new_version(PATCH, standard=library)
    band = "tolerance_percent: 20"
    replace_once(folder / "manifest.yaml", band, "tolerance_percent: 5", start="  - id: time_to_rollback_minutes")
    result = dcr("standard", "validate", library, "--standard-version", PATCH, "--against", LATEST)
    assert result.code == 3 and "bump-too-small" in result.err and "metrics.time_to_rollback_minutes" in result.err


def test_the_policy_names_every_manifest_section() -> None:
    """Every section of the manifest has its own bump in the shipped policy, none left to the default."""
    assert set(load_policy(STANDARD).manifest) == set(Manifest.model_fields) - LIFECYCLE


def test_a_misspelt_policy_section_is_refused(tmp_path: Path) -> None:
    """A policy section the manifest does not have is an error at its line in versions.yaml."""
    library = library_copy(tmp_path / "standard")
    replace_once(library / "versions.yaml", "    metrics: minor\n", "    metric: minor\n")
    with pytest.raises(assessor.InvalidStandard) as caught:
        load_policy(library)
    assert [str(p.location).split(":")[0] for p in caught.value.problems] == ["standard/versions.yaml"]
    assert "metric" in str(caught.value.problems[0])


def test_a_withdrawal_must_be_declared_as_one(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """DCRS-EX-05 withdrawn (replaced_by DCRS-EX-04, its evidence dropped) but mapped to itself as an evidence
    change fails the check, so `dcr migrate` cannot carry its answers across unmarked."""
    library = library_copy(tmp_path / "standard")
    ex = library / DRAFT / "domains" / "EX.yaml"
    text = ex.read_text(encoding="utf-8")
    start, end = text.index("  - id: DCRS-EX-05"), text.index("  - id: DCRS-EX-06")
    block = re.sub(r"    evidence:\n(      .*\n)+", "", text[start:end])
    block = block.replace(
        "    since: 1.0.0\n", "    status: withdrawn\n    since: 1.0.0\n    replaced_by: DCRS-EX-04\n"
    )
    ex.write_text(text[:start] + block + text[end:], encoding="utf-8")
    entry = "{source: DCRS-EX-05, targets: [DCRS-EX-05], changes: [evidence], relationship: intersects-with}"
    set_map_entry(library / DRAFT, "DCRS-EX-05", entry)
    result = dcr("standard", "validate", library, "--standard-version", DRAFT, "--against", LATEST)
    assert result.code == 3 and "[undeclared-change] DCRS-EX-05 shows withdrawn" in result.err, result.err


def test_a_withdrawn_id_is_never_reused(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """DCRS-RF-04 (withdrawn) brought back as an active requirement is refused at its mapping."""
    library = library_copy(tmp_path / "standard")
    rf = library / DRAFT / "domains" / "RF.yaml"
    replace_once(rf, "    status: withdrawn\n", "", start="  - id: DCRS-RF-04")
    replace_once(rf, "    replaced_by: DCRS-DT-04\n", "", start="  - id: DCRS-RF-04")
    entry = "{source: DCRS-RF-04, targets: [DCRS-RF-04], changes: [changed, withdrawn], relationship: no-relationship}"
    set_map_entry(library / DRAFT, "DCRS-RF-04", entry)
    result = dcr("standard", "validate", library, "--standard-version", DRAFT, "--against", LATEST)
    assert result.code == 3 and "[withdrawn-id-reused] DCRS-RF-04" in result.err, result.err


@pytest.mark.parametrize("name", ["1.5", "v1.5.0", "01.5.0", " 1.6.0", "1.6.0+build"])
def test_a_bad_version_name_is_a_usage_error(name: str, tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """`new-version` with a name that is not MAJOR.MINOR.PATCH[-PRE] exits 2 naming the accepted form."""
    library = library_copy(tmp_path / "standard")
    result = dcr("standard", "new-version", name, "--standard", library)
    assert result.code == 2 and "MAJOR.MINOR.PATCH" in result.err, result.err
    assert sorted(p.name for p in library.iterdir()) == sorted(p.name for p in STANDARD.iterdir())

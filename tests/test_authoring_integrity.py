"""Publishing keeps the library's lifecycle honest: versions publish in order on published ones, a published
version's manifest says so, a draft cannot claim otherwise, and an edited published version is never used."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import assessor
from assessor.core.problems import UsageError
from assessor.dcrs.index_text import entries
from assessor.dcrs.library import folder_sha256
from tests.conftest import CliResult, load_yaml
from tests.integrity_helpers import TK05_THRESHOLD, library_copy, replace_once, tighten_rollback
from tests.published_library import bumped, latest_published, published_library

LATEST = latest_published()
PATCH, MINOR = bumped(LATEST, "patch"), bumped(LATEST, "minor")
MATURE = Path(__file__).resolve().parent.parent / "examples" / LATEST / "mature-lab.yaml"


def statuses(library: Path) -> dict[str, str]:
    """version -> status, as the index lists them."""
    return {v: s for v, (s, _sha) in entries((library / "versions.yaml").read_text(encoding="utf-8")).items()}


@pytest.fixture
def stacked(tmp_path: Path) -> Path:
    """The published library with a patch draft and, on top of it, a minor draft tightening DCRS-TK-05."""
    library = published_library(tmp_path / "standard")
    assessor.standard_new_version(PATCH, standard=library)
    tighten_rollback(assessor.standard_new_version(MINOR, standard=library), 20)
    assessor.standard_pin(MINOR, standard=library)
    return library


def test_a_draft_built_on_a_draft_is_not_published(stacked: Path) -> None:
    """MINOR's map starts from the PATCH draft: publishing MINOR is refused at the map's from_version line."""
    with pytest.raises(assessor.InvalidStandard) as caught:
        assessor.standard_publish(MINOR, standard=stacked)
    [problem] = caught.value.problems
    assert (problem.code, problem.location.file, problem.location.line) == (
        "unpublished-base",
        f"{MINOR}/migration.yaml",
        3,
    )
    assert statuses(stacked)[MINOR] == "draft"


def test_publishing_below_the_newest_published_is_refused(stacked: Path) -> None:
    """Once MINOR is published (on LATEST), PATCH (older, on a superseded base) cannot be: one stays published."""
    replace_once(stacked / MINOR / "migration.yaml", f"from_version: {PATCH}", f"from_version: {LATEST}")
    assessor.standard_pin(MINOR, standard=stacked)
    assert assessor.standard_publish(MINOR, standard=stacked) == [LATEST]
    assessor.standard_pin(PATCH, standard=stacked)
    with pytest.raises(assessor.InvalidStandard) as caught:
        assessor.standard_publish(PATCH, standard=stacked)
    assert sorted(p.code for p in caught.value.problems) == ["published-out-of-order", "unpublished-base"]
    assert [v for v, s in statuses(stacked).items() if s == "published"] == [MINOR]


def test_a_published_version_says_so_everywhere(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """Publishing stamps the manifest (status published, the release date) and pins what it stamped: `standard
    show`, the OSCAL catalog and `standard validate` agree with the index."""
    library = published_library(tmp_path / "standard")
    assessor.standard_new_version(PATCH, standard=library)
    assessor.standard_pin(PATCH, standard=library)
    assert dcr("standard", "publish", PATCH, "--released", "2027-01-15", "--standard", library).code == 0
    manifest = load_yaml((library / PATCH / "manifest.yaml").read_text(encoding="utf-8"))
    assert (manifest["status"], manifest["released"]) == ("published", date(2027, 1, 15))
    assert entries((library / "versions.yaml").read_text(encoding="utf-8"))[PATCH][1] == folder_sha256(library / PATCH)
    assert "(published, 2027-01-15)" in dcr("standard", "show", library / PATCH).out.splitlines()[0]
    out = tmp_path / "catalog.json"
    assert dcr("standard", "export", "--oscal", out, "--standard", library, "--standard-version", PATCH).code == 0
    meta = json.loads(out.read_text(encoding="utf-8"))["catalog"]["metadata"]
    assert [p["value"] for p in meta["props"] if p["name"] == "lifecycle"] == ["published"]
    assert meta["last-modified"].startswith("2027-01-15")
    assert dcr("standard", "validate", library, "--standard-version", PATCH, "--against", LATEST).code == 0


def test_a_draft_claiming_to_be_published_is_invalid(tmp_path: Path, dcr: Callable[..., CliResult]) -> None:
    """A draft (in versions.yaml) whose manifest says `status: published` fails `standard validate`, located."""
    library = published_library(tmp_path / "standard")
    manifest = assessor.standard_new_version(PATCH, standard=library) / "manifest.yaml"
    replace_once(manifest, "status: draft\n", "status: published\nreleased: 2027-01-01\n")
    result = dcr("standard", "validate", library, "--standard-version", PATCH, "--against", LATEST)
    assert result.code == 3 and f"{PATCH}/manifest.yaml:7: [lifecycle-mismatch]" in result.err, result.err


def test_an_edited_published_version_is_refused_wherever_it_is_loaded(
    tmp_path: Path, dcr: Callable[..., CliResult]
) -> None:
    """An edit to a published folder makes assess, validate, show, diff and render refuse it (exit 3, the pin's
    line in versions.yaml), instead of scoring altered content under the published number."""
    library = library_copy(tmp_path / "standard")
    replace_once(library / LATEST / "domains" / "TK.yaml", TK05_THRESHOLD, "        value: 25\n")
    runs = {
        "assess": dcr("assess", MATURE, "--standard", library),
        "validate": dcr("validate", MATURE, "--standard", library),
        "show": dcr("standard", "show", library / LATEST),
        "diff": dcr("standard", "diff", "1.2.0", LATEST, "--standard", library),
        "render": dcr("standard", "render", LATEST, "--html", tmp_path / "r.html", "--standard", library),
    }
    for name, run in runs.items():
        assert run.code == 3 and "versions.yaml" in run.err and "published-version-changed" in run.err, (name, run.err)


def test_an_errata_patch_is_drafted_beside_the_next_minor(tmp_path: Path) -> None:
    """With the next minor in draft, a patch of the published line is drafted from the published version and
    published; the minor draft, built on the version it superseded, must then be rebased before it publishes."""
    library = library_copy(tmp_path / "standard")
    assert statuses(library)[MINOR] == "draft"
    folder = assessor.standard_new_version(PATCH, standard=library)
    assert load_yaml((folder / "migration.yaml").read_text(encoding="utf-8"))["from_version"] == LATEST
    replace_once(folder / "domains" / "AC.yaml", "    title: Maintain control over model access\n",
                 "    title: Maintain control over model access at all times\n")  # fmt: skip
    replace_once(folder / "migration.yaml", "changes: [unchanged]", "changes: [reworded]", "DCRS-AC-01")
    assessor.standard_pin(PATCH, standard=library)
    assert assessor.standard_publish(PATCH, standard=library) == [LATEST]
    assessor.standard_pin(MINOR, standard=library)
    with pytest.raises(assessor.InvalidStandard) as caught:
        assessor.standard_publish(MINOR, standard=library)
    assert [p.code for p in caught.value.problems] == ["unpublished-base"]
    with pytest.raises(UsageError, match=f"{MINOR} already exists"):
        assessor.standard_new_version(MINOR, standard=library)

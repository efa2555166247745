"""Authoring versions: new-version, pin and publish in a copy of the library, under its versioning rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import assessor
from assessor.dcrs.index_text import entries
from tests.conftest import CliResult, load_yaml
from tests.published_library import bumped, latest_published, published_library

LATEST = latest_published()
PATCH, MINOR = bumped(LATEST, "patch"), bumped(LATEST, "minor")

ROLLBACK = 'metric: time_to_rollback_minutes\n        op: "<="\n        value: 30'


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A copy of the shipped library of versions (nothing in the repository's standard/ is touched)."""
    return published_library(tmp_path / "standard")


def statuses(library: Path) -> dict[str, str]:
    """version -> status, as the index lists them."""
    return {v: s for v, (s, _sha) in entries((library / "versions.yaml").read_text(encoding="utf-8")).items()}


def test_new_version_pin_publish_passes_validate_against(library: Path, dcr: Callable[..., CliResult]) -> None:
    """A patch version made by new-version, pinned and published is accepted by `standard validate --against`,
    and supersedes the release before it."""
    before = statuses(library)
    assert dcr("standard", "new-version", PATCH, "--standard", library).code == 0
    assert statuses(library)[PATCH] == "draft"
    assert dcr("standard", "pin", PATCH, "--standard", library).code == 0
    published = dcr("standard", "publish", PATCH, "--standard", library)
    assert published.code == 0, published.err
    assert statuses(library) == {v: "superseded" for v in before} | {PATCH: "published"}
    checked = dcr("standard", "validate", library, "--standard-version", PATCH, "--against", LATEST)
    assert checked.code == 0, checked.err
    assert assessor.load_standard(library).manifest.version == PATCH


def test_a_minor_version_with_a_typed_threshold_change_publishes(library: Path) -> None:
    """The next minor version tightening one threshold, the change typed in its scaffolded map, passes the rules
    and publishes."""
    folder = assessor.standard_new_version(MINOR, standard=library)
    tk = folder / "domains" / "TK.yaml"
    tk.write_text(tk.read_text(encoding="utf-8").replace(ROLLBACK, ROLLBACK[:-2] + "20", 1), encoding="utf-8")
    path = folder / "migration.yaml"
    migration = load_yaml(path.read_text(encoding="utf-8"))
    for m in migration["mappings"]:
        if m["source"] == "DCRS-TK-05":
            m["changes"], m["relationship"] = ["threshold"], "subset-of"
    path.write_text(yaml.safe_dump(migration, sort_keys=False), encoding="utf-8")
    assessor.standard_pin(MINOR, standard=library)
    assert assessor.standard_publish(MINOR, standard=library) == [LATEST]
    assert assessor.check_versioning(LATEST, MINOR, standard=library) == []


def test_a_new_version_is_a_draft_in_its_own_manifest(library: Path) -> None:
    """The copied manifest says `status: draft` and carries no release date, whatever the version it copies says."""
    folder = assessor.standard_new_version(MINOR, standard=library)
    manifest = load_yaml((folder / "manifest.yaml").read_text(encoding="utf-8"))
    assert (manifest["version"], manifest["status"], "released" in manifest) == (MINOR, "draft", False)
    assert assessor.load_standard(folder).manifest.status == "draft"


def test_an_over_bumped_version_is_refused_at_publish(library: Path) -> None:
    """An unchanged copy numbered as a minor version breaks the bump rule: publishing refuses, located."""
    assessor.standard_new_version(MINOR, standard=library)
    assessor.standard_pin(MINOR, standard=library)
    with pytest.raises(assessor.InvalidStandard) as caught:
        assessor.standard_publish(MINOR, standard=library)
    assert [p.code for p in caught.value.problems] == ["bump-too-large"]
    assert caught.value.problems[0].location.line > 0 and statuses(library)[MINOR] == "draft"


def test_publishing_needs_a_current_pin(library: Path) -> None:
    """A draft not pinned, or changed after pinning, is not published."""
    folder = assessor.standard_new_version(PATCH, standard=library)
    with pytest.raises(assessor.InvalidStandard, match="1 problem"):
        assessor.standard_publish(PATCH, standard=library)
    assessor.standard_pin(PATCH, standard=library)
    (folder / "glossary.yaml").write_text((folder / "glossary.yaml").read_text(encoding="utf-8") + "\n")
    with pytest.raises(assessor.InvalidStandard) as caught:
        assessor.standard_publish(PATCH, standard=library)
    assert caught.value.problems[0].code == "changed-since-pinned"


def test_a_pre_release_orders_before_its_release_and_supersedes_nothing(library: Path) -> None:
    """A patch pre-release publishes without superseding the latest release; the patch then supersedes both; one
    SemVer order throughout."""
    assessor.standard_new_version(f"{PATCH}-rc.1", standard=library)
    assessor.standard_pin(f"{PATCH}-rc.1", standard=library)
    assert assessor.standard_publish(f"{PATCH}-rc.1", standard=library) == []
    assessor.standard_new_version(PATCH, standard=library)
    migration = (library / PATCH / "migration.yaml").read_text(encoding="utf-8")
    assert f"from_version: {PATCH}-rc.1" in migration
    assessor.standard_pin(PATCH, standard=library)
    assert assessor.standard_publish(PATCH, standard=library) == [LATEST, f"{PATCH}-rc.1"]
    with pytest.raises(assessor.DcrError, match="not newer"):
        assessor.standard_new_version(f"{PATCH}-rc.2", standard=library)


def test_published_versions_cannot_be_pinned_again(library: Path, dcr: Callable[..., CliResult]) -> None:
    """`pin` refuses a published version (its pin never changes) with a usage error."""
    result = dcr("standard", "pin", LATEST, "--standard", library)
    assert result.code == 2 and "never changes" in result.err

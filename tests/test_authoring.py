"""Authoring versions: new-version, pin and publish in a copy of the library, under its versioning rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import assessor
from assessor.dcrs.index_text import entries
from tests.conftest import CliResult
from tests.published_library import published_library

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
    assert dcr("standard", "new-version", "1.2.1", "--standard", library).code == 0
    assert statuses(library)["1.2.1"] == "draft"
    assert dcr("standard", "pin", "1.2.1", "--standard", library).code == 0
    published = dcr("standard", "publish", "1.2.1", "--standard", library)
    assert published.code == 0, published.err
    assert statuses(library) == {"1.0.0": "superseded", "1.1.0": "superseded", "1.2.0": "superseded",
                                 "1.2.1": "published"}  # fmt: skip
    checked = dcr("standard", "validate", library, "--standard-version", "1.2.1", "--against", "1.2.0")
    assert checked.code == 0, checked.err
    assert assessor.load_standard(library).manifest.version == "1.2.1"


def test_a_minor_version_with_a_typed_threshold_change_publishes(library: Path) -> None:
    """1.3.0 tightening one threshold, the change typed in its scaffolded map, passes the rules and publishes."""
    folder = assessor.standard_new_version("1.3.0", library=library)
    tk = folder / "domains" / "TK.yaml"
    tk.write_text(tk.read_text(encoding="utf-8").replace(ROLLBACK, ROLLBACK[:-2] + "20", 1), encoding="utf-8")
    path = folder / "migration.yaml"
    migration = yaml.safe_load(path.read_text(encoding="utf-8"))
    for m in migration["mappings"]:
        if m["source"] == "DCRS-TK-05":
            m["changes"], m["relationship"] = ["threshold"], "subset-of"
    path.write_text(yaml.safe_dump(migration, sort_keys=False), encoding="utf-8")
    assessor.standard_pin("1.3.0", library=library)
    assert assessor.standard_publish("1.3.0", library=library) == ["1.2.0"]
    assert assessor.check_versioning("1.3.0", "1.2.0", library=library) == []


def test_an_over_bumped_version_is_refused_at_publish(library: Path) -> None:
    """An unchanged copy numbered as a minor version breaks the bump rule: publishing refuses, located."""
    assessor.standard_new_version("1.3.0", library=library)
    assessor.standard_pin("1.3.0", library=library)
    with pytest.raises(assessor.InvalidStandard) as caught:
        assessor.standard_publish("1.3.0", library=library)
    assert [p.code for p in caught.value.problems] == ["bump-too-large"]
    assert caught.value.problems[0].location.line > 0 and statuses(library)["1.3.0"] == "draft"


def test_publishing_needs_a_current_pin(library: Path) -> None:
    """A draft not pinned, or changed after pinning, is not published."""
    folder = assessor.standard_new_version("1.2.1", library=library)
    with pytest.raises(assessor.InvalidStandard, match="1 problem"):
        assessor.standard_publish("1.2.1", library=library)
    assessor.standard_pin("1.2.1", library=library)
    (folder / "glossary.yaml").write_text((folder / "glossary.yaml").read_text(encoding="utf-8") + "\n")
    with pytest.raises(assessor.InvalidStandard) as caught:
        assessor.standard_publish("1.2.1", library=library)
    assert caught.value.problems[0].code == "changed-since-pinned"


def test_a_pre_release_orders_before_its_release_and_supersedes_nothing(library: Path) -> None:
    """1.2.1-rc.1 publishes without superseding 1.2.0; 1.2.1 then supersedes both; one SemVer order throughout."""
    assessor.standard_new_version("1.2.1-rc.1", library=library)
    assessor.standard_pin("1.2.1-rc.1", library=library)
    assert assessor.standard_publish("1.2.1-rc.1", library=library) == []
    assessor.standard_new_version("1.2.1", library=library)
    migration = (library / "1.2.1" / "migration.yaml").read_text(encoding="utf-8")
    assert "from_version: 1.2.1-rc.1" in migration
    assessor.standard_pin("1.2.1", library=library)
    assert assessor.standard_publish("1.2.1", library=library) == ["1.2.0", "1.2.1-rc.1"]
    with pytest.raises(assessor.DcrError, match="not newer"):
        assessor.standard_new_version("1.2.1-rc.2", library=library)


def test_published_versions_cannot_be_pinned_again(library: Path, dcr: Callable[..., CliResult]) -> None:
    """`pin` refuses a published version (its pin never changes) with a usage error."""
    result = dcr("standard", "pin", "1.2.0", "--standard", library)
    assert result.code == 2 and "never changes" in result.err

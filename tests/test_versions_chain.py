"""Three versions in a row: maps compose across the versions between, for diffs and migrations both ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assessor.api import check_versioning, diff_standards, load_submission, migrate, write_submission
from assessor.dcrs.library import folder_sha256
from assessor.dcrs.loader import load_standard
from tests.conftest import ROOT, load_yaml

LIBRARY = ROOT / "standard"
MATURE = ROOT / "examples" / "mature-lab.yaml"
TIGHTER = ('      - metric: time_to_suspend_account_minutes\n        op: "<="\n        value: 15\n',
           '      - metric: time_to_suspend_account_minutes\n        op: "<="\n        value: 5\n')  # fmt: skip


RELEASED_1_1 = "version: 1.1.0\nstatus: published\nreleased: 2026-10-01\n"  # the draft copy says draft


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of 1.0.0 (published), 1.1.0 (published) and a 1.2.0 draft that tightens DCRS-TK-01."""
    root = tmp_path_factory.mktemp("three")
    for version in ("1.0.0", "1.1.0"):
        shutil.copytree(LIBRARY / version, root / version)
    shutil.copytree(LIBRARY / "1.1.0", root / "1.2.0")
    new = root / "1.2.0"
    manifest = (new / "manifest.yaml").read_text(encoding="utf-8")
    drafted = manifest.replace(RELEASED_1_1, "version: 1.2.0\nstatus: draft\n", 1)
    (new / "manifest.yaml").write_text(drafted, encoding="utf-8")
    domain = (new / "domains" / "TK.yaml").read_text(encoding="utf-8")
    assert domain.count(TIGHTER[0]) == 1
    (new / "domains" / "TK.yaml").write_text(domain.replace(*TIGHTER), encoding="utf-8")
    ids = [r.id for r in load_standard(LIBRARY, "1.1.0").requirements()]
    mappings = [{"source": i, "targets": [i], "changes": ["unchanged"], "relationship": "equivalent-to"} for i in ids]
    tk01 = next(m for m in mappings if m["source"] == "DCRS-TK-01")
    tk01.update(changes=["threshold"], relationship="subset-of")
    migration = {"from_version": "1.1.0", "to_version": "1.2.0", "mappings": mappings}
    (new / "migration.yaml").write_text(yaml.safe_dump(migration), encoding="utf-8")
    index = load_yaml((LIBRARY / "versions.yaml").read_text(encoding="utf-8"))
    index["versions"] = [
        {"version": "1.0.0", "status": "superseded", "sha256": folder_sha256(root / "1.0.0")},
        {"version": "1.1.0", "status": "published", "sha256": folder_sha256(root / "1.1.0")},
        {"version": "1.2.0", "status": "draft"},
    ]
    (root / "versions.yaml").write_text(yaml.safe_dump(index), encoding="utf-8")
    return root


def test_the_new_step_passes_the_versioning_rules(three: Path) -> None:
    """Guard: 1.2.0 against 1.1.0 is sound, so the chain below is built from valid maps."""
    assert check_versioning("1.1.0", "1.2.0", standard=three) == []


def test_diff_across_two_steps_composes_the_maps(three: Path) -> None:
    """1.0.0 -> 1.2.0 carries 1.1.0's changes and 1.2.0's; backwards it is the same map inverted."""
    forward = diff_standards("1.0.0", "1.2.0", standard=three)
    assert forward.map == "composed"
    by_source = {c.source: c for c in forward.requirements}
    assert by_source["DCRS-TK-01"].changes == ["threshold"] and by_source["DCRS-TK-05"].changes[0] == "threshold"
    assert {"split", "merged", "moved", "withdrawn", "added"} <= set(forward.counts())
    back = diff_standards("1.2.0", "1.0.0", standard=three)
    assert back.map == "composed" and back.counts()["added"] == forward.counts()["withdrawn"]


def test_migrating_across_two_steps_and_back(three: Path, tmp_path: Path) -> None:
    """The mature lab goes 1.0.0 -> 1.2.0 and back, keeping every answer that was not marked or dropped."""
    forward = migrate(MATURE, to_version="1.2.0", standard=three)
    assert (forward.effect.old.version, forward.effect.new.version) == ("1.0.0", "1.2.0")
    out = tmp_path / "mature-1.2.0.yaml"
    write_submission(forward.submission, out, standard=forward.new_standard)
    back = migrate(out, to_version="1.0.0", standard=three)
    flagged = {s for m in forward.migrated.moves if m.action in ("review", "dropped") for s in m.sources}
    original = {r.requirement: r for r in load_submission(MATURE).responses}
    returned = {r.requirement: r for r in back.submission.responses}
    assert {i: returned[i] for i in original if i not in flagged} == {
        i: original[i] for i in original if i not in flagged
    }

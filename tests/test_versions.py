"""Versions side by side: pinned published versions, the typed migration map, diffs and the versioning rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from assessor.api import check_versioning, diff_standards
from assessor.core.problems import InvalidStandard
from assessor.dcrs.diff_render import only_kinds, render, word_diff
from assessor.dcrs.library import folder_sha256, load_map, load_policy, pinned_digests
from assessor.dcrs.loader import load_standard
from assessor.dcrs.versions import library
from tests.conftest import DATA, ROOT, load_yaml

LIBRARY = ROOT / "standard"
CORPUS = sorted((DATA / "versioning").glob("*.yaml"))
# The sha256 of the DCRS 1.0.0 folder as published: pinned here as well as in versions.yaml, so editing both
# together still fails.
DCRS_1_0_0 = "10884d81c27f9f5dedad63cff154588eb3e5ba1280990cd6767a5ae4aa95dd3f"
ISSUE_KINDS = {"added", "reworded", "changed", "moved", "split", "merged", "withdrawn", "threshold"}


def test_published_versions_are_pinned_and_unchanged() -> None:
    """Every published version's folder matches the sha256 its index pins (and 1.0.0 the one pinned here)."""
    pins = pinned_digests(LIBRARY)
    published = [v for v in library(LIBRARY) if v.status != "draft"]
    assert published, "guard: at least one published version"
    for info in published:
        assert folder_sha256(info.folder) == pins[info.version], info.version
    assert pins["1.0.0"] == DCRS_1_0_0


def test_every_1_0_0_id_is_accounted_for_in_the_map() -> None:
    """The 1.0.0 -> 1.1.0 map has exactly one mapping for each id published in 1.0.0."""
    published = (DATA / "dcrs-1.0.0-ids.txt").read_text().split()
    migration = load_map(LIBRARY / "1.1.0")
    assert migration is not None
    sources = [m.source for m in migration.mappings if m.source]
    assert sorted(sources) == sorted(published) and len(published) >= 45


def test_bundled_library_passes_its_versioning_rules() -> None:
    """1.1.0 checked against 1.0.0 by the declared rules has no problem."""
    assert check_versioning("1.0.0", "1.1.0") == []


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_diff_of_a_version_with_itself_is_empty(version: str) -> None:
    """A version compared with itself shows no change at all."""
    result = diff_standards(version, version)
    assert result.empty and result.counts() == {}
    assert len(result.unchanged) == len(load_standard(LIBRARY, version).requirements())


def test_diff_lists_every_kind_of_change_the_issue_names() -> None:
    """1.0.0 -> 1.1.0 exercises added, reworded, changed, moved, split, merged, withdrawn and threshold."""
    result = diff_standards("1.0.0", "1.1.0")
    assert result.map == "declared"
    assert set(result.counts()) >= ISSUE_KINDS
    text = render(result, "text")
    for kind in ISSUE_KINDS:
        assert any(kind in line for line in text.splitlines()[2:]), kind


def test_diff_backwards_inverts_the_map() -> None:
    """1.1.0 -> 1.0.0 reads the map backwards: split and merged swap, added and withdrawn swap."""
    forward, back = diff_standards("1.0.0", "1.1.0"), diff_standards("1.1.0", "1.0.0")
    assert back.map == "inverted"
    count_f, count_b = forward.counts(), back.counts()
    assert count_b["split"] == sum(1 for c in forward.requirements if "merged" in c.changes and c.source in c.targets)
    assert count_b["added"] == count_f["withdrawn"] and count_b["withdrawn"] == count_f["added"]


def test_diff_reports_manifest_entries_by_key() -> None:
    """A registry entry added in 1.1.0 shows as one keyed manifest change."""
    keys = {m.key: m.change for m in diff_standards("1.0.0", "1.1.0").manifest}
    new_metrics = {k for k in keys if k.startswith("metrics.")}
    assert new_metrics and all(keys[k] == "added" for k in new_metrics)


def test_diff_kind_filter_and_formats() -> None:
    """Filtering keeps only the kind asked for; JSON validates against the published diff schema; md is a table."""
    result = diff_standards("1.0.0", "1.1.0")
    split = only_kinds(result, ["split"])
    assert split.requirements and all("split" in c.changes for c in split.requirements)
    schema = json.loads((LIBRARY / "schema" / "diff.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(render(result, "json")))
    assert "| From | To | Changes |" in render(result, "md")


def test_migration_map_validates_against_its_schema() -> None:
    """The shipped map is valid under the published migration schema (a third party's view)."""
    schema = json.loads((LIBRARY / "schema" / "migration.schema.json").read_text())
    data = load_yaml((LIBRARY / "1.1.0" / "migration.yaml").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)


def test_policy_marks_meaning_changes_for_review() -> None:
    """The declared policy asks a person to review answers across split, merged, changed and withdrawn."""
    assert {"split", "merged", "changed", "withdrawn"} <= set(load_policy(LIBRARY).review)


def test_versioning_corpus_guard() -> None:
    """Guard: the corpus has invalid and valid cases."""
    names = [p.name for p in CORPUS]
    assert sum(n.startswith("invalid-") for n in names) >= 5 and any(n.startswith("valid-") for n in names)


@pytest.mark.parametrize("case", CORPUS, ids=[p.stem for p in CORPUS])
def test_versioning_corpus(case: Path, tmp_path: Path) -> None:
    """Each invalid case yields the code it names; each valid case yields no problem."""
    spec: dict[str, Any] = load_yaml(case.read_text())
    root = _library(tmp_path, spec)
    codes = {p.code for p in check_versioning("1.0.0", spec["version"], standard=root) if p.severity == "error"}
    assert codes == set() if spec["expect"] is None else spec["expect"] in codes, codes


def _library(tmp_path: Path, spec: dict[str, Any]) -> Path:
    """A library holding a copy of 1.0.0 (published, pinned) and a new version built from it as `spec` says."""
    root = tmp_path / "library"
    old, new = root / "1.0.0", root / spec["version"]
    shutil.copytree(LIBRARY / "1.0.0", old)
    shutil.copytree(LIBRARY / "1.0.0", new)
    _edit(new, [{"file": "manifest.yaml", "old": RELEASED_HEAD, "new": _head(spec)}])
    _edit(new, spec.get("edits", []))
    for req_id in spec.get("remove", []):
        _remove(new, req_id)
    (new / "migration.yaml").write_text(yaml.safe_dump(_map(spec)), encoding="utf-8")
    index = load_yaml((LIBRARY / "versions.yaml").read_text())
    index["versions"] = [
        {"version": "1.0.0", "status": "published", "sha256": folder_sha256(old)},
        {"version": spec["version"], "status": "draft"},
    ]
    (root / "versions.yaml").write_text(yaml.safe_dump(index), encoding="utf-8")
    _edit(old, spec.get("edits_old", []))
    return root


RELEASED_HEAD = "version: 1.0.0\nstatus: published\nreleased: 2026-10-01\n"  # a draft drops the release date


def _head(spec: dict[str, Any]) -> str:
    return f"version: {spec['version']}\nstatus: draft\n"


def _edit(folder: Path, edits: list[dict[str, str]]) -> None:
    for edit in edits:
        path = folder / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["old"]) == 1, f"{edit['file']}: the text to replace must occur once"
        path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")


def _remove(folder: Path, req_id: str) -> None:
    path = folder / "domains" / f"{req_id.split('-')[1]}.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    data["requirements"] = [r for r in data["requirements"] if r["id"] != req_id]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _map(spec: dict[str, Any]) -> dict[str, Any]:
    """Every 1.0.0 id unchanged, except the overrides and the ids left out on purpose."""
    ids = (DATA / "dcrs-1.0.0-ids.txt").read_text().split()
    overrides: dict[str, dict[str, Any]] = spec.get("map", {})
    mappings = []
    for req_id in ids:
        if req_id in spec.get("unmapped", []):
            continue
        entry = {"source": req_id, "targets": [req_id], "changes": ["unchanged"], "relationship": "equivalent-to"}
        mappings.append({**entry, **overrides.get(req_id, {})})
    return {"from_version": "1.0.0", "to_version": spec["version"], "mappings": mappings}


def test_versions_index_validates_against_its_schema() -> None:
    """standard/versions.yaml is valid under the published versions schema."""
    schema = json.loads((LIBRARY / "schema" / "versions.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(load_yaml((LIBRARY / "versions.yaml").read_text()))


def test_a_malformed_policy_is_reported_with_its_line(tmp_path: Path) -> None:
    """An unknown kind of change in the policy is an invalid standard, located in versions.yaml."""
    shutil.copytree(LIBRARY / "1.0.0", tmp_path / "1.0.0")
    text = (LIBRARY / "versions.yaml").read_text().replace("    reworded: patch\n", "    rephrased: patch\n")
    (tmp_path / "versions.yaml").write_text(text)
    with pytest.raises(InvalidStandard) as caught:
        load_policy(tmp_path)
    (problem,) = caught.value.problems
    assert problem.location.file.endswith("versions.yaml") and problem.location.line > 1


def test_word_diff_marks_removed_and_added_words() -> None:
    """Reworded text shows the words taken out and put in, with context cut to a few words."""
    assert word_diff("keep a b c d e f g h", "keep a b c X e f g h") == "keep a b c [-d-] {+X+} e f g h"
    long_context = " ".join(f"w{i}" for i in range(20))
    assert "…" in word_diff(f"{long_context} old", f"{long_context} new")


def test_diff_reports_a_scoring_rule_change_by_name(tmp_path: Path) -> None:
    """A changed credit shows as the scoring rule's keyed entry, with its old and new value."""
    spec = load_yaml((DATA / "versioning" / "invalid-scoring-rule-in-a-patch.yaml").read_text())
    root = _library(tmp_path, spec)
    changes = {m.key: (m.old, m.new) for m in diff_standards("1.0.0", "1.0.1", standard=root).manifest}
    assert changes == {"scoring.credits.largely": (0.75, 0.7)}


def test_a_malformed_map_is_an_invalid_standard_with_its_line(dcr: Any, tmp_path: Path) -> None:
    """An unknown kind of change in migration.yaml stops `validate --against` with exit 3 and the file's line."""
    spec = load_yaml((DATA / "versioning" / "valid-threshold-minor.yaml").read_text())
    root = _library(tmp_path, spec)
    path = root / "1.1.0" / "migration.yaml"
    path.write_text(path.read_text().replace("- threshold", "- tightened", 1))
    result = dcr("standard", "validate", root, "--against", "1.0.0")
    assert result.code == 3 and "1.1.0/migration.yaml:" in result.err and "tightened" in result.err


def test_a_missing_map_is_reported(tmp_path: Path) -> None:
    """A new version without a migration map from the old one fails the versioning check."""
    spec = load_yaml((DATA / "versioning" / "valid-threshold-minor.yaml").read_text())
    root = _library(tmp_path, spec)
    (root / "1.1.0" / "migration.yaml").unlink()
    assert "missing-map" in {p.code for p in check_versioning("1.0.0", "1.1.0", standard=root)}

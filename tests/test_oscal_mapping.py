"""Typed crosswalks (DCRS 1.3.0) and OSCAL mapping collections: the standard to each framework, and version to
version from the migration maps, validated against NIST's mapping schema."""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import assessor
from assessor.core import semver
from assessor.dcrs.loader import check_standard, default_standard_dir
from assessor.dcrs.oscal.common import NS
from assessor.dcrs.versions import library
from tests.conftest import CliResult, load_yaml
from tests.oscal_schemas import schema_errors

VERSIONS = [info.version for info in library(default_standard_dir())]


def _collections() -> dict[str, dict[str, object]]:
    return {
        name: doc for v in VERSIONS for name, doc in assessor.oscal_mappings(assessor.load_standard(version=v)).items()
    }


def test_every_version_gets_its_mapping_collections() -> None:
    """Guard: version maps for 1.1.0 on, framework maps for the typed crosswalks of 1.3.0 on, none before."""
    names = set(_collections())
    assert {f"dcrs-{a}-to-{b}.oscal.json" for a, b in itertools.pairwise(VERSIONS)} <= names
    typed = [v for v in VERSIONS if semver.key(v) >= semver.key("1.3.0")]
    framework = [n for n in names if not re.match(r"dcrs-[0-9.]+-to-[0-9]", n)]
    assert {n.split("-to-")[0].removeprefix("dcrs-") for n in framework} == set(typed)
    for v in typed:
        mine = [n for n in framework if n.startswith(f"dcrs-{v}-to-")]
        assert len(mine) >= 10 and f"dcrs-{v}-to-eu-gpai-cop.oscal.json" in mine


@pytest.mark.parametrize("name", sorted(_collections()))
def test_mapping_collection_meets_nists_schema(name: str) -> None:
    """Every mapping collection of every version validates against NIST's OSCAL mapping JSON Schema."""
    assert schema_errors(_collections()[name]) == []


def test_mapping_schema_check_can_fail() -> None:
    """NIST's mapping schema refuses a source of an unknown type and a map without its uuid, each at its JSON
    path (the check above is not vacuous)."""
    document = assessor.oscal_mappings(assessor.load_standard(version="1.3.0"))["dcrs-1.2.0-to-1.3.0.oscal.json"]
    first = document["mapping-collection"]["mappings"][0]["maps"]  # type: ignore[index]
    first[0]["sources"][0]["type"] = "requirement"
    del first[1]["uuid"]
    assert {error.split(": ")[0] for error in schema_errors(document)} == {
        "$['mapping-collection'].mappings[0].maps[0].sources[0].type",
        "$['mapping-collection'].mappings[0].maps[1]",
    }


def test_every_typed_crosswalk_entry_is_one_map() -> None:
    """Each crosswalk entry of 1.3.0 becomes exactly one map with its relationship and its rationale."""
    standard = assessor.load_standard(version="1.3.0")
    maps = [
        m
        for name, doc in assessor.oscal_mappings(standard).items()
        if "-to-1." not in name
        for mapping in doc["mapping-collection"]["mappings"]  # type: ignore[index]
        for m in mapping["maps"]
    ]
    entries = [(r.id, c) for r in standard.active_requirements() for c in r.crosswalk]
    assert len(maps) == len(entries) >= 100
    found = {(m["sources"][0]["id-ref"], m["targets"][0]["id-ref"]): (m["relationship"], m["remarks"]) for m in maps}
    assert all(found[(rid, c.ref)] == (c.relationship, c.rationale) for rid, c in entries)


def test_version_map_types_every_change() -> None:
    """1.0.0 -> 1.1.0: withdrawn ids map to their replacements, a split to both parts, and the one requirement
    new without a source is a target-side gap."""
    doc = assessor.oscal_mappings(assessor.load_standard(version="1.1.0"))["dcrs-1.0.0-to-1.1.0.oscal.json"]
    mapping = doc["mapping-collection"]["mappings"][0]
    by_source = {m["sources"][0]["id-ref"]: m for m in mapping["maps"]}
    assert [t["id-ref"] for t in by_source["DCRS-RF-04"]["targets"]] == ["DCRS-DT-04"]
    assert {"name": "change", "ns": NS, "value": "withdrawn"} in by_source["DCRS-RF-04"]["props"]
    assert [t["id-ref"] for t in by_source["DCRS-TK-03"]["targets"]] == ["DCRS-TK-03", "DCRS-TK-11"]
    assert mapping["target-gap-summary"]["unmapped-controls"] == [{"with-ids": ["DCRS-EX-08"]}]


def test_typed_crosswalks_follow_the_manifest(tmp_path: Path) -> None:
    """With crosswalk_relationships declared, an entry without relationship or rationale is refused at its line;
    without them, a typed entry is."""
    folder = tmp_path / "1.3.0"
    shutil.copytree(default_standard_dir() / "1.3.0", folder)
    path = folder / "domains" / "AC.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    del data["requirements"][0]["crosswalk"][1]["rationale"]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    found = [(p.code, str(p.location)) for p in check_standard(folder).problems]
    assert found == [("untyped-crosswalk", f"{folder.name}/domains/AC.yaml:{_line(path, 'framework: EU-GPAI-CoP')}")]
    manifest = folder / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text[: text.index("\n# How to read the typed crosswalk")] + "\n", encoding="utf-8")
    codes = {p.code for p in check_standard(folder).problems}
    assert codes == {"undeclared-relationship"}


def _line(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_cli_writes_the_mapping_collections(dcr: Callable[..., CliResult], tmp_path: Path) -> None:
    """`dcr standard export --oscal-mapping DIR` writes the framework and version maps of the chosen version."""
    done = dcr("standard", "export", "--oscal-mapping", str(tmp_path), "--standard-version", "1.3.0")
    assert done.code == 0, done.err
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "dcrs-1.2.0-to-1.3.0.oscal.json" in written and len(written) >= 11

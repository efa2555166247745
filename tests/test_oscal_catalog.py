"""The standard as an OSCAL 1.2.3 catalog: exact round trips, NIST's schema, hostile imports refused."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import assessor
from assessor.core.canonical import canonical_bytes, sha256_hex
from assessor.core.problems import InvalidStandard
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.oscal.catalog_import import import_catalog
from assessor.dcrs.versions import library
from tests.conftest import CliResult
from tests.oscal_schemas import SCHEMAS, schema_errors

VERSIONS = [info.version for info in library(default_standard_dir())]


def test_every_shipped_version_is_exported() -> None:
    """The tests below run over every version the library lists (a guard against a vacuous pass)."""
    assert {"1.0.0", "1.1.0", "1.2.0"} <= set(VERSIONS)


@pytest.mark.parametrize("version", VERSIONS)
def test_catalog_round_trips_exactly(version: str) -> None:
    """standard -> catalog -> standard is equal, and catalog -> standard -> catalog byte-exact under RFC 8785."""
    standard = assessor.load_standard(version=version)
    document = assessor.oscal_catalog(standard)
    back = import_catalog(assessor.oscal_json(document), "catalog.json")
    assert back == standard
    assert back.model_dump(mode="json") == standard.model_dump(mode="json")
    assert canonical_bytes(assessor.oscal_catalog(back)) == canonical_bytes(document)


@pytest.mark.parametrize("version", VERSIONS)
def test_catalog_meets_nists_schema(version: str) -> None:
    """Every version's catalog validates against NIST's published OSCAL catalog JSON Schema."""
    document = assessor.oscal_catalog(assessor.load_standard(version=version))
    assert schema_errors(document) == []
    assert document["catalog"]["metadata"]["oscal-version"] == "1.2.3"


def test_catalog_schema_check_can_fail() -> None:
    """NIST's catalog schema refuses a control id with spaces, a date without a time and a missing uuid, each at
    its JSON path (the check above is not vacuous)."""
    document = assessor.oscal_catalog(assessor.load_standard(version="1.2.0"))
    catalog = document["catalog"]
    catalog["groups"][0]["controls"][0]["id"] = "DCRS AC 01"
    catalog["metadata"]["last-modified"] = "2026-01-01"
    del catalog["uuid"]
    assert {error.split(": ")[0] for error in schema_errors(document)} == {
        "$.catalog.groups[0].controls[0].id",
        "$.catalog.metadata['last-modified']",
        "$.catalog",
    }


def test_catalog_carries_the_standard_as_oscal() -> None:
    """Domains are groups, requirements controls; withdrawn ones keep OSCAL's status and incorporated-into link."""
    document = assessor.oscal_catalog(assessor.load_standard(version="1.2.0"))["catalog"]
    assert [g["id"] for g in document["groups"]][:2] == ["AC", "GV"]
    controls = {c["id"]: c for g in document["groups"] for c in g["controls"]}
    withdrawn = controls["DCRS-RF-04"]
    assert {"name": "status", "value": "withdrawn"} in withdrawn["props"]
    assert withdrawn["links"] == [{"href": "#DCRS-DT-04", "rel": "incorporated-into"}]
    names = [p["name"] for p in controls["DCRS-TK-01"]["parts"]]
    assert names[:3] == ["statement", "guidance", "rationale"] and "crosswalk" in names and "metric" in names
    roles = [p["value"] for r in document["back-matter"]["resources"] for p in r["props"] if p["name"] == "role"]
    assert roles.count("derived-from") == 1 and roles.count("framework") >= 10


def test_the_vendored_schemas_are_nists() -> None:
    """The vendored schemas are NIST's release files, unmodified (identity and digest pinned), with the licence."""
    pinned = {
        "oscal_catalog_schema.json": "37d8dbb0b2b4ffb1d7973d455e8edcb38eaf73a50d01ffdbe3ac20285b9cb6ee",
        "oscal_mapping_schema.json": "6e9ef954394b1d42302e52f7c5dae05e35e577e5d83696d95e2181b5a15a6d6d",
        "oscal_assessment-results_schema.json": "37f41f6813c78e6d2c272b27030e17e93d7f92fee519c72e7531574fa0ecbb05",
    }
    for name, digest in pinned.items():
        data = (SCHEMAS / name).read_bytes()
        assert sha256_hex(data) == digest
        assert json.loads(data)["$id"].startswith("http://csrc.nist.gov/ns/oscal/1.2.3/")
    assert "public domain" in (SCHEMAS / "LICENSE.md").read_text(encoding="utf-8")


def _hostile() -> dict[str, Any]:
    """The 1.2.0 catalog with five different things wrong in five places."""
    document = assessor.oscal_catalog(assessor.load_standard(version="1.2.0"))
    catalog = document["catalog"]
    catalog["metadata"]["oscal-version"] = "1.0.4"
    control = catalog["groups"][0]["controls"][0]
    control["props"].append({"name": "owner", "ns": "https://elsewhere.example/ns", "value": "x"})
    control["links"] = [{"href": "https://evil.example/payload", "rel": "incorporated-into"}]
    control["params"] = [{"id": "p1"}]
    catalog["groups"][1]["controls"][0]["parts"][3]["links"] = [{"href": "#no-such-thing", "rel": "reference"}]
    return document


def test_hostile_catalog_is_refused_with_every_problem_located() -> None:
    """Wrong oscal-version, an unknown prop, a link out of the document, an unsupported field and a dangling
    link are all reported at once, each at its JSON path; nothing is read."""
    with pytest.raises(InvalidStandard) as refused:
        import_catalog(json.dumps(_hostile()), "hostile.json")
    found = {(p.code, p.location.cell) for p in refused.value.problems}
    assert found == {
        ("oscal-version", "$.catalog.metadata.oscal-version"),
        ("unknown-prop", "$.catalog.groups[0].controls[0].props[5]"),
        ("external-link", "$.catalog.groups[0].controls[0].links[0]"),
        ("unsupported-field", "$.catalog.groups[0].controls[0].params"),
        ("dangling-link", "$.catalog.groups[1].controls[0].parts[3].links[0]"),
    }


def test_oversized_and_deep_catalogs_are_refused(tmp_path: Path) -> None:
    """A catalog over the file limit, and one nested deeper than the limit, are refused before parsing."""
    huge = tmp_path / "huge.json"
    huge.write_text('{"catalog": "' + "x" * (11 * 1024 * 1024) + '"}', encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text('{"catalog": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    for path, code in ((huge, "too-large"), (deep, "too-deep")):
        with pytest.raises(InvalidStandard) as refused:
            assessor.read_oscal_catalog(path)
        assert [p.code for p in refused.value.problems] == [code]


def test_semantic_rules_run_on_an_imported_catalog() -> None:
    """A catalog that is valid OSCAL but breaks a rule of the standard (an unknown evidence type) is refused at
    the part that names it."""
    document = assessor.oscal_catalog(assessor.load_standard(version="1.2.0"))
    part = document["catalog"]["groups"][0]["controls"][0]["parts"][3]
    part["props"][0]["value"] = "NOPE"
    part["links"] = [{"href": f"#{document['catalog']['back-matter']['resources'][-1]['uuid']}", "rel": "reference"}]
    with pytest.raises(InvalidStandard) as refused:
        import_catalog(json.dumps(document), "c.json")
    assert [(p.code, p.location.cell) for p in refused.value.problems] == [
        ("unknown-evidence-type", "$.catalog.groups[0].controls[0].parts[3]")
    ]


def test_cli_exports_and_imports_a_version_folder(dcr: Callable[..., CliResult], tmp_path: Path) -> None:
    """`dcr standard export --oscal` then `import --oscal -o FOLDER` gives a folder that loads to the same data."""
    out = tmp_path / "dcrs.json"
    assert dcr("standard", "export", "--oscal", str(out), "--standard-version", "1.1.0").code == 0
    done = dcr("standard", "import", "--oscal", str(out), "-o", str(tmp_path / "std"))
    assert done.code == 0, done.err
    assert assessor.load_standard(tmp_path / "std") == assessor.load_standard(version="1.1.0")


def test_cli_reports_a_hostile_import_with_paths(dcr: Callable[..., CliResult], tmp_path: Path) -> None:
    """The CLI prints every problem of a hostile catalog with its JSON path and exits as for an invalid standard."""
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_hostile()), encoding="utf-8")
    done = dcr("standard", "import", "--oscal", str(path))
    assert done.code == 3
    assert "$.catalog.metadata.oscal-version" in done.err and "$.catalog.groups[0].controls[0].links[0]" in done.err
    assert "Traceback" not in done.err


def test_embedded_json_meets_the_same_bounds() -> None:
    """JSON hidden in a back-matter resource is parsed with the same limits: deep nesting inside it is refused
    at the resource, with the place inside the embedded document."""
    document = assessor.oscal_catalog(assessor.load_standard(version="1.2.0"))
    resources = document["catalog"]["back-matter"]["resources"]
    index = next(i for i, r in enumerate(resources) if r.get("base64", {}).get("filename") == "glossary.json")
    nested = '{"terms": ' + "[" * 40 + "]" * 40 + "}"
    resources[index]["base64"]["value"] = base64.b64encode(nested.encode()).decode()
    with pytest.raises(InvalidStandard) as refused:
        import_catalog(json.dumps(document), "c.json")
    assert [(p.code, p.location.cell) for p in refused.value.problems] == [
        ("too-deep", f"$.catalog.back-matter.resources[{index}].base64")
    ]

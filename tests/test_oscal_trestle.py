"""Every OSCAL document dcr writes, read by compliance-trestle: its pydantic models parse each one, and
`trestle validate -a` passes them all in a trestle workspace (and fails a broken one, so the check can fail).

trestle 5.2 models OSCAL 1.2.1 (`trestle.oscal.OSCAL_VERSION`); its oscal-version check accepts only 1.2.0 and
1.2.1 when switched on, and in this release it is switched off, so the 1.2.3 documents are read as they are.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from trestle.oscal import OSCAL_VERSION as TRESTLE_OSCAL
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog
from trestle.oscal.mapping import MappingCollection

import assessor
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.versions import library
from tests.conftest import ROOT

TRESTLE = Path(sys.executable).with_name("trestle")
VERSIONS = [info.version for info in library(default_standard_dir())]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "examples").glob("1.*/*.yaml"))
REVIEW = ROOT / "examples" / "reviews" / "mature-lab-review.yaml"
MODELS = {"catalog": Catalog, "mapping-collection": MappingCollection, "assessment-results": AssessmentResults}
FOLDERS = {
    "catalog": "catalogs",
    "mapping-collection": "mapping-collections",
    "assessment-results": "assessment-results",
}


def documents() -> dict[str, dict[str, Any]]:
    """Every catalog and mapping collection of every version, and the assessment results of every example."""
    docs: dict[str, dict[str, Any]] = {}
    for version in VERSIONS:
        standard = assessor.load_standard(version=version)
        docs[f"dcrs-{version}"] = assessor.oscal_catalog(standard)
        docs |= {name.removesuffix(".oscal.json"): doc for name, doc in assessor.oscal_mappings(standard).items()}
    for path in EXAMPLES:
        docs[f"ar-{path.parent.name}-{path.stem}"] = assessor.oscal_assessment_results(assessor.assess(path))
    reviewed = assessor.assess(ROOT / "examples" / "mature-lab.yaml", review=REVIEW)
    docs["ar-reviewed"] = assessor.oscal_assessment_results(reviewed)
    return docs


@pytest.mark.slow
def test_trestle_models_read_every_document() -> None:
    """trestle's Catalog, MappingCollection and AssessmentResults models parse every document (guarded count)."""
    docs = documents()
    kinds = [next(iter(doc)) for doc in docs.values()]
    assert kinds.count("catalog") == len(VERSIONS) >= 4 and kinds.count("mapping-collection") >= 13
    assert kinds.count("assessment-results") == len(EXAMPLES) + 1
    for doc in docs.values():
        ((root, body),) = doc.items()
        MODELS[root].model_validate(body)
    assert TRESTLE_OSCAL.startswith("1.2.")


@pytest.mark.parametrize("root", sorted(MODELS))
def test_trestle_models_refuse_a_broken_document(root: str) -> None:
    """Each trestle model refuses a document of its kind with the metadata's title removed (not vacuous)."""
    standard = assessor.load_standard(version="1.3.0")
    doc = {
        "catalog": assessor.oscal_catalog(standard),
        "mapping-collection": assessor.oscal_mappings(standard)["dcrs-1.2.0-to-1.3.0.oscal.json"],
        "assessment-results": assessor.oscal_assessment_results(assessor.assess(EXAMPLES[0])),
    }[root]
    del doc[root]["metadata"]["title"]
    with pytest.raises(ValidationError, match="title"):
        MODELS[root].model_validate(doc[root])


def _workspace(folder: Path, docs: dict[str, dict[str, Any]]) -> Path:
    subprocess.run([str(TRESTLE), "init"], cwd=folder, capture_output=True, text=True, check=True, timeout=120)
    for name, doc in docs.items():
        root = next(iter(doc))
        target = folder / FOLDERS[root] / name / f"{root}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(assessor.oscal_json(doc), encoding="utf-8")
    return folder


def _validate(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TRESTLE), "validate", "-a"], cwd=folder, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_trestle_validate_passes_every_document(tmp_path: Path) -> None:
    """`trestle validate -a` passes every catalog, mapping collection and assessment result."""
    docs = documents()
    done = _validate(_workspace(tmp_path, docs))
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert output.count("VALID: Model") == len(docs) and "INVALID" not in output


@pytest.mark.slow
def test_trestle_validate_fails_a_broken_document(tmp_path: Path) -> None:
    """The same check fails on a document with a duplicated UUID (the check is not vacuous)."""
    doc = assessor.oscal_assessment_results(assessor.assess(EXAMPLES[0]))
    findings = doc["assessment-results"]["results"][0]["findings"]
    findings[1]["uuid"] = findings[0]["uuid"]
    done = _validate(_workspace(tmp_path, {"broken": doc}))
    assert done.returncode != 0 and "INVALID" in done.stdout + done.stderr

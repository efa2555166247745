"""The results page offers OSCAL: the catalog of the standard the draft answers and the draft's assessment
results, the same bytes `dcr` writes and valid against NIST's schemas."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from trestle.oscal.assessment_results import AssessmentResults

import assessor
from tests.app_helpers import start, upload
from tests.app_helpers import workspace as workspace  # the fixture, re-exported for these tests
from tests.conftest import ROOT
from tests.oscal_schemas import schema_errors

Deferred = dict[str, Callable[[], Any]]


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> Iterator[Deferred]:
    """Every download the app builds on click, by file name (Streamlit's own registration, recorded)."""
    seen: Deferred = {}
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, data: Callable[[], Any], *args: Any, **kwargs: Any) -> str:
        name = kwargs.get("file_name", args[2] if len(args) > 2 else None)
        seen[str(name)] = data
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    yield seen


@pytest.mark.slow
@pytest.mark.parametrize("version", sorted(p.name for p in (ROOT / "examples").glob("1.*.*")))
def test_results_page_offers_the_oscal_of_the_open_draft(workspace: Path, deferred: Deferred, version: str) -> None:
    """An example of an older version gets that version's catalog and its assessment results, byte-equal to what
    the API writes for the same file and valid against NIST's OSCAL 1.2.3 schemas."""
    path = ROOT / "examples" / version / "mature-lab.yaml"
    at = upload(start(workspace), path)
    at.switch_page("views/results.py").run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels[3:] == [f"DCRS {version} catalog (OSCAL)", "Assessment results (OSCAL)"]
    catalog = deferred[f"dcrs-{version}.oscal.json"]()
    results = next(make for name, make in deferred.items() if name.endswith(".oscal-ar.json"))()
    expected = assessor.assess(path)
    assert catalog == assessor.oscal_json(assessor.oscal_catalog(expected.standard))
    assert results == assessor.oscal_json(assessor.oscal_assessment_results(expected))
    for text in (catalog, results):
        document = json.loads(text)
        assert schema_errors(document) == []
        assert next(iter(document.values()))["metadata"]["oscal-version"] == "1.2.3"
    assert json.loads(catalog)["catalog"]["metadata"]["version"] == version


@pytest.mark.slow
def test_review_page_offers_the_reviewed_results_as_oscal(workspace: Path, deferred: Deferred) -> None:
    """The review page's download tab offers the reviewed assessment as OSCAL assessment results: the bytes
    `dcr assess --review --oscal-ar` writes, with the reviewer's attestation and decision, read by trestle's model
    and valid against NIST's schemas."""
    path, review = ROOT / "examples" / "mature-lab.yaml", ROOT / "examples" / "reviews" / "mature-lab-review.yaml"
    at = upload(start(workspace), path)
    at.switch_page("views/review.py").run()
    at.file_uploader(key="review-upload").set_value((review.name, review.read_bytes(), "application/yaml")).run()
    at.session_state["review-tabs"] = "Download"
    at.run()
    assert not at.exception
    (button,) = [b for b in at.get("download_button") if b.label.endswith("(OSCAL)")]
    assert button.label == "Verified assessment results (OSCAL)" and not button.disabled
    text = deferred["verified.oscal-ar.json"]()
    expected = assessor.assess(path, review=review)
    assert text == assessor.oscal_json(assessor.oscal_assessment_results(expected))
    document = json.loads(text)
    assert schema_errors(document) == []
    results = AssessmentResults.model_validate(document["assessment-results"])
    (attestation,) = [a for r in results.results for a in r.attestations or []]
    signer = attestation.responsible_parties[0].party_uuids[0]  # type: ignore[index]
    parties = {str(p.uuid): p.name for p in results.metadata.parties or []}
    assert parties[str(signer)] == "Dr Amara Lindqvist"
    assert "approved" in [prop.value for part in attestation.parts for prop in part.props or []]

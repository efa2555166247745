"""The results page offers OSCAL: the catalog of the standard the draft answers and the draft's assessment
results, the same bytes `dcr` writes and valid against NIST's schemas."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

import assessor
from tests.conftest import ROOT
from tests.oscal_schemas import schema_errors
from tests.test_app import start, upload
from tests.test_app import workspace as workspace  # the fixture, re-exported for these tests

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


@pytest.mark.parametrize("version", ["1.1.0", "1.2.0"])
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

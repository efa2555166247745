"""The app's Portfolio page under AppTest: uploads of result files become the matrix, charts and downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import assessor
from tests.app_helpers import start, workspace
from tests.conftest import ROOT

__all__ = ["workspace"]

EXAMPLES_1_2 = sorted((ROOT / "examples" / "1.2.0").glob("*.yaml"))


def on_portfolio(at: AppTest) -> AppTest:
    """Switch to the Portfolio page."""
    return at.switch_page("views/portfolio.py").run()


@pytest.mark.slow
def test_the_page_asks_for_results(workspace: Path) -> None:
    """With nothing uploaded the page says what to upload."""
    at = on_portfolio(start(workspace))
    assert not at.exception and at.title[0].value == "Portfolio"
    assert "upload" in at.info[0].value


@pytest.mark.slow
def test_uploaded_results_make_the_matrix(workspace: Path) -> None:
    """Three results make a matrix of three organisations, with the charts and four downloads."""
    at = on_portfolio(start(workspace))
    files = [(f"{p.stem}.json", assessor.json_text(assessor.assess(p)).encode(), "application/json")
             for p in EXAMPLES_1_2]  # fmt: skip
    at.file_uploader(key="portfolio-upload").set_value(files).run()
    assert not at.exception and not at.error
    matrix = at.dataframe[0].value
    assert sorted(matrix["organisation"]) == sorted(assessor.assess(p).assessment.subject.organisation
                                                    for p in EXAMPLES_1_2)  # fmt: skip
    assert len(at.get("vega_lite_chart")) == 3 and len(at.get("download_button")) == 4


def test_a_file_that_is_no_result_is_named(workspace: Path) -> None:
    """An upload that is not a result is an error naming the file, and no portfolio is shown."""
    at = on_portfolio(start(workspace))
    at.file_uploader(key="portfolio-upload").set_value([("notes.json", b'{"a": 1}', "application/json")]).run()
    assert not at.exception and "notes\\.json" in at.error[0].value and not at.dataframe


def test_the_standard_page_picks_a_version(workspace: Path) -> None:
    """The Standard page's version picker lists every version with its status and shows the one chosen."""
    at = start(workspace).switch_page("views/standard.py").run()
    picker = at.selectbox(key="std-version")
    assert picker.value == assessor.load_standard().manifest.version
    assert "1.0.0" in picker.options[-1] and "superseded" in picker.options[-1]
    at = picker.set_value("1.0.0").run()
    assert not at.exception and at.title[0].value.startswith("DCRS 1\\.0\\.0")

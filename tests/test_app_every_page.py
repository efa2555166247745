"""Every page, and every tab of the self-assessment, opens without the app's catch-all error on each bundled
example of every version (the catch-all shows an error with a reference instead of raising, so a test checking
only for exceptions would pass over it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_helpers import start, upload, workspace  # noqa: F401
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # every page of seven examples
EXAMPLES = [ROOT / "examples" / "mature-lab.yaml", *sorted((ROOT / "examples").glob("1.[1-3].0/*.yaml"))]
PAGES = ["overview", "results", "standard", "versions", "history", "portfolio", "workflow", "review"]
CRASH = "Something went wrong"


def crashes(at: object) -> list[str]:
    """The catch-all errors the page shows."""
    return [e.value for e in at.error if CRASH in e.value]  # type: ignore[attr-defined]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{p.parent.name}/{p.stem}" for p in EXAMPLES])
def test_every_page_and_tab_opens(workspace: Path, example: Path) -> None:  # noqa: F811
    """No page and no self-assessment tab of the example's draft shows the catch-all error."""
    at = upload(start(workspace), example)
    assert not crashes(at)
    at.switch_page("views/self_assessment.py").run()
    tabs = ["Profile", "Evidence", "AC", "TK", "Export"]
    for tab in tabs:
        at.session_state["self-tabs"] = tab
        at.run()
        assert not at.exception and not crashes(at), (example.name, tab, crashes(at))
    for page in PAGES:
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception and not crashes(at), (example.name, page, crashes(at))

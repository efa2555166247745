"""The Versions page in a real browser: read the diff, migrate the open draft, continue editing it."""

from __future__ import annotations

import pytest

from tests.browser_helpers import TIMEOUT_MS, browser, server, shot
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser", "server"]  # the fixtures, imported so pytest finds them here


def test_versions_diff_migrate_and_continue(server: str, browser: object) -> None:
    """The diff lists the split; migrating the mature lab shows both levels; the migrated draft opens for editing."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server)
    page.get_by_role("region", name="Submission file").locator("input[type=file]").set_input_files(
        str(ROOT / "examples" / "mature-lab.yaml")
    )
    page.get_by_text("Valid · readiness level").wait_for()
    page.get_by_role("link", name="Versions").click()
    page.get_by_text("typed by the migration map").first.wait_for()  # the headline, and again in the redline
    shot(page, "7-versions-diff")
    page.get_by_role("tab", name="Migrate a submission").click()
    page.get_by_role("combobox", name="Migrate to").click()  # the newest version is the default
    page.get_by_role("option", name="1.1.0").click()
    page.get_by_text("Level under 1.1.0").wait_for()
    values = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    assert "2 (Established)" in values and "1 (Foundational)" in values
    shot(page, "8-versions-migrate")
    page.get_by_role("button", name="Continue editing the migrated draft").click()
    page.get_by_text("Valid · readiness level").wait_for()
    assert "readiness level 1 (Foundational)" in page.get_by_text("Valid · readiness level").inner_text()
    assert "1.1.0" in page.locator("h1").first.inner_text()
    page.close()

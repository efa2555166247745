"""The app in Chromium at two widths: no request leaves the machine, no Deploy button, no warning from the
server, and every page drawn to build/screenshots/ for people to look at."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser_helpers import CHROMIUM, TIMEOUT_MS, _free_port, _wait_healthy, open_page, shot
from tests.browser_helpers import browser as browser
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
PAGES = [("Self-assessment", "Validation"), ("Results", "Claimed and supported status"),
         ("Auditor review", "h1:has-text('Auditor review')"), ("Standard", "h1:has-text('DCRS')"),
         ("Portfolio", "h1:has-text('Portfolio')"), ("Overview", "Start an assessment")]  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server with its own workspace, its URL and the file its stderr goes to."""
    if not Path(CHROMIUM).is_file():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing; .ci/run installs the chromium package")
        pytest.skip("Chromium is not installed")
    port, log = _free_port(), tmp_path_factory.mktemp("log") / "stderr.txt"
    folder = tmp_path_factory.mktemp("workspace")
    env = {**os.environ, "DCR_WORKSPACE": str(folder), "DCR_DATABASE_URL": f"sqlite:///{folder / 'dcr.sqlite3'}"}
    env.pop("DCR_EXAMPLE", None)
    cmd = [
        str(Path(sys.executable).parent / "dcr"),
        "app",
        "--port",
        str(port),
        "--address",
        "127.0.0.1",
        "--example",
        "",
    ]
    with log.open("wb") as err:
        process = subprocess.Popen(cmd, cwd=tmp_path_factory.mktemp("cwd"), env=env, stdout=subprocess.DEVNULL,
                                   stderr=err)  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process)
            yield url, log
        finally:
            process.terminate()
            process.wait(timeout=20)


@pytest.mark.parametrize("width", [800, 1400])
def test_pages_stay_on_the_machine(served: tuple[str, Path], browser: object, width: int) -> None:
    """Every page at this width loads with requests to the local server only, no Deploy button and the content
    at the page's left edge, and is drawn to build/screenshots/."""
    url, _ = served
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    page.get_by_text("Start an assessment").wait_for()
    page.locator("input[type=file]").first.set_input_files(str(ROOT / "examples" / "developing-lab.yaml"))
    page.wait_for_timeout(3000)
    shot(page, f"offline-uploaded-{width}")
    page.get_by_text("Valid · readiness level").wait_for()
    for name, marker in PAGES:
        open_page(page, name)
        found = page.locator(marker) if marker.startswith("h1") else page.get_by_text(marker, exact=False)
        found.first.wait_for()
        shot(page, f"offline-{name.lower().replace(' ', '-')}-{width}")
        # Navigation runs along the top: no sidebar takes the page's width, at 800 px or at 1400.
        assert page.locator("h1").first.bounding_box()["x"] < width * 0.1, name
        assert page.locator("[data-testid=stAppDeployButton]").count() == 0, name
    page.close()
    remote = sorted({u for u in requested if urlsplit(u).scheme not in ("data", "blob")
                     and urlsplit(u).hostname not in LOCAL_HOSTS})  # fmt: skip
    assert remote == [] and len(requested) > 10


def test_server_logs_no_warning(served: tuple[str, Path], browser: object) -> None:
    """After the pages were served, the server's log holds no ScriptRunContext warning nor any warning."""
    url, log = served
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(url)
    page.get_by_text("Start an assessment").wait_for()
    page.get_by_role("link", name="Results").click()
    page.get_by_text("Results").first.wait_for()
    page.close()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "missing ScriptRunContext" not in text and "WARNING" not in text.upper().replace("WARNINGS", ""), text


def test_favicon_is_bundled() -> None:
    """The page icon is a file shipped with the app (no icon fetched from a CDN)."""
    assert (ROOT / "assessor" / "app" / "favicon.png").read_bytes().startswith(b"\x89PNG")

"""Benchmark rows for the app in a real browser: a page switch and an edit's re-run on the bundled example, in
Chromium, each beside the same action on a two-page Streamlit app of one widget a page served the same way
(the same server flags, the same browser, measured in the same run, alternately)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from bench.rows import Row
from bench.store_rows import CHROMIUM, CHROMIUM_ARGS, _app, served
from bench.timing import Timing

REPEAT = 12
# The bare floor: two pages of one status choice each, declared as the app declares its pages.
FLOOR_APP = """import streamlit as st

def one() -> None:
    st.title("Page one")
    st.selectbox("Status", ["fully", "partially"], key="one")

def two() -> None:
    st.title("Page two")
    st.selectbox("Status", ["fully", "partially"], key="two")

st.navigation([st.Page(one, title="One", default=True), st.Page(two, title="Two")]).run()
"""
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
OURS_PAGES = [("Results", "Claimed and supported status"), ("Standard", "Derived from"),
              ("Overview", "Start an assessment"), ("Self-assessment", "Valid · readiness level")]  # fmt: skip


def app_pages() -> list[Row]:
    """app-switch and app-edit: switching pages and one status change on the mature example, in Chromium."""
    if not Path(CHROMIUM).is_file():
        return []
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="dcr-bench-app-"))
    with ExitStack() as stack, sync_playwright() as playwright:
        ours_url = stack.enter_context(_app(f"sqlite:///{folder / 'store.sqlite3'}", folder / "w", "mature-lab.yaml"))
        floor_url = stack.enter_context(_floor(folder))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        ours = _tab(browser, f"{ours_url}/self-assessment", "Valid · readiness level")
        floor = _tab(browser, floor_url, "Page one")
        switch = _alternate(_switcher(ours, OURS_PAGES), _switcher(floor, [("Two", "Page two"), ("One", "Page one")]))
        ours.get_by_role("tab", name="TK").click()
        ours.get_by_text("DCRS-TK-05").first.wait_for()
        card = ours.locator("[data-testid=stVerticalBlock]", has_text="DCRS-TK-05").last  # innermost: the card
        edit = _alternate(_editor(ours, card.locator("[data-testid=stSelectbox] input").first),
                          _editor(floor, floor.locator("[data-testid=stSelectbox] input").first))  # fmt: skip
        browser.close()
    return [_row("app-switch", "App: a page switch on the mature example, in Chromium", switch,
                 "the same switch in a two-page app of one widget a page"),
            _row("app-edit", "App: re-run after one status change on the mature example, in Chromium", edit,
                 "the same change in a one-widget page")]  # fmt: skip


def _row(key: str, work: str, timings: tuple[Timing, Timing], floor_work: str) -> Row:
    ours, floor = timings
    return Row(key, work, ours, floor, floor_work, "< 0.5 s", ours.median < 0.5,
               f"{ours.median - floor.median:+.3f} s over the floor")  # fmt: skip


@contextmanager
def _floor(folder: Path) -> Iterator[str]:
    from assessor.cli.app import SERVER_FLAGS

    script = folder / "floor.py"
    script.write_text(FLOOR_APP, encoding="utf-8")

    def command(port: int) -> list[str]:
        flags = [*SERVER_FLAGS, f"--server.port={port}", "--server.address=127.0.0.1"]
        return [sys.executable, "-m", "streamlit", "run", str(script), *flags]

    with served(command, dict(os.environ)) as url:
        yield url


def _tab(browser: Any, url: str, marker: str) -> Any:
    """A browser tab on `url` once `marker` shows; `page.runs` counts the script runs the server has finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(60_000)
    page.runs = [0]

    def received(payload: bytes | str) -> None:
        if isinstance(payload, bytes) and ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished":
            page.runs[0] += 1

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    page.goto(url)
    page.get_by_text(marker).first.wait_for()
    page.wait_for_selector(IDLE)
    return page


def _timed(page: Any, act: Callable[[], None], marker: str | None) -> float:
    """Seconds from the action until the run it caused has ended in the browser: the server's end-of-run
    message received, the page's marker (text no other page shows) drawn, the app idle and a frame painted."""
    import time

    runs = page.runs[0]
    start = time.perf_counter()
    act()
    while page.runs[0] == runs:  # the handler counts while Playwright waits
        page.wait_for_timeout(2)
    if marker is not None:
        page.get_by_text(marker, exact=False).first.wait_for()
    page.wait_for_selector(IDLE)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done(true)))")
    return time.perf_counter() - start


def _switcher(page: Any, cycle: list[tuple[str, str]]) -> Callable[[], float]:
    """Each call switches to the next page of `cycle` by its link in the sidebar."""
    turn = iter(cycle * 1000)

    def switch() -> float:
        link, marker = next(turn)
        return _timed(page, lambda: page.get_by_role("link", name=link, exact=True).click(), marker)

    return switch


def _editor(page: Any, status: Any) -> Callable[[], float]:
    """Each call sets the status choice to the other value (typed and confirmed, as a keyboard user would)."""
    values = iter(["partially", "fully"] * 1000)

    def edit() -> float:
        value = next(values)

        def act() -> None:
            status.click()
            status.fill(value)
            status.press("Enter")

        return _timed(page, act, None)

    return edit


def _alternate(ours: Callable[[], float], floor: Callable[[], float]) -> tuple[Timing, Timing]:
    for _ in range(4):  # warm-up: every page of the cycle has run once in the server
        ours(), floor()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(REPEAT):
        samples[0].append(ours())
        samples[1].append(floor())
    return tuple(Timing(statistics.median(s), min(s), max(s), REPEAT) for s in samples)  # type: ignore[return-value]

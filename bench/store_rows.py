"""Benchmark rows for the store as the app shows it: the overview's drafts list in Chromium with 1,000 drafts in
the store, beside the same page over an empty store (measured in the same run, alternately)."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from bench.rows import EXAMPLE, Row
from bench.timing import Timing

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip
DRAFTS = 1_000
LAST_ON_PAGE = "Check a signed report"  # the overview's last section: the page has rendered to the end


def drafts_list() -> list[Row]:
    """drafts-list: the overview with 1,000 drafts (full example submissions) rendered in Chromium, from
    navigation until the list's first page and the page's last section show, vs the same page, empty store."""
    if not Path(CHROMIUM).is_file():
        return []
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="dcr-bench-list-"))
    _fill(f"sqlite:///{folder / 'full.sqlite3'}", DRAFTS)
    with ExitStack() as stack, sync_playwright() as playwright:
        full = stack.enter_context(_app(f"sqlite:///{folder / 'full.sqlite3'}", folder / "w1"))
        empty = stack.enter_context(_app(f"sqlite:///{folder / 'empty.sqlite3'}", folder / "w2"))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        first_page = f"{DRAFTS:,} draft(s) · page 1 of {DRAFTS // 20}"
        ours, floor = _alternate(_loader(browser, full, first_page), _loader(browser, empty, None), 10)
        browser.close()
    ratio = ours.median / floor.median
    return [Row("drafts-list", f"Store: overview with {DRAFTS:,} drafts listed, in Chromium", ours, floor,
                "the same page over an empty store", "< 1 s", ours.median < 1.0,
                f"{ratio:.2f}× the empty page")]  # fmt: skip


def _fill(url: str, count: int) -> None:
    import yaml

    from assessor.store import open_store

    data = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), default=str))
    store = open_store(url, upgrade=True)
    for n in range(count):
        data["organisation"]["contact"] = f"safety-{n}@example.org"
        store.create_draft(data, f"Meridian AI self-assessment {n:04d}")
    store.close()


def _loader(browser: Any, url: str, marker: str | None) -> Any:
    """A function loading the page afresh in one browser tab (the app's scripts cached, as for a returning user):
    a new session each time, timed from navigation until the list's page and the page's end show."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(60_000)

    def load() -> float:
        page.goto("about:blank")
        start = time.perf_counter()
        page.goto(url)
        page.get_by_text(LAST_ON_PAGE).wait_for()
        if marker is not None:
            page.get_by_text(marker, exact=False).wait_for()
        return time.perf_counter() - start

    return load


def _alternate(ours: Any, floor: Any, repeat: int) -> tuple[Timing, Timing]:
    for _ in range(2):  # warm-up: the server's first run imports the app and opens the store; scripts cached
        ours(), floor()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        samples[0].append(ours())
        samples[1].append(floor())
    return tuple(Timing(statistics.median(s), min(s), max(s), repeat) for s in samples)  # type: ignore[return-value]


@contextmanager
def _app(database: str, workspace: Path, example: str = "") -> Iterator[str]:
    """`dcr app` on a free loopback port over `database`, opening `example` on a first visit; its URL."""
    env = {**os.environ, "DCR_DATABASE_URL": database, "DCR_WORKSPACE": str(workspace)}
    env.pop("DCR_EXAMPLE", None)
    dcr = Path(sys.executable).parent / "dcr"
    with served(lambda port: [str(dcr), "app", "--port", str(port), "--address", "127.0.0.1", "--example", example],
                env) as url:  # fmt: skip
        yield url


@contextmanager
def served(command: Any, env: dict[str, str]) -> Iterator[str]:
    """A Streamlit server started by `command(port)` on a free loopback port, once healthy; its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    process = subprocess.Popen(command(port), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)

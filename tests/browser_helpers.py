"""The app in a real Chromium: the server on a free port, the browser, and screenshots for people to look at."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"


SCREENSHOTS = ROOT / "build" / "screenshots"


# Chromium as root in a closed network: no sandbox, no background calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip


TIMEOUT_MS = 45_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Streamlit server on a free loopback port with its own workspace; its URL."""
    if not Path(CHROMIUM).is_file():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing; .ci/run installs the chromium package")
        pytest.skip("Chromium is not installed")
    port = _free_port()
    env = {**os.environ, "DCR_WORKSPACE": str(tmp_path_factory.mktemp("workspace"))}
    env.pop("DCR_EXAMPLE", None)
    dcr = Path(sys.executable).parent / "dcr"
    cmd = [str(dcr), "app", "--port", str(port), "--address", "127.0.0.1", "--example", ""]
    process = subprocess.Popen(cmd, cwd=tmp_path_factory.mktemp("cwd"), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        assert process.stderr is not None
        process.stderr.close()


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("the Streamlit server did not become healthy within 60 s")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def shot(page: object, name: str) -> None:
    """Save a full-page screenshot for people to look at; one left by an earlier run never stands in for it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    path.unlink(missing_ok=True)
    page.wait_for_timeout(600)  # type: ignore[attr-defined]  # let data grids paint
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    assert path.stat().st_size > 0, path


def open_page(page: Any, name: str) -> None:
    """Open an app page by its name in the top navigation, through its "N more" menu where the width hides it."""
    link = page.get_by_role("link", name=name, exact=True)
    if link.count() and link.first.is_visible():
        link.first.click()
        return
    page.get_by_text(re.compile(r"^\d+ more$")).first.click()
    page.get_by_text(name, exact=True).last.click()

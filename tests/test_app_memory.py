"""The app's garbage-collector housekeeping (assessor/app/memory.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from assessor.app import memory


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test session collects as usual


def test_first_run_of_a_page_freezes_what_survived() -> None:
    """After a page's first run the objects alive are frozen, out of every later collection's walk."""
    kept = [[n] for n in range(1000)]  # long-lived objects a page's first run made
    before = gc.get_freeze_count()
    memory.settle("test-first-run")
    assert gc.get_freeze_count() >= before + len(kept)


def test_later_runs_of_a_page_freeze_nothing() -> None:
    """A page's later runs leave the collector alone: what they make is collected as usual."""
    memory.settle("test-later-runs")
    frozen = gc.get_freeze_count()
    made = [[n] for n in range(1000)]
    memory.settle("test-later-runs")
    assert gc.get_freeze_count() == frozen and made

"""Concurrent saves: two processes on one draft, and ten savers at once, never lose or overwrite a change."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assessor.store import StaleRecord, open_store
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_two_processes_saving_one_draft(db_url: str, tmp_path: Path) -> None:
    """Two processes save version 1 of a draft at once: one is saved, the other refused with the first's value,
    then saved on top; both values are in the history and the chain holds."""
    store = open_store(db_url, upgrade=True)
    draft = store.create_draft({"value": "start"}, "contended")
    start = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-m", "tests.store.saver", db_url, draft.id, "1", name, str(start)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True) for name in ("one", "two")]  # fmt: skip
    start.touch()
    outputs = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs[0] == "saved" and outputs[1] in {"stale one", "stale two"}
    values = [e["changes"][0]["new"] for e in store.history("draft", draft.id)[1:]]
    assert sorted(values) == ["one", "two"] and store.draft(draft.id).version == 3 and store.verify_log() == 3
    store.close()


def test_ten_concurrent_savers_lose_nothing(db_url: str) -> None:
    """Ten savers, each adding its own key to one draft and retrying when refused as stale, all land: the final
    draft has every key and the log one update per saver."""
    store = open_store(db_url, upgrade=True)
    draft = store.create_draft({}, "many hands")

    def saver(n: int) -> None:
        mine = open_store(db_url)
        current = mine.draft(draft.id)
        while True:
            try:
                mine.save_draft(draft.id, current.version, data={**current["data"], f"k{n}": n})
                break
            except StaleRecord:
                current = mine.draft(draft.id)
        mine.close()

    threads = [threading.Thread(target=saver, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert store.draft(draft.id)["data"] == {f"k{n}": n for n in range(10)}
    assert len(store.history("draft", draft.id)) == 11 and store.verify_log() == 11
    store.close()


def test_ten_savers_saving_in_turn_through_one_store_lose_nothing(db_url: str) -> None:
    """Ten threads sharing one store (so saves on top of remembered versions race the log's head), each saving
    five keys one after another and retrying when stale: every key lands, once, and the chain holds."""
    store = open_store(db_url, upgrade=True)
    draft = store.create_draft({}, "many turns")
    errors: list[BaseException] = []

    def saver(n: int) -> None:
        try:
            current = store.draft(draft.id)
            for turn in range(5):
                while True:
                    try:
                        current = store.save_draft(draft.id, current.version, data={**current["data"],
                                                                                   f"k{n}.{turn}": turn})  # fmt: skip
                        break
                    except StaleRecord:
                        current = store.draft(draft.id)
        except BaseException as err:  # reported by the main thread
            errors.append(err)

    threads = [threading.Thread(target=saver, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    assert store.draft(draft.id)["data"] == {f"k{n}.{t}": t for n in range(10) for t in range(5)}
    assert len(store.history("draft", draft.id)) == 51 and store.verify_log() == 51
    store.close()

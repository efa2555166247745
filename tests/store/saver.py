"""A process that saves one draft once a start file appears (for the two-process concurrency test).

Usage: python -m tests.store.saver URL DRAFT_ID BASED_ON VALUE START_FILE. Prints `saved` or `stale` for the
first attempt; after a stale refusal it saves again on top of the stored version, so nothing is lost.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from assessor.store import StaleRecord, open_store


def main(url: str, draft_id: str, based_on: str, value: str, start: str) -> None:
    """Wait for the start signal, save, and on a stale refusal save again on the stored version."""
    store = open_store(url)
    deadline = time.monotonic() + 60
    while not Path(start).exists() and time.monotonic() < deadline:
        time.sleep(0.001)
    try:
        store.save_draft(draft_id, int(based_on), data={"value": value})
        print("saved")
    except StaleRecord as refused:
        print("stale", refused.current["data"]["value"])
        store.save_draft(draft_id, refused.current["version"], data={"value": value})
    store.close()


if __name__ == "__main__":
    main(*sys.argv[1:])

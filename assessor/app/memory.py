"""The server's garbage collector kept off the request path.

Streamlit runs a full collection after every script run (`runner.postScriptGC`). In this process that pass walks
every object the app's imports, the standard and the store's engine made (about 165,000), 40–140 ms each time,
and it holds the interpreter lock meanwhile, so the finished page's messages wait for it before they reach the
browser. Once a page has run in this process, what it loaded for good (modules, cached standards, the engine) is
moved out of the collector's sight with `gc.freeze()`, so later collections only walk what runs made since.
"""

from __future__ import annotations

import gc

_settled: set[str] = set()  # pages whose first run this process has frozen


def settle(page: str) -> None:
    """After a page's first run in this process: collect once, then freeze what survived (the long-lived
    objects that page's imports and caches made). Later runs of the page do nothing here."""
    if page in _settled:
        return
    _settled.add(page)
    gc.collect()  # garbage is collected before the freeze, so none of it is kept for good
    gc.freeze()

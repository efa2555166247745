"""Coverage's trace hook paused while a third-party library does heavy work our package only calls.

Coverage measures `assessor` alone, yet on Python 3.11 its C tracer is called for every line Python runs, WeasyPrint's
layout and fontTools' subsetting included: a PDF report renders about 1.7x slower under it. The tests pause the
tracer of the calling thread around those calls. Nothing of ours runs inside them but the callbacks WeasyPrint makes
(the bundled-asset fetcher), which are measured by their own tests. With the pause, the CPU time of a whole
`make test` fell from 1,194 s to 937 s, measured in one sitting, with the same 94.7 % covered.

The tracer is paused, not stopped: `stop` and `start` on the same tracer object keep its record of the frames it is
inside, so the lines our code runs after the call are measured as before.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

# (module, class, method): the calls that lay out and write PDFs, and pypdf's text extraction, which the tests use
# to read reports (about 1.6x slower under the tracer).
HEAVY_CALLS = (
    ("weasyprint", "HTML", "render"),
    ("weasyprint.document", "Document", "write_pdf"),
    ("pypdf", "PageObject", "extract_text"),
)


def untraced(method: Callable[..., Any], gettrace: Callable[[], Any] = sys.gettrace) -> Callable[..., Any]:
    """`method`, run with coverage's tracer of the calling thread paused (as before when coverage is off)."""

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        tracer = gettrace()
        # Only coverage's C tracer can pause and resume in place; any other hook (a debugger) is left alone.
        if type(tracer).__name__ != "CTracer":
            return method(*args, **kwargs)
        tracer.stop()
        try:
            return method(*args, **kwargs)
        finally:
            tracer.start()

    return call


def heavy_calls() -> Iterator[tuple[object, str, Callable[..., Any]]]:
    """Each heavy call as (owner, name, untraced replacement), for a monkeypatch or a child process to install."""
    for module_name, class_name, method_name in HEAVY_CALLS:
        owner = getattr(importlib.import_module(module_name), class_name)
        yield owner, method_name, untraced(getattr(owner, method_name))


def install_untraced_heavy_calls(set_attribute: Callable[[object, str, Any], None] = setattr) -> None:
    """Put each untraced replacement in place: with a monkeypatch's `setattr` in the test session (undone at its
    end), with plain `setattr` in a helper process of the tests (it ends with its work)."""
    for owner, name, replacement in heavy_calls():
        set_attribute(owner, name, replacement)

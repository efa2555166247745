"""The tests' pause of coverage's tracer around heavy third-party calls (tests/untraced.py)."""

from __future__ import annotations

import pytest

from tests.untraced import HEAVY_CALLS, heavy_calls, untraced


class CTracer:
    """Stands in for coverage's C tracer (the wrapper recognises it by its type's name) and records its use."""

    def __init__(self) -> None:
        self.events: list[str] = []

    def stop(self) -> None:
        self.events.append("stop")

    def start(self) -> None:
        self.events.append("start")


def test_a_heavy_call_runs_between_stop_and_start() -> None:
    """The tracer stops before the call and starts again after it, with the call's result passed through."""
    tracer = CTracer()
    call = untraced(lambda x: tracer.events.append(f"call {x}") or x * 2, gettrace=lambda: tracer)
    assert call(21) == 42
    assert tracer.events == ["stop", "call 21", "start"]


def test_the_tracer_starts_again_when_the_call_raises() -> None:
    """A call that raises still leaves the tracer started, and the error reaches the caller."""
    tracer = CTracer()

    def fails() -> None:
        raise ValueError("broken page")

    with pytest.raises(ValueError, match="broken page"):
        untraced(fails, gettrace=lambda: tracer)()
    assert tracer.events == ["stop", "start"]


def test_any_other_trace_hook_is_left_alone() -> None:
    """Without coverage (or under a debugger's hook) the call runs as it is."""
    assert untraced(lambda: "ran", gettrace=lambda: None)() == "ran"
    assert untraced(lambda: "ran", gettrace=lambda: print)() == "ran"


def test_every_heavy_call_is_installed_in_this_session() -> None:
    """The session fixture has wrapped each named call, so a renamed library method fails here, not silently."""
    assert len(list(heavy_calls())) == len(HEAVY_CALLS)
    for owner, name, _ in heavy_calls():
        assert getattr(owner, name).__wrapped__.__name__ == name

"""DCRS 1.1.0 rule 4: which metric reading decides a threshold, and rule 9: nothing to measure yet.

Readings carry their scope (live or exercise, coverage, surfaces, sample size). A failing live reading inside
the window stays decisive until a later live reading of at least the same scope passes; otherwise the latest
live reading decides, and only without any live reading does the latest exercise reading.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assessor.dcrs.models import MeasurementRule, MetricThreshold
from assessor.intake.models import EvidenceItem, MetricValue

COMPARE: Mapping[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
}
State = Literal["passed", "failed", "unreported", "nothing_to_measure", "vacuous"]


@dataclass(frozen=True)
class Reading:
    """One metric value with the evidence item and date it comes from."""

    item: str
    on: date
    value: MetricValue


@dataclass(frozen=True)
class Outcome:
    """How a threshold fares: its state, the reading that decided it, and whether that was live at full scope."""

    threshold: MetricThreshold
    state: State
    reading: Reading | None = None
    live_full_scope: bool = False

    @property
    def limit(self) -> str:
        """The threshold in words, e.g. '<= 24'."""
        return f"{self.threshold.op} {self.threshold.value:g}"

    def figure(self) -> str:
        """The decisive reading against its limit, e.g. 'partner_correction_time_hours = 52 hours (live) ...'."""
        if self.reading is None:
            return f"{self.threshold.metric}: no reading (needs {self.limit})"
        r, m = self.reading, self.reading.value
        if m.value is None:
            why = (m.nothing_to_measure or "").rstrip(".")
            return f"{self.threshold.metric}: nothing to measure yet ({why}; {r.item})"
        scope: list[str] = [m.setting or "setting not stated"]
        if m.coverage_percent is not None:
            scope.append(f"{m.coverage_percent:g}% covered")
        if m.sample_size is not None:
            scope.append(f"n={m.sample_size}")
        return (
            f"{self.threshold.metric} = {m.value:g} {m.unit} ({', '.join(scope)}; {r.item}, {r.on.isoformat()}); "
            f"limit {self.limit}"
        )


def decide(
    threshold: MetricThreshold,
    cited: Sequence[EvidenceItem],
    on: date,
    rule: MeasurementRule,
    surfaces: frozenset[str],
) -> Outcome:
    """The outcome of one threshold over the cited evidence's readings within the window."""
    readings = [
        Reading(e.id, e.date, m)
        for e in cited
        for m in e.metrics
        if m.metric == threshold.metric and 0 <= (on - e.date).days <= rule.window_days
    ]
    measured = [r for r in readings if r.value.value is not None and r.value.sample_size != 0]
    if not measured:
        return _unmeasured(threshold, readings)

    def passes(r: Reading) -> bool:
        return COMPARE[threshold.op](r.value.value or 0.0, threshold.value)

    live = sorted((r for r in measured if r.value.setting == "live"), key=_order)
    standing = [f for f in live if not passes(f) and not _superseded(f, live, passes, surfaces)]
    if standing:
        return Outcome(threshold, "failed", _worst(threshold, standing))
    decisive = live[-1] if live else max(measured, key=_order)
    full = bool(live) and _coverage(decisive, surfaces) >= rule.full_scope_percent
    return Outcome(threshold, "passed" if passes(decisive) else "failed", decisive, full and passes(decisive))


def _unmeasured(threshold: MetricThreshold, readings: Sequence[Reading]) -> Outcome:
    honest = [r for r in readings if r.value.nothing_to_measure is not None]
    if honest:
        return Outcome(threshold, "nothing_to_measure", max(honest, key=_order))
    if readings:
        return Outcome(threshold, "vacuous", max(readings, key=_order))
    return Outcome(threshold, "unreported")


def _order(r: Reading) -> tuple[date, str]:
    return (r.on, r.item)


def _superseded(
    failing: Reading, live: Sequence[Reading], passes: Callable[[Reading], bool], surfaces: frozenset[str]
) -> bool:
    """A later passing live reading of at least the failing one's scope supersedes it."""
    return any(p.on > failing.on and passes(p) and _covers(p, failing, surfaces) for p in live)


def _covers(a: Reading, b: Reading, surfaces: frozenset[str]) -> bool:
    wider = set(a.value.surfaces or ()) >= set(b.value.surfaces or ())
    return wider and _coverage(a, surfaces) >= _coverage(b, surfaces)


def _coverage(r: Reading, surfaces: frozenset[str]) -> float:
    """The share of the declared scope a reading covers: stated, or 100 when it lists every declared surface."""
    if r.value.coverage_percent is not None:
        return r.value.coverage_percent
    listed = set(r.value.surfaces or ())
    return 100.0 if listed and listed >= surfaces else 0.0


def _worst(threshold: MetricThreshold, failing: Sequence[Reading]) -> Reading:
    """The reading furthest on the wrong side of the threshold."""
    sign = -1 if threshold.op in ("<=", "<") else 1
    return min(failing, key=lambda r: (sign * (r.value.value or 0.0), r.on, r.item))

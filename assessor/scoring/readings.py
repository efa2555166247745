"""DCRS 1.2.0's reading of a threshold: the worst relevant measurement, judged at its least favourable end.

A reading counts when it is inside the window and about the scope. Each is read at the end of its bound or
range that is worst for the threshold; with no `setting` it is live when it fails and an exercise when it
passes; with no coverage or sample it has none. A passing reading below the metric's sufficiency cannot pass.
A failing live reading stays decisive until a later, sufficient, declared-live passing reading of at least its
scope; otherwise the latest counted reading decides (live before exercise; the worst of one day).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from assessor.dcrs.models import MetricDefinition, MetricThreshold
from assessor.intake.models import EvidenceItem, MetricValue
from assessor.scoring.measurements import COMPARE

Verdict = Literal[
    "passed", "near_miss", "failed", "insufficient", "nothing_to_measure", "refused_nothing", "unreported"
]


@dataclass(frozen=True)
class Read:
    """One reading as judged: where from, its least favourable value, and what it can count for."""

    item: str
    on: date
    value: MetricValue
    worst: float
    passes: bool
    near: bool
    sufficient: bool
    coverage: float
    models: tuple[str, ...] | None = None  # the item's model scope

    @property
    def live_if_failing(self) -> bool:
        """A failing reading with no setting is read as live (undeclared never helps)."""
        return self.value.setting in ("live", None)


@dataclass(frozen=True)
class ReadingRules:
    """How a version reads measurements beyond DCRS 1.2.0's reading; each is off as published in 1.2.0 and 1.3.0."""

    near_supersedes: bool = False  # a later near miss supersedes a failure, as a later pass does
    exercise_failures_stand: bool = False  # a failing exercise stands until a later sufficient reading supersedes it
    named_surfaces_only: bool = False  # a reading that names surfaces covers those only, whatever its coverage
    insufficient_failures: bool = True  # failing readings below the metric's sufficiency are read (false: left out)


@dataclass(frozen=True)
class Judgement:
    """How a threshold fares, the reading that decided it, and whether that was live at full scope."""

    threshold: MetricThreshold
    verdict: Verdict
    decisive: Read | None = None
    live_full_scope: bool = False

    @property
    def limit(self) -> str:
        """The threshold in words, e.g. '<= 24'."""
        return f"{self.threshold.op} {self.threshold.value:g}"


def judge_threshold(
    threshold: MetricThreshold,
    metric: MetricDefinition,
    cited: Sequence[EvidenceItem],
    on: date,
    window_days: int,
    full_scope_percent: float,
    against: Sequence[EvidenceItem] = (),
    rules: ReadingRules = ReadingRules(),
) -> Judgement:
    """The verdict on one threshold over the cited, relevant readings inside the window, and the failing
    readings of cited items that may be about the scope without being shown to be (`against`), read as `rules`
    say."""
    reads = _reads(cited, threshold, metric, on, window_days)
    reads += [r for r in _reads(against, threshold, metric, on, window_days) if not r.passes]
    if not rules.insufficient_failures:
        reads = [r for r in reads if r.passes or r.sufficient]
    raw = [
        m for e in cited for m in e.metrics if m.metric == threshold.metric and 0 <= (on - e.date).days <= window_days
    ]
    counted = [r for r in reads if not r.passes or r.sufficient]
    if not counted:
        return _uncounted(threshold, metric, reads, raw)
    standing = [f for f in counted if not f.passes and _stands(f, counted, rules)]
    if standing:
        worst = min(standing, key=lambda r: (r.near, _margin(threshold, r), r.on, r.item))
        return Judgement(threshold, "near_miss" if worst.near else "failed", worst)
    live = [r for r in counted if r.value.setting == "live"]
    decisive = _latest(threshold, live or counted)
    if not decisive.passes:
        return Judgement(threshold, "near_miss" if decisive.near else "failed", decisive)
    full = decisive.value.setting == "live" and decisive.coverage >= full_scope_percent
    return Judgement(threshold, "passed", decisive, full)


def _reads(
    items: Sequence[EvidenceItem],
    t: MetricThreshold,
    metric: MetricDefinition,
    on: date,
    window_days: int,
) -> list[Read]:
    """The measured readings of the items on the threshold's metric inside the window."""
    raw = [(e, m) for e in items for m in e.metrics if m.metric == t.metric and m.nothing_to_measure is None]
    return [_read(e, m, t, metric) for e, m in raw if 0 <= (on - e.date).days <= window_days]


def _read(item: EvidenceItem, m: MetricValue, t: MetricThreshold, metric: MetricDefinition) -> Read:
    worst = _least_favourable(m, t)
    passes = COMPARE[t.op](worst, t.value)
    band = (metric.tolerance_percent or 0.0) / 100 * abs(t.value)
    near = not passes and math.isfinite(worst) and _within(worst, t, band)
    need = metric.sufficiency
    coverage = _coverage(m)
    sufficient = need is None or (coverage >= need.coverage_percent and (m.sample_size or 0) >= need.sample_size)
    models = tuple(item.models) if item.models is not None else None
    return Read(item.id, item.date, m, worst, passes, near, sufficient, coverage, models)


def _least_favourable(m: MetricValue, t: MetricThreshold) -> float:
    """The value, or the end of a bound or range that is worst for the threshold (an open end is infinite)."""
    if m.value is not None:
        return m.value
    if t.op in ("<=", "<"):
        return m.at_most if m.at_most is not None else math.inf
    if t.op in (">=", ">"):
        return m.at_least if m.at_least is not None else -math.inf
    exact = m.at_least is not None and m.at_least == m.at_most
    return m.at_least if exact and m.at_least is not None else math.nan


def _within(value: float, t: MetricThreshold, band: float) -> bool:
    if t.op in ("<=", "<"):
        return value <= t.value + band
    if t.op in (">=", ">"):
        return value >= t.value - band
    return False


def _coverage(m: MetricValue) -> float:
    """The share of the scope a reading covers as stated; none when not stated (listing surfaces says where a
    reading was taken, not how much of their traffic it covered: red-team log)."""
    return m.coverage_percent if m.coverage_percent is not None else 0.0


def _stands(failing: Read, counted: Sequence[Read], rules: ReadingRules) -> bool:
    """A failing live reading stands until a later reading of its scope supersedes it; with
    `exercise_failures_stand` a failing exercise stands too, until any later sufficient pass (or near miss)."""
    if failing.live_if_failing:
        return not _superseded(failing, counted, rules)
    if not rules.exercise_failures_stand:
        return False
    return not any(
        p.on > failing.on and (p.passes or (rules.near_supersedes and p.near)) and p.sufficient for p in counted
    )


def _superseded(failing: Read, counted: Sequence[Read], rules: ReadingRules) -> bool:
    """A later, sufficient, declared-live pass (or, with `near_supersedes`, a near miss) of at least the failing
    reading's scope supersedes it: every surface the failure names (or 100 % coverage; with `named_surfaces_only`
    only of a reading that names no surfaces), and at least its coverage (100 % when the failure states none)."""
    failed_surfaces = set(failing.value.surfaces or ())  # the surfaces it names; its coverage says the rest
    failed_coverage = failing.value.coverage_percent if failing.value.coverage_percent is not None else 100.0
    return any(
        p.on > failing.on
        and (p.passes or (rules.near_supersedes and p.near))
        and p.sufficient
        and p.value.setting == "live"
        and (set(p.value.surfaces or ()) >= failed_surfaces or _covers_all(p, rules))
        and p.coverage >= failed_coverage
        for p in counted
    )


def _covers_all(reading: Read, rules: ReadingRules) -> bool:
    """100 % coverage covers every surface, unless (with `named_surfaces_only`) the reading names the surfaces
    it covered: then it is 100 % of those."""
    return reading.coverage >= 100 and not (rules.named_surfaces_only and reading.value.surfaces)


def _margin(t: MetricThreshold, r: Read) -> float:
    """How far a reading is on the good side of the threshold (negative when it misses)."""
    if math.isnan(r.worst):
        return -math.inf
    return t.value - r.worst if t.op in ("<=", "<") else r.worst - t.value


def _latest(t: MetricThreshold, reads: Sequence[Read]) -> Read:
    """The latest reading; of one day's readings, the worst."""
    day = max(r.on for r in reads)
    return min((r for r in reads if r.on == day), key=lambda r: (_margin(t, r), r.item))


def _uncounted(
    t: MetricThreshold, metric: MetricDefinition, reads: Sequence[Read], values: Sequence[MetricValue]
) -> Judgement:
    if reads:  # only passing readings below the metric's sufficiency
        return Judgement(t, "insufficient", max(reads, key=lambda r: (r.coverage, r.value.sample_size or 0, r.item)))
    if any(v.nothing_to_measure is not None for v in values):
        return Judgement(t, "nothing_to_measure" if metric.event_driven else "refused_nothing")
    return Judgement(t, "unreported")


def figure(j: Judgement, unit: str, need: str) -> str:
    """The decisive reading against its limit, e.g. 'time_to_rollback_minutes = 34 minutes (live, 100% covered,
    n=3; EV-5, 2026-10-02); limit <= 30'."""
    r = j.decisive
    if r is None:
        return f"{j.threshold.metric}: no counted reading (needs {j.limit})"
    m = r.value
    if m.value is not None:
        shown = f"= {m.value:g}"
    else:
        ends = [
            f"at least {m.at_least:g}" if m.at_least is not None else "",
            f"at most {m.at_most:g}" if m.at_most is not None else "",
        ]
        shown = " and ".join(e for e in ends if e)
    scope = [
        m.setting or "setting not stated",
        f"{r.coverage:g}% covered",
        f"n={m.sample_size if m.sample_size is not None else 'not stated'}",
    ]
    text = f"{j.threshold.metric} {shown} {unit} ({', '.join(scope)}; {r.item}, {r.on.isoformat()}); limit {j.limit}"
    return text + (f"; needs {need}" if need else "")

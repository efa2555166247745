"""DCRS 1.1.0 rule 4 in isolation: which reading decides a threshold (assessor.scoring.measurements)."""

from __future__ import annotations

from datetime import date
from typing import Any

from assessor.dcrs.models import MeasurementRule, MetricThreshold
from assessor.intake.models import EvidenceItem
from assessor.scoring.measurements import decide

ON = date(2026, 10, 15)
LIMIT = MetricThreshold(metric="time_to_full_shutdown_minutes", op="<=", value=60)
RULE = MeasurementRule(window_days=365, full_scope_percent=100)
SURFACES = frozenset({"api", "consumer_app", "cloud_partners"})


def item(ident: str, on: str, value: float | None, **scope: Any) -> EvidenceItem:
    """A drill reporting one shutdown-time reading with the given scope."""
    reading = {"metric": LIMIT.metric, "unit": "minutes", **scope}
    if value is not None:
        reading["value"] = value
    return EvidenceItem.model_validate(
        {"id": ident, "type": "DRILL", "title": ident, "location": "https://e.example/x", "date": on,
         "metrics": [reading]}
    )  # fmt: skip


def test_a_narrower_later_live_pass_does_not_clear_a_live_failure() -> None:
    """A later live pass over fewer surfaces leaves the earlier live failure decisive."""
    fail = item("F", "2026-05-01", 360, setting="live", coverage_percent=71, surfaces=["api", "consumer_app"])
    narrow = item("P", "2026-09-01", 40, setting="live", coverage_percent=100, surfaces=["api"])
    outcome = decide(LIMIT, [fail, narrow], ON, RULE, SURFACES)
    assert outcome.state == "failed" and outcome.reading is not None and outcome.reading.item == "F"


def test_an_earlier_pass_does_not_clear_a_failure() -> None:
    """Only a later live pass supersedes a live failure."""
    earlier = item("P", "2026-03-01", 40, setting="live", coverage_percent=100)
    fail = item("F", "2026-05-01", 90, setting="live", coverage_percent=50)
    assert decide(LIMIT, [earlier, fail], ON, RULE, SURFACES).state == "failed"


def test_the_worst_standing_failure_is_reported() -> None:
    """Of two standing live failures, the figure is the one furthest over the limit."""
    a = item("A", "2026-05-01", 90, setting="live", coverage_percent=50)
    b = item("B", "2026-06-01", 300, setting="live", coverage_percent=50)
    outcome = decide(LIMIT, [a, b], ON, RULE, SURFACES)
    assert outcome.reading is not None and outcome.reading.item == "B"
    assert "= 300 minutes" in outcome.figure()


def test_readings_outside_the_window_do_not_count() -> None:
    """A failing live reading older than the window no longer decides."""
    old = item("OLD", "2025-06-01", 360, setting="live", coverage_percent=100)
    new = item("NEW", "2026-09-01", 40, setting="exercise")
    outcome = decide(LIMIT, [old, new], ON, RULE, SURFACES)
    assert outcome.state == "passed" and not outcome.live_full_scope


def test_full_scope_from_listed_surfaces() -> None:
    """A live pass listing every declared surface counts as full scope, which fully needs."""
    full = item("P", "2026-09-01", 40, setting="live", surfaces=sorted(SURFACES))
    assert decide(LIMIT, [full], ON, RULE, SURFACES).live_full_scope


def test_nothing_to_measure_and_vacuous_readings() -> None:
    """An explained absence is its own state; a value over a sample of 0 is vacuous; neither passes."""
    honest = item("H", "2026-09-01", None, nothing_to_measure="No shutdown was ordered.")
    vacuous = item("V", "2026-09-01", 0, setting="live", sample_size=0)
    assert decide(LIMIT, [honest], ON, RULE, SURFACES).state == "nothing_to_measure"
    assert decide(LIMIT, [vacuous], ON, RULE, SURFACES).state == "vacuous"
    assert decide(LIMIT, [], ON, RULE, SURFACES).state == "unreported"

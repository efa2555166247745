"""Red-team moves found against DCRS 1.3.0 and closed in the 1.4.0 draft: each raises a level or a score under
the published 1.3.0 (whose results never change, so the move still pays there) and raises nothing under 1.4.0.

Every move starts from the 1.2.0 developing lab, answered as 1.3.0 and 1.4.0 (neither changes a requirement).
tests/calibration/redteam-log.md records each move and the parameter that closes it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from assessor.core.documents import Document
from assessor.dcrs.loader import load_standard
from assessor.intake.loader import check_document
from assessor.scoring.engine import score
from tests.conftest import ROOT, load_yaml

Data = dict[str, Any]
LAB: Data = load_yaml((ROOT / "examples" / "1.2.0" / "developing-lab.yaml").read_text(encoding="utf-8"))
MODELS = ["Aurora-2", "Aurora-2 Flash"]
OWN = "Northwind Labs Ltd"


def outcome(data: Data, version: str) -> tuple[int, float, dict[str, tuple[int, float]]]:
    """(level, score, per model) of `data` answered as `version`; the move must stay valid."""
    data = copy.deepcopy(data)
    data["standard"]["version"] = version
    standard = load_standard(version=version)
    checked = check_document(Document("move", data), standard)
    assert not checked.errors and checked.submission is not None, [str(p) for p in checked.errors]
    a = score(standard, checked.submission)
    assert a.overall.score is not None and a.models is not None
    return a.overall.level, a.overall.score, {m.name: (m.level, m.score or 0.0) for m in a.models}


def pays(move: Callable[[Data], Data], version: str, base: Callable[[Data], Data] = lambda d: d) -> bool:
    """Whether the move raises the level or score of the headline or of any model over `base` of the lab."""
    before = outcome(base(copy.deepcopy(LAB)), version)
    after = outcome(move(base(copy.deepcopy(LAB))), version)
    per_model = any(after[2][name] > before[2][name] for name in after[2].keys() & before[2].keys())
    return after[0] > before[0] or after[1] > before[1] or per_model


def ev(d: Data, evidence_id: str) -> Data:
    item: Data = next(e for e in d["evidence"] if e["id"] == evidence_id)
    return item


def cite(d: Data, evidence_id: str, *requirements: str) -> Data:
    for requirement in requirements:
        next(r for r in d["responses"] if r["requirement"] == requirement)["evidence"].append(evidence_id)
    return d


def reading(metric: str, value: float, unit: str, setting: str, coverage: float, n: int, **more: Any) -> Data:
    return {"metric": metric, "value": value, "unit": unit, "setting": setting, "coverage_percent": coverage,
            "sample_size": n, **more}  # fmt: skip


def item(evidence_id: str, kind: str, on: str, metrics: list[Data], issuer: str = OWN, **more: Any) -> Data:
    return {"id": evidence_id, "type": kind, "title": f"{kind} {evidence_id}", "date": on, "performed": on,
            "location": f"https://docs.northwind.example/redteam/{evidence_id.lower()}", "models": MODELS,
            "issuer": {"organisation": issuer}, "metrics": metrics, **more}  # fmt: skip


def worse_insufficient_reading(d: Data) -> Data:
    """EV-021's decision latency (18 min over n=1, below the metric's sample: noted, not credited) made worse:
    65 min against <= 60, inside the tolerance band."""
    for m in ev(d, "EV-021")["metrics"]:
        if m["metric"] == "decision_latency_minutes":
            m["value"] = 65.0
    return d


def exercise_failure_only(d: Data) -> Data:
    """DCRS-TK-10 claimed largely, its one toolkit reading a far-failing exercise (70 % against >= 90)."""
    for m in ev(d, "EV-005")["metrics"]:
        if m["metric"] == "toolkit_capabilities_tested_percent":
            m["setting"] = "exercise"
    next(r for r in d["responses"] if r["requirement"] == "DCRS-TK-10")["status"] = "largely"
    return d


def live_near_miss_beside(d: Data) -> Data:
    """An older live near miss (86 %, n=1) added beside the exercise failure."""
    ev(d, "EV-016")["metrics"].append(reading("toolkit_capabilities_tested_percent", 86.0, "percent", "live", 1, 1))
    return d


def pre_release_doc_reading(d: Data) -> Data:
    """A DOC carrying a live 20-minute rollback reading performed in 2025, before either model was released."""
    measured = reading("time_to_rollback_minutes", 20.0, "minutes", "live", 100, 1, models=MODELS)
    d["evidence"].append(item("EV-900", "DOC", "2026-11-01", [measured]))
    d["evidence"][-1]["performed"] = "2025-06-01"
    return cite(d, "EV-900", "DCRS-TK-05")


def look_alike_attestation(d: Data) -> Data:
    """The developer's own attestation, issued in its name with an Armenian o."""
    d["evidence"].append(item("EV-901", "ATTEST", "2026-11-20", [], issuer="N\u0585rthwind Labs Ltd"))
    return cite(d, "EV-901", "DCRS-PL-01", "DCRS-DT-04", "DCRS-CT-01")


def api_rollback_failure(d: Data) -> Data:
    """A live rollback failure on the API (80 min, half its traffic), cited on DCRS-TK-05."""
    failure = reading("time_to_rollback_minutes", 80.0, "minutes", "live", 50, 1, surfaces=["api"])
    d["evidence"].append(item("EV-910", "TEST", "2026-09-01", [failure], models=["Aurora-2"]))
    return cite(d, "EV-910", "DCRS-TK-05")


def pass_on_another_surface(d: Data) -> Data:
    """A later live pass naming only the consumer app, at 100 % coverage (of the consumer app)."""
    passed = reading("time_to_rollback_minutes", 20.0, "minutes", "live", 100, 1, surfaces=["consumer_app"])
    d["evidence"].append(item("EV-911", "METRIC", "2026-10-15", [passed], models=["Aurora-2"]))
    return cite(d, "EV-911", "DCRS-TK-05")


MOVES = {
    "a worse reading below the sample counts as a near miss": (worse_insufficient_reading, lambda d: d),
    "an older live near miss hides a later exercise failure": (live_near_miss_beside, exercise_failure_only),
    "a DOC's readings from before the release count": (pre_release_doc_reading, lambda d: d),
    "the developer's name in look-alike letters attests": (look_alike_attestation, lambda d: d),
    "a pass on another surface supersedes a failure": (pass_on_another_surface, api_rollback_failure),
}


@pytest.mark.parametrize("name", MOVES)
def test_the_move_pays_under_the_published_1_3_0(name: str) -> None:
    """Published results never change: the move still raises a result under 1.3.0."""
    move, base = MOVES[name]
    assert pays(move, "1.3.0", base)


@pytest.mark.parametrize("name", MOVES)
def test_the_move_raises_nothing_under_1_4_0(name: str) -> None:
    """The 1.4.0 draft's parameters close the move: no level or score rises, the headline's or any model's."""
    move, base = MOVES[name]
    assert not pays(move, "1.4.0", base)

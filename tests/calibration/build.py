"""Regenerate the calibration corpus in tests/data/calibration/ (python -m tests.calibration.build).

Every case starts from one careful lab: one evidence item per requirement and expected type (documents 200
days old, contracts 400, operational items 60), live full-scope readings inside every threshold, level-1 and
level-2 requirements claimed largely, level-3 ones partially on their documents. Each case then changes
what its name says. The expert readings in expert.yaml were written before the tool ran on any case.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from assessor.dcrs.loader import load_standard
from assessor.dcrs.models import MetricThreshold, Requirement

ON = date(2026, 10, 15)
OUT = Path(__file__).parent.parent / "data" / "calibration"
STANDARD = load_standard(version="1.1.0")
AGE = {"DOC": 200, "CONTRACT": 400}
Case = dict[str, Any]


def _short(req: Requirement) -> str:
    return req.id.removeprefix("DCRS-").replace("-", "")


def _passing(t: MetricThreshold) -> float:
    if t.op in ("<=", "<"):
        return round(t.value * 0.5, 1)
    return float(min(100, t.value + 5)) if t.value < 100 else 100.0


def _reading(t: MetricThreshold, **scope: Any) -> dict[str, Any]:
    unit = next(m.unit for m in STANDARD.manifest.metrics if m.id == t.metric)
    reading = {"metric": t.metric, "value": _passing(t), "unit": unit, "setting": "live", "coverage_percent": 100}
    return {**reading, "sample_size": 40, **scope}


def _carrier(req: Requirement) -> str:
    types = [e.type for e in req.evidence]
    return next(t for t in ("METRIC", "TEST", "DRILL", "REC", "DOC", "CONTRACT") if t in types)


def careful_lab() -> Case:
    """The base case: fresh operational evidence for everything, live readings inside every threshold."""
    names = {t.id: t.name for t in STANDARD.manifest.evidence_types}
    evidence, responses = [], []
    for req in STANDARD.active_requirements():
        if req.applies_when and "fine_tuning_api" in (req.applies_when.surfaces_any or []):
            why = "No fine-tuning API is offered for any in-scope model."
            responses.append({"requirement": req.id, "status": "not_applicable", "justification": why})
            continue
        cited = []
        for expected in req.evidence:
            item_id = f"{_short(req)}-{expected.type}"
            item: dict[str, Any] = {
                "id": item_id,
                "type": expected.type,
                "title": f"{req.title}: {names[expected.type].lower()}",
                "location": f"https://evidence.harbour.example/{item_id.lower()}",
                "date": (ON - timedelta(days=AGE.get(expected.type, 60))).isoformat(),
            }
            if expected.type == _carrier(req) and req.metrics:
                item["metrics"] = [_reading(t) for t in req.metrics]
            evidence.append(item)
            cited.append(item_id)
        if req.level >= 3:
            docs = [c for c in cited if c.endswith(("-DOC", "-CONTRACT"))]
            responses.append({"requirement": req.id, "status": "partially", "evidence": docs})
        else:
            responses.append({"requirement": req.id, "status": "largely", "evidence": cited})
    return {
        "standard": {"id": "DCRS", "version": "1.1.0"},
        "organisation": {"name": "Harbour AI (fictional)"},
        "assessment": {"type": "self", "date": ON.isoformat(), "assessor": {"name": "Calibration"}},
        "profile": {"models": [{"name": "Harbour-3", "surfaces": ["api", "consumer_app", "cloud_partners"]}]},
        "evidence": evidence,
        "responses": responses,
    }


def _item(case: Case, item_id: str) -> dict[str, Any]:
    return next(e for e in case["evidence"] if e["id"] == item_id)


def _response(case: Case, req: str) -> dict[str, Any]:
    return next(r for r in case["responses"] if r["requirement"] == req)


def inflated(case: Case) -> None:
    for r in case["responses"]:
        if r["status"] == "largely":
            r["status"] = "fully"


def stale_by_a_week(case: Case) -> None:
    for item_id in ("TK06-DRILL", "PL02-DRILL"):
        _item(case, item_id)["date"] = (ON - timedelta(days=372)).isoformat()


def nothing_to_measure(case: Case) -> None:
    why = "No regulatory or serious-incident report has fallen due since the duty began on 2026-08-02."
    for item_id in ("EX01-METRIC", "EX08-METRIC"):
        for m in _item(case, item_id)["metrics"]:
            for key in ("value", "setting", "coverage_percent", "sample_size"):
                m.pop(key)
            m["nothing_to_measure"] = why


def developing(case: Case) -> None:
    levels = {r.id: r.level for r in STANDARD.active_requirements()}
    for r in case["responses"]:
        if r["status"] == "not_applicable":
            continue
        if levels[r["requirement"]] == 2:
            r["status"] = "partially"
            r["evidence"] = [e for e in r["evidence"] if e.endswith(("-DOC", "-CONTRACT"))]
        elif levels[r["requirement"]] == 3:
            r["status"], r["evidence"] = "not_implemented", []


def open_weights_side_model(case: Case) -> None:
    case["profile"]["models"].append({"name": "Harbour-Lite-1B", "surfaces": ["open_weights"]})


def partner_52_hours(case: Case) -> None:
    for m in _item(case, "CT02-DRILL")["metrics"]:
        if m["metric"] == "partner_correction_time_hours":
            m.update(value=52.0, coverage_percent=85, sample_size=3)


def hidden_failed_drill(case: Case) -> None:
    drill = _item(case, "TK06-DRILL")
    drill["title"] = "Live shutdown drill, all surfaces"
    drill["date"] = (ON - timedelta(days=120)).isoformat()
    drill["metrics"] = [
        {"metric": "time_to_full_shutdown_minutes", "value": 360.0, "unit": "minutes", "setting": "live",
         "coverage_percent": 71, "surfaces": ["api", "consumer_app", "cloud_partners"]},
    ]  # fmt: skip
    rehearsal = {
        "id": "TK06-REHEARSAL",
        "type": "DRILL",
        "title": "Staging rehearsal of first-party shutdown",
        "location": "https://evidence.harbour.example/tk06-rehearsal",
        "date": (ON - timedelta(days=30)).isoformat(),
        "metrics": [
            {"metric": "time_to_full_shutdown_minutes", "value": 40.0, "unit": "minutes", "setting": "exercise",
             "coverage_percent": 67, "surfaces": ["api", "consumer_app"]},
        ],
    }  # fmt: skip
    case["evidence"].append(rehearsal)
    metric = _item(case, "TK06-METRIC")
    metric["metrics"] = [m for m in metric["metrics"] if m["metric"] != "time_to_full_shutdown_minutes"]
    _response(case, "DCRS-TK-06")["evidence"].append("TK06-REHEARSAL")


def reach_gap(case: Case) -> None:
    case["profile"]["models"][0]["surfaces"] = ["api", "consumer_app", "cloud_partners", "enterprise_on_prem"]
    case["evidence"] = [e for e in case["evidence"] if not e["id"].startswith("CT02-")]
    r = _response(case, "DCRS-CT-02")
    r["status"], r["evidence"] = "not_implemented", []


def profile_contradiction(case: Case) -> None:
    case["profile"]["models"][0]["surfaces"] = ["api", "consumer_app"]
    contract = _item(case, "CT02-CONTRACT")
    contract["title"] = "Reseller agreement with Cumulus Cloud (partner resale of Harbour-3)"
    case["evidence"] = [e for e in case["evidence"] if e["id"] != "CT02-DRILL"]
    r = _response(case, "DCRS-CT-02")
    r.update(status="not_applicable", evidence=[], justification="We do not offer the model through partners.")
    _response(case, "DCRS-CT-01")["evidence"].append("CT02-CONTRACT")
    drill = _item(case, "PL02-DRILL")
    drill["title"] = "Schedule of planned walk-throughs of the incident plan, 2027"
    drill["date"] = (ON - timedelta(days=30)).isoformat()


def documents_only(case: Case) -> None:
    operational = {t.id for t in STANDARD.manifest.evidence_types if t.operational}
    case["evidence"] = [e for e in case["evidence"] if e["type"] not in operational]
    kept = {e["id"] for e in case["evidence"]}
    for r in case["responses"]:
        r["evidence"] = [e for e in r.get("evidence", []) if e in kept]


def empty_register(case: Case) -> None:
    case["evidence"] = []
    case["responses"] = [
        {"requirement": r.id, "status": "partially", "evidence": []} for r in STANDARD.active_requirements()
    ]


CASES: dict[str, tuple[str, Callable[[Case], None] | None]] = {
    "01-careful-lab": ("The base case.", None),
    "02-inflated-claims": ("Every largely claim raised to fully; nothing else changed.", inflated),
    "03-stale-by-a-week": ("Two drills 7 days past their window; a fresh shutdown test is cited.", stale_by_a_week),
    "04-nothing-to-measure": ("No regulatory report fell due yet, said with a reason.", nothing_to_measure),
    "05-developing-lab": ("Level-2 work partial on documents; level 3 not started.", developing),
    "06-open-weights-side-model": ("A small open-weights model beside the closed flagship.", open_weights_side_model),
    "07-partner-52-hours": ("Partner correction took 52 h against a 24 h limit.", partner_52_hours),
    "08-hidden-failed-drill": ("A failed live shutdown drill behind a later staging rehearsal.", hidden_failed_drill),
    "09-reach-gap": ("Partner and on-prem surfaces, no right to make partners correct.", reach_gap),
    "10-profile-contradiction": ("Partner resale in the register, not in the profile; a schedule typed as a drill.",
                                 profile_contradiction),
    "11-documents-only": ("Documents and contracts only: no record, test, drill or metric.", documents_only),
    "12-empty-register": ("Partially to everything, empty register.", empty_register),
}  # fmt: skip


def build() -> None:
    """Write every case's YAML."""
    for name, (summary, change) in CASES.items():
        case = careful_lab()
        if change is not None:
            change(case)
        head = f"# Calibration case {name} (fictional). {summary}\n# Generated by tests/calibration/build.py.\n"
        text = yaml.safe_dump(copy.deepcopy(case), sort_keys=False, allow_unicode=True, width=110)
        (OUT / f"{name}.yaml").write_text(head + text, encoding="utf-8")


if __name__ == "__main__":
    build()

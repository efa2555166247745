"""Red-team regression tests: each adversarial move on a weak DCRS 1.2.0 lab must not
raise the headline level or score, nor any model's. tests/calibration/redteam-log.md records every move.

A move the tool cannot close without reading words or judging what no field structures is a documented limit:
its test is marked xfail(strict=True), so it fails the day the move stops paying and the log needs updating.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessor.core.documents import Document
from assessor.dcrs.loader import load_standard
from assessor.intake.loader import check_document
from assessor.scoring.engine import score
from tests.conftest import load_yaml

V120 = load_standard(version="1.2.0")
LAB: dict[str, Any] = load_yaml(
    (Path(__file__).parent / "data" / "redteam" / "weak-lab-kestrel.yaml").read_text(encoding="utf-8")
)
ALL = ["Kestrel-3", "Kestrel-3 Mini", "Kestrel-R"]
Data = dict[str, Any]
Outcome = tuple[int, float, dict[str, tuple[int, float]]] | None


def outcome(data: Data) -> Outcome:
    """(level, score, per model) of a valid submission; None when validation refuses it."""
    checked = check_document(Document("move", data), V120)
    if checked.errors or checked.submission is None:
        return None
    a = score(V120, checked.submission)
    assert a.overall.score is not None and a.models is not None
    return a.overall.level, a.overall.score, {m.name: (m.level, m.score or 0.0) for m in a.models}


def gained(move: Callable[[Data], Data], control: Callable[[Data], Data] | None = None) -> bool:
    """Whether the move raises the level or score of the headline or of any model, against the lab (or control)."""
    before = outcome(control(copy.deepcopy(LAB)) if control else copy.deepcopy(LAB))
    after = outcome(move(copy.deepcopy(LAB)))
    assert before is not None
    if after is None:
        return False
    per_model = any(after[2][name] > before[2][name] for name in after[2].keys() & before[2].keys())
    return after[0] > before[0] or after[1] > before[1] or per_model


def limit(reason: str) -> pytest.MarkDecorator:
    """A documented limit: the move still pays (strict xfail)."""
    return pytest.mark.xfail(strict=True, reason="documented limit: " + reason)


def ev(d: Data, evidence_id: str) -> Data:
    item: Data = next(e for e in d["evidence"] if e["id"] == evidence_id)
    return item


def resp(d: Data, requirement: str) -> Data:
    answer: Data = next(r for r in d["responses"] if r["requirement"] == requirement)
    return answer


def cite(d: Data, evidence_id: str, *requirements: str) -> Data:
    for requirement in requirements:
        resp(d, requirement)["evidence"].append(evidence_id)
    return d


def runbook_as_test(location: Callable[[str], str]) -> Callable[[Data], Data]:
    """The feature kill-switch runbook (a DOC) registered again as a TEST of every model at another spelling."""

    def move(d: Data) -> Data:
        e = copy.deepcopy(ev(d, "EV-13"))
        e.update(id="EV-90", type="TEST", date="2026-11-05", performed="2026-11-01", models=ALL, metrics=[])
        e["location"] = location(e["location"])
        d["evidence"].append(e)
        return cite(d, "EV-90", "DCRS-TK-03", "DCRS-TK-11", "DCRS-TK-05")

    return move


def self_attestation(organisation: str) -> Callable[[Data], Data]:
    """The management attestation re-issued under another spelling of the issuer, cited on the fully claims."""

    def move(d: Data) -> Data:
        ev(d, "EV-06")["issuer"]["organisation"] = organisation
        return cite(d, "EV-06", "DCRS-CT-01", "DCRS-PL-01")

    return move


def test_the_lab_is_weak() -> None:
    """Guard: the red-team lab is valid, at level 0, with the research preview setting the headline."""
    result = outcome(copy.deepcopy(LAB))
    assert result is not None
    level, headline, models = result
    assert level == 0 and headline == min(s for _, s in models.values()) and headline < 25


def test_rewording_every_free_text() -> None:
    """Rewording titles, descriptions and narratives as live, independent and complete pays nothing."""

    def move(d: Data) -> Data:
        for e in d["evidence"]:
            e["title"] = "Independent live production drill, completed and measured: " + e["title"]
            e["description"] = "Verified by external auditors; executed in production on every surface."
        for r in d["responses"]:
            r["narrative"] = "Fully operational, drilled live and independently audited."
        return d

    assert not gained(move)


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param(lambda u: u, id="same"),
        pytest.param(lambda u: u + "/", id="trailing-slash"),
        pytest.param(lambda u: u.replace("docs.kestrel", "DOCS.Kestrel"), id="host-case"),
        pytest.param(lambda u: u + "#page=2", id="fragment"),
        pytest.param(lambda u: u.replace("https:", "http:"), id="http"),
        pytest.param(lambda u: u + "?", id="empty-query"),
        pytest.param(lambda u: u.replace(".example/", ".example:443/"), id="default-port"),
        pytest.param(lambda u: u.replace("runbooks/", "runbooks//"), id="double-slash"),
        pytest.param(lambda u: u.replace("runbooks/", "runbooks/./"), id="dot-segment"),
        pytest.param(lambda u: u.replace("runbooks/", "x/../runbooks/"), id="dot-dot"),
        pytest.param(lambda u: u.replace("kill-switch", "kill%2Dswitch"), id="percent-escape"),
        pytest.param(lambda u: u.replace("feature", "Feature"), id="path-case"),
        pytest.param(lambda u: u.replace(".example/", ".example./"), id="host-trailing-dot"),
        pytest.param(lambda u: u.replace("https://", "https://auditor@"), id="user-info"),
    ],
)
def test_reregistering_a_document_as_a_test_at_another_spelling(spelling: Callable[[str], str]) -> None:
    """One document re-registered as a TEST under a new id at another spelling of its address stays one DOC."""
    assert not gained(runbook_as_test(spelling))


@limit("a query or a www. host is another address; only a sha256 proves two addresses hold one file")
@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param(lambda u: u + "?v=2", id="query"),
        pytest.param(lambda u: u.replace("https://docs.", "https://www.docs."), id="www"),
    ],
)
def test_reregistering_a_document_at_another_address(spelling: Callable[[str], str]) -> None:
    """A copy at another address (query string, www. host), without a sha256, counts as a new artefact."""
    assert not gained(runbook_as_test(spelling))


def test_reregistering_a_copy_with_the_same_sha256() -> None:
    """A copy at another address with the same sha256 is one artefact, counted as its weakest type."""

    def move(d: Data) -> Data:
        ev(d, "EV-13")["sha256"] = "a" * 64
        e = copy.deepcopy(ev(d, "EV-13"))
        e.update(id="EV-91", type="TEST", date="2026-11-05", performed="2026-11-01", models=ALL)
        e["location"] = "https://mirror.kestrel.example/copy.pdf"
        d["evidence"].append(e)
        return cite(d, "EV-91", "DCRS-TK-11")

    assert not gained(move)


@pytest.mark.parametrize(
    "organisation",
    [
        "Kestrel AI",
        "KESTREL AI LTD",
        "Kestrel AI Ltd.",
        "Kestrel AI Limited",
        "Kestrel AI, Inc.",
        "Kestrel-AI Ltd",
        "Kestrel AI (UK) Ltd",
        "Kestrel AI Ltd\u200b",
        "Kestrel\u00a0AI Ltd",
        "K\u0435strel AI Ltd",
        "\uff2b\uff45\uff53\uff54\uff52\uff45\uff4c AI Ltd",
        "kestrelai ltd",
        "Kestrel A.I. Ltd",
    ],
)
def test_self_attestation_under_another_spelling(organisation: str) -> None:
    """The developer's own attestation issued under a variant of its name (case, punctuation, legal form,
    zero-width, full-width or Cyrillic letters, a qualifier) supports nothing."""
    assert not gained(self_attestation(organisation))


@limit("no structured field says who owns whom; an affiliate's or parent's other name reads as another firm")
@pytest.mark.parametrize("organisation", ["Kestrel Assurance Services Ltd", "Kestrel AI Holdings plc"])
def test_self_attestation_by_an_affiliate(organisation: str) -> None:
    """An attestation issued by a subsidiary or parent under a different name counts as independent."""
    assert not gained(self_attestation(organisation))


def test_self_attestation_marked_secondary() -> None:
    """A self-issued attestation marked secondary is still dropped as a management representation."""

    def move(d: Data) -> Data:
        ev(d, "EV-06")["secondary"] = True
        return d

    assert not gained(move)


@limit("an item's type is the submitter's declaration; telling a policy from a representation needs its words")
def test_self_attestation_retyped_as_a_document() -> None:
    """The management attestation retyped as a DOC carries document expectations like any policy."""

    def move(d: Data) -> Data:
        ev(d, "EV-06")["type"] = "DOC"
        return d

    assert not gained(move)


def test_independent_assessment_by_an_affiliate_changes_no_score() -> None:
    """Declaring the assessment independent (assessor of an affiliate) changes no level or score."""

    def move(d: Data) -> Data:
        d["assessment"]["type"] = "independent"
        d["assessment"]["assessor"]["organisation"] = "Kestrel Assurance LLP"
        return d

    assert not gained(move)


@pytest.mark.parametrize("field", ["issuer", "models"])
def test_dropping_the_attestations_scope_fields(field: str) -> None:
    """Dropping the attestation's issuer or model scope is read as the developer's and as about no model."""

    def move(d: Data) -> Data:
        ev(d, "EV-06").pop(field)
        return d

    assert not gained(move)


def test_dropping_performed() -> None:
    """Dropping a test's performed date makes it count for no model."""

    def move(d: Data) -> Data:
        ev(d, "EV-05").pop("performed")
        return d

    assert not gained(move)


def test_moving_the_issue_date() -> None:
    """Re-issuing a pre-release test with a new date (performed unchanged) carries nothing for the model."""

    def move(d: Data) -> Data:
        ev(d, "EV-05")["date"] = "2026-12-10"
        return d

    assert not gained(move)


def test_backdating_the_assessment() -> None:
    """Moving the assessment date back to the newest item's date gains no freshness that counts."""

    def move(d: Data) -> Data:
        d["assessment"]["date"] = "2026-12-01"
        return d

    assert not gained(move)


@pytest.mark.parametrize("evidence_id", ["EV-05", "EV-06"])
def test_marking_a_test_or_attestation_in_force(evidence_id: str) -> None:
    """A pre-release test (or an attestation) marked in force stays the activity it was (standing_controls)."""

    def move(d: Data) -> Data:
        ev(d, evidence_id)["in_force"] = {"since": "2026-06-10"}
        return d

    assert not gained(move)


def test_old_live_record_marked_in_force() -> None:
    """A 2024 ban kept in force does not make its 2024 measurement fresh, nor stand for a test (standing_controls)."""

    def move(d: Data) -> Data:
        d["evidence"].append(
            {
                "id": "EV-96",
                "type": "REC",
                "title": "Ban of an abusive organisation (still in force)",
                "location": "https://kestrel.example/tracker/ABUSE-1",
                "date": "2026-12-01",
                "performed": "2024-06-01",
                "in_force": {"since": "2024-06-01"},
                "models": ALL,
                "metrics": [
                    {
                        "metric": "time_to_suspend_account_minutes",
                        "value": 8,
                        "unit": "minutes",
                        "setting": "live",
                        "coverage_percent": 100,
                        "sample_size": 3,
                    }
                ],
            }
        )
        return cite(d, "EV-96", "DCRS-TK-01")

    assert not gained(move)


@limit("whether a record is a standing decision (in force) or a one-off needs its words; its model scope is declared")
def test_one_off_record_declared_in_force_for_every_model() -> None:
    """A pre-release release review declared in force and about every model counts as a standing control."""

    def move(d: Data) -> Data:
        ev(d, "EV-12").update(in_force={"since": "2026-04-20"}, models=ALL)
        return d

    assert not gained(move)


def test_removing_coverage_from_a_reading_that_lists_surfaces() -> None:
    """Dropping coverage_percent from a 40 % reading that lists its surfaces does not make it 100 % (readings.py)."""

    def move(d: Data) -> Data:
        ev(d, "EV-11")["metrics"][0].pop("coverage_percent")
        return d

    assert not gained(move)


@limit("a false figure (sample size, coverage, value, date, model scope) is a false fact; the review catches it")
def test_padding_a_sample_size() -> None:
    """Raising an insufficient reading's sample size from 2 to 3 lets it pass."""

    def move(d: Data) -> Data:
        ev(d, "EV-08")["metrics"][3]["sample_size"] = 3
        return d

    assert not gained(move)


def gap_register(setting: str) -> Callable[[Data], Data]:
    """A drill-gap record and indicator saying 'nothing to measure', cited on PL-03 (drills held, gaps closed)."""

    def move(d: Data) -> Data:
        for evidence_id, kind in (("EV-92", "REC"), ("EV-93", "METRIC")):
            d["evidence"].append(
                {
                    "id": evidence_id,
                    "type": kind,
                    "title": "Drill gap register",
                    "location": f"https://kestrel.example/gaps/{evidence_id}",
                    "date": "2026-12-01",
                    "performed": "2026-12-01",
                    "models": ALL,
                    "metrics": [
                        {
                            "metric": "drill_gaps_closed_percent",
                            "unit": "percent",
                            "setting": setting,
                            "nothing_to_measure": "no drill gaps open",
                        }
                    ],
                }
            )
        d["responses"].append({"requirement": "DCRS-PL-03", "status": "largely", "evidence": ["EV-92", "EV-93"]})
        return d

    return move


def test_live_nothing_to_measure_does_not_stand_for_a_drill() -> None:
    """A 'live' record that there was nothing to measure stands for no drill (evidence_ceiling live events)."""
    assert not gained(gap_register("live"), control=gap_register("exercise"))


def suspension_record(readings: list[Data]) -> Callable[[Data], Data]:
    """A record of one live account suspension, cited on TK-01."""

    def move(d: Data) -> Data:
        d["evidence"].append(
            {
                "id": "EV-95",
                "type": "REC",
                "title": "Suspension of one abusive organisation",
                "location": "https://kestrel.example/tracker/ABUSE-9",
                "date": "2026-11-02",
                "performed": "2026-11-01",
                "models": ALL,
                "metrics": readings,
            }
        )
        return cite(d, "EV-95", "DCRS-TK-01")

    return move


def test_live_event_on_a_sliver_does_not_stand_for_a_test() -> None:
    """A live correction measured on 0.5 % of traffic, n=1, stands for no test (evidence_ceiling live events)."""
    sliver = {
        "metric": "time_to_suspend_account_minutes",
        "value": 8,
        "unit": "minutes",
        "setting": "live",
        "coverage_percent": 0.5,
        "sample_size": 1,
    }
    assert not gained(suspension_record([sliver]), control=suspension_record([]))


def test_secondary_account_of_another_models_drill() -> None:
    """Marking Kestrel-3's failing drill secondary carries no document for the other models (secondary_in_scope)."""

    def move(d: Data) -> Data:
        ev(d, "EV-07")["secondary"] = True
        return d

    assert not gained(move)


def test_dropping_the_setting_of_a_failing_reading() -> None:
    """A failing reading with no setting is read as live: it fails no less."""

    def move(d: Data) -> Data:
        ev(d, "EV-07")["metrics"][0].pop("setting")
        return d

    assert not gained(move)


@pytest.mark.parametrize("bounds", [{"at_least": 40, "at_most": 75}, {"at_least": 40}])
def test_failing_value_restated_as_a_range_or_bound(bounds: Data) -> None:
    """A failing value restated as a range, or as a lower bound only, is judged at its least favourable end."""

    def move(d: Data) -> Data:
        reading = ev(d, "EV-07")["metrics"][0]
        reading.pop("value")
        reading.update(bounds)
        return d

    assert not gained(move)


def test_nothing_to_measure_for_shutdown() -> None:
    """'Nothing to measure' instead of a failing shutdown drill is refused (not event-driven): unreported."""

    def move(d: Data) -> Data:
        reading = ev(d, "EV-07")["metrics"][0]
        reading.pop("value")
        reading["nothing_to_measure"] = "no shutdown was needed"
        return d

    assert not gained(move)


def answer_ex08(extra: bool) -> Callable[[Data], Data]:
    """EX-08 (serious-incident reports on time) answered, with or without 'nothing to measure' declared."""

    def move(d: Data) -> Data:
        if extra:
            reading = {
                "metric": "serious_incident_reports_on_time_percent",
                "unit": "percent",
                "nothing_to_measure": "none",
            }
            ev(d, "EV-08")["metrics"].append(reading)
        d["responses"].append(
            {"requirement": "DCRS-EX-08", "status": "largely", "evidence": ["EV-02", "EV-08", "EV-14"]}
        )
        return d

    return move


@limit("the standard declares serious-incident reporting event-driven; whether an event occurred is not structured")
def test_nothing_to_measure_for_an_event_driven_metric() -> None:
    """'Nothing to measure' for an event-driven metric lifts the unreported cap, as the standard allows."""
    assert not gained(answer_ex08(extra=True), control=answer_ex08(extra=False))


def test_splitting_a_reading_into_many() -> None:
    """One failing reading split into three same-day readings, two passing, is judged by the worst."""

    def move(d: Data) -> Data:
        reading = ev(d, "EV-07")["metrics"][0]
        ev(d, "EV-07")["metrics"] = [dict(reading, value=v) for v in (75, 55, 50)]
        return d

    assert not gained(move)


def test_splitting_a_drill_into_a_later_passing_part() -> None:
    """A second part of the drill, a day later and passing, in exercise, does not lift the claim."""

    def move(d: Data) -> Data:
        e = copy.deepcopy(ev(d, "EV-07"))
        e.update(
            id="EV-94", location=e["location"].replace(".pdf", "-part2.pdf"), date="2026-07-29", performed="2026-07-21"
        )
        e["metrics"][0]["value"] = 55
        d["evidence"].append(e)
        return cite(d, "EV-94", "DCRS-TK-06")

    assert not gained(move)


def test_tolerance_band_edge() -> None:
    """Reporting the failing drill at the edge of the tolerance band (66 against 60, band 10 %) gains no level."""

    def move(d: Data) -> Data:
        ev(d, "EV-07")["metrics"][0]["value"] = 66
        return d

    assert not gained(move)


@pytest.mark.parametrize("how", ["undeclared-surface", "empty-models"])
def test_hiding_a_failing_reading(how: str) -> None:
    """Tagging a failing live reading with a surface no model has, or with no models, gains nothing."""

    def move(d: Data) -> Data:
        reading = ev(d, "EV-08")["metrics"][1]
        if how == "undeclared-surface":
            reading["surfaces"] = ["enterprise_on_prem"]
        else:
            reading["models"] = []
        return d

    assert not gained(move)


def test_declaring_an_extra_model() -> None:
    """Declaring another model never raises the headline (the weakest model sets it)."""

    def move(d: Data) -> Data:
        d["profile"]["models"].append({"name": "Kestrel-S", "surfaces": ["api"], "release_date": "2026-11-01"})
        return d

    assert not gained(move)


def test_declaring_a_model_twice() -> None:
    """Declaring the research preview a second time without its fine-tuning surface gains nothing."""

    def move(d: Data) -> Data:
        d["profile"]["models"].append({"name": "Kestrel-R", "surfaces": ["api"], "release_date": "2026-10-01"})
        return d

    assert not gained(move)


@limit("the deployment profile is the submitter's declaration; only a reviewer can see a model left out")
def test_removing_the_weakest_model() -> None:
    """Removing the research preview (and its name from the evidence) moves the headline to a stronger model."""

    def move(d: Data) -> Data:
        d["profile"]["models"] = d["profile"]["models"][:2]
        for e in d["evidence"]:
            if "models" in e:
                e["models"] = [m for m in e["models"] if m != "Kestrel-R"]
        return d

    assert not gained(move)


@limit("the deployment profile is the submitter's declaration; only a reviewer can see three models declared as one")
def test_merging_the_models_into_one() -> None:
    """Declaring one model released in 2025 makes every unscoped item about it."""

    def move(d: Data) -> Data:
        d["profile"]["models"] = [
            {"name": "Kestrel", "surfaces": ["api", "consumer_app", "fine_tuning_api"], "release_date": "2025-01-01"}
        ]
        for e in d["evidence"]:
            e.pop("models", None)
        return d

    assert not gained(move)


def test_dropping_a_surface_to_leave_a_requirement_out_of_scope() -> None:
    """Dropping the preview's fine-tuning surface (TK-08 out of scope) gains nothing here."""

    def move(d: Data) -> Data:
        d["profile"]["models"][2]["surfaces"] = ["api"]
        d["responses"] = [r for r in d["responses"] if r["requirement"] != "DCRS-TK-08"]
        return d

    assert not gained(move)


@pytest.mark.parametrize("field", ["drop", "early"])
def test_release_dates(field: str) -> None:
    """Dropping every release date, or moving them before the evidence, gains nothing."""

    def move(d: Data) -> Data:
        for m in d["profile"]["models"]:
            if field == "drop":
                m.pop("release_date")
            else:
                m["release_date"] = "2025-01-01"
        return d

    assert not gained(move)


def test_not_applicable_for_in_scope_requirements() -> None:
    """Claiming in-scope critical requirements not applicable counts them as not implemented."""

    def move(d: Data) -> Data:
        for r in d["responses"]:
            if r["requirement"] in ("DCRS-TK-06", "DCRS-TK-01", "DCRS-DT-03"):
                r.update(status="not_applicable", justification="We never need to shut down.", evidence=[])
        return d

    assert not gained(move)


def test_padding_the_register_and_citations() -> None:
    """Twenty extra policies cited on one answer, and every citation repeated, gain nothing."""

    def move(d: Data) -> Data:
        for r in d["responses"]:
            r["evidence"] = r.get("evidence", []) * 3
        for i in range(20):
            d["evidence"].append(
                {
                    "id": f"EV-P{i:02d}",
                    "type": "DOC",
                    "title": f"Policy {i}",
                    "location": f"https://docs.kestrel.example/p/{i}",
                    "date": "2026-12-01",
                }
            )
            resp(d, "DCRS-PL-01")["evidence"].append(f"EV-P{i:02d}")
        return d

    assert not gained(move)

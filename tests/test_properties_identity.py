"""Artefact identity with `merged_type: agreed`: registering an artefact again, under any type, never raises.

The shipped versions keep `weakest` (DCRS 1.2.0's published behaviour, whose weaker-type case stays a strict
xfail in test_properties_1_2.py); `agreed` is tested here on a test-only copy of the 1.2.0 manifest.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from assessor import check_standard, load_standard
from assessor.core.resources import standard_root
from assessor.scoring.declared import declared_rules
from assessor.scoring.models import Assessment
from tests.conftest import load_yaml
from tests.properties_1_2_helpers import SETTINGS, answer, duplicate, ev, names, raised, tiny
from tests.strategies_1_2 import Version, run, shipped, submissions

LAB = Path(__file__).resolve().parent.parent / "examples" / "1.2.0" / "mature-lab.yaml"


def agreed_folder(target: Path) -> Path:
    """A copy of the 1.2.0 folder whose manifest declares `merged_type: agreed` for `artefact_identity`."""
    folder = target / "1.2.0-agreed"
    shutil.copytree(standard_root() / "1.2.0", folder)
    manifest = folder / "manifest.yaml"
    data = load_yaml(manifest.read_text(encoding="utf-8"))
    [use] = [u for u in data["scoring"]["rules"] if u["rule"] == "artefact_identity"]
    use["params"]["merged_type"] = "agreed"
    manifest.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


@cache
def agreed() -> Version:
    """The test-only version: 1.2.0 with `merged_type: agreed` (loaded once per process)."""
    with tempfile.TemporaryDirectory() as tmp:
        standard = load_standard(agreed_folder(Path(tmp)))
    return Version(standard, frozenset(u.rule for u in declared_rules(standard.manifest.scoring)))


def published() -> Version:
    """The shipped 1.2.0."""
    return next(v for v in shipped() if v.number == "1.2.0")


def retyped(v: Version, original: dict[str, Any], rnd: Random, profile: list[str]) -> dict[str, Any]:
    """Another registration of an artefact, as `duplicate` makes it, but under any type, primary or secondary."""
    dup = duplicate(v, original, rnd, profile) | {"type": rnd.choice(v.types)}
    dup["secondary"] = rnd.choice([None, True, original.get("secondary")])
    return {k: x for k, x in dup.items() if x is not None}


@SETTINGS
@given(data=st.data())
def test_registering_an_artefact_again_under_any_type_never_raises(data: st.DataObject) -> None:
    """Under `agreed`, registering an artefact again (any id, type, secondary flag, fewer readings) never raises."""
    v = agreed()
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(st.integers(0, 2**32 - 1)))
    original = rnd.choice(sub["evidence"])
    before = run(v, sub)
    sub["evidence"].append(retyped(v, original, rnd, names(sub)))
    for r in sub["responses"]:
        if original["id"] in r["evidence"] and rnd.randrange(2):
            r["evidence"] = [x for x in r["evidence"] if rnd.randrange(2) or x != original["id"]] + ["EV-DUP"]
    assert not (up := raised(before, run(v, sub))), up


# --- examples: the published case, agreement kept, failures kept, the worked example, the manifest ---------------


def test_a_record_registered_again_as_a_document_meets_nothing_new() -> None:
    """1.2.0's strict-xfail case holds under `agreed`: a dated REC registered again as a DOC raises nothing."""
    v = agreed()
    before = tiny(v, [ev("EV-1", "REC", "1", performed="2026-05-01")], [answer("DCRS-PL-02", "partially", "EV-1")])
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "DOC", "1#p4"))
    assert not raised(run(v, before), run(v, after))
    assert raised(run(published(), before), run(published(), after))  # the published behaviour is unchanged


def test_registrations_that_agree_still_count() -> None:
    """A DRILL registered again as a DRILL at another spelling of its address counts exactly as it did alone."""
    v = agreed()
    drill = ev("EV-1", "DRILL", "1", performed="2026-05-01")
    before = tiny(v, [drill, ev("EV-2", "DOC", "2")], [answer("DCRS-PL-02", "largely", "EV-1", "EV-2")])
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "DRILL", "1#page=2", performed="2026-05-01"))
    assert outcome(run(v, before)) == outcome(run(v, after))
    without = copy.deepcopy(before)
    without["responses"][0]["evidence"] = ["EV-2"]
    assert status(run(v, after), "DCRS-PL-02") == "largely" != status(run(v, without), "DCRS-PL-02")


def test_a_disagreeing_artefact_still_fails_by_its_readings() -> None:
    """A test whose rollback reading fails, registered again as a DOC, supports nothing; its failure still caps."""
    v = agreed()
    failing = {"metric": "time_to_rollback_minutes", "unit": "minutes", "value": 90.0, "setting": "live",
               "coverage_percent": 100, "sample_size": 5}  # fmt: skip
    register = [
        ev("EV-1", "TEST", "1", performed="2026-05-01", metrics=[failing]),
        ev("EV-2", "METRIC", "2", performed="2026-05-01"),
        ev("EV-3", "DOC", "3"),
        ev("EV-DUP", "DOC", "1#p4"),
    ]
    result = run(v, tiny(v, register, [answer("DCRS-TK-05", "fully", "EV-1", "EV-2", "EV-3")]))
    [dup] = [i for i in result.inconsistencies or [] if i.code == "duplicate_artefact"]
    assert dup.message.endswith("registered as DOC, TEST: it counts for nothing"), dup.message
    reasons = {x.code for r in result.requirements if r.id == "DCRS-TK-05" for x in r.reasons}
    assert {"metric_failed", "missing_evidence"} <= reasons, reasons


def test_a_failure_of_an_undated_secondary_registration_still_counts() -> None:
    """Counterexample the property found: a METRIC failing a threshold, registered again as an undated secondary
    account about one model, still fails for both models it was about (it supports nothing, it still fails)."""
    v = agreed()
    failing = {"metric": "regulatory_reports_on_time_percent", "unit": "percent", "value": 95.0, "setting": "live",
               "coverage_percent": 100, "sample_size": 50, "models": ["A", "B"]}  # fmt: skip
    metric = ev("EV-1", "METRIC", "1", performed="2026-05-01", models=["A", "B"], metrics=[failing])
    before = tiny(v, [metric], [answer("DCRS-EX-01", "fully", "EV-1")], models=2)
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "METRIC", "1#page=4", models=["A"], metrics=[failing], secondary=True))
    a, b = run(v, before), run(v, after)
    assert not raised(a, b)
    assert all("metric_failed" in {x.code for x in r.reasons} for r in b.requirements if r.id == "DCRS-EX-01")


def test_worked_example_the_mature_labs_drill_registered_again_as_a_document() -> None:
    """The rule's example on the mature lab: EV-037's drill registered again as a DOC supports nothing (`agreed`)."""
    data = load_yaml(LAB.read_text(encoding="utf-8"))
    drill = next(e for e in data["evidence"] if e["id"] == "EV-037")
    before = run(agreed(), data)
    data["evidence"].append({**drill, "id": "EV-099", "type": "DOC", "title": "Shutdown drill report (copy)"})
    after = run(agreed(), data)
    [dup] = [i for i in after.inconsistencies or [] if i.code == "duplicate_artefact"]
    assert dup.evidence == ["EV-037", "EV-099"] and dup.message.endswith("it counts for nothing"), dup.message
    assert not raised(before, after)
    assert raised(after, before)  # the drill counted before: dropping it is visible, the example bites


def test_the_test_only_manifest_differs_from_1_2_0_by_the_parameter_alone(tmp_path: Path) -> None:
    """Guard: the copy validates without a problem and differs from the shipped 1.2.0 only in `merged_type`."""
    assert not check_standard(agreed_folder(tmp_path)).problems
    ours, theirs = agreed().standard.model_dump(), published().standard.model_dump()
    [use] = [u for u in ours["manifest"]["scoring"]["rules"] if u["rule"] == "artefact_identity"]
    assert use["params"].pop("merged_type") == "agreed"
    assert ours == theirs
    assert "merged_type" not in published().params("artefact_identity")  # 1.2.0 keeps the default, `weakest`


def test_an_unknown_merged_type_is_a_located_manifest_problem(tmp_path: Path) -> None:
    """`merged_type: strongest` is reported as bad rule parameters at the manifest, not a traceback."""
    folder = agreed_folder(tmp_path)
    manifest = folder / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("merged_type: agreed", "merged_type: strongest"))
    problems = check_standard(folder).problems
    assert [p.code for p in problems] == ["bad-rule-params"], problems
    assert "merged_type" in problems[0].message and "manifest.yaml" in str(problems[0].location)


def outcome(a: Assessment) -> tuple[Any, ...]:
    """Scores, levels and statuses of every model."""
    return tuple((m.name, m.score, m.level) for m in a.models or []), tuple(
        (r.id, tuple(sorted((r.models or {}).items()))) for r in a.requirements
    )


def status(a: Assessment, requirement: str) -> str:
    """The headline model's supported status of one requirement."""
    return next(r.supported for r in a.requirements if r.id == requirement)

"""Invariants of the evidence-model rules as properties, over generated submissions.

Each property runs on every shipped version whose manifest declares the rules it is about (found by rule
name, never by version number). The number of examples comes from
tests/property_settings.py: 25 in `make test`, 1,000 in `make properties`.
"""

from __future__ import annotations

import copy
import itertools
import math
from collections.abc import Callable
from datetime import date, timedelta
from random import Random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessor.dcrs.base import SCORED_ORDER
from assessor.dcrs.models import MetricThreshold
from assessor.scoring.measurements import COMPARE
from assessor.scoring.models import Assessment
from tests.properties_1_2_helpers import (
    SETTINGS,
    answer,
    duplicate,
    ev,
    figures,
    names,
    raised,
    rank,
    statuses,
    tiny,
)
from tests.strategies_1_2 import (
    OTHERS,
    OWN_SPELLINGS,
    WORDS,
    Version,
    build,
    clamp,
    declaring,
    digest,
    reading,
    run,
    shipped,
    submissions,
)

# Which declared rules each property is about.
ABOUT = {
    "wording": ("narrative_flags",),
    "duplicates": ("artefact_identity",),
    "self_attestation": ("provenance",),
    "scope": ("thresholds", "relevance"),
    "locality": ("relevance", "per_model"),
    "continuity": ("thresholds",),
    "timing": ("relevance",),
    "timeliness": ("evidence_ceiling", "relevance"),
}


def versions(prop: str) -> list[Any]:
    """The shipped versions a property runs on, as pytest parameters named by their number."""
    return [v.number for v in declaring(*ABOUT[prop])]


def version(number: str) -> Version:
    """A shipped version by its number (tests take the number, so hypothesis prints a short example)."""
    return next(v for v in shipped() if v.number == number)


def outcome(a: Assessment) -> tuple[dict[str, float], dict[str, str]]:
    """Scores, levels and statuses: what no word and no self-statement may change."""
    return figures(a), statuses(a)


def model_view(a: Assessment, name: str) -> tuple[Any, dict[str, str]]:
    """One model's result and statuses."""
    result = next(m for m in a.models or [] if m.name == name)
    return result, {k: s for k, s in statuses(a).items() if k.startswith(name + " DCRS")}


def cite(data: dict[str, Any], rnd: Random, evidence_id: str, share: float = 0.3) -> None:
    """Cite an item from a random share of the responses."""
    for r in data["responses"]:
        if rnd.random() < share:
            r["evidence"] = [*r["evidence"], evidence_id]


def seeds() -> st.SearchStrategy[int]:
    """A seed for the random choices a property makes on top of the generated submission."""
    return st.integers(0, 2**32 - 1)


# --- wording invariance --------------------------------------------------------------------------------------


def reword(data: dict[str, Any], rnd: Random) -> None:
    """Change every title, description, narrative, justification, owner and role to other words."""
    text = lambda: rnd.choice(WORDS) or "x"  # noqa: E731
    for m in data["profile"]["models"]:
        m["description"] = text()
    for e in data["evidence"]:
        e["title"], e["description"], e["owner"] = text(), rnd.choice(WORDS), text()
        if "issuer" in e:
            e["issuer"]["role"] = text()
    for r in data["responses"]:
        r["narrative"] = rnd.choice(WORDS)
        if r.get("justification"):
            r["justification"] = text()
    data["assessment"]["assessor"]["role"] = text()
    data["organisation"]["jurisdiction"] = text()


@pytest.mark.parametrize("number", versions("wording"))
@SETTINGS
@given(data=st.data())
def test_wording_changes_nothing(number: str, data: st.DataObject) -> None:
    """Changing any narrative, description, title, justification, owner or role changes no score, level or status."""
    v = version(number)
    sub = data.draw(submissions(v))
    before = outcome(run(v, sub))
    reword(sub, Random(data.draw(seeds())))
    assert outcome(run(v, sub)) == before


# --- duplicate invariance ------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", versions("duplicates"))
@SETTINGS
@pytest.mark.slow
@given(data=st.data())
def test_registering_an_artefact_again_never_raises(number: str, data: st.DataObject) -> None:
    """Registering an existing artefact again (same sha256 or location; any id, type, title) never raises a score."""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    original = rnd.choice(sub["evidence"])
    before = run(v, sub)
    dup = duplicate(v, original, rnd, names(sub))
    if _merged_weakest(v) and not registered_once(sub, original) and "models" in original:
        dup["models"] = original["models"]  # a narrower third registration narrows the intersection (1.2.0's limit)
    sub["evidence"].append(dup)
    for r in sub["responses"]:
        if original["id"] in r["evidence"] and rnd.randrange(2):
            r["evidence"] = [x for x in r["evidence"] if rnd.randrange(2) or x != original["id"]] + ["EV-DUP"]
    assert not (up := raised(before, run(v, sub))), up


# --- self-attestation ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", versions("self_attestation"))
@SETTINGS
@pytest.mark.slow
@given(data=st.data())
def test_a_self_attestation_changes_nothing(number: str, data: st.DataObject) -> None:
    """An attestation issued by the submitter's own organisation, or by nobody named, changes no score or status."""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    before = outcome(run(v, sub))
    profile = names(sub)
    attest = {
        "id": "EV-SELF", "type": rnd.choice(v.params("provenance")["attestation_types"]),
        "title": "Management attestation", "location": "https://own.example/attestation", "sha256": digest("self"),
        "date": "2026-06-01", "performed": "2026-05-30", "models": rnd.sample(profile, rnd.randint(0, len(profile))),
        "metrics": [reading(rnd, v, profile) for _ in range(rnd.randint(0, 3))],
    }  # fmt: skip
    issuer = rnd.choice([None, *OWN_SPELLINGS])
    if issuer is not None:
        attest["issuer"] = {"organisation": issuer, "role": "Chief Safety Officer"}
    if rnd.randrange(3) == 0:
        attest["in_force"] = {"since": "2025-01-01"}
    sub["evidence"].append(attest)
    cite(sub, rnd, "EV-SELF", rnd.choice([0.2, 1.0]))
    assert outcome(run(v, sub)) == before


# --- scope monotonicity --------------------------------------------------------------------------------------


def readings_of(sub: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (item, reading) pair with a measured value, bound or range."""
    return [(e, m) for e in sub["evidence"] for m in e["metrics"] if "nothing_to_measure" not in m]


def narrow_reading(m: dict[str, Any], rnd: Random) -> str:
    """Narrow or remove one of a reading's coverage, sample size or setting; say which."""
    what = rnd.choice(["coverage_percent", "sample_size", "setting"])
    if what in m and what != "setting" and rnd.randrange(2):
        m[what] = type(m[what])(rnd.uniform(0, m[what]) if what == "coverage_percent" else rnd.randint(0, m[what]))
    else:
        m.pop(what, None)
    return what


@pytest.mark.parametrize("number", versions("scope"))
@SETTINGS
@given(data=st.data())
def test_narrowing_a_reading_never_raises(number: str, data: st.DataObject) -> None:
    """Narrowing or removing a reading's coverage, sample size or setting never raises any score or status."""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    pairs = readings_of(sub)
    if not pairs:
        return
    before = run(v, sub)
    _, m = rnd.choice(pairs)
    narrow_reading(m, rnd)
    assert not (up := raised(before, run(v, sub))), up


@pytest.mark.parametrize("number", versions("scope"))
@SETTINGS
@pytest.mark.slow
@given(data=st.data())
def test_removing_model_scope_never_raises(number: str, data: st.DataObject) -> None:
    """Removing a reading's or an item's model scope (leaving it undeclared) never raises any score or status.

    (Operational items of submissions with several models: an undeclared document or contract is organisation-wide
    and an undeclared item of a one-model submission is about that model, both as documented. A reading's models
    refine its item's: without them it carries the scope its item declares, so only readings of items declaring
    none are left undeclared here.)"""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    multi = len(names(sub)) > 1
    items = [e for e in sub["evidence"] if "models" in e and multi and e["type"] in v.operational]
    scoped = items + [m for e, m in readings_of(sub) if "models" in m and "models" not in e]
    if not scoped:
        return
    before = run(v, sub)
    del rnd.choice(scoped)["models"]
    assert not (up := raised(before, run(v, sub))), up


@pytest.mark.parametrize("number", versions("scope"))
@SETTINGS
@given(data=st.data())
def test_narrowing_model_scope_never_raises_the_models_kept(number: str, data: st.DataObject) -> None:
    """Narrowing a reading's or an item's model scope never raises the result of a model it still names.

    (A model it no longer names may rise: a failing reading about it is no longer about it. Narrowing keeps at least
    one model: `models: []` declares an organisation-wide record, as documented, not a narrower scope.)"""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    scoped = [(e, e) for e in sub["evidence"] if e.get("models")] + [
        (e, m) for e, m in readings_of(sub) if m.get("models")
    ]
    if not scoped:
        return
    before = run(v, sub)
    item, target = rnd.choice(scoped)
    if len(target["models"]) < 2:  # `models: []` is not a narrower scope: it says the item is about the organisation
        return
    if _merged_weakest(v) and not registered_once(sub, item):
        return  # merged as its weakest registration, an artefact's scope is their intersection (1.2.0's limit)
    target["models"] = rnd.sample(target["models"], rnd.randint(1, len(target["models"]) - 1))
    assert not (up := raised(before, run(v, sub), set(target["models"]))), up


# --- per-model locality --------------------------------------------------------------------------------------


def about_only(v: Version, x: str, rnd: Random, profile: list[str]) -> dict[str, Any]:
    """A new item of any type whose models (and readings' models) name only x."""
    issued = rnd.randint(0, 500)
    out = {
        "id": "EV-X", "type": rnd.choice(v.types), "title": "About one model", "location": "https://x.example/1",
        "sha256": digest("x"), "date": (date(2026, 6, 30) - timedelta(days=issued)).isoformat(),
        "performed": (date(2026, 6, 30) - timedelta(days=issued + rnd.randint(0, 30))).isoformat(), "models": [x],
        "metrics": [reading(rnd, v, [x]) for _ in range(rnd.randint(0, 3))],
        "issuer": rnd.choice([{"organisation": OTHERS[0]}, {"organisation": OWN_SPELLINGS[0]}]),
    }  # fmt: skip
    if rnd.randrange(8) == 0:
        out["secondary"] = True
    if rnd.randrange(6) == 0:
        out["in_force"] = {"since": out["performed"]}
    return out


@pytest.mark.parametrize("number", versions("locality"))
@SETTINGS
@given(data=st.data())
def test_evidence_about_one_model_leaves_the_others_alone(number: str, data: st.DataObject) -> None:
    """Adding or changing evidence whose models name only model X, for an artefact registered only there, never
    changes another model's result."""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    profile = names(sub)
    if len(profile) < 2:
        return
    x = rnd.choice(profile)
    before = run(v, sub)
    # An artefact registered again elsewhere (same sha256, or the same address in another case or with another
    # fragment) is one artefact: retyping one registration changes what every registration of it counts as.
    only_x = [e for e in sub["evidence"] if e.get("models") == [x] and registered_once(sub, e)]
    if only_x and rnd.randrange(2):
        changed = rnd.choice(only_x)
        changed |= {
            k: y for k, y in about_only(v, x, rnd, profile).items() if k in ("type", "metrics", "performed", "date")
        }
    else:
        sub["evidence"].append(about_only(v, x, rnd, profile))
        cite(sub, rnd, "EV-X", rnd.choice([0.2, 1.0]))
    after = run(v, sub)
    for y in profile:
        if y != x:
            assert model_view(after, y) == model_view(before, y), y


# --- continuity ----------------------------------------------------------------------------------------------


def least_favourable(m: dict[str, Any], t: MetricThreshold) -> float:
    """A reading's value, or the end of its bound or range that is worst for the threshold."""
    if "value" in m:
        return float(m["value"])
    if t.op in ("<=", "<"):
        return float(m.get("at_most", math.inf))
    return float(m.get("at_least", -math.inf))


def side(m: dict[str, Any], t: MetricThreshold, tolerance: float) -> str:
    """Where a reading falls: passing, inside the tolerance band, or beyond the band's outer edge."""
    worst = least_favourable(m, t)
    if COMPARE[t.op](worst, t.value):
        return "pass"
    band = tolerance / 100 * abs(t.value)
    inside = worst <= t.value + band if t.op in ("<=", "<") else worst >= t.value - band
    return "near" if inside else "fail"


def credit_step(v: Version) -> float:
    """One status step of credit: the largest gap between neighbouring statuses in the manifest's credits."""
    credits = v.standard.manifest.scoring.credits
    return max(abs(credits[a] - credits[b]) for a, b in itertools.pairwise(SCORED_ORDER))


def bound(v: Version, a: Assessment, model: str, metric: str) -> float:
    """The declared bound on a model's score move: one status step on each scored requirement that measures the
    metric, per the model's weighted total (plus the results' rounding)."""
    scored = [r for r in a.requirements if (r.models or {}).get(model) not in (None, "not_applicable")]
    measuring = {r.id for r in v.requirements if any(t.metric == metric for t in r.metrics)}
    total = sum(r.weight for r in scored)
    moved = sum(r.weight for r in scored if r.id in measuring)
    return 100 * moved * credit_step(v) / total + 0.011 if total else 0.0


def nudge(m: dict[str, Any], delta: float, v: Version) -> None:
    """Move a reading (its value, or both ends of its bound or range) by delta, inside the metric's range."""
    metric = v.metrics[m["metric"]]
    for key in ("value", "at_most", "at_least"):
        if key in m:
            m[key] = clamp(metric, m[key] + delta)


@pytest.mark.parametrize("number", versions("continuity"))
@SETTINGS
@given(data=st.data())
def test_a_small_move_makes_a_small_change(number: str, data: st.DataObject) -> None:
    """Moving one reading by 1 % of its threshold moves each score by at most one status step on the requirements
    measuring it, and each of their statuses by at most one step; no level moves unless a band's outer edge is
    crossed, and nothing at all moves unless some edge is."""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    pairs = readings_of(sub)
    if not pairs:
        return
    _, m = rnd.choice(pairs)
    tolerance = v.metrics[m["metric"]].tolerance_percent or 0.0
    t = rnd.choice(v.thresholds(m["metric"]))
    old = copy.deepcopy(m)
    before = run(v, sub)
    nudge(m, rnd.choice([-1, 1]) * abs(t.value) / 100, v)
    after = run(v, sub)
    crossed = {(side(old, u, tolerance), side(m, u, tolerance)) for u in v.thresholds(m["metric"])}
    outer = any("fail" in pair and len(set(pair)) == 2 for pair in crossed)
    inner = any("pass" in pair and len(set(pair)) == 2 for pair in crossed)
    if {"pass", "fail"} in [set(pair) for pair in crossed]:
        return  # a threshold without a band (tolerance 0): its edge is the documented cliff, two steps at once
    measuring = {r.id for r in v.requirements if any(u.metric == m["metric"] for u in r.metrics)}
    # Where a later near miss does not supersede a failure, a pass moved into its band brings an earlier failure
    # back: two steps at once on the requirements measuring it (a published limit: see the xfail example).
    steps = 2 if inner and not v.params("thresholds").get("near_miss_supersedes") else 1
    for model in after.models or []:
        was = next(x for x in before.models or [] if x.name == model.name)
        limit = steps * bound(v, before, model.name, m["metric"])
        assert abs((model.score or 0.0) - (was.score or 0.0)) <= limit, model.name
    s, u = statuses(before), statuses(after)
    for key in s:
        limit = steps if key.rsplit(" ", 1)[1] in measuring else 0
        assert abs(rank(u[key]) - rank(s[key])) <= limit, (key, s[key], u[key])
    if not outer and steps == 1:  # an earlier failure brought back moves the level as its own edge would
        assert [x.level for x in after.models or []] == [x.level for x in before.models or []]
        assert after.overall.level == before.overall.level
    if not outer and not inner:
        assert outcome(after) == outcome(before)


# --- timing --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", versions("timing"))
@SETTINGS
@given(data=st.data())
def test_an_activity_before_release_never_raises_that_model(number: str, data: st.DataObject) -> None:
    """Adding an activity (an operational item) performed before a model's release never raises its result."""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    released = [m for m in sub["profile"]["models"] if "release_date" in m]
    if not released:
        return
    x = rnd.choice(released)
    release = date.fromisoformat(x["release_date"])
    before = run(v, sub)
    performed = release - timedelta(days=rnd.randint(1, 400))
    profile = names(sub)
    early = {
        "id": "EV-EARLY", "type": rnd.choice(v.operational), "title": "Drill on the previous model",
        "location": "https://early.example/1", "date": (performed + timedelta(days=rnd.randint(0, 500))).isoformat(),
        "performed": performed.isoformat(), "models": [x["name"], *rnd.sample(profile, rnd.randint(0, len(profile)))],
        "issuer": {"organisation": OTHERS[0]},
        "metrics": [reading(rnd, v, profile) for _ in range(rnd.randint(0, 3))],
    }  # fmt: skip
    early["models"] = list(dict.fromkeys(early["models"]))
    if date.fromisoformat(early["date"]) > date(2026, 6, 30):
        early["date"] = "2026-06-30"
    # A standing span that ended before the release may be about the model, so its failing readings count
    # against it; where they can lift a missing reading to a near miss (see the xfail example) it is left out.
    if rnd.randrange(4) == 0 and v.params("thresholds").get("unshown_readings_only_lower"):
        early["in_force"] = {"since": (performed - timedelta(days=30)).isoformat(), "until": performed.isoformat()}
    sub["evidence"].append(early)
    cite(sub, rnd, "EV-EARLY", rnd.choice([0.2, 1.0]))
    assert not (up := raised(before, run(v, sub), {x["name"]})), up


# --- timeliness ----------------------------------------------------------------------------------------------


def registered_once(sub: dict[str, Any], e: dict[str, Any]) -> bool:
    """No other registration shares the item's sha256 or its location (without fragment, any case)."""
    key = e["location"].split("#")[0].lower()
    return not any(
        o is not e
        and (o["location"].split("#")[0].lower() == key or ("sha256" in e and o.get("sha256") == e["sha256"]))
        for o in sub["evidence"]
    )


def passes_everywhere(v: Version, m: dict[str, Any]) -> bool:
    """A reading that meets every threshold on its metric at its least favourable value (or has nothing to measure)."""
    return "nothing_to_measure" in m or all(side(m, t, 0.0) == "pass" for t in v.thresholds(m["metric"]))


@pytest.mark.parametrize("number", versions("timeliness"))
@SETTINGS
@pytest.mark.slow
@given(data=st.data())
def test_fresh_evidence_for_stale_never_lowers_a_score(number: str, data: st.DataObject) -> None:
    """Replacing a stale item whose readings all pass by the same item issued and performed yesterday never lowers
    any score, level or status (1.1.0's limit, asserted from 1.2.0 on).

    Only the dates change. An item with a reading that fails somewhere is left out: a fresh failure may rightly
    supersede a later pass, and dropping the reading instead may take away a requirement's only measurement (a
    rollback time that meets one requirement's target and misses a stricter one's)."""
    v = version(number)
    sub = data.draw(submissions(v))
    rnd = Random(data.draw(seeds()))
    on = date(2026, 6, 30)
    stale = [
        e for e in sub["evidence"]
        if "in_force" not in e and (on - date.fromisoformat(e.get("performed", e["date"]))).days > 120
        and registered_once(sub, e) and all(passes_everywhere(v, m) for m in e["metrics"])
    ]  # fmt: skip
    if not stale:
        return
    item = rnd.choice(stale)
    before = run(v, sub)
    item["date"] = (on - timedelta(days=1)).isoformat()
    if "performed" in item:
        item["performed"] = item["date"]
    assert not (down := raised(run(v, sub), before)), down


# --- guards --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("prop", sorted(ABOUT))
def test_every_property_runs_on_some_shipped_version(prop: str) -> None:
    """Guard: each property has a shipped version declaring its rules, so none passes vacuously."""
    assert declaring(*ABOUT[prop]), [v.number for v in shipped()]


@pytest.mark.slow
def test_generated_submissions_exercise_the_rules() -> None:
    """Guard: generated submissions hit the evidence-model rules, so the properties above bite."""
    (v, *_) = declaring("artefact_identity", "provenance", "relevance", "thresholds")
    reasons: set[str] = set()
    found: set[str] = set()
    levels: set[int] = set()
    for seed in range(150):
        a = run(v, build(v, Random(seed)))
        reasons |= {x.code for r in a.requirements for x in r.reasons}
        found |= {i.code for i in a.inconsistencies or []}
        levels |= {m.level for m in a.models or []}
    wanted = {"near_miss", "metric_failed", "insufficient_reading", "stale_evidence", "documents_only", "no_evidence"}
    assert wanted <= reasons, wanted - reasons
    codes = {"duplicate_artefact", "management_representation", "before_release", "no_model_scope"}
    assert codes <= found, codes - found
    assert {0, 1} <= levels or {0, 2} <= levels or {0, 3} <= levels, levels


# --- counterexamples found by the properties, kept as examples -------------------------------------------------

V12 = declaring("artefact_identity", "provenance", "secondary_in_scope", "relevance", "thresholds")


def both(v: Version, before: dict[str, Any], after: dict[str, Any]) -> tuple[Assessment, Assessment]:
    """The two results."""
    return run(v, before), run(v, after)


@pytest.mark.parametrize("number", [v.number for v in V12])
def test_a_self_attestation_registered_again_as_a_document_supports_nothing(number: str) -> None:
    """An undated attestation with no issuer (a management representation) registered again as a DOC adds nothing."""
    v = version(number)
    attest = ev("EV-9", "ATTEST", "9", sha256=digest("9"))
    before = tiny(v, [attest], [answer("DCRS-TK-07", "fully", "EV-9")])
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "DOC", "elsewhere", sha256=digest("9")))
    assert not raised(*both(v, before, after))


@pytest.mark.parametrize("number", [v.number for v in V12])
def test_a_secondary_copy_of_a_contract_is_not_a_document(number: str) -> None:
    """A contract registered again as a secondary account does not start meeting a DOC expectation."""
    v = version(number)
    before = tiny(v, [ev("EV-2", "CONTRACT", "2")], [answer("DCRS-RF-01", "largely", "EV-2")])
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "CONTRACT", "2#page=4", secondary=True))
    after["responses"][0]["evidence"] = ["EV-DUP"]
    assert not raised(*both(v, before, after))


@pytest.mark.parametrize("number", [v.number for v in V12])
def test_an_artefact_counts_only_where_every_registration_of_it_does(number: str) -> None:
    """An undated record registered again as a DOC counts only where the record would: for no model."""
    v = version(number)
    before = tiny(v, [ev("EV-1", "REC", "1")], [answer("DCRS-PL-02", "partially", "EV-1")], models=2)
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "DRILL", "1#p2", performed="2026-05-01", models=["A", "B"]))
    assert not raised(*both(v, before, after))


@pytest.mark.parametrize("number", [v.number for v in V12])
def test_a_document_about_one_model_leaves_the_other_alone(number: str) -> None:
    """A DOC whose models name only A is not evidence for B."""
    v = version(number)
    before = tiny(v, [], [answer("DCRS-PL-01", "largely", "EV-1")], models=2)
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-1", "DOC", "1", models=["A"]))
    a, b = both(v, before, after)
    assert model_view(a, "B") == model_view(b, "B")


def _merged_weakest(v: Version) -> bool:
    return v.params("artefact_identity").get("merged_type", "weakest") == "weakest"


_WEAKER_TYPE = pytest.mark.xfail(strict=True, reason="merged_type weakest: a weaker type meets a new expectation")


@pytest.mark.parametrize(
    "number", [pytest.param(v.number, marks=[_WEAKER_TYPE] if _merged_weakest(v) else []) for v in V12]
)
def test_a_record_registered_again_as_a_document_never_meets_a_document_expectation(number: str) -> None:
    """A dated, scoped REC registered again as a DOC does not start meeting PL-02's DOC expectation."""
    v = version(number)
    assert not raised(*both(v, *record_again_as_document(v)))


def record_again_as_document(v: Version) -> tuple[dict[str, Any], dict[str, Any]]:
    """A REC cited for PL-02, then the same REC registered again as a DOC (before, after)."""
    rec = ev("EV-1", "REC", "1", performed="2026-05-01")
    before = tiny(v, [rec], [answer("DCRS-PL-02", "partially", "EV-1")])
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "DOC", "1#p4"))
    return before, after


@pytest.mark.parametrize("number", [v.number for v in V12])
def test_an_unscoped_item_still_fails_by_its_readings(number: str) -> None:
    """Removing a later drill's model scope does not hide its near-miss reading (the earlier passes do not win)."""
    v = version(number)

    def reading_(value: float) -> dict[str, Any]:
        return {"metric": "time_to_rollback_minutes", "unit": "minutes", "value": value, "setting": "live",
                "coverage_percent": 100, "sample_size": 5, "models": ["A", "B"]}  # fmt: skip

    drill = ev("EV-1", "DRILL", "1", performed="2026-05-20", models=["A", "B"], metrics=[reading_(33.0)])
    test = ev("EV-2", "TEST", "2", performed="2026-05-01", models=["A", "B"], metrics=[reading_(10.0)])
    metric = ev("EV-4", "METRIC", "4", performed="2026-05-01", models=["A", "B"], metrics=[reading_(10.0)])
    register = [drill, test, metric, ev("EV-3", "DOC", "3")]
    before = tiny(v, register, [answer("DCRS-TK-05", "fully", "EV-1", "EV-2", "EV-3", "EV-4")], models=2)
    after = copy.deepcopy(before)
    del after["evidence"][0]["models"]
    assert not raised(*both(v, before, after))


_BACKDATED = pytest.mark.xfail(
    strict=True, reason="published in 1.2.0: an undated earlier registration backdates a failure"
)


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(v.number, marks=[] if v.params("relevance").get("unshown_failures_read_late") else [_BACKDATED])
        for v in V12
    ],
)
def test_an_undated_older_registration_never_backdates_a_failure(number: str) -> None:
    """A failing METRIC registered again, undated and issued earlier, does not let an earlier pass supersede it."""
    v = version(number)
    assert not (up := raised(*both(v, *backdated_failure(v)))), up


def backdated_failure(v: Version) -> tuple[dict[str, Any], dict[str, Any]]:
    """MD-01 citing a failing METRIC and an earlier passing TEST, then citing instead the failing METRIC
    registered again, undated and issued earlier (before, after)."""

    def coverage(value: float) -> dict[str, Any]:
        return {"metric": "misuse_monitoring_coverage_percent", "unit": "percent", "value": value, "setting": "live",
                "coverage_percent": 100, "sample_size": 50}  # fmt: skip

    failing = ev("EV-1", "METRIC", "1", date="2026-06-08", performed="2026-06-08", models=["A", "B"],
                 metrics=[coverage(90.0)])  # fmt: skip
    passing = ev("EV-2", "TEST", "2", date="2026-03-01", performed="2026-03-01", models=["A", "B"],
                 metrics=[coverage(99.0)])  # fmt: skip
    tracked = ev("EV-4", "METRIC", "4", performed="2026-05-01", models=["A", "B"])
    register = [failing, passing, ev("EV-3", "DOC", "3"), tracked]
    before = tiny(v, register, [answer("DCRS-MD-01", "fully", "EV-1", "EV-2", "EV-3", "EV-4")], 2)
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "METRIC", "1#page=4", date="2025-11-01", models=["A", "B"]))
    after["responses"][0]["evidence"] = ["EV-DUP", "EV-2", "EV-3", "EV-4"]
    return before, after


_DROPPED = pytest.mark.xfail(
    strict=True, reason="published in 1.2.0 and 1.3.0: an undated registration about the organisation drops a failure"
)


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(
            v.number, marks=[] if v.params("relevance").get("contradicted_failures_where_may_be") else [_DROPPED]
        )
        for v in V12
    ],
)
def test_an_undated_registration_about_the_organisation_never_drops_a_failure(number: str) -> None:
    """A failing METRIC about A registered again undated as about the organisation still caps TK-05 for A."""
    v = version(number)
    assert not (up := raised(*both(v, *contradicted_undated_failure(v)))), up


def contradicted_undated_failure(v: Version) -> tuple[dict[str, Any], dict[str, Any]]:
    """TK-05 citing a failing METRIC about A and earlier passing readings, then citing instead the METRIC
    registered again, undated and about the organisation (`models: []`): the scopes contradict (before, after)."""

    def rollback(value: float) -> dict[str, Any]:
        return {"metric": "time_to_rollback_minutes", "unit": "minutes", "value": value, "setting": "live",
                "coverage_percent": 100, "sample_size": 5}  # fmt: skip

    failing = ev("EV-1", "METRIC", "1", performed="2026-05-20", models=["A"], metrics=[rollback(45.0)])
    test = ev("EV-2", "TEST", "2", performed="2026-03-01", models=["A"], metrics=[rollback(10.0)])
    metric = ev("EV-4", "METRIC", "4", performed="2026-03-01", models=["A"], metrics=[rollback(10.0)])
    register = [failing, test, ev("EV-3", "DOC", "3"), metric]
    before = tiny(v, register, [answer("DCRS-TK-05", "fully", "EV-1", "EV-2", "EV-3", "EV-4")])
    after = copy.deepcopy(before)
    after["evidence"].append(ev("EV-DUP", "METRIC", "1#page=4", models=[]))
    after["responses"][0]["evidence"] = ["EV-DUP", "EV-2", "EV-3", "EV-4"]
    return before, after


_LIFTED = pytest.mark.xfail(
    strict=True, reason="published in 1.2.0 and 1.3.0: an unshown near miss lifts an unreported metric"
)


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(v.number, marks=[] if v.params("thresholds").get("unshown_readings_only_lower") else [_LIFTED])
        for v in V12
    ],
)
def test_a_near_miss_from_before_the_release_never_lifts_a_missing_reading(number: str) -> None:
    """A standing TEST that ended before A's release, with a near-miss ban-evasion rate, leaves AC-03 unreported."""
    v = version(number)
    assert not (up := raised(*both(v, *early_near_miss(v)))), up


def early_near_miss(v: Version) -> tuple[dict[str, Any], dict[str, Any]]:
    """AC-03 citing a document and a METRIC without readings, then also a TEST in force until before A's release
    whose ban-evasion rate misses 10 % inside its tolerance band (before, after)."""
    register = [ev("EV-1", "DOC", "1"), ev("EV-2", "METRIC", "2", performed="2026-05-01", models=["A"])]
    before = tiny(v, register, [answer("DCRS-AC-03", "fully", "EV-1", "EV-2")])
    after = copy.deepcopy(before)
    evasion = {"metric": "ban_evasion_rate_percent", "unit": "percent", "value": 10.1, "setting": "exercise",
               "coverage_percent": 100, "sample_size": 50}  # fmt: skip
    span = {"since": "2025-08-01", "until": "2025-09-01"}  # A is released on 2025-10-01
    after["evidence"].append(
        ev("EV-EARLY", "TEST", "9", performed="2025-09-01", models=["A"], in_force=span, metrics=[evasion])
    )
    after["responses"][0]["evidence"].append("EV-EARLY")
    return before, after


_RETURNS = pytest.mark.xfail(
    strict=True, reason="published in 1.2.0 and 1.3.0: a pass moved into its band brings an earlier failure back"
)


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(v.number, marks=[] if v.params("thresholds").get("near_miss_supersedes") else [_RETURNS])
        for v in V12
    ],
)
def test_a_later_pass_moved_into_its_band_steps_down_once(number: str) -> None:
    """A failing live reading superseded by a later pass: moving the pass 1 % into its band costs one step."""
    v = version(number)
    was, now = (statuses(run(v, data))["A DCRS-TK-05"] for data in band_after_failure(v))
    assert (was, now) == ("fully", "largely")


def band_after_failure(v: Version) -> tuple[dict[str, Any], dict[str, Any]]:
    """TK-05 with a live rollback failure (45 min) and a later live pass (29.9 min against 30), then the pass
    moved to 30.2 min, inside the 30-minute threshold's band (before, after)."""

    def rollback(value: float) -> dict[str, Any]:
        return {"metric": "time_to_rollback_minutes", "unit": "minutes", "value": value, "setting": "live",
                "coverage_percent": 100, "sample_size": 5}  # fmt: skip

    failing = ev("EV-1", "METRIC", "1", performed="2026-03-01", models=["A"], metrics=[rollback(45.0)])
    passing = ev("EV-2", "TEST", "2", performed="2026-05-20", models=["A"], metrics=[rollback(29.9)])
    register = [failing, passing, ev("EV-3", "DOC", "3")]
    before = tiny(v, register, [answer("DCRS-TK-05", "fully", "EV-1", "EV-2", "EV-3")])
    after = copy.deepcopy(before)
    after["evidence"][1]["metrics"] = [rollback(30.2)]
    return before, after


@pytest.mark.parametrize(
    ("rule", "parameter", "case"),
    [
        ("artefact_identity", "merged_type", record_again_as_document),
        ("relevance", "unshown_failures_read_late", backdated_failure),
        ("relevance", "contradicted_failures_where_may_be", contradicted_undated_failure),
        ("thresholds", "unshown_readings_only_lower", early_near_miss),
    ],
)
def test_each_added_parameter_scores_its_case_below_the_version_before(
    rule: str, parameter: str, case: Callable[[Version], tuple[dict[str, Any], dict[str, Any]]]
) -> None:
    """The first version declaring the parameter scores the move lower than the last version without it does,
    and never higher: the published difference, shown on one submission."""
    without = [v for v in V12 if v.params(rule).get(parameter) in (None, "weakest")]
    declaring_it = [v for v in V12 if v.params(rule).get(parameter) not in (None, "weakest")]
    assert without and declaring_it, f"no shipped version on each side of {rule}.{parameter}"
    old, new = without[-1], declaring_it[0]
    old_result, new_result = run(old, case(old)[1]), run(new, case(new)[1])
    assert raised(new_result, old_result) and not raised(old_result, new_result)


# --- counterexamples longer runs found, replayed on every run ----------------------------------------------------


class _Replay:
    """Stands in for hypothesis's data object: hands back recorded draws in order."""

    def __init__(self, *draws: Any) -> None:
        self._draws = list(draws)

    def draw(self, strategy: object) -> Any:
        """The next recorded draw (the strategy is the one the property names; its value was recorded)."""
        return self._draws.pop(0)


# (property, what it is about, submission seed, move seed): found by `make properties` at 1,000 examples on 1.2.0.
FOUND: list[tuple[Any, str, int, int]] = [
    # A third registration with a narrower scope left the intersection of scopes empty: about the organisation.
    (test_registering_an_artefact_again_never_raises, "duplicates", 210695, 210695),
    # A pass moved into its band brought an earlier failure back on a level-1 requirement: the level fell too.
    (test_a_small_move_makes_a_small_change, "continuity", 157035714, 8145158),
]


@pytest.mark.parametrize(
    ("prop", "number", "built", "seed"),
    [
        pytest.param(prop, number, built, seed, id=f"{prop.__name__}-{number}-{built}")
        for prop, about, built, seed in FOUND
        for number in versions(about)
    ],
)
def test_a_counterexample_found_by_a_longer_run_holds(prop: Any, number: str, built: int, seed: int) -> None:
    """Each counterexample a longer property run found replays through its property on every shipped version."""
    prop.hypothesis.inner_test(number=number, data=_Replay(build(version(number), Random(built), 24), seed))

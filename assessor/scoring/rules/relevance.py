"""Rule `relevance` (register): per model, only evidence about that model, from after its release, counts.

Documents and contracts are organisation-wide unless their `models` say otherwise. An operational item
declared `models: []` is about the organisation, not a model (a rota, a resourcing review, a coordination log):
it counts for every model, but only for requirements of the `organisation_wide_domains`. Any other operational
item counts for model m when its `models` name m (undeclared: m is the only model) and its activity is dated
(`performed`, or `in_force`) on or after m's `release_date` and no later than the assessment; its date for
freshness becomes the activity's (a standing control still in force is fresh). An artefact registered more than
once counts for m only when every operational registration of it does (read at its least favourable
registration). A reading counts for m when its own `models`, else its item's, name m (undeclared: m is the only
model), and its surfaces, if listed, include one of m's. Undeclared is never read in the submitter's favour: an
artefact not shown to be about m that may be (no model scope, no activity date) still counts against m by its
failing readings. With `readings_dated_by_activity` a document's readings, too, count only where its activity is
shown to be after the model's release.
Example: a shutdown drill performed on Atlas-3 in 2025 and re-issued in 2026 carries nothing for Atlas-4,
released in 2026.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import DomainId
from assessor.intake.models import EvidenceItem, MetricValue, ModelInScope
from assessor.scoring.models import Inconsistency
from assessor.scoring.registry import Rule, register
from assessor.scoring.rules.artefact_identity import registrations
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """The domains whose requirements organisation-wide operational evidence may support; whether an artefact
    that may be about a model without being shown to be reads its failing readings at the latest date any
    registration gives (false, as published in 1.2.0: an undated registration issued earlier can let an earlier
    passing reading supersede the failure)."""

    organisation_wide_domains: list[DomainId]
    unshown_failures_read_late: bool = False
    # An artefact whose registrations contradict each other on its scope supports nothing, and its failing
    # readings count against the models it names. Read only where a registration shows the activity after a
    # model's release (false, as published in 1.2.0 and 1.3.0), an undated registration added beside a dated one
    # drops the failure: registering again raises the model. True counts them wherever a registration may be
    # about the model, as an artefact the identity rule disowns does.
    contradicted_failures_where_may_be: bool = False
    # A reading is a measurement of an activity, whatever the item that carries it. As published in 1.2.0 and
    # 1.3.0 (false), a document's readings count for a model whatever its `performed` date, so a rollback
    # measured before the model existed, registered as a DOC, decides the model's threshold (as a TEST it is
    # dropped). True counts a non-operational item's readings only where its activity is shown to be on or after
    # the model's release, as an operational item's; the document itself still counts as a document.
    readings_dated_by_activity: bool = False


def relevance(register: Register, ctx: Context, params: Params) -> Register:
    """Each model's view of the register, and a finding for each item that counts for no model it names."""
    profile = ctx.submission.profile.models
    on = ctx.submission.assessment.date
    views: dict[str, Mapping[str, EvidenceItem]] = {}
    against: dict[str, Mapping[str, EvidenceItem]] = {}
    found = list(register.inconsistencies)
    shared = {k: s for k, e in register.items.items() if _shared(e, ctx.operational) and (s := _dated(e, on))}
    groups = registrations(register, ctx.submission.evidence)
    only = len(profile) == 1
    copy = _Copies()
    for model in profile:
        view: dict[str, EvidenceItem] = {}
        maybe: dict[str, EvidenceItem] = {}
        for key, item in register.items.items():
            group = [item, *groups.get(key, ())]
            others = [r for r in group[1:] if r.type in ctx.operational]
            shown = all(_names(r.models, model, only) and _activity(r, model, on) is not None for r in others)
            by_activity = params.readings_dated_by_activity
            kept = _about(item, model, only, ctx.operational, on, by_activity) if shown else None
            if kept is not None:
                view[key] = copy(item, *kept)
                # A document whose readings about the model were left out: its activity is not shown to be.
                dropped = (
                    by_activity and not kept[1] and any(_reading_about(r, item, model, only) for r in item.metrics)
                )
                if dropped and _may_be_any(group, model):
                    maybe[key] = copy(item, *_readings_against(item, model))  # its failing readings still count
            elif any(_may_be_about(r, model) for r in group):
                maybe[key] = copy(item, *_readings_against(item, model))
        late = maybe if params.unshown_failures_read_late else {}
        pools = (view, late, params.contradicted_failures_where_may_be)
        maybe |= _failing(register, groups, model, pools, only, ctx.operational, on, copy)
        views[model.name] = view
        against[model.name] = maybe
    for item in register.items.values():
        if item.type in ctx.operational and not _shared(item, ctx.operational):
            found += _why_not(item, profile)
    domains = frozenset(params.organisation_wide_domains)
    return register.with_(
        views=views, against=against, shared=shared, shared_domains=domains, inconsistencies=tuple(found)
    )


def _failing(
    register: Register,
    groups: Mapping[str, list[EvidenceItem]],
    model: ModelInScope,
    pools: tuple[Mapping[str, EvidenceItem], Mapping[str, EvidenceItem], bool],
    only: bool,
    operational: frozenset[str],
    on: date,
    copy: _Copies,
) -> dict[str, EvidenceItem]:
    """Artefacts whose failing readings count against the model though they support nothing for it: read at the
    latest date given for them, or disowned by `artefact_identity` (then wherever a registration may be about it)."""
    view, maybe, contradicted_may_be = pools
    out: dict[str, EvidenceItem] = {}
    for key, item in register.late.items():
        disowned = key not in register.items  # its registrations contradict each other on its scope
        counted = key in view or disowned  # shown about the model, or supporting nothing
        if counted and (kept := _about(item, model, only, operational, on)) is not None:
            out[key] = copy(item, *kept)
        # May be about it, not shown to be: an older registration never backdates a failure, and (declared) an
        # undated registration of a disowned artefact never drops one.
        elif key in maybe or (disowned and contradicted_may_be and _may_be_any(groups.get(key, ()), model)):
            out[key] = copy(item, *_readings_against(item, model))
    for key, item in register.failures_only.items():
        if _may_be_any(groups.get(key, ()), model):
            out[key] = copy(item, *_readings_against(item, model))
    return out


def _shared(item: EvidenceItem, operational: frozenset[str]) -> bool:
    """An operational item about the organisation rather than any model (declared `models: []`)."""
    return item.type in operational and item.models == []


def _dated(item: EvidenceItem, on: date) -> EvidenceItem | None:
    """An organisation-wide item dated by its activity (undated: it counts for nothing)."""
    span = item.in_force
    if span is not None:
        return item.model_copy(update={"date": span.until if span.until is not None and span.until < on else on})
    return item.model_copy(update={"date": item.performed}) if item.performed is not None else None


class _Copies:
    """Items as dated and filtered for a model, made once for every model that sees the same date and readings
    (so scopes that agree share their artefacts)."""

    def __init__(self) -> None:
        self.made: dict[tuple[int, date, tuple[int, ...]], EvidenceItem] = {}

    def __call__(self, item: EvidenceItem, on: date, readings: list[MetricValue]) -> EvidenceItem:
        key = (id(item), on, tuple(map(id, readings)))
        if key not in self.made:
            self.made[key] = item.model_copy(update={"date": on, "metrics": readings})
        return self.made[key]


def _about(
    item: EvidenceItem,
    model: ModelInScope,
    only: bool,
    operational: frozenset[str],
    on: date,
    readings_by_activity: bool = False,
) -> tuple[date, list[MetricValue]] | None:
    """The item's date and readings as evidence about the model (dated by its activity, only its readings about
    the model), or None. With `readings_by_activity` a document's readings count only where its activity is
    shown to be about the model."""
    readings = [r for r in item.metrics if _reading_about(r, item, model, only)]
    if item.type not in operational:
        if item.models is not None and model.name not in item.models:
            return None
        if readings and readings_by_activity and _activity(item, model, on) is None:
            return item.date, []
        return item.date, readings
    if not _names(item.models, model, only):
        return None
    activity = _activity(item, model, on)
    if activity is None:
        return None
    return activity, readings


def _may_be_about(item: EvidenceItem, model: ModelInScope) -> bool:
    """Not declared to be about other models only, nor declared to come before the model's release."""
    if item.models is not None and model.name not in item.models:
        return False
    release = model.release_date
    return release is None or item.in_force is not None or item.performed is None or item.performed >= release


def _may_be_any(registrations: Sequence[EvidenceItem], model: ModelInScope) -> bool:
    return any(_may_be_about(r, model) for r in registrations)


def _readings_against(item: EvidenceItem, model: ModelInScope) -> tuple[date, list[MetricValue]]:
    """The item's date (its activity's where it gives one) and the readings that may be about the model."""
    readings = [
        r
        for r in item.metrics
        if (r.models is None or model.name in r.models)
        and (r.surfaces is None or set(r.surfaces) & set(model.surfaces))
    ]
    return item.performed or item.date, readings


def _names(models: list[str] | None, model: ModelInScope, only: bool) -> bool:
    return model.name in models if models is not None else only


def _reading_names(models: list[str] | None, model: ModelInScope, only: bool) -> bool:
    """A reading about the organisation (its item declares `models: []`) is about every model."""
    return models == [] or _names(models, model, only)


def _activity(item: EvidenceItem, model: ModelInScope, on: date) -> date | None:
    """When the activity counts from for this model, or None when it is not shown to be about it."""
    release = model.release_date
    if release is None:
        return None
    span = item.in_force
    if span is not None:
        end = span.until if span.until is not None and span.until < on else on
        return end if end >= release else None
    if item.performed is None or item.performed < release:
        return None
    return item.performed


def _reading_about(reading: MetricValue, item: EvidenceItem, model: ModelInScope, only: bool) -> bool:
    if not _reading_names(reading.models if reading.models is not None else item.models, model, only):
        return False
    return reading.surfaces is None or bool(set(reading.surfaces) & set(model.surfaces))


def _why_not(item: EvidenceItem, profile: list[ModelInScope]) -> list[Inconsistency]:
    """Why an operational item counts for none of the models it may be about, as structured facts."""
    if item.models is None and len(profile) > 1:
        message = f"{item.id} does not say which model it exercised; with several models it counts for none"
        figure = f"models: not given ({len(profile)} models in the profile)"
        return [
            Inconsistency(code="no_model_scope", evidence=[item.id], requirement=None, message=message, figure=figure)
        ]
    if item.in_force is None and item.performed is None:
        message = f"{item.id} does not say when the activity was performed; it counts for no model"
        figure = f"performed: not given (report issued {item.date.isoformat()})"
        return [
            Inconsistency(code="undated_activity", evidence=[item.id], requirement=None, message=message, figure=figure)
        ]
    named = [m for m in profile if _names(item.models, m, len(profile) == 1)]
    early = [m for m in named if m.release_date is None or _before(item, m.release_date)]
    if not early:
        return []
    when = item.performed.isoformat() if item.performed else "its standing period"
    releases = ", ".join(
        f"{m.name} {m.release_date.isoformat() if m.release_date else '(no release date)'}" for m in early
    )
    message = f"{item.id} ({when}) is not shown to come after the release of {releases}: it counts for none of them"
    return [
        Inconsistency(
            code="before_release",
            evidence=[item.id],
            requirement=None,
            message=message,
            figure=f"performed {when}; released {releases}",
            models=[m.name for m in early],
        )
    ]


def _before(item: EvidenceItem, release: date) -> bool:
    if item.in_force is not None:
        return item.in_force.until is not None and item.in_force.until < release
    return item.performed is not None and item.performed < release


RULE = register(
    Rule(
        name="relevance",
        phase="register",
        params=Params,
        apply=relevance,
        summary="Per model, only evidence about that model, performed after its release, counts.",
        example="A drill on last year's model, re-issued this year, carries nothing for this year's.",
    )
)

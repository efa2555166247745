"""The evidence register as OSCAL observations: one per item, with its dates, method, issuer, scope and a link
to a back-matter resource that carries the item's location and sha256."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import quote

from assessor.dcrs.models import Standard
from assessor.dcrs.oscal.common import Json, flag_text, number_text, one_line, prop, stable_uuid, timestamp
from assessor.intake.models import EvidenceItem, MetricValue, Submission

URI_SAFE = ":/?#[]@!$&'()*+,;=%~"
METHOD = "EXAMINE"
"""SP 800-53A's method for what the assessor did with every item: examined the record (it re-performed no test)."""


def observation_uuid(key: str, item_id: str) -> str:
    """The observation of one evidence item (stable for the same submission)."""
    return stable_uuid("observation", key, item_id)


def resource_uuid(key: str, item_id: str) -> str:
    """The back-matter resource of one evidence item."""
    return stable_uuid("evidence", key, item_id)


def model_uuid(key: str, model: str) -> str:
    """The component standing for one in-scope model."""
    return stable_uuid("model", key, model)


def party_uuid(name: str) -> str:
    """A party (organisation or person) by name."""
    return stable_uuid("party", name)


def observation(key: str, ages: dict[str, int], submission: Submission, item: EvidenceItem) -> Json:
    """One evidence item as an observation."""
    out: Json = {
        "uuid": observation_uuid(key, item.id),
        "title": one_line(item.title),
        "description": item.description or item.title,
        "props": item_props(item),
        "methods": [METHOD],
        "origins": [{"actors": [{"type": "party", "actor-uuid": party_uuid(issuer(submission, item))}]}],
    }
    models = item.models or []
    if models:
        subjects = [{"subject-uuid": model_uuid(key, m), "type": "component", "title": one_line(m)} for m in models]
        out["subjects"] = subjects
    out["relevant-evidence"] = [{"href": f"#{resource_uuid(key, item.id)}", "description": item.title}]
    out["collected"] = timestamp(item.performed or item.date)
    expiry = expires(ages, item)
    if expiry is not None:
        out["expires"] = timestamp(expiry)
    return out


def issuer(submission: Submission, item: EvidenceItem) -> str:
    """Who produced the item: its declared issuer, else the developer (undeclared means the developer itself)."""
    return item.issuer.organisation if item.issuer is not None else submission.organisation.name


def item_props(item: EvidenceItem) -> list[Json]:
    """Identity, type, issuer, scope and readings of an item."""
    props = [
        prop("evidence-id", item.id),
        prop("evidence-type", item.type),
        prop("effective-date", item.date.isoformat()),
    ]
    if item.performed is not None:
        props.append(prop("performed", item.performed.isoformat()))
    if item.issuer is not None and item.issuer.role:
        props.append(prop("issuer-role", one_line(item.issuer.role)))
    props += [prop("surface", s) for s in item.surfaces or []]
    props += [prop("model", one_line(m)) for m in item.models or []]
    if item.secondary is not None:
        props.append(prop("secondary", flag_text(item.secondary)))
    if item.in_force is not None:
        props.append(prop("in-force-since", item.in_force.since.isoformat()))
    props += [prop("reading", one_line(reading(m))) for m in item.metrics]
    return props


def reading(value: MetricValue) -> str:
    """A metric reading in one line: metric, value and unit, then its setting, coverage, sample and surfaces."""
    shown = number_text(value.value) if value.value is not None else "none"
    parts = [f"{value.metric} = {shown} {value.unit}"]
    if value.nothing_to_measure:
        parts.append("nothing to measure")
    if value.setting:
        parts.append(value.setting)
    if value.coverage_percent is not None:
        parts.append(f"coverage {number_text(value.coverage_percent)}%")
    if value.sample_size is not None:
        parts.append(f"sample {value.sample_size}")
    if value.surfaces:
        parts.append("surfaces " + ", ".join(value.surfaces))
    return "; ".join(parts)


def max_ages(standard: Standard) -> dict[str, int]:
    """The longest maximum age any active requirement gives each evidence type."""
    ages: dict[str, int] = {}
    for expectation in (e for r in standard.active_requirements() for e in r.evidence):
        ages[expectation.type] = max(ages.get(expectation.type, 0), expectation.max_age_days)
    return ages


def expires(ages: dict[str, int], item: EvidenceItem) -> date | None:
    """The last day the item can still support a requirement: its date plus the longest maximum age any
    requirement gives its type, or the end of its period in force when that comes first."""
    ends = [(item.performed or item.date) + timedelta(days=ages[item.type])] if item.type in ages else []
    if item.in_force is not None and item.in_force.until is not None:
        ends.append(item.in_force.until)
    return min(ends) if ends else None


def resource(key: str, item: EvidenceItem) -> Json:
    """The item's location, with its sha256 where the register gives one."""
    link: Json = {"href": quote(item.location.strip(), safe=URI_SAFE)}
    if item.sha256:
        link["hashes"] = [{"algorithm": "SHA-256", "value": item.sha256}]
    return {"uuid": resource_uuid(key, item.id), "title": one_line(item.title), "rlinks": [link]}

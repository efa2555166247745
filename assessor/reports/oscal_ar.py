"""An assessment as OSCAL 1.2.3 assessment results: one result for the submission's headline and one per in-scope
model (each model a subject of its own), observations per evidence item, findings per requirement with the
target status and the reasons, risks for critical gaps, and the reviewer's attestation once a review is signed
off. The submission's, the standard's and the result's hashes are props; same inputs, same bytes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assessor.core.canonical import HASH_ALG, content_sha256
from assessor.dcrs.oscal.common import NS, OSCAL_VERSION, Json, one_line, prop, stable_uuid, timestamp
from assessor.dcrs.oscal.mapping import catalog_file
from assessor.reports.oscal_evidence import max_ages, model_uuid, observation, party_uuid, resource
from assessor.reports.oscal_findings import findings, risks

if TYPE_CHECKING:
    from assessor.dcrs.models import Standard
    from assessor.intake.models import ModelInScope, Submission
    from assessor.review.models import Review
    from assessor.scoring.models import Assessment


def assessment_results(
    standard: Standard, submission: Submission, assessment: Assessment, review: Review | None
) -> Json:
    """The OSCAL assessment-results document ({"assessment-results": ...}) for one scored submission."""
    p = assessment.provenance
    key, digest = p.submission_sha256, content_sha256(assessment)
    catalog = {
        "uuid": stable_uuid("catalog", p.standard_id, p.standard_version),
        "title": f"{standard.manifest.title} {p.standard_version} (OSCAL catalog)",
        "rlinks": [{"href": catalog_file(standard.manifest, p.standard_version)}],
    }
    results = [headline_result(standard, submission, assessment, review, digest)]
    results += [model_result(standard, assessment, name) for name in _models(assessment)]
    return {
        "assessment-results": {
            "uuid": stable_uuid("assessment-results", key, digest),
            "metadata": metadata(submission, assessment, review, digest),
            "import-ap": {
                "href": f"#{catalog['uuid']}",
                "remarks": "No separate assessment plan: the standard's catalog names what is assessed and how.",
            },
            "results": results,
            "back-matter": {"resources": [catalog, *[resource(key, item) for item in submission.evidence]]},
        }
    }


def hash_props(assessment: Assessment, digest: str) -> list[Json]:
    """The submission's, the standard's and this result's content hashes (SHA-256 over RFC 8785 JSON)."""
    p = assessment.provenance
    return [
        prop("hash-algorithm", HASH_ALG),
        prop("submission-sha256", p.submission_sha256),
        prop("standard-sha256", p.standard_sha256),
        prop("result-sha256", digest),
    ]


def metadata(submission: Submission, assessment: Assessment, review: Review | None, digest: str) -> Json:
    """Title, dates, the parties (developer, assessor, reviewer) and the hashes."""
    p, s = assessment.provenance, assessment.subject
    org = submission.organisation.name
    parties = {org: "organization", s.assessor: "person"}
    roles = [{"id": "assessor", "title": "Assessor"}, {"id": "developer", "title": "Developer assessed"}]
    responsible = [{"role-id": "developer", "party-uuids": [party_uuid(org)]}]
    responsible.append({"role-id": "assessor", "party-uuids": [party_uuid(s.assessor)]})
    if review is not None:
        parties |= {review.reviewer.name: "person", review.reviewer.organisation: "organization"}
        roles.append({"id": "reviewer", "title": "Independent reviewer"})
        responsible.append({"role-id": "reviewer", "party-uuids": [party_uuid(review.reviewer.name)]})
    parties |= {i.issuer.organisation: "organization" for i in submission.evidence if i.issuer is not None}
    props = [
        prop("standard-id", p.standard_id),
        prop("standard-version", p.standard_version),
        prop("assessment-type", s.assessment_type),
        prop("tool", f"{p.tool} {p.tool_version}"),
        *hash_props(assessment, digest),
    ]
    return {
        "title": one_line(f"{p.standard_id} {p.standard_version} assessment of {org}"),
        "last-modified": timestamp(_end(assessment, review)),
        "version": s.assessment_date.isoformat(),
        "oscal-version": OSCAL_VERSION,
        "props": props,
        "roles": roles,
        "parties": [{"uuid": party_uuid(n), "type": t, "name": one_line(n)} for n, t in parties.items()],
        "responsible-parties": responsible,
    }


def headline_result(
    standard: Standard, submission: Submission, assessment: Assessment, review: Review | None, digest: str
) -> Json:
    """The submission's result: every observation, a finding per requirement, risks, the attestation."""
    key = assessment.provenance.submission_sha256
    headline = assessment.headline.statement if assessment.headline else assessment.overall.level_name
    out: Json = {
        "uuid": stable_uuid("result", key, "headline"),
        "title": one_line(f"{submission.organisation.name}: the whole submission"),
        "description": headline,
        "start": timestamp(assessment.subject.assessment_date),
        "end": timestamp(_end(assessment, review)),
        "props": [*_overall_props(assessment), *hash_props(assessment, digest)],
    }
    if not assessment.models:  # else each model is the subject of its own result, defined there
        out["local-definitions"] = {"components": [_component(assessment, m) for m in submission.profile.models]}
    out["reviewed-controls"] = _reviewed()
    attestation = _attestation(assessment, review)
    if attestation is not None:
        out["attestations"] = [attestation]
    if submission.evidence:
        ages = max_ages(standard)
        out["observations"] = [observation(key, ages, submission, item) for item in submission.evidence]
    found_risks = risks(standard, assessment)
    if found_risks:
        out["risks"] = found_risks
    out["findings"] = findings(standard, assessment, None, {i.id for i in submission.evidence})
    return out


def model_result(standard: Standard, assessment: Assessment, name: str) -> Json:
    """One in-scope model's result: its level and score, and a finding per requirement with its own status."""
    key = assessment.provenance.submission_sha256
    model = next(m for m in assessment.models or [] if m.name == name)
    props = [
        prop("model", one_line(name)),
        prop("level", str(model.level)),
        prop("level-name", one_line(model.level_name)),
    ]
    if model.score is not None:
        props.append(prop("score", f"{model.score:g}"))
    return {
        "uuid": stable_uuid("result", key, "model", name),
        "title": one_line(f"Model {name}"),
        "description": f"The result for {name} alone: only evidence about this model supports it.",
        "start": timestamp(assessment.subject.assessment_date),
        "props": props,
        "local-definitions": {"components": [_model_component(key, name, model.surfaces)]},
        "reviewed-controls": _reviewed(),
        "findings": findings(standard, assessment, name, set()),
    }


def _models(assessment: Assessment) -> list[str]:
    return [m.name for m in assessment.models or []]


def _component(assessment: Assessment, model: ModelInScope) -> Json:
    return _model_component(assessment.provenance.submission_sha256, model.name, list(model.surfaces))


def _model_component(key: str, name: str, surfaces: list[str]) -> Json:
    return {
        "uuid": model_uuid(key, name),
        "type": "service",
        "title": one_line(name),
        "description": f"In-scope model {name}, served on: {', '.join(surfaces)}.",
        "props": [prop("surface", s) for s in surfaces] or [prop("surface", "none")],
        "status": {"state": "operational"},
    }


def _reviewed() -> Json:
    return {"control-selections": [{"description": "Every requirement of the standard's version.", "include-all": {}}]}


def _overall_props(assessment: Assessment) -> list[Json]:
    o = assessment.overall
    props = [prop("level", str(o.level)), prop("level-name", one_line(o.level_name))]
    if o.score is not None:
        props.append(prop("score", f"{o.score:g}"))
    if assessment.headline is not None:
        props.append(prop("assurance", assessment.headline.assurance))
    return props


def _attestation(assessment: Assessment, review: Review | None) -> Json | None:
    """The reviewer's sign-off as an attestation: decision, date, statement and what was examined."""
    v = assessment.verification
    if review is None or v is None or review.sign_off is None:
        return None
    sign = review.sign_off
    props = [prop("decision", sign.decision), prop("sign-off-date", sign.date.isoformat())]
    if sign.examined is not None:
        props.append(prop("examined", sign.examined))
    part = {"name": "attestation", "ns": NS, "title": one_line(v.headline), "props": props, "prose": sign.statement}
    independence = {"name": "independence", "ns": NS, "prose": review.reviewer.independence}
    scope = [{"name": "scope", "ns": NS, "prose": review.scope}] if review.scope.strip() else []
    return {
        "responsible-parties": [{"role-id": "reviewer", "party-uuids": [party_uuid(review.reviewer.name)]}],
        "parts": [part, independence, *scope],
    }


def _end(assessment: Assessment, review: Review | None) -> date:
    if review is not None and review.sign_off is not None:
        return review.sign_off.date
    return assessment.subject.assessment_date

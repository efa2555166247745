"""Requirement results as OSCAL findings (target status and reasons) and critical gaps as OSCAL risks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assessor.dcrs.oscal.common import Json, number_text, one_line, prop, stable_uuid
from assessor.reports.oscal_evidence import observation_uuid

if TYPE_CHECKING:
    from assessor.dcrs.models import Standard
    from assessor.scoring.models import Assessment, RequirementResult

IMPLEMENTATION = {
    "fully": "implemented",
    "largely": "partial",
    "partially": "partial",
    "not_applicable": "not-applicable",
}


def final_status(assessment: Assessment, req: RequirementResult, model: str | None) -> str:
    """The status a finding reports: a model's own; else verified once a review is signed off; else supported."""
    if model is not None:
        return (req.models or {}).get(model, req.supported)
    verified = assessment.verification is not None and assessment.verification.overall is not None
    return req.verified if verified and req.verified is not None else req.supported


def findings(standard: Standard, assessment: Assessment, model: str | None, register: set[str]) -> list[Json]:
    """One finding per requirement: the target's status (satisfied when the status qualifies for a level, as the
    standard's level rule says), the claimed/supported/verified statuses and every reason."""
    qualifying: set[str] = set(standard.manifest.scoring.level_rule.qualifying)
    key = assessment.provenance.submission_sha256
    gaps = set(critical_gaps(assessment))
    return [
        _finding(key, r, final_status(assessment, r, model), qualifying, model, register, gaps)
        for r in assessment.requirements
    ]


def _finding(
    key: str,
    req: RequirementResult,
    status: str,
    qualifying: set[str],
    model: str | None,
    register: set[str],
    gaps: set[str],
) -> Json:
    satisfied = status in qualifying or status == "not_applicable"
    state: Json = {"state": "satisfied" if satisfied else "not-satisfied"}
    state["reason"] = "other" if status == "not_applicable" else "pass" if satisfied else "fail"
    target: Json = {"type": "statement-id", "target-id": f"{req.id}_smt", "status": state}
    if status in IMPLEMENTATION:
        target["implementation-status"] = {"state": IMPLEMENTATION[status]}
    out: Json = {
        "uuid": stable_uuid("finding", key, model or "", req.id),
        "title": one_line(f"{req.id} {req.title}"),
        "description": _description(req, status),
        "props": _props(req, status),
        "target": target,
    }
    cited = [e for e in req.evidence if e in register]
    if cited and model is None:
        out["related-observations"] = [{"observation-uuid": observation_uuid(key, e)} for e in cited]
    if model is None and req.id in gaps:
        out["related-risks"] = [{"risk-uuid": risk_uuid(key, req.id)}]
    return out


def _description(req: RequirementResult, status: str) -> str:
    lines = [f"Status: {status.replace('_', ' ')}."]
    lines += [f"- {reason.message}" for reason in req.reasons]
    return "\n".join(lines)


def _props(req: RequirementResult, status: str) -> list[Json]:
    props = [prop("requirement", req.id), prop("status", status), prop("supported", req.supported)]
    if req.claimed is not None:
        props.append(prop("claimed", req.claimed))
    if req.verified is not None:
        props.append(prop("verified", req.verified))
    if req.credit is not None:
        props.append(prop("credit", number_text(req.credit)))
    if req.basis is not None:
        props.append(prop("basis", req.basis))
    props += [prop("reason", reason.code) for reason in req.reasons]
    return props


def critical_gaps(assessment: Assessment) -> list[str]:
    """The critical requirements below the cap in the headline result (verified once signed off)."""
    v = assessment.verification
    overall = v.overall if v is not None and v.overall is not None else assessment.overall
    return list(overall.critical_gaps)


def risk_uuid(key: str, requirement: str) -> str:
    """The risk a critical gap poses (stable for the same submission)."""
    return stable_uuid("risk", key, requirement)


def risks(standard: Standard, assessment: Assessment) -> list[Json]:
    """An open risk per critical gap: the requirement it leaves unmet, and its guidance as the way to close it."""
    by_id = {r.id: r for r in standard.requirements()}
    out = []
    for gap in critical_gaps(assessment):
        req = by_id.get(gap)
        if req is None:
            continue
        out.append(
            {
                "uuid": risk_uuid(assessment.provenance.submission_sha256, gap),
                "title": one_line(f"Critical gap: {req.id} {req.title}"),
                "description": req.statement,
                "statement": f"{req.rationale}\n\nTo close it: {req.guidance}",
                "props": [prop("requirement", req.id), prop("critical", "true")],
                "status": "open",
            }
        )
    return out

"""Findings as the report shows them: grouped by cause, each saying what is wrong in words, with its figure,
its evidence and its recommendation; never a bare restatement of the claimed and supported statuses."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessor.reports.labels import label, prose
from assessor.scoring.models import Finding, RequirementResult

# The scoring engine's opening sentence of a gap's detail: the statuses it is about.
_PREAMBLE = re.compile(r"^Claimed (.+?); supported ([a-z_]+)\.\s*")
# The engine's sentence for an expected evidence type with nothing counted for it.
_MISSING = re.compile(r"\b([Nn]o) ([A-Z][A-Z0-9_]*) evidence cited\b")
# For results that name no cause (DCRS 1.0.0): the cause read from the first reason's code.
_CAUSE_OF_REASON = {
    "missing_evidence": "missing",
    "no_evidence": "missing",
    "stale_evidence": "stale",
    "metric_failed": "failed_threshold",
    "metric_not_reported": "unreported_threshold",
    "missing_response": "no_response",
    "not_applicable_rejected": "not_applicable_rejected",
    "documents_only": "documents_only",
    "not_distinguished": "not_distinguished",
}


# What to do about each kind of register inconsistency; the result's own recommendation is one sentence for all
# of them. Keyed by the title the engine gives the finding (its code in words, capitalised).
_INCONSISTENCY_ADVICE = {
    code.replace("_", " ").capitalize(): advice
    for code, advice in {
        "undeclared_surface": "Declare the surface in the deployment profile, or take the item off the register if the "
        "surface is not served.",
        "future_dated": "Correct the item's date: evidence cannot be dated after the assessment.",
        "type_mismatch": "Register the item as the type it is; only a standing record can be in force.",
        "not_applicable_contradicted": "Answer the requirement: the profile or the register shows that it applies.",
        "duplicate_artefact": "Register each artefact once, with one type, one date and one model scope.",
        "management_representation": "Cite an attestation by a party outside the developer, or the records of the "
        "activity itself: the developer's own attestation supports nothing.",
        "assessor_not_independent": "Name an assessor from outside the developer, or declare the assessment a "
        "self-assessment.",
        "no_model_scope": "Say which models the activity exercised, or that it concerns the organisation as a whole.",
        "undated_activity": "Give the date the activity was performed.",
        "before_release": "Cite an activity performed on the model as released: one performed before its release "
        "counts for no model it names.",
        "reading_outside_models": "Name in each reading only models its item is about.",
    }.items()
}


def with_uncounted(text: str, cited: Mapping[str, Sequence[str]]) -> str:
    """`text` where its "no X evidence cited" is untrue as worded: the response cites items of type X, and none of
    them counts (for this model, or at all: the register findings or the review say why); the sentence says so."""

    def said(match: re.Match[str]) -> str:
        ids = cited.get(match.group(2))
        if not ids:
            return match.group(0)
        return f"{match.group(1)} {match.group(2)} evidence that counts is cited ({', '.join(ids)}: cited, not counted)"

    return _MISSING.sub(said, text)


def recommendation(f: Finding) -> str:
    """What the report recommends for a finding: for a register inconsistency, advice for its kind."""
    return _INCONSISTENCY_ADVICE.get(f.title, f.recommendation) if f.kind == "inconsistency" else f.recommendation


@dataclass(frozen=True)
class FindingView:
    """One finding in words: the statement, the measured figure, the evidence it is about, what to do."""

    rank: int
    requirement: str | None
    title: str
    severity: str
    critical: bool
    statement: str
    figure: str | None
    evidence: list[str]
    models: list[str]
    recommendation: str


@dataclass(frozen=True)
class FindingGroup:
    """The findings sharing one cause, in rank order; `compact` when they have nothing to show but their title
    (requirements left unanswered)."""

    key: str
    cause: str
    findings: list[FindingView]

    @property
    def compact(self) -> bool:
        """Unanswered requirements are listed one line each: there is no figure, evidence or claim to show."""
        return self.key == "no_response"


def finding_groups(
    findings: Sequence[Finding],
    results: Sequence[RequirementResult],
    names: Mapping[str, str],
    units: Mapping[str, str] | None = None,
    cited: Mapping[str, Mapping[str, list[str]]] | None = None,
) -> list[FindingGroup]:
    """Findings grouped by cause; groups in the order of their best-ranked finding (`names` and `units` as
    `prose` takes them; `cited`: per requirement, the ids its response cites by evidence type)."""
    by_id = {r.id: r for r in results}
    groups: dict[str, list[FindingView]] = {}
    for f in sorted(findings, key=lambda f: f.rank):
        result = by_id.get(f.requirement or "")
        view = _view(f, result, names, units, (cited or {}).get(f.requirement or "", {}))
        groups.setdefault(_cause(f, result), []).append(view)
    return [FindingGroup(cause, label(cause), views) for cause, views in groups.items()]


def _cause(f: Finding, result: RequirementResult | None) -> str:
    if f.cause is not None:
        return f.cause
    if f.kind != "gap" or result is None:
        return f.kind
    codes = [_CAUSE_OF_REASON.get(r.code) for r in result.reasons]
    return next((c for c in codes if c), "claimed_gap")


def _view(
    f: Finding,
    result: RequirementResult | None,
    names: Mapping[str, str],
    units: Mapping[str, str] | None,
    cited: Mapping[str, list[str]],
) -> FindingView:
    evidence = f.evidence if f.evidence is not None else (result.evidence if result else [])
    return FindingView(
        rank=f.rank,
        requirement=f.requirement,
        title=f.title,
        severity=label(f.severity) if f.severity else ("Critical" if f.critical else ""),
        critical=f.critical,
        statement=prose(with_uncounted(_statement(f, result), cited), names, units),
        figure=prose(f.figure, names, units) if f.figure else None,
        evidence=list(evidence),
        models=list(f.models or []),
        recommendation=recommendation(f),
    )


def _statement(f: Finding, result: RequirementResult | None) -> str:
    """The detail without its claimed/supported preamble, led by a sentence saying what the statuses mean for the
    models the finding is about (the requirement's own result is the headline model's)."""
    if result is None:
        return f.detail
    preamble = _PREAMBLE.match(f.detail)
    rest = f.detail[preamble.end() :] if preamble else f.detail
    if result.claimed is None:
        rest = "" if rest.lower().startswith("no response") else rest
        return f"The submission does not answer this requirement, so it counts as not implemented. {rest}".strip()
    claimed = _implemented(result.claimed)
    supported = _supported_by_model(f, result, preamble.group(2) if preamble else result.supported)
    statuses = set(supported.values())
    if len(statuses) > 1:
        each = [f"{_extent(status, only=True)} for {model}" for model, status in supported.items()]
        lead = f"Claimed {claimed}; the evidence supports {_joined(each)}."
    elif (status := statuses.pop()) != result.claimed:
        lead = f"Claimed {claimed}; the evidence supports {_extent(status, only=True)}{_for(f)}."
    elif status == result.supported:
        earned = (result.credit or 0.0) * 100
        lead = f"The developer reports this requirement as {claimed}{_for(f)}: it earns {earned:.0f} % of its credit."
    else:
        lead = f"The developer reports this requirement as {claimed}{_for(f)}, and the evidence supports that."
    return f"{lead} {rest}".strip()


def _supported_by_model(f: Finding, result: RequirementResult, stated: str) -> dict[str, str]:
    """What the evidence supports for each model the finding is about, in the finding's order; one entry (the
    stated status) when the result has no per-model statuses (DCRS 1.0.0) or the finding names no model."""
    per_model = result.models or {}
    known: dict[str, str] = {m: per_model[m] for m in f.models or [] if m in per_model}
    return known or {"": stated}


def _implemented(status: str) -> str:
    """`largely implemented`, `not implemented`: a status as the end of a sentence."""
    return "not implemented" if status == "not_implemented" else f"{label(status).lower()} implemented"


def _extent(status: str, only: bool = False) -> str:
    """How much of a claim the evidence supports: `only partially`, `none of it`."""
    if status == "not_implemented":
        return "none of it"
    return f"{'only ' if only else ''}{label(status).lower()}"


def _for(f: Finding) -> str:
    models = f.models or []
    return f" for {_joined(models)}" if models else ""


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

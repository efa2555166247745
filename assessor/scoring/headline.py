"""DCRS 1.1.0 headline: who vouches for the level, what the credit rests on, and what would move the level."""

from __future__ import annotations

from collections.abc import Sequence

from assessor.dcrs.models import Standard
from assessor.intake.models import Submission
from assessor.scoring.gaps import primary_cause
from assessor.scoring.models import (
    Assurance,
    AssuranceLevel,
    Blocker,
    Cause,
    Finding,
    Headline,
    Inconsistency,
    Overall,
    RequirementResult,
    ReviewFlag,
)

ACTIONS: dict[Cause, str] = {
    "missing": "cite fresh evidence of the expected types",
    "stale": "refresh the stale evidence",
    "failed_threshold": "meet the threshold in a live reading",
    "unreported_threshold": "report the metric",
    "documents_only": "add operational evidence (records, tests, drills, metrics)",
    "inconsistency": "resolve the register inconsistency",
    "scope_caveat": "take the model out of scope or assess it separately",
    "no_response": "answer the requirement with evidence",
    "not_applicable_rejected": "answer it: not applicable is refused where it applies",
    "claimed_gap": "implement it and cite the evidence",
    "not_distinguished": "add a live full-scope reading or an attestation",
    "insufficient": "measure with the coverage and sample the metric needs",
    "near_miss": "bring the reading inside the threshold",
}
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def headline(
    standard: Standard,
    submission: Submission,
    results: Sequence[RequirementResult],
    overall: Overall,
    findings: Sequence[Finding],
    inconsistencies: Sequence[Inconsistency],
    *,
    flags: Sequence[ReviewFlag] | None = None,
    self_assessed: bool | None = None,
) -> Headline:
    """The headline statement: assurance, level, evidence basis and the requirements between it and the next.

    With `self_assessed` given (rules that judge provenance), the statement leads with the ISAE 3000 assurance
    level, and free-text flags join the reasons a reviewer should look.
    """
    rules = standard.manifest.scoring
    top = max(lv.level for lv in standard.manifest.levels)
    next_level = overall.level + 1 if overall.level < top else None
    blockers = _blockers(results, next_level, rules.level_rule.qualifying, overall.critical_gaps, findings)
    assurance: Assurance = "unverified self-assessment"
    if submission.assessment.type == "independent" and not self_assessed:
        assurance = "independent assessment, not reviewed"
    reasons = [i.message for i in inconsistencies] + [f.message for f in flags or ()]
    statement = _statement(assurance, overall, next_level, blockers, len(submission.profile.models) > 1)
    level: AssuranceLevel | None = None
    if self_assessed is not None:
        level = "limited" if assurance == "independent assessment, not reviewed" else "none"
        lead = "Self-assessment (no assurance)" if level == "none" else "Independent assessment, not reviewed"
        lead += " (limited assurance at most; independence as declared)" if level == "limited" else ""
        statement = lead + statement[len(assurance) :]
        if overall.score_model:
            statement = statement.replace(
                f", the weakest model's ({overall.weakest_model})", f", {overall.score_model}'s level and score", 1
            )
    return Headline(
        assurance=assurance,
        assurance_level=level,
        statement=statement,
        basis=overall.basis,
        next_level=next_level,
        blockers=blockers,
        review_required=bool(reasons),
        review_reasons=reasons,
    )


def _blockers(
    results: Sequence[RequirementResult],
    next_level: int | None,
    qualifying: Sequence[str],
    critical_gaps: Sequence[str],
    findings: Sequence[Finding],
) -> list[Blocker]:
    if next_level is None:
        return []
    figures = {(f.requirement, f.cause): f.figure for f in findings if f.requirement}
    blocking = [
        r
        for r in results
        if r.credit is not None and ((r.level <= next_level and r.supported not in qualifying) or r.id in critical_gaps)
    ]
    blocking.sort(key=lambda r: (r.id not in critical_gaps, r.level, -r.weight, r.id))  # the most pressing first
    blockers = []
    for r in blocking:
        cause = primary_cause(r, qualifying) or "claimed_gap"
        figure = figures.get((r.id, cause))
        action = ACTIONS[cause] + (f" ({figure})" if figure else "")
        blockers.append(Blocker(requirement=r.id, cause=cause, action=action))
    return blockers


def _statement(
    assurance: str, overall: Overall, next_level: int | None, blockers: Sequence[Blocker], several_models: bool
) -> str:
    score = "n/a" if overall.score is None else f"{overall.score:.1f}/100"
    text = f"{assurance.capitalize()}: level {overall.level} ({overall.level_name})"
    if several_models and overall.weakest_model:
        text += f", the weakest model's ({overall.weakest_model})"
    text += f"; score {score}."
    b = overall.basis
    if b is not None:
        text += f" {b.operational:g}% of the credit rests on operational evidence"
        text += f", {b.documents_only:g}% on documents only."
    if next_level is not None and blockers:
        count = NUMBERS[len(blockers)] if len(blockers) < len(NUMBERS) else str(len(blockers))
        first = blockers[0]
        text += f" {count.capitalize()} requirement{'s' if len(blockers) > 1 else ''} from level {next_level}"
        text += f"{', e.g.' if len(blockers) > 1 else ':'} {first.requirement}, {first.action}."
    return text

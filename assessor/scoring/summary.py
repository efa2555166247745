"""The short human summary `dcr assess` prints: level, score, domains, top gaps.

With a signed-off review every figure is the verified one; before sign-off the review's progress replaces any
verified headline and the self-assessed figures are labelled unverified. The two are never mixed.
"""

from __future__ import annotations

import textwrap

from assessor.scoring.models import Assessment, DomainResult, Finding, Overall, Verification

TOP_GAPS = 5


def summary(assessment: Assessment, standard_label: str) -> str:
    """A few lines a person can read in the terminal."""
    s, v = assessment.subject, assessment.verification
    lines = [f"{s.organisation} — {standard_label} {s.assessment_type}-assessment of {s.assessment_date.isoformat()}"]
    if v is not None and v.overall is not None:
        lines += _verified_lines(v, v.overall)
        overall, domains, findings = v.overall, v.domains, v.findings
        lines.append(
            f"Self-assessed (unverified): level {assessment.overall.level}, score {_score(assessment.overall)}"
        )
    else:
        if v is not None:
            lines.append(f"Reviewed by {v.reviewer} ({v.reviewer_organisation}): {v.headline}")
        overall, domains, findings = assessment.overall, assessment.domains, assessment.findings
        headline = f"Overall: level {overall.level} ({overall.level_name}), score {_score(overall)}"
        lines.append(f"{headline} — self-assessed, unverified")
    lines.append(_domains_line(domains, verified=v is not None and v.overall is not None))
    lines += _since_1_1(assessment)
    lines += [f"Scope caveat: {caveat.title}" for caveat in assessment.caveats]
    if overall.critical_gaps:
        lines.append(f"Critical gaps (each caps the overall level): {', '.join(overall.critical_gaps)}")
    lines += _gap_lines(findings)
    if assessment.missing_responses:
        lines.append(f"No response ({len(assessment.missing_responses)}): {', '.join(assessment.missing_responses)}")
    return "\n".join(lines)


def _verified_lines(v: Verification, overall: Overall) -> list[str]:
    return [
        f"Verified by {v.reviewer} ({v.reviewer_organisation}) on {v.review_date.isoformat()}; {v.headline}",
        f"Verified: level {overall.level} ({overall.level_name}), score {_score(overall)}",
        f"{len(v.differences)} difference(s) from the self-assessment; "
        f"{sum(e.decision == 'rejected' for e in v.evidence)} evidence item(s) rejected",
    ]


def _domains_line(domains: list[DomainResult], *, verified: bool) -> str:
    label = "Verified domains" if verified else "Domains"
    return f"{label}: " + " · ".join(f"{d.id} {d.level} ({_num(d.score)})" for d in domains)


def _gap_lines(findings: list[Finding]) -> list[str]:
    gaps = [f for f in findings if f.kind == "gap"][:TOP_GAPS]
    if not gaps:
        return []
    lines = ["Top gaps:"]
    for f in gaps:
        named = f"{f.requirement} {f.title}" if f.requirement else f.title
        text = f"{f.rank}. {named} — {f.detail}"
        lines.append(textwrap.fill(text, width=100, initial_indent="  ", subsequent_indent="     "))
    return lines


def _score(overall: Overall) -> str:
    return "n/a" if overall.score is None else f"{overall.score:.1f}/100"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def _since_1_1(assessment: Assessment) -> list[str]:
    """DCRS 1.1.0: the headline statement, one line per model, and the review flag."""
    h, models = assessment.headline, assessment.models or []
    lines = [textwrap.fill(h.statement, width=100, subsequent_indent="  ")] if h else []
    if len(models) > 1:
        lines += [f"  {m.name} ({', '.join(m.surfaces)}): level {m.level}, score {_num(m.score)}" for m in models]
    if h and h.review_required:
        lines.append(f"Needs review: {len(h.review_reasons)} inconsistency(ies) between register and profile")
    if assessment.flags:
        lines.append(f"Free-text flags for a reviewer (never scored): {len(assessment.flags)}")
    return lines

"""The short human summary `dcr assess` prints: level, score, domains, top gaps."""

from __future__ import annotations

import textwrap

from assessor.scoring.models import Assessment

TOP_GAPS = 5


def summary(assessment: Assessment, standard_label: str) -> str:
    """A few lines a person can read in the terminal."""
    s, o = assessment.subject, assessment.overall
    score = "n/a" if o.score is None else f"{o.score:.1f}/100"
    lines = [f"{s.organisation} — {standard_label} {s.assessment_type}-assessment of {s.assessment_date.isoformat()}"]
    v = assessment.verification
    if v is not None:
        signed = f"signed off: {v.sign_off}" if v.sign_off else "not signed off"
        verified = "n/a" if v.overall.score is None else f"{v.overall.score:.1f}/100"
        lines += [
            f"Verified by {v.reviewer} ({v.reviewer_organisation}) on {v.review_date.isoformat()}, {signed}",
            f"Verified: level {v.overall.level} ({v.overall.level_name}), score {verified}",
            f"{len(v.differences)} difference(s) from the self-assessment; "
            f"{sum(e.decision == 'rejected' for e in v.evidence)} evidence item(s) rejected",
        ]
    lines += [
        f"{'Self-assessed' if v else 'Overall'}: level {o.level} ({o.level_name}), score {score}",
        "Domains: " + " · ".join(f"{d.id} {d.level} ({_num(d.score)})" for d in assessment.domains),
    ]
    lines += _since_1_1(assessment)
    for caveat in assessment.caveats:
        lines.append(f"Scope caveat: {caveat.title}")
    if o.critical_gaps:
        lines.append(f"Critical gaps (each caps the overall level): {', '.join(o.critical_gaps)}")
    gaps = [f for f in assessment.findings if f.kind == "gap"][:TOP_GAPS]
    if gaps:
        lines.append("Top gaps:")
        for f in gaps:
            text = f"{f.rank}. {f.requirement} {f.title} — {f.detail}"
            lines.append(textwrap.fill(text, width=100, initial_indent="  ", subsequent_indent="     "))
    if assessment.missing_responses:
        lines.append(f"No response ({len(assessment.missing_responses)}): {', '.join(assessment.missing_responses)}")
    return "\n".join(lines)


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
    return lines

"""One reading of a result for every surface (`figures`), and the short summary `dcr assess` prints.

Only an approved review verifies: then every headline figure is the verified one and the developer's own are
shown beside them, labelled. Before sign-off, and after changes requested or a rejection, the headline says so
and the figures are the self-assessed ones, labelled as the developer's. The CLI, JSON, PDF, XLSX and app all
take their headline from `figures`, so no surface picks its own numbers. Every line of the summary is
neutralised: text from a submission cannot start a line of its own or send a terminal control sequence.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from assessor.core.text import neutralised
from assessor.core.wording import worded
from assessor.scoring.headline import NUMBERS
from assessor.scoring.models import Assessment, DomainResult, Finding, Headline, Overall, Verification

TOP_GAPS = 5
# The engine's closing sentence on what blocks the next level ("Two requirements from level 2, e.g. DCRS-MD-03,
# cite fresh evidence ..."), which reads as if they already did; results keep it byte for byte.
_BLOCKERS_SENTENCE = re.compile(r" \w+ requirements? from level \d+(?:, e\.g\.|:) .*$")
SELF_ASSESSED = "self-assessed by the developer, unverified"


@dataclass(frozen=True)
class Figures:
    """The headline of one result: whether it is verified, the line that says who vouches for it, and the
    overall, domain and finding figures that go with that line."""

    verified: bool
    statement: str
    overall: Overall
    domains: list[DomainResult]
    findings: list[Finding]
    self_assessed: Overall
    reasons: str | None
    """The reviewer's sign-off statement: their reasons, for any decision."""

    @property
    def label(self) -> str:
        """What the headline figures are: "verified" or the developer's unverified claims."""
        return "verified" if self.verified else SELF_ASSESSED


def figures(assessment: Assessment) -> Figures:
    """The figures every surface headlines for `assessment`."""
    a, v = assessment, assessment.verification
    if v is not None and v.overall is not None:
        return Figures(True, _statement(v), v.overall, v.domains, v.findings, a.overall, v.sign_off_statement)
    if v is not None:
        return Figures(False, _statement(v), a.overall, a.domains, a.findings, a.overall, v.sign_off_statement)
    statement = "Not verified: the developer's self-assessment, not reviewed by anyone"
    return Figures(False, statement, a.overall, a.domains, a.findings, a.overall, None)


def _statement(v: Verification) -> str:
    return v.statement or ("Verified" if v.overall is not None else f"Not verified — {v.headline}")


def headline_text(headline: Headline) -> str:
    """The headline's statement as every surface shows it, its sentence on what blocks the next level worded
    from the structured blockers: "Two requirements stand between this result and level 2; the most pressing is
    DCRS-MD-03: cite fresh evidence of the expected types." """
    text = _BLOCKERS_SENTENCE.sub("", headline.statement)
    blockers, level = headline.blockers, headline.next_level
    if level is None or not blockers:
        return text
    first = blockers[0]
    if len(blockers) == 1:
        return (
            f"{text} One requirement stands between this result and level {level}: {first.requirement}, {first.action}."
        )
    count = NUMBERS[len(blockers)] if len(blockers) < len(NUMBERS) else str(len(blockers))
    return (
        f"{text} {count.capitalize()} requirements stand between this result and level {level}; the most pressing "
        f"is {first.requirement}: {first.action}."
    )


def summary(assessment: Assessment, standard_label: str) -> str:
    """A few lines a person can read in the terminal."""
    s, v, fig = assessment.subject, assessment.verification, figures(assessment)
    lines: list[str | _Wrap] = [
        f"{s.organisation} — {standard_label} {assessment_kind(s.assessment_type)} of {s.assessment_date.isoformat()}"
    ]
    if v is not None and fig.verified:
        lines += _verified_lines(v, fig)
        lines.append(f"Self-assessed (unverified): level {fig.self_assessed.level}, score {_score(fig.self_assessed)}")
    else:
        if v is not None and v.sign_off is not None:  # changes requested or rejected: headlined as such
            lines += [fig.statement, f"Reviewer's reasons: {fig.reasons}", f"Reviewed: {v.headline}"]
        elif v is not None:
            lines.append(f"Reviewed by {v.reviewer} ({v.reviewer_organisation}): {v.headline}")
        headline = f"Overall: level {fig.overall.level} ({fig.overall.level_name}), score {_score(fig.overall)}"
        lines.append(f"{headline} — {SELF_ASSESSED}")
    lines.append(_domains_line(fig.domains, verified=fig.verified))
    lines += _since_1_1(assessment)
    lines += [f"Scope caveat: {caveat.title}" for caveat in assessment.caveats]
    if fig.overall.critical_gaps:
        lines.append(f"Critical gaps (each caps the overall level): {', '.join(fig.overall.critical_gaps)}")
    lines += _gap_lines(fig.findings)
    if assessment.missing_responses:
        lines.append(f"No response ({len(assessment.missing_responses)}): {', '.join(assessment.missing_responses)}")
    return "\n".join(_shown(line) for line in lines)


@dataclass(frozen=True)
class _Wrap:
    """A long line to wrap at 100 columns, after its text is neutralised."""

    text: str
    initial: str
    subsequent: str


def _shown(line: str | _Wrap) -> str:
    """A line with its user text neutralised (then wrapped, where it is long)."""
    if isinstance(line, str):
        return neutralised(line)
    return textwrap.fill(
        neutralised(line.text), width=100, initial_indent=line.initial, subsequent_indent=line.subsequent
    )


def assessment_kind(assessment_type: str) -> str:
    """'self-assessment' or 'independent assessment', as the words are written."""
    return "self-assessment" if assessment_type == "self" else f"{assessment_type} assessment"


def _verified_lines(v: Verification, fig: Figures) -> list[str]:
    return [
        f"{fig.statement}; {v.examined or v.headline}",
        f"Verified: level {fig.overall.level} ({fig.overall.level_name}), score {_score(fig.overall)}",
        f"{len(v.differences)} difference(s) from the self-assessment; "
        f"{sum(e.decision == 'rejected' for e in v.evidence)} evidence item(s) rejected",
    ]


def _domains_line(domains: list[DomainResult], *, verified: bool) -> str:
    label = "Verified domains" if verified else "Domains"
    return f"{label}: " + " · ".join(f"{d.id} {d.level} ({_num(d.score)})" for d in domains)


def _gap_lines(findings: list[Finding]) -> list[str | _Wrap]:
    gaps = [f for f in findings if f.kind == "gap"][:TOP_GAPS]
    # Numbered as the list it is: the findings' own ranks skip the inconsistencies between the gaps.
    rows = [_Wrap(f"{n}. {_named(f)} — {worded(f.detail)}", "  ", "     ") for n, f in enumerate(gaps, 1)]
    return ["Top gaps:", *rows] if gaps else []


def _named(f: Finding) -> str:
    """A finding's requirement and title, or its title alone (inconsistencies and merged findings)."""
    return f"{f.requirement} {f.title}" if f.requirement else f.title


def _score(overall: Overall) -> str:
    return "n/a" if overall.score is None else f"{overall.score:.1f}/100"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def _since_1_1(assessment: Assessment) -> list[str | _Wrap]:
    """DCRS 1.1.0: the headline statement, one line per model, and the review flag."""
    h, models = assessment.headline, assessment.models or []
    lines: list[str | _Wrap] = [_Wrap(headline_text(h), "", "  ")] if h else []
    if len(models) > 1:
        lines += [f"  {m.name} ({', '.join(m.surfaces)}): level {m.level}, score {_num(m.score)}" for m in models]
    if h and h.review_required:
        lines.append(f"Needs review: {len(h.review_reasons)} inconsistency(ies) between register and profile")
    if assessment.flags:
        lines.append(f"Free-text flags for a reviewer (never scored): {len(assessment.flags)}")
    return lines

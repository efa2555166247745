"""The one typed object report templates receive, built from the standard, submission and assessment."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from assessor.core.version import __version__
from assessor.dcrs.models import EvidenceRules, LevelDefinition, Requirement, Standard
from assessor.intake.models import EvidenceItem, Submission
from assessor.reports.budget import shown_rows, shown_text
from assessor.reports.chart import domain_chart
from assessor.reports.findings_view import FindingGroup, FindingView, finding_groups, with_uncounted
from assessor.reports.labels import engine_words, prose
from assessor.reports.meta import ReportMeta, report_meta
from assessor.review.models import Review
from assessor.scoring.engine import plan
from assessor.scoring.models import Assessment, Caveat, DomainResult, Finding, RequirementResult
from assessor.scoring.summary import Figures, figures, headline_text

TOP_RECOMMENDATIONS = 5


@dataclass(frozen=True)
class RequirementRow:
    """One requirement in a domain section: the result, the requirement and the developer's answer."""

    result: RequirementResult
    requirement: Requirement
    narrative: str
    justification: str
    finding_rank: int | None
    rejected: list[tuple[str, str]]  # cited items the reviewer rejected, with the reviewer's note


@dataclass(frozen=True)
class DomainSection:
    """A domain's heading figures and its requirement rows."""

    result: DomainResult  # the self-assessed figures (the developer's)
    purpose: str
    every_row: list[RequirementRow]  # every requirement of the domain, in the standard's order
    verified: DomainResult | None  # the verified figures, only after an approved review

    @property
    def rows(self) -> list[RequirementRow]:
        """The requirements the submission answers, shown in full."""
        return [row for row in self.every_row if row.result.claimed is not None]

    @property
    def unanswered(self) -> list[RequirementRow]:
        """The requirements the submission leaves unanswered, listed one line each."""
        return [row for row in self.every_row if row.result.claimed is None]


@dataclass(frozen=True)
class EvidenceRow:
    """An evidence register entry with its age at the assessment date and who cites it."""

    item: EvidenceItem
    type_name: str
    age_days: int
    cited_by: list[str]


@dataclass(frozen=True)
class CrosswalkRow:
    """A requirement's references to other frameworks."""

    requirement: Requirement
    refs: list[tuple[str, str]]


@dataclass(frozen=True)
class Methodology:
    """The standard's own scoring rules, in the form the methodology section prints them."""

    credits: list[tuple[str, float]]
    evidence_required_for: list[str]
    caps: list[tuple[str, str]]
    qualifying: list[str]
    critical_below: str
    critical_level: int
    na_otherwise: str
    missing_response: str
    levels: list[LevelDefinition]
    evidence_types: list[tuple[str, str, str]]
    evidence: EvidenceRules | None = None  # the 1.1.0 evidence rules, where the version declares them
    rules: list[tuple[str, str, str]] | None = None  # (name, summary, example) where the manifest lists its rules


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template may use; nothing else reaches the template."""

    title: str
    standard_label: str
    standard_title: str
    assessment: Assessment
    submission: Submission
    chart: Markup
    caveats: list[Caveat]
    critical_findings: list[Finding]
    top_recommendations: list[Finding]
    findings: list[Finding]
    domains: list[DomainSection]
    evidence: list[EvidenceRow]
    evidence_omitted: int  # register entries beyond the PDF's budget (all are in the attached submission)
    crosswalk: list[CrosswalkRow]
    frameworks: dict[str, str]
    methodology: Methodology
    tool_version: str
    meta: ReportMeta
    figures: Figures
    finding_groups: list[FindingGroup]
    glossary: list[tuple[str, str]]
    names: dict[str, str]  # metric and evidence type ids to their names, for the engine's sentences
    answered: frozenset[str]  # the requirements the submission answers
    review: Review | None = None
    notice: str | None = None  # the version answered is superseded: the newer one and `dcr migrate`
    units: dict[str, str] | None = None  # metric ids to their units' symbols, for the engine's limits
    cited: dict[str, dict[str, list[str]]] | None = None  # per requirement, the ids its response cites, by type

    @property
    def unanswered_ids(self) -> frozenset[str]:
        """The requirements the submission leaves unanswered."""
        return frozenset(r.id for r in self.assessment.requirements if r.id not in self.answered)

    def finding_view(self, rank: int) -> FindingView:
        """The finding of this rank, as the findings chapter shows it."""
        return next(f for g in self.finding_groups for f in g.findings if f.rank == rank)

    def prose(self, text: str) -> str:
        """A sentence from the scoring engine in the reader's words (metric names, no codes, ≤ not <=)."""
        return prose(text, self.names, self.units)

    def reason_text(self, text: str, requirement: str) -> str:
        """A reason on `requirement` in the reader's words, saying where cited evidence counted for nothing."""
        return self.prose(with_uncounted(text, (self.cited or {}).get(requirement, {})))

    @property
    def headline_text(self) -> str:
        """The headline statement in the reader's words (what blocks the next level worded from its fields)."""
        headline = self.assessment.headline
        return self.prose(headline_text(headline)) if headline else ""

    @property
    def fingerprint(self) -> str:
        """Short form of the input hashes (the review's too, where there is one), for the cover."""
        p, v = self.assessment.provenance, self.assessment.verification
        review = f" · review {v.review_sha256[:12]}" if v is not None else ""
        return f"standard {p.standard_sha256[:12]} · submission {p.submission_sha256[:12]}{review}"


def build_context(
    standard: Standard,
    submission: Submission,
    assessment: Assessment,
    review: Review | None = None,
    notice: str | None = None,
) -> ReportContext:
    """Assemble the report context; pure. `review` is the document behind `assessment.verification`, which the
    PDF embeds beside the submission and the result; `notice` says the version answered is superseded."""
    m = standard.manifest
    # With an approved review, the verified result is the headline: chart, critical gaps and recommendations.
    fig = figures(assessment)
    findings, domains = fig.findings, fig.domains
    meta = report_meta(m.id, m.version, assessment)
    type_names = {t.id: t.name for t in m.evidence_types}
    evidence, evidence_omitted = shown_rows(_evidence_rows(submission, type_names))
    # Ids the engine's sentences use, in words: metrics and evidence types (REC: operational record).
    names, units = engine_words(standard)
    cited = _cited_by_type(submission)
    answered = {r.requirement for r in submission.responses}
    return ReportContext(
        title=meta.title,
        standard_label=f"{m.id} {m.version}",
        standard_title=m.title,
        assessment=assessment,
        submission=submission,
        chart=domain_chart(domains, top_level=max(lv.level for lv in m.levels)),
        caveats=assessment.caveats,
        # From 1.1.0 `critical` says the requirement is critical; a critical gap is the severity.
        critical_findings=[
            f for f in findings if f.kind == "gap" and (f.critical if f.severity is None else f.severity == "critical")
        ],
        top_recommendations=[f for f in findings if f.kind == "gap"][:TOP_RECOMMENDATIONS],
        findings=list(findings),
        domains=_domain_sections(standard, submission, assessment),
        evidence=evidence,
        evidence_omitted=evidence_omitted,
        crosswalk=[
            CrosswalkRow(r, [(c.framework, c.ref) for c in r.crosswalk])
            for r in standard.active_requirements()
            if r.id in answered and r.crosswalk
        ],
        frameworks={f.id: f.title for f in m.frameworks},
        methodology=_methodology(standard),
        tool_version=__version__,
        meta=meta,
        figures=fig,
        finding_groups=finding_groups(findings, _headline_results(assessment, fig.verified), names, units, cited),
        glossary=[(t.term, t.definition) for t in sorted(standard.glossary.terms, key=lambda t: t.term.lower())],
        names=names,
        answered=frozenset(answered),
        review=review,
        notice=notice,
        units=units,
        cited=cited,
    )


def _domain_sections(standard: Standard, submission: Submission, assessment: Assessment) -> list[DomainSection]:
    responses = {r.requirement: r for r in submission.responses}
    requirements = {r.id: r for r in standard.requirements()}
    fig = figures(assessment)
    ranks = {f.requirement: f.rank for f in fig.findings if f.requirement}
    purposes = {d.id: d.purpose for d in standard.domains}
    verified = {d.id: d for d in fig.domains} if fig.verified else {}
    v = assessment.verification
    rejected = {e.id: e.note for e in v.evidence if e.decision == "rejected"} if v else {}
    rows: dict[str, list[RequirementRow]] = defaultdict(list)
    for result in assessment.requirements:
        response = responses.get(result.id)
        rows[result.domain].append(
            RequirementRow(
                result=result,
                requirement=requirements[result.id],
                narrative=shown_text(response.narrative) if response else "",
                justification=shown_text(response.justification or "") if response else "",
                finding_rank=ranks.get(result.id),
                rejected=[(e, rejected[e]) for e in result.evidence if e in rejected],
            )
        )
    return [DomainSection(d, purposes[d.id], rows[d.id], verified.get(d.id)) for d in assessment.domains]


def _cited_by_type(submission: Submission) -> dict[str, dict[str, list[str]]]:
    """Per requirement, the evidence ids its response cites, grouped by their registered type."""
    types = {e.id: e.type for e in submission.evidence}
    cited: dict[str, dict[str, list[str]]] = {}
    for response in submission.responses:
        by_type = cited.setdefault(response.requirement, {})
        for evidence_id in response.evidence:
            if evidence_id in types:
                by_type.setdefault(types[evidence_id], []).append(evidence_id)
    return cited


def _headline_results(assessment: Assessment, verified: bool) -> list[RequirementResult]:
    """The self-assessed results the headline findings are worded from; verified findings are worded already."""
    return [] if verified else assessment.requirements


def _evidence_rows(submission: Submission, type_names: dict[str, str]) -> list[EvidenceRow]:
    cited: dict[str, list[str]] = defaultdict(list)
    for response in submission.responses:
        for evidence_id in response.evidence:
            cited[evidence_id].append(response.requirement)
    on = submission.assessment.date
    return [
        EvidenceRow(item, type_names.get(item.type, item.type), (on - item.date).days, sorted(cited[item.id]))
        for item in sorted(submission.evidence, key=lambda e: e.id)
    ]


def _methodology(standard: Standard) -> Methodology:
    rules = standard.manifest.scoring
    return Methodology(
        credits=[(status, rules.credits[status]) for status in ("fully", "largely", "partially", "not_implemented")],
        evidence_required_for=list(rules.evidence_required_for),
        caps=sorted(rules.caps.items()),
        qualifying=list(rules.level_rule.qualifying),
        critical_below=rules.critical_cap.below,
        critical_level=rules.critical_cap.overall_level,
        na_otherwise=rules.not_applicable.otherwise,
        missing_response=rules.missing_response,
        levels=list(standard.manifest.levels),
        evidence_types=[(t.id, t.name, t.description) for t in standard.manifest.evidence_types],
        evidence=rules.evidence_rules(),
        rules=[(s.rule.name, s.rule.summary, s.rule.example) for s in plan(standard)] if rules.rules else None,
    )

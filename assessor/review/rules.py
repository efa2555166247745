"""Semantic rules for a review against the submission it reviews; each yields located problems."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assessor.core.documents import Document
from assessor.core.problems import Location, Problem
from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import legacy_submission_sha256, submission_sha256
from assessor.intake.models import Submission
from assessor.review.models import Review
from assessor.review.progress import review_progress
from assessor.review.template import PLACEHOLDERS

Rule = Callable[["Context"], Iterator[Problem]]
SKELETON_VALUES = frozenset(PLACEHOLDERS.values())


@dataclass
class Context:
    """A review, the submission it claims to review, and the standard."""

    doc: Document
    review: Review
    submission: Submission
    standard: Standard

    def at(self, *path: str | int) -> Location:
        return self.doc.locate(path)


def run_rules(doc: Document, review: Review, submission: Submission, standard: Standard) -> list[Problem]:
    """Every problem every rule finds."""
    ctx = Context(doc, review, submission, standard)
    return [problem for rule in RULES for problem in rule(ctx)]


def bound_to_this_submission(ctx: Context) -> Iterator[Problem]:
    """The review names this submission's content hash and standard; an edited submission voids it."""
    actual = submission_sha256(ctx.submission)
    if ctx.review.submission.sha256 != actual and ctx.review.submission.sha256 == legacy_submission_sha256(
        ctx.submission
    ):
        message = (
            "the review is bound by the hash of DCR Assessor before 0.2, not the RFC 8785 hash (sha256-jcs); "
            f"the content matches, so re-bind it: `dcr review rebind REVIEW SUBMISSION` (sha256 becomes {actual})"
        )
        yield Problem(ctx.at("submission", "sha256"), "legacy-binding", message)
    elif ctx.review.submission.sha256 != actual:
        message = (
            f"the submission has changed since it was reviewed (reviewed {ctx.review.submission.sha256[:12]}…, "
            f"now {actual[:12]}…); the review cannot be applied — review the current submission again"
        )
        yield Problem(ctx.at("submission", "sha256"), "submission-changed", message)
    ref, manifest = ctx.review.submission.standard, ctx.standard.manifest
    if (ref.id, ref.version) != (manifest.id, manifest.version):
        message = f"the review is of a {ref.id} {ref.version} submission; this is {manifest.id} {manifest.version}"
        yield Problem(ctx.at("submission", "standard"), "standard-mismatch", message)
    if ctx.review.submission.organisation != ctx.submission.organisation.name:
        named, actual = ctx.review.submission.organisation, ctx.submission.organisation.name
        message = f"the review names {named!r}; the submission is {actual!r}"
        yield Problem(ctx.at("submission", "organisation"), "organisation-mismatch", message, severity="warning")


def verdicts(ctx: Context) -> Iterator[Problem]:
    """Verdicts name live requirements once each, and explain any departure from the claim."""
    requirements = {r.id: r for r in ctx.standard.requirements()}
    claims = {r.requirement: r.status for r in ctx.submission.responses}
    seen: set[str] = set()
    for index, verdict in enumerate(ctx.review.verdicts):
        req = requirements.get(verdict.requirement)
        where = ctx.at("verdicts", index, "requirement")
        if req is None or req.status == "withdrawn":
            yield Problem(where, "unknown-requirement", f"{verdict.requirement} is not an active requirement")
        if verdict.requirement in seen:
            yield Problem(where, "duplicate-verdict", f"{verdict.requirement} has more than one verdict")
        seen.add(verdict.requirement)
        claimed = claims.get(verdict.requirement)
        if verdict.verified is not None and verdict.verified != claimed and not verdict.rationale.strip():
            claim = claimed or "no response"
            message = f"{verdict.requirement}: verified {verdict.verified} differs from the claim ({claim}); say why"
            yield Problem(ctx.at("verdicts", index, "rationale"), "missing-rationale", message)


def evidence_decisions(ctx: Context) -> Iterator[Problem]:
    """Decisions name registered evidence once each; a rejection carries a note."""
    registered = {e.id for e in ctx.submission.evidence}
    seen: set[str] = set()
    for index, decision in enumerate(ctx.review.evidence):
        where = ctx.at("evidence", index, "evidence")
        if decision.evidence not in registered:
            yield Problem(
                where, "unknown-evidence", f"evidence {decision.evidence} is not in the submission's register"
            )
        if decision.evidence in seen:
            yield Problem(where, "duplicate-decision", f"evidence {decision.evidence} has more than one decision")
        seen.add(decision.evidence)
        if decision.decision == "rejected" and not decision.note.strip():
            yield Problem(ctx.at("evidence", index, "note"), "missing-note", f"say why {decision.evidence} is rejected")


def dates_and_sign_off(ctx: Context) -> Iterator[Problem]:
    """The review follows the assessment, the sign-off follows the review, and an unsigned review is flagged."""
    if ctx.review.date < ctx.submission.assessment.date:
        message = f"review dated {ctx.review.date}, before the assessment it reviews ({ctx.submission.assessment.date})"
        yield Problem(ctx.at("date"), "review-before-assessment", message)
    sign_off = ctx.review.sign_off
    progress = review_progress(ctx.review, ctx.submission)
    if sign_off is None:
        message = f"the review has no sign-off yet, so nothing is verified ({progress.sentence()})"
        yield Problem(ctx.at("date"), "not-signed-off", message, severity="warning")
    elif progress.requirements_examined < progress.requirements_total:
        left = progress.requirements_total - progress.requirements_examined
        message = f"signed off with {left} requirement(s) not examined: they are reported as not verified"
        yield Problem(ctx.at("sign_off", "decision"), "signed-off-incomplete", message, severity="warning")
    elif sign_off.date < ctx.review.date:
        yield Problem(
            ctx.at("sign_off", "date"),
            "sign-off-before-review",
            f"signed off on {sign_off.date}, before the review date",
        )
    requirements = {r.id for r in ctx.standard.requirements()}
    for index, finding in enumerate(ctx.review.findings):
        if finding.requirement is not None and finding.requirement not in requirements:
            yield Problem(
                ctx.at("findings", index, "requirement"),
                "unknown-requirement",
                f"{finding.requirement} is not a requirement",
            )


def no_placeholders(ctx: Context) -> Iterator[Problem]:
    """Values still as the skeleton wrote them ("<reviewer name>") are refused: nobody is named by them."""
    yield from _placeholders(ctx, ctx.doc.data, ())


def _placeholders(ctx: Context, node: object, path: tuple[str | int, ...]) -> Iterator[Problem]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _placeholders(ctx, value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _placeholders(ctx, value, (*path, index))
    elif isinstance(node, str) and node.strip() in SKELETON_VALUES:
        message = f"{node.strip()} is the skeleton's placeholder: fill it in"
        yield Problem(ctx.at(*path), "placeholder", message)


RULES: tuple[Rule, ...] = (
    bound_to_this_submission,
    no_placeholders,
    verdicts,
    evidence_decisions,
    dates_and_sign_off,
)

"""Semantic rules for a review against the submission it reviews; each yields located problems.

Every rule runs and every problem is reported at once. The rules over the document as written (binding,
placeholders, which requirements and evidence items it names, one-line names) run even when the review does
not fit its schema, so a structural mistake never hides a wrong binding or an unknown requirement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, get_args

from assessor.core.documents import Document
from assessor.core.names import is_developer
from assessor.core.problems import Location, Problem
from assessor.core.text import is_blank, single_line_problem
from assessor.dcrs.base import ResponseStatus
from assessor.dcrs.models import Standard
from assessor.intake.fingerprint import legacy_submission_sha256, submission_sha256
from assessor.intake.models import Submission
from assessor.review.models import Review
from assessor.review.progress import review_progress
from assessor.review.template import PLACEHOLDERS

SKELETON_VALUES = frozenset(PLACEHOLDERS.values())
# Before DCRS 1.2.0 the standard lists no legal forms; a reviewer's name is still compared without these.
_COMMON_LEGAL_FORMS = ("Ltd", "Limited", "Inc", "Incorporated", "LLC", "LLP", "PLC", "Corp", "Corporation", "Co",
                       "Company", "GmbH", "AG", "SA", "BV", "NV")  # fmt: skip
STATUSES = frozenset(get_args(ResponseStatus))
_REQUIREMENT_ID = re.compile(r"^[A-Z][A-Z0-9]*-[A-Z]{2,4}-[0-9]{2,3}$")
_ONE_LINE = (("reviewer", "name"), ("reviewer", "organisation"), ("reviewer", "role"), ("submission", "organisation"))


@dataclass
class Raw:
    """A review document as written (whatever its structure), the submission it names, and the standard."""

    doc: Document
    submission: Submission
    standard: Standard

    def at(self, *path: str | int) -> Location:
        return self.doc.locate(path)

    def get(self, *path: str | int) -> Any:
        """The value at `path`, or None where the document has no such place."""
        node: Any = self.doc.data
        for part in path:
            if isinstance(part, int) and isinstance(node, list) and part < len(node):
                node = node[part]
            elif isinstance(part, str) and isinstance(node, dict):
                node = node.get(part)
            else:
                return None
        return node

    def items(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        """The mappings of the list under `key`, with their index."""
        value = self.get(key)
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


@dataclass
class Context(Raw):
    """A review that fits its schema."""

    review: Review


RawRule = Callable[[Raw], Iterator[Problem]]
Rule = Callable[[Context], Iterator[Problem]]


def run_rules(doc: Document, review: Review, submission: Submission, standard: Standard) -> list[Problem]:
    """Every problem every rule finds in a review that fits its schema."""
    ctx = Context(doc, submission, standard, review)
    return run_raw_rules(doc, submission, standard) + [p for rule in RULES for p in rule(ctx)]


def run_raw_rules(doc: Document, submission: Submission, standard: Standard) -> list[Problem]:
    """The problems found in the document as written, whatever its structure."""
    raw = Raw(doc, submission, standard)
    return [problem for rule in RAW_RULES for problem in rule(raw)]


def bound_to_this_submission(raw: Raw) -> Iterator[Problem]:
    """The review names this submission's content hash and standard; an edited submission voids it."""
    named, actual = raw.get("submission", "sha256"), submission_sha256(raw.submission)
    if isinstance(named, str) and named != actual and named == legacy_submission_sha256(raw.submission):
        message = (
            "the review is bound by the hash of DCR Assessor before 0.2, not the RFC 8785 hash (sha256-jcs); "
            f"the content matches, so re-bind it: `dcr review rebind REVIEW SUBMISSION` (sha256 becomes {actual})"
        )
        yield Problem(raw.at("submission", "sha256"), "legacy-binding", message)
    elif isinstance(named, str) and named != actual:
        message = (
            f"the submission has changed since it was reviewed (reviewed {named[:12]}…, "
            f"now {actual[:12]}…); the review cannot be applied — review the current submission again"
        )
        yield Problem(raw.at("submission", "sha256"), "submission-changed", message)
    ref, manifest = (raw.get("submission", "standard", k) for k in ("id", "version")), raw.standard.manifest
    ref_id, ref_version = ref
    if (
        isinstance(ref_id, str)
        and isinstance(ref_version, str)
        and (ref_id, ref_version)
        != (
            manifest.id,
            manifest.version,
        )
    ):
        message = f"the review is of a {ref_id} {ref_version} submission; this is {manifest.id} {manifest.version}"
        yield Problem(raw.at("submission", "standard"), "standard-mismatch", message)
    named_org = raw.get("submission", "organisation")
    if isinstance(named_org, str) and named_org != raw.submission.organisation.name:
        message = f"the review names {named_org!r}; the submission is {raw.submission.organisation.name!r}"
        yield Problem(raw.at("submission", "organisation"), "organisation-mismatch", message, severity="warning")


def named_requirements(raw: Raw) -> Iterator[Problem]:
    """Verdicts name live requirements once each; reviewer findings name requirements of the standard."""
    requirements = {r.id: r for r in raw.standard.requirements()}
    seen: set[str] = set()
    for index, verdict in raw.items("verdicts"):
        rid = verdict.get("requirement")
        if not isinstance(rid, str) or not _REQUIREMENT_ID.match(rid):
            continue  # the schema reports it
        req, where = requirements.get(rid), raw.at("verdicts", index, "requirement")
        if req is None or req.status == "withdrawn":
            yield Problem(where, "unknown-requirement", f"{rid} is not an active requirement")
        if rid in seen:
            yield Problem(where, "duplicate-verdict", f"{rid} has more than one verdict")
        seen.add(rid)
    for index, finding in raw.items("findings"):
        rid = finding.get("requirement")
        if isinstance(rid, str) and _REQUIREMENT_ID.match(rid) and rid not in requirements:
            yield Problem(
                raw.at("findings", index, "requirement"), "unknown-requirement", f"{rid} is not a requirement"
            )


def named_evidence(raw: Raw) -> Iterator[Problem]:
    """Decisions name registered evidence once each."""
    registered = {e.id for e in raw.submission.evidence}
    seen: set[str] = set()
    for index, decision in raw.items("evidence"):
        eid, where = decision.get("evidence"), raw.at("evidence", index, "evidence")
        if not isinstance(eid, str):
            continue
        if eid not in registered:
            yield Problem(where, "unknown-evidence", f"evidence {eid} is not in the submission's register")
        if eid in seen:
            yield Problem(where, "duplicate-decision", f"evidence {eid} has more than one decision")
        seen.add(eid)


def one_line_names(raw: Raw) -> Iterator[Problem]:
    """Names and titles are one line: no line breaks, control characters or bidi controls."""
    places = [*_ONE_LINE, *(("findings", i, "title") for i, _ in raw.items("findings"))]
    for path in places:
        value = raw.get(*path)
        why = single_line_problem(value) if isinstance(value, str) else None
        if why:
            yield Problem(raw.at(*path), "not-one-line", f"{path[-1]} {why}")


def no_placeholders(raw: Raw) -> Iterator[Problem]:
    """Values still as the skeleton wrote them ("<reviewer name>") are refused: nobody is named by them."""
    yield from _placeholders(raw, raw.doc.data, ())


def _placeholders(raw: Raw, node: object, path: tuple[str | int, ...]) -> Iterator[Problem]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _placeholders(raw, value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _placeholders(raw, value, (*path, index))
    elif isinstance(node, str) and node.strip() in SKELETON_VALUES:
        message = f"{node.strip()} is the skeleton's placeholder: fill it in"
        yield Problem(raw.at(*path), "placeholder", message)


def rationales(raw: Raw) -> Iterator[Problem]:
    """A verdict that departs from the claim says why (text that shows nothing says nothing)."""
    claims = {r.requirement: r.status for r in raw.submission.responses}
    for index, verdict in raw.items("verdicts"):
        rid, status, rationale = verdict.get("requirement"), verdict.get("verified"), verdict.get("rationale", "")
        if not isinstance(status, str) or status not in STATUSES or not isinstance(rationale, str):
            continue
        if status == claims.get(str(rid)):
            continue
        if is_blank(rationale):
            claim = claims.get(str(rid)) or "no response"
            message = f"{rid}: verified {status} differs from the claim ({claim}); say why"
            yield Problem(raw.at("verdicts", index, "rationale"), "missing-rationale", message)


def rejection_notes(raw: Raw) -> Iterator[Problem]:
    """A rejected evidence item carries a note saying why."""
    for index, decision in raw.items("evidence"):
        note = decision.get("note", "")
        if decision.get("decision") == "rejected" and isinstance(note, str) and is_blank(note):
            yield Problem(
                raw.at("evidence", index, "note"), "missing-note", f"say why {decision.get('evidence')} is rejected"
            )


def dates(ctx: Context) -> Iterator[Problem]:
    """The review follows the assessment, and the sign-off follows the review."""
    if ctx.review.date < ctx.submission.assessment.date:
        message = f"review dated {ctx.review.date}, before the assessment it reviews ({ctx.submission.assessment.date})"
        yield Problem(ctx.at("date"), "review-before-assessment", message)
    sign_off = ctx.review.sign_off
    if sign_off is not None and sign_off.date < ctx.review.date:
        message = f"signed off on {sign_off.date}, before the review date ({ctx.review.date})"
        yield Problem(ctx.at("sign_off", "date"), "sign-off-before-review", message)


def sign_off_basis(ctx: Context) -> Iterator[Problem]:
    """An unsigned review is flagged; an approval states what was examined, and examined something."""
    sign_off, progress = ctx.review.sign_off, review_progress(ctx.review, ctx.submission)
    if sign_off is None:
        message = f"the review has no sign-off yet, so nothing is verified ({progress.sentence()})"
        yield Problem(ctx.at("date"), "not-signed-off", message, severity="warning")
        return
    left = progress.requirements_total - progress.requirements_examined
    unexamined_evidence = progress.evidence_total - progress.evidence_examined
    if sign_off.decision == "approved":
        yield from _approval(
            ctx, left, unexamined_evidence, progress.requirements_examined + progress.evidence_examined
        )
    elif left:
        message = f"signed off with {left} requirement(s) not examined: they are reported as not verified"
        yield Problem(ctx.at("sign_off", "decision"), "signed-off-incomplete", message, severity="warning")


def _approval(ctx: Context, left: int, unexamined_evidence: int, examined: int) -> Iterator[Problem]:
    sign_off = ctx.review.sign_off
    assert sign_off is not None
    if examined == 0:
        message = "approved with nothing examined (no verdict given, no evidence accepted or rejected): refused"
        yield Problem(ctx.at("sign_off", "decision"), "approved-unexamined", message)
    if sign_off.examined is None:
        message = "an approval states what was examined: `examined: all`, or `examined: sample` with `sample_basis`"
        yield Problem(ctx.at("sign_off", "decision"), "missing-approval-basis", message)
    elif sign_off.examined == "all" and (left or unexamined_evidence):
        message = (
            f"`examined: all`, but {left} requirement(s) and {unexamined_evidence} evidence item(s) are not "
            "examined: examine them, or declare a sample with its basis"
        )
        yield Problem(ctx.at("sign_off", "examined"), "approval-incomplete", message)
    elif sign_off.examined == "sample" and is_blank(sign_off.sample_basis or ""):
        message = "`examined: sample` needs `sample_basis`: how the sample was chosen and why it suffices"
        yield Problem(ctx.at("sign_off", "examined"), "missing-sample-basis", message)
    elif sign_off.examined == "sample" and left:
        message = f"approved on a sample: {left} requirement(s) not examined are reported as not verified"
        yield Problem(ctx.at("sign_off", "decision"), "signed-off-incomplete", message, severity="warning")


def reviewer_independent(ctx: Context) -> Iterator[Problem]:
    """A review by the developer's own organisation, under any spelling or in look-alike letters, cannot verify
    the developer's self-assessment."""
    reviewer, own = ctx.review.reviewer.organisation, ctx.submission.organisation.name
    forms = _legal_forms(ctx.standard)
    if is_developer(reviewer, own, forms, look_alike=True):
        message = (
            f"the reviewer's organisation ({reviewer}) is the developer ({own}), or reads as it: a review that "
            "verifies a self-assessment must come from outside the developer"
        )
        yield Problem(ctx.at("reviewer", "organisation"), "reviewer-not-independent", message)


def _legal_forms(standard: Standard) -> list[str]:
    """The legal forms the standard's issuer rule strips from a name; the common ones for a version without it."""
    uses = [u for u in standard.manifest.scoring.rules or () if u.rule == "issuer_identity"]
    return list(uses[0].params.get("legal_forms", [])) if uses else list(_COMMON_LEGAL_FORMS)


RAW_RULES: tuple[RawRule, ...] = (
    bound_to_this_submission,
    no_placeholders,
    named_requirements,
    named_evidence,
    one_line_names,
    rationales,
    rejection_notes,
)
RULES: tuple[Rule, ...] = (dates, sign_off_basis, reviewer_independent)

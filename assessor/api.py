"""The public API: load, validate, score and report. The CLI and the app call exactly these functions.

Heavy libraries load only when used: WeasyPrint for PDFs, openpyxl for workbooks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assessor.core.atomic import write_atomic
from assessor.core.canonical import pretty_json
from assessor.core.documents import DEFAULT_MAX_BYTES, Document, parse_json, parse_yaml
from assessor.core.problems import DcrError, DocumentError, InvalidReview, InvalidSubmission, Problem
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.loader import load_standard as _load_standard
from assessor.dcrs.models import Standard
from assessor.dcrs.versions import available
from assessor.intake.loader import answered_version, check_document, read_submission
from assessor.intake.models import Submission
from assessor.review.loader import check_review_document
from assessor.review.models import Review
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment, Overall

if TYPE_CHECKING:
    from assessor.reports.context import ReportContext

Source = Path | str | Document
"""A file path (YAML, JSON or XLSX), or a document already parsed (e.g. from standard input)."""

__all__ = [
    "Result",
    "Source",
    "Validation",
    "assess",
    "evidence_workbook",
    "example",
    "json_text",
    "load_review",
    "load_standard",
    "load_submission",
    "parse_text",
    "pdf_bytes",
    "score",
    "standard_for",
    "validate",
    "write_json",
    "write_pdf",
    "write_xlsx",
    "xlsx_bytes",
]


@dataclass
class Validation:
    """Every problem found in a submission and, when one was given, its review."""

    submission: Submission | None
    problems: list[Problem] = field(default_factory=list)
    standard: Standard | None = None
    review: Review | None = None
    review_problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems + self.review_problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems + self.review_problems if p.severity == "warning"]

    @property
    def submission_ok(self) -> bool:
        return self.submission is not None and not any(p.severity == "error" for p in self.problems)

    @property
    def ok(self) -> bool:
        return self.submission_ok and not self.errors


@dataclass
class Result:
    """An assessment with the standard, submission and review it was made from: everything a report needs."""

    standard: Standard
    submission: Submission
    assessment: Assessment
    review: Review | None = None
    warnings: list[Problem] = field(default_factory=list)

    @property
    def level(self) -> int:
        """The headline readiness level (verified where a review was applied)."""
        return self.headline.level

    @property
    def score(self) -> float | None:
        """The headline score 0–100 (verified where a review was applied)."""
        return self.headline.score

    @property
    def headline(self) -> Overall:
        """Verified overall result where a review was applied, else the self-assessed one."""
        verification = self.assessment.verification
        return verification.overall if verification else self.assessment.overall


def load_standard(path: Path | str | None = None, version: str | None = None) -> Standard:
    """The validated standard: `version` (default: the latest published) of the library at `path` (default:
    the bundled DCRS, or $DCR_STANDARD), or the single version in `path`; InvalidStandard if it is invalid."""
    return _load_standard(Path(path) if path is not None else None, version)


def standard_for(source: Source, path: Path | str | None = None) -> Standard:
    """The standard a submission answers: the version it names when the library has it, else the latest
    published (the submission's rules then report the mismatch)."""
    try:
        doc = _submission_document(source)[0]
    except DocumentError:
        return load_standard(path)
    return _answered_standard(doc, path)


def _answered_standard(doc: Document, path: Path | str | None = None) -> Standard:
    root = Path(path) if path is not None else default_standard_dir()
    version = answered_version(doc)
    return load_standard(root, version if version and available(root, version) else None)


def example(name: str) -> Path:
    """A bundled example submission by name: "mature-lab", "developing-lab" or "open-weights-release"."""
    from assessor.core.resources import examples_root

    path = examples_root() / f"{Path(name).stem}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(examples_root().glob("*.yaml")))
        raise DcrError(f"no bundled example {name!r}; there are: {known}")
    return path


def parse_text(text: str, fmt: str, name: str = "<stdin>") -> Document:
    """Parse submission or review text given as YAML or JSON (`fmt` is "yaml" or "json")."""
    if fmt not in ("yaml", "json"):
        raise ValueError(f"format must be yaml or json, not {fmt!r}")
    return parse_yaml(text, name) if fmt == "yaml" else parse_json(text, name)


def validate(source: Source, standard: Standard | Path | str | None = None, review: Source | None = None) -> Validation:
    """Check a submission (and optionally its review) against `standard`: a loaded standard, or the folder of a
    standard's versions (default: the bundled DCRS) from which the version the submission answers is taken.
    Every problem, each with its location. A document that cannot be parsed at all is reported as
    its problems, not raised."""
    try:
        doc, read_problems = _submission_document(source)
    except DocumentError as err:
        return Validation(None, problems=list(err.problems))
    if not isinstance(standard, Standard):
        standard = _answered_standard(doc, standard)
    bundle = Path(source).parent if not isinstance(source, Document) else None
    checked = check_document(doc, standard, bundle=bundle)
    result = Validation(checked.submission, read_problems + checked.problems, standard=standard)
    if review is not None and result.submission_ok and checked.submission is not None:
        try:
            checked_review = check_review_document(_document(review), checked.submission, standard)
        except DocumentError as err:
            result.review_problems = list(err.problems)
            return result
        result.review, result.review_problems = checked_review.review, list(checked_review.problems)
    return result


def load_submission(source: Source, standard: Standard | Path | str | None = None) -> Submission:
    """The valid submission from a file of any format or a parsed document; InvalidSubmission with every error."""
    checked = validate(source, standard)
    if not checked.submission_ok or checked.submission is None:
        raise InvalidSubmission(checked.errors)
    return checked.submission


def load_review(source: Source, submission: Submission, standard: Standard | None = None) -> Review:
    """The valid review of `submission`; InvalidReview with every error."""
    standard = standard or load_standard()
    checked = check_review_document(_document(source), submission, standard)
    if checked.errors or checked.review is None:
        raise InvalidReview(checked.errors)
    return checked.review


def assess(source: Source, review: Source | None = None, *, standard: Standard | Path | str | None = None) -> Result:
    """Validate and score a submission (verified by `review` when given). Raises InvalidSubmission or
    InvalidReview with every problem when either is invalid."""
    checked = validate(source, standard, review)
    if not checked.submission_ok or checked.submission is None or checked.standard is None:
        raise InvalidSubmission([p for p in checked.problems if p.severity == "error"])
    if review is not None and (checked.errors or checked.review is None):
        raise InvalidReview(checked.errors)
    assessment = score(checked.standard, checked.submission, checked.review)
    return Result(checked.standard, checked.submission, assessment, checked.review, checked.warnings)


def json_text(result: Result) -> str:
    """The assessment as stable JSON text: the same inputs give the same bytes."""
    return pretty_json(result.assessment)


def pdf_bytes(result: Result, templates: Path | str | None = None) -> bytes:
    """The PDF/A-3 report as bytes, with the submission and the result embedded."""
    from assessor.reports.pdf import pdf_bytes as render_pdf
    from assessor.reports.pdf import prepare_pdf

    override = Path(templates) if templates is not None else None
    return render_pdf(prepare_pdf(_context(result), override), override)


def xlsx_bytes(result: Result) -> bytes:
    """The report workbook as bytes."""
    from assessor.reports.xlsx import workbook_bytes

    return workbook_bytes(_context(result))


def evidence_workbook(standard: Standard, prefill: Submission | None = None) -> bytes:
    """The fillable evidence workbook generated from `standard`, optionally prefilled from a submission."""
    from assessor.intake.workbook_template import workbook_template

    return workbook_template(standard, prefill)


def write_json(result: Result, out: Path | str) -> None:
    """Write the assessment as stable, byte-identical JSON (atomically)."""
    write_atomic(Path(out), json_text(result))


def write_pdf(result: Result, out: Path | str, templates: Path | str | None = None) -> None:
    """Write the PDF/A-3 report, with the submission and the result embedded (atomically)."""
    write_atomic(Path(out), pdf_bytes(result, templates))


def write_xlsx(result: Result, out: Path | str) -> None:
    """Write the report workbook (atomically)."""
    write_atomic(Path(out), xlsx_bytes(result))


def _context(result: Result) -> ReportContext:
    from assessor.reports.context import build_context

    return build_context(result.standard, result.submission, result.assessment)


def _submission_document(source: Source) -> tuple[Document, list[Problem]]:
    if isinstance(source, Document):
        return source, []
    return read_submission(Path(source), max_bytes=DEFAULT_MAX_BYTES)


def _document(source: Source) -> Document:
    if isinstance(source, Document):
        return source
    from assessor.core.documents import load_document

    return load_document(Path(source))

"""Load a submission from YAML, JSON or the evidence workbook and validate it completely.

Structural problems do not hide semantic ones: when the whole document fails the schema, every section
and list item that is valid on its own is kept, and the semantic rules run over those.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from assessor.core.documents import DEFAULT_MAX_BYTES, Document, bounded, file_suffix, load_document
from assessor.core.problems import DocumentError, InvalidSubmission, Problem
from assessor.core.validation import problems_from
from assessor.dcrs.models import Standard
from assessor.intake.checked import CheckedSubmission
from assessor.intake.models import (
    AssessmentInfo,
    DeploymentProfile,
    EvidenceItem,
    Organisation,
    Response,
    StandardRef,
    Submission,
)
from assessor.intake.rules import run_rules

_SECTIONS: dict[str, type[BaseModel]] = {
    "standard": StandardRef,
    "organisation": Organisation,
    "assessment": AssessmentInfo,
    "profile": DeploymentProfile,
}
SUBMISSION_SUFFIXES = (".yaml", ".yml", ".json")


def load_submission(path: Path, standard: Standard, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Submission:
    """The valid submission at `path`; InvalidSubmission carries every error."""
    checked = check_submission(path, standard, max_bytes=max_bytes)
    if checked.errors or checked.submission is None:
        raise InvalidSubmission(checked.errors)
    return checked.submission


def read_submission(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None
) -> tuple[Document, list[Problem]]:
    """Parse a submission file of any format (problems name it `name`, default its path): the document, and
    problems only a workbook can have."""
    suffix = file_suffix(path)
    if suffix == ".xlsx":
        from assessor.intake.workbook_reader import read_workbook  # openpyxl loads only for workbooks

        return read_workbook(path, max_bytes=max_bytes, name=name)
    if suffix not in SUBMISSION_SUFFIXES:
        message = "expected a .yaml, .yml, .json or .xlsx file"
        raise DocumentError([Problem.at(name or str(path), "unsupported-format", message)])
    return load_document(path, max_bytes=max_bytes, name=name), []


def check_submission(path: Path, standard: Standard, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CheckedSubmission:
    """Parse, check structure and run every semantic rule; errors and warnings are collected, not raised."""
    doc, read_problems = read_submission(path, max_bytes=max_bytes)
    checked = check_document(doc, standard, bundle=path.parent)
    checked.problems = read_problems + checked.problems
    return checked


def answered_version(doc: Document) -> str | None:
    """The standard version a parsed submission says it answers, if it says so legibly."""
    ref = doc.data.get("standard") if isinstance(doc.data, dict) else None
    version = ref.get("version") if isinstance(ref, dict) else None
    return version if isinstance(version, str) else None


def check_document(
    doc: Document, standard: Standard, *, bundle: Path | None = None, evidence_root: Path | None = None
) -> CheckedSubmission:
    """Validate already-parsed data (the app uses this for its live validation); sha256 claims are checked
    only with a folder: the evidence folder beside the submission in `bundle`, or `evidence_root`."""
    checked = _structural(doc)
    checked.bundle, checked.evidence_root = bundle, evidence_root
    if checked.submission is not None:
        checked.problems += run_rules(checked, standard)
    return checked


def _structural(doc: Document) -> CheckedSubmission:
    if not isinstance(doc.data, dict):
        return CheckedSubmission(
            doc, None, problems=[Problem(doc.locate(()), "not-a-mapping", "the document must be a mapping")]
        )
    try:
        bounded(doc)  # data built in memory (an app draft) meets the same limits as a parsed file
    except DocumentError as err:
        return CheckedSubmission(doc, None, problems=err.problems)
    try:
        submission = Submission.model_validate(doc.data)
    except ValidationError as err:
        return _salvage(doc, problems_from(err, doc))
    return CheckedSubmission(
        doc, submission, list(range(len(submission.evidence))), list(range(len(submission.responses)))
    )


def _salvage(doc: Document, problems: list[Problem]) -> CheckedSubmission:
    """The valid parts of an invalid submission, so every rule that does not need a broken part still runs
    (a bad assessment date hides no unknown requirement); a section that does not validate is left out and
    named in `broken`, and the rules that need it skip."""
    data: dict[str, Any] = doc.data
    sections: dict[str, Any] = {}
    broken: set[str] = set()
    for key, model in _SECTIONS.items():
        try:
            sections[key] = model.model_validate(data.get(key))
        except ValidationError:
            sections[key] = None
            broken.add(key)
    evidence, evidence_index = _valid_items(EvidenceItem, data.get("evidence"))
    responses, response_index = _valid_items(Response, data.get("responses"))
    partial = Submission.model_construct(**sections, evidence=evidence, responses=responses)
    return CheckedSubmission(doc, partial, evidence_index, response_index, problems, broken=frozenset(broken))


def _valid_items(model: type[BaseModel], items: Any) -> tuple[list[Any], list[int]]:
    if not isinstance(items, list):
        return [], []
    kept, index = [], []
    for i, item in enumerate(items):
        try:
            kept.append(model.model_validate(item))
            index.append(i)
        except ValidationError:
            continue
    return kept, index

"""A submission as checked: possibly partial, with its problems and where each item came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assessor.core.documents import Document
from assessor.core.problems import HasProblems, Problem
from assessor.intake.models import Submission


@dataclass
class CheckedSubmission(HasProblems):
    """A submission (possibly partial when invalid) with its problems and where each item came from."""

    doc: Document
    submission: Submission | None
    evidence_index: list[int] = field(default_factory=list)
    response_index: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bundle: Path | None = None  # the submission's folder (None: from standard input or the app)
    evidence_root: Path | None = None  # an explicit evidence folder (--evidence); locations are relative to it
    broken: frozenset[str] = frozenset()  # sections of an invalid submission that did not validate (left None)

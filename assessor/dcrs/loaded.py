"""A standard as loaded: the model with the documents it came from, so rules can point at file:line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assessor.core.documents import Document
from assessor.core.problems import HasProblems, Problem
from assessor.dcrs.models import Standard


@dataclass
class LoadedStandard(HasProblems):
    """A standard with the documents it came from, so rules can point at file:line."""

    root: Path
    manifest_doc: Document
    domain_docs: dict[str, Document]
    standard: Standard
    glossary_doc: Document | None = None
    problems: list[Problem] = field(default_factory=list)

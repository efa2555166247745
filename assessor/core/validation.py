"""Structural validation: a pydantic model over a parsed document, errors turned into located problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assessor.core.documents import Document, bounded
from assessor.core.problems import DocumentError, Problem

M = TypeVar("M", bound=BaseModel)

# Some structural failures have a more telling code than "schema": (pydantic error type, field) -> code.
_SPECIFIC_CODES = {
    ("string_pattern_mismatch", "id"): "malformed-id",
    ("string_pattern_mismatch", "replaced_by"): "malformed-id",
    ("string_pattern_mismatch", "requirement"): "malformed-id",
    ("greater_than", "weight"): "nonpositive-weight",
}


def validate_document(model: type[M], doc: Document) -> M:
    """The document as `model`, or DocumentError listing every structural problem with its location."""
    if not isinstance(doc.data, dict):
        raise DocumentError([Problem(doc.locate(()), "not-a-mapping", "the document must be a mapping of keys")])
    bounded(doc)  # data built in memory (an app draft) meets the same limits as a parsed file
    try:
        return model.model_validate(doc.data)
    except ValidationError as err:
        raise DocumentError(problems_from(err, doc)) from None


def problems_from(err: ValidationError, doc: Document) -> list[Problem]:
    """One located problem per pydantic error."""
    return [_problem(detail, doc) for detail in err.errors(include_url=False)]


def _problem(detail: Any, doc: Document) -> Problem:
    loc = tuple(part for part in detail["loc"] if isinstance(part, int) or not part.startswith("function-"))
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    code = _SPECIFIC_CODES.get((detail["type"], field), "schema")
    return Problem(doc.locate(loc), code, _message(detail, field))


def _message(detail: Any, field: str) -> str:
    kind = detail["type"]
    if kind == "missing":
        return f"missing required key '{field}'"
    if kind == "extra_forbidden":
        return f"unknown key '{field}'"
    shown = repr(detail["input"])
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"{field or 'document'}: {detail['msg']} (got {shown})"

"""Structural validation: a pydantic model over a parsed document, errors turned into located problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assessor.core.documents import Document, bounded
from assessor.core.problems import DocumentError, Problem

M = TypeVar("M", bound=BaseModel)

# Some structural failures have a more telling code than "schema": (pydantic error type, field) -> code; the
# field may be qualified by its parent ("issuer.organisation") to tell it from a field of the same name.
_SPECIFIC_CODES = {
    ("string_pattern_mismatch", "id"): "malformed-id",
    ("string_pattern_mismatch", "replaced_by"): "malformed-id",
    ("string_pattern_mismatch", "requirement"): "malformed-id",
    ("greater_than", "weight"): "nonpositive-weight",
    ("missing", "issuer.organisation"): "issuer-without-organisation",
    ("string_too_short", "issuer.organisation"): "issuer-without-organisation",
}


class CodedError(ValueError):
    """What a model validator raises so that its problem carries a stable `code` instead of "schema"."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


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
    names = [p for p in loc if isinstance(p, str)]
    field = names[-1] if names else ""
    error = (detail.get("ctx") or {}).get("error")
    if isinstance(error, CodedError):
        return Problem(doc.locate(loc), error.code, str(error))
    return Problem(doc.locate(loc), _code(detail["type"], names), _message(detail, field))


def _code(kind: str, names: list[str]) -> str:
    qualified = ".".join(names[-2:])
    return _SPECIFIC_CODES.get((kind, qualified)) or _SPECIFIC_CODES.get((kind, names[-1] if names else ""), "schema")


def _message(detail: Any, field: str) -> str:
    kind = detail["type"]
    if kind == "missing":
        return f"missing required key '{field}'"
    if kind == "extra_forbidden":
        return f"unknown key '{field}'"
    shown = repr(detail["input"])
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"{field or 'document'}: {detail['msg']} (got {shown})"

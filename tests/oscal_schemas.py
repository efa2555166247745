"""NIST's published OSCAL JSON Schemas (vendored in tests/oscal/schemas with NIST's licence), validated with
jsonschema using the `regex` package as the pattern engine: OSCAL's patterns use Unicode classes (\\p{L}) that
Python's `re` does not know."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import regex
from jsonschema import Draft7Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

SCHEMAS = Path(__file__).resolve().parent / "oscal" / "schemas"
FILES = {
    "catalog": "oscal_catalog_schema.json",
    "mapping-collection": "oscal_mapping_schema.json",
    "assessment-results": "oscal_assessment-results_schema.json",
}


def _pattern(validator: Validator, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`pattern` with the regex engine (Unicode property classes), as ECMA-262 patterns need."""
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


OscalValidator = validators.extend(Draft7Validator, {"pattern": _pattern})


@cache
def validator(root: str) -> Validator:
    """The validator for one OSCAL model, by the document's root key."""
    schema = json.loads((SCHEMAS / FILES[root]).read_text(encoding="utf-8"))
    return OscalValidator(schema, format_checker=FormatChecker())


def _causes(error: ValidationError) -> Iterator[ValidationError]:
    """The leaf causes of an error: under anyOf/oneOf, every cause in the branch that reached deepest."""
    if not error.context:
        yield error
        return
    branches: dict[object, list[ValidationError]] = {}
    for cause in error.context:
        branches.setdefault(cause.relative_schema_path[0], []).append(cause)
    chosen = max(branches.values(), key=lambda causes: max(len(c.absolute_path) for c in causes))
    for cause in chosen:
        yield from _causes(cause)


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Every schema error of an OSCAL document, at its JSON path, sorted (all causes, not only the first)."""
    (root,) = document
    causes = (c for error in validator(root).iter_errors(document) for c in _causes(error))
    return sorted({f"{c.json_path}: {c.message[:300]}" for c in causes})

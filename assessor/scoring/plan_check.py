"""Checks of a standard that only scoring can make: the rules its manifest declares, located at file:line.

Every rule listed must be registered, its parameters must fit the rule's parameter model, the version must
declare exactly one `scopes` and one `aggregate` rule, and every evidence type a parameter names must be in
the manifest's registry. The public API adds these problems to the standard's own (dcrs does not know the
registry, and must not import scoring).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from assessor.core.problems import Location, Problem
from assessor.dcrs.loaded import LoadedStandard
from assessor.dcrs.models import EvidenceTypeId
from assessor.scoring import rules as _rules  # noqa: F401  (registers every bundled rule)
from assessor.scoring.declared import declared_rules
from assessor.scoring.registry import REGISTRY, PlanProblem, bind

_TYPE_PATTERN = TypeAdapter(EvidenceTypeId).json_schema()["pattern"]
Path = tuple[str | int, ...]
Typed = tuple[Any, tuple[Any, ...], Any, Path]


def plan_problems(loaded: LoadedStandard) -> list[Problem]:
    """Every problem with the scoring rules the standard declares, each located in its manifest."""
    scoring = loaded.standard.manifest.scoring
    listed = scoring.rules is not None
    problems = bind(declared_rules(scoring))[1]
    found = [Problem(_where(loaded, listed, p), p.code, p.message) for p in problems]
    if listed:
        found += _unknown_evidence_types(loaded)
    return found


def _where(loaded: LoadedStandard, listed: bool, problem: PlanProblem) -> Location:
    if not listed:  # derived from the 1.0.0/1.1.0 keys: the scoring section is the place to look
        return loaded.manifest_doc.locate(("scoring",))
    if problem.index is None:
        return loaded.manifest_doc.locate(("scoring", "rules"))
    return loaded.manifest_doc.locate(("scoring", "rules", problem.index, *problem.path))


def _unknown_evidence_types(loaded: LoadedStandard) -> Iterator[Problem]:
    known = {t.id for t in loaded.standard.manifest.evidence_types}
    for index, use in enumerate(loaded.standard.manifest.scoring.rules or []):
        rule = REGISTRY.get(use.rule)
        try:
            params = rule.params.model_validate(use.params) if rule else None
        except ValidationError:  # reported as bad-rule-params
            continue
        for path, value in _typed_ids(type(params), (), params, ()) if params is not None else ():
            if value not in known:
                where = loaded.manifest_doc.locate(("scoring", "rules", index, "params", *path))
                message = f"{use.rule} names evidence type {value}, which is not in the manifest's evidence_types"
                yield Problem(where, "unknown-evidence-type", message)


def _typed_ids(annotation: Any, metadata: tuple[Any, ...], value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """(path, value) of every string in `value` that its type declares an evidence type id."""
    if isinstance(value, str) and _is_type_id(annotation, metadata):
        yield path, value
        return
    for child in _children(annotation, metadata, value, path):
        yield from _typed_ids(*child)


def _children(annotation: Any, metadata: tuple[Any, ...], value: Any, path: Path) -> Iterator[Typed]:
    """The typed parts of a value: a model's fields, a list's items, a mapping's keys and values."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        yield args[0], tuple(args[1:]), value, path
    elif isinstance(value, BaseModel):
        yield from (
            (f.annotation, tuple(f.metadata), getattr(value, n), (*path, n))
            for n, f in type(value).model_fields.items()
        )
    elif origin in (list, tuple, set, frozenset) and isinstance(value, list | tuple | set | frozenset):
        yield from ((args[0], (), item, (*path, i)) for i, item in enumerate(value))
    elif origin is dict and isinstance(value, dict):
        for key, item in value.items():
            yield args[0], (), key, (*path, key)
            yield args[1], (), item, (*path, key)
    elif origin in (Union, UnionType):
        yield from ((arg, metadata, value, path) for arg in args)


def _is_type_id(annotation: Any, metadata: tuple[Any, ...]) -> bool:
    if annotation is not str:
        return False
    patterns = [getattr(m, "pattern", None) for m in metadata]
    patterns += [getattr(x, "pattern", None) for m in metadata for x in getattr(m, "metadata", ())]
    return _TYPE_PATTERN in patterns

"""The registry of scoring rules: each a named, pure, typed function with declared parameters.

A version's manifest lists the rules it runs (`scoring.rules`, or the keys `declared.py` reads from older
manifests); the engine runs them phase by phase and knows no version numbers. Adding a rule is one module
that calls `register` at import, plus manifest data naming it.

Phases, in the order the engine runs them:
  register   (Register, Context, params) -> Register          whole-submission checks of the evidence register
  scopes     (Register, Context, params) -> list[ModelScope]  exactly one: what is scored separately, with what
  claim      (ClaimState, params) -> ClaimState               per requirement and scope, in manifest order
  aggregate  (Judged, Context, params) -> Assessment          exactly one: levels, scores, headline, findings

A claim rule may declare which fields of its scope it reads besides the cited evidence (`reads`, names from
`state.SCOPE_FIELDS`); the engine then judges a requirement once for every scope that agrees on those fields and
cites the same artefacts. A rule that declares nothing is run for every scope.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from assessor.dcrs.models import RuleUse
from assessor.scoring.state import SCOPE_FIELDS

Phase = Literal["register", "scopes", "claim", "aggregate"]
PHASES: tuple[Phase, ...] = ("register", "scopes", "claim", "aggregate")
SINGLE: frozenset[Phase] = frozenset({"scopes", "aggregate"})


@dataclass(frozen=True)
class Rule:
    """A scoring rule: its name, phase, parameter model, pure function, and a worked example in words."""

    name: str
    phase: Phase
    params: type[BaseModel]
    apply: Callable[..., Any]
    summary: str
    example: str
    reads: frozenset[str] | None = None  # claim rules: the scope fields read besides the cited evidence

    def __post_init__(self) -> None:
        unknown = sorted((self.reads or frozenset()) - SCOPE_FIELDS)
        if unknown:
            raise ValueError(f"scoring rule {self.name!r} reads unknown scope fields {unknown}")


@dataclass(frozen=True)
class Step:
    """A rule bound to the parameters one version declares for it."""

    rule: Rule
    params: Any


@dataclass(frozen=True)
class PlanProblem:
    """Why a declared rule cannot run: its index in the list (and the path inside its entry), a stable code and
    a message."""

    index: int | None
    code: str
    message: str
    path: tuple[str | int, ...] = ()


REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the registry; a name is registered once."""
    if rule.name in REGISTRY and REGISTRY[rule.name] is not rule:
        raise ValueError(f"scoring rule {rule.name!r} is registered twice")
    REGISTRY[rule.name] = rule
    return rule


def bind(uses: Sequence[RuleUse]) -> tuple[list[Step], list[PlanProblem]]:
    """The steps the declared rules make, and every problem with them (unknown rules, bad parameters, phases)."""
    steps: list[Step] = []
    problems: list[PlanProblem] = []
    known: list[tuple[int, Rule]] = []
    for index, use in enumerate(uses):
        rule = REGISTRY.get(use.rule)
        if rule is None:
            known_names = ", ".join(sorted(REGISTRY))
            message = f"no scoring rule {use.rule!r} (known: {known_names})"
            problems.append(PlanProblem(index, "unknown-rule", message, ("rule",)))
            continue
        known.append((index, rule))
        try:
            steps.append(Step(rule, rule.params.model_validate(use.params)))
        except ValidationError as error:
            problems += [_bad_param(index, use.rule, e) for e in error.errors(include_url=False)]
    unknown = len(known) < len(uses)
    for phase in SINGLE:
        at = [index for index, rule in known if rule.phase == phase]
        if len(at) > 1:
            message = f"exactly one {phase} rule is needed; {len(at)} declared"
            problems += [PlanProblem(i, "rule-phase", message, ("rule",)) for i in at[1:]]
        elif not at and not unknown:  # an unknown rule may be the one missing
            problems.append(PlanProblem(None, "rule-phase", f"exactly one {phase} rule is needed; none declared"))
    return steps, problems


def _bad_param(index: int, name: str, error: Any) -> PlanProblem:
    loc = tuple(error["loc"])
    where = ".".join(str(p) for p in loc) or "params"
    return PlanProblem(index, "bad-rule-params", f"{name} params {where}: {error['msg']}", ("params", *loc))


def by_phase(steps: Sequence[Step], phase: Phase) -> list[Step]:
    """The steps of one phase, in declared order."""
    return [s for s in steps if s.rule.phase == phase]

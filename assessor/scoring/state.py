"""What scoring rules pass along: the context, the evidence register, the scopes and a claim being judged."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any, NamedTuple

from assessor.dcrs.base import ResponseStatus
from assessor.dcrs.models import Requirement, ScopeCaveat, ScoringRules, Standard
from assessor.intake.models import EvidenceItem, Response, Submission
from assessor.scoring.models import Basis, Inconsistency, Reason, ReviewFlag


@dataclass(frozen=True)
class Context:
    """The standard and the submission being scored, and what every rule may read of them."""

    standard: Standard
    submission: Submission
    # Values a rule derives once per run from its parameters or the standard (the run stays pure).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def scoring(self) -> ScoringRules:
        """The manifest's scoring section (credits, caps, levels, N/A policy)."""
        return self.standard.manifest.scoring

    @cached_property
    def operational(self) -> frozenset[str]:
        """Evidence types produced by doing the work."""
        return frozenset(t.id for t in self.standard.manifest.evidence_types if t.operational)

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """`make()` computed once per run under `key`."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]


@dataclass(frozen=True)
class Register:
    """The evidence scoring may use, keyed by id; `aliases` sends every registered id to the artefact it names."""

    items: Mapping[str, EvidenceItem]
    aliases: Mapping[str, str] = field(default_factory=dict)
    undeclared: frozenset[str] = frozenset()
    inconsistencies: tuple[Inconsistency, ...] = ()
    flags: tuple[ReviewFlag, ...] = ()
    views: Mapping[str, Mapping[str, EvidenceItem]] = field(default_factory=dict)  # per model, where made
    shared: Mapping[str, EvidenceItem] = field(default_factory=dict)  # organisation-wide operational items
    shared_domains: frozenset[str] = frozenset()
    # per model: artefacts not shown to be about it that may be, whose failing readings still count against it
    against: Mapping[str, Mapping[str, EvidenceItem]] = field(default_factory=dict)
    # artefacts whose registrations give different dates, at the latest of them: their failing readings count
    # from there (a failure is not moved earlier by registering its report again with an older date)
    late: Mapping[str, EvidenceItem] = field(default_factory=dict)
    # artefacts that support nothing, whose failing readings count against every model one of their
    # registrations may be about (`artefact_identity` with `merged_type: agreed`, registrations disagreeing)
    failures_only: Mapping[str, EvidenceItem] = field(default_factory=dict)
    self_assessed: bool = False  # an "independent" assessment whose assessor is not independent
    # per model: surfaces no model declares that the register's items about it are tagged with (`register_surfaces`)
    model_surfaces: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, submission: Submission) -> Register:
        """The register as submitted."""
        return cls({e.id: e for e in submission.evidence})

    def canonical(self, evidence_id: str) -> str:
        """The id of the artefact an id names."""
        return self.aliases.get(evidence_id, evidence_id)

    def with_(self, **changes: Any) -> Register:
        """A copy with some fields changed."""
        return replace(self, **changes)


@dataclass(frozen=True)
class ModelScope:
    """What is scored separately (a model, or the whole profile): its surfaces, caveats and evidence."""

    name: str
    surfaces: frozenset[str]
    caveats: tuple[ScopeCaveat, ...]
    items: Mapping[str, EvidenceItem]
    aliases: Mapping[str, str] = field(default_factory=dict)
    release: Any = None  # the model's release date, where the profile gives one
    shared: Mapping[str, EvidenceItem] = field(default_factory=dict)  # organisation-wide operational items
    shared_domains: frozenset[str] = frozenset()  # the domains they count in
    against: Mapping[str, EvidenceItem] = field(default_factory=dict)  # failing readings only

    def cited(self, response: Response | None, domain: str = "") -> tuple[EvidenceItem, ...]:
        """The distinct artefacts a response cites that count for this scope, in citation order."""
        pools = [self.items, self.shared] if domain in self.shared_domains else [self.items]
        return self._cited(response, pools)

    def key(self, fields: frozenset[str], response: Response | None) -> tuple[Any, ...]:
        """What this scope shows of `fields` to a claim on `response`: scopes with equal keys look alike to rules
        that read only those fields (artefacts compared by identity, within one run)."""
        return tuple(_SCOPE_KEYS[f](self, response) for f in sorted(fields))

    def cited_against(self, response: Response | None) -> tuple[EvidenceItem, ...]:
        """The artefacts a response cites that may be about this scope without being shown to be: their
        failing readings count against it (undeclared is never read in the submitter's favour)."""
        return self._cited(response, [self.against])

    def _cited(
        self, response: Response | None, pools: Sequence[Mapping[str, EvidenceItem]]
    ) -> tuple[EvidenceItem, ...]:
        if response is None or not response.evidence:
            return ()
        aliases, seen = self.aliases, {}
        for evidence_id in response.evidence:
            key = aliases.get(evidence_id, evidence_id)
            if key in seen:
                continue
            for pool in pools:
                found = pool.get(key)
                if found is not None:
                    seen[key] = found
                    break
        return tuple(seen.values())


_SCOPE_KEYS: Mapping[str, Callable[[ModelScope, Response | None], Any]] = {
    "name": lambda s, _: s.name,
    "surfaces": lambda s, _: s.surfaces,
    "caveats": lambda s, _: tuple(map(id, s.caveats)),
    "release": lambda s, _: s.release,
    "against": lambda s, response: tuple(map(id, s.cited_against(response))),
}
# The fields of a scope a claim rule may declare it reads (`Rule.reads`) besides the evidence a response cites.
SCOPE_FIELDS = frozenset(_SCOPE_KEYS)
NO_NOTES: Mapping[str, Any] = MappingProxyType({})


class ClaimState(NamedTuple):
    """One requirement for one scope as the claim rules pass it along (a named tuple: rules copy it often).

    `applicable` false: out of scope, every rule passes it by. `settled`: the response policy decided it (no
    response, not applicable); evidence rules pass it by, caveats still apply.
    """

    req: Requirement
    domain: str
    response: Response | None
    scope: ModelScope
    context: Context
    cited: tuple[EvidenceItem, ...] = ()  # the artefacts the response cites that count for this scope
    applicable: bool = True
    supported: ResponseStatus | None = None
    reasons: tuple[Reason, ...] = ()
    basis: Basis | None = None
    settled: bool = False
    notes: Mapping[str, Any] = NO_NOTES  # what one rule leaves for a later one

    def with_(self, adding: Mapping[str, Any] | None = None, **changes: Any) -> ClaimState:
        """A copy with some fields changed and the notes in `adding` added (one copy, however many changes)."""
        values = list(self)
        for name, value in changes.items():
            values[_FIELD_AT[name]] = value
        if adding:
            values[_NOTES_AT] = {**self.notes, **adding}
        return ClaimState._make(values)

    def noted(self, **notes: Any) -> ClaimState:
        """A copy with notes added."""
        return self.with_(notes)


_FIELD_AT = {name: i for i, name in enumerate(ClaimState._fields)}
_NOTES_AT = _FIELD_AT["notes"]


@dataclass(frozen=True)
class Judged:
    """Every scope's judged claims, in standard order, and the register they were judged on."""

    register: Register
    scopes: Sequence[ModelScope]
    states: Mapping[str, Sequence[ClaimState]]

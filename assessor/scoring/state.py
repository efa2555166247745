"""What scoring rules pass along: the context, the evidence register, the scopes and a claim being judged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from assessor.dcrs.base import ResponseStatus
from assessor.dcrs.models import Requirement, ScopeCaveat, ScoringRules, Standard
from assessor.intake.models import EvidenceItem, Response, Submission
from assessor.scoring.models import Basis, Inconsistency, Reason, ReviewFlag


@dataclass(frozen=True)
class Context:
    """The standard and the submission being scored, and what every rule may read of them."""

    standard: Standard
    submission: Submission

    @property
    def scoring(self) -> ScoringRules:
        """The manifest's scoring section (credits, caps, levels, N/A policy)."""
        return self.standard.manifest.scoring

    @property
    def operational(self) -> frozenset[str]:
        """Evidence types produced by doing the work."""
        return frozenset(t.id for t in self.standard.manifest.evidence_types if t.operational)


@dataclass(frozen=True)
class Register:
    """The evidence scoring may use, keyed by id; `aliases` sends every registered id to the artefact it names."""

    items: Mapping[str, EvidenceItem]
    aliases: Mapping[str, str] = field(default_factory=dict)
    undeclared: frozenset[str] = frozenset()
    inconsistencies: tuple[Inconsistency, ...] = ()
    flags: tuple[ReviewFlag, ...] = ()
    views: Mapping[str, Mapping[str, EvidenceItem]] = field(default_factory=dict)  # per model, where made
    # per model: artefacts not shown to be about it that may be, whose failing readings still count against it
    against: Mapping[str, Mapping[str, EvidenceItem]] = field(default_factory=dict)
    self_assessed: bool = False  # an "independent" assessment whose assessor is not independent

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
    against: Mapping[str, EvidenceItem] = field(default_factory=dict)  # failing readings only

    def cited(self, response: Response | None) -> tuple[EvidenceItem, ...]:
        """The distinct artefacts a response cites that count for this scope, in citation order."""
        return self._cited(response, self.items)

    def cited_against(self, response: Response | None) -> tuple[EvidenceItem, ...]:
        """The artefacts a response cites that may be about this scope without being shown to be: their
        failing readings count against it (undeclared is never read in the submitter's favour)."""
        return self._cited(response, self.against)

    def _cited(self, response: Response | None, items: Mapping[str, EvidenceItem]) -> tuple[EvidenceItem, ...]:
        seen: dict[str, EvidenceItem] = {}
        for evidence_id in response.evidence if response else []:
            key = self.aliases.get(evidence_id, evidence_id)
            if key in items and key not in seen:
                seen[key] = items[key]
        return tuple(seen.values())


@dataclass(frozen=True)
class ClaimState:
    """One requirement for one scope as the claim rules pass it along.

    `applicable` false: out of scope, every rule passes it by. `settled`: the response policy decided it (no
    response, not applicable); evidence rules pass it by, caveats still apply.
    """

    req: Requirement
    domain: str
    response: Response | None
    scope: ModelScope
    context: Context
    applicable: bool = True
    supported: ResponseStatus | None = None
    reasons: tuple[Reason, ...] = ()
    basis: Basis | None = None
    settled: bool = False
    notes: Mapping[str, Any] = field(default_factory=dict)  # what one rule leaves for a later one

    @property
    def cited(self) -> tuple[EvidenceItem, ...]:
        """The artefacts the response cites that count for this scope."""
        return self.scope.cited(self.response)

    def with_(self, **changes: Any) -> ClaimState:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def noted(self, **notes: Any) -> ClaimState:
        """A copy with notes added."""
        return replace(self, notes={**self.notes, **notes})


@dataclass(frozen=True)
class Judged:
    """Every scope's judged claims, in standard order, and the register they were judged on."""

    register: Register
    scopes: Sequence[ModelScope]
    states: Mapping[str, Sequence[ClaimState]]

"""Models of the standard: manifest (registries and scoring rules), domains, requirements, glossary."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from assessor.dcrs.base import IsoDate, NonEmptyStr, SemVer, StrictModel, Surface
from assessor.dcrs.base import ScoredStatus as ScoredStatus  # re-exported: scoring rules type their caps with it
from assessor.dcrs.since import since_1_1

DomainId = Annotated[str, Field(pattern=r"^[A-Z]{2,4}$", examples=["AC"])]
RequirementId = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*-[A-Z]{2,4}-[0-9]{2,3}$", examples=["DCRS-AC-01"])]
EvidenceTypeId = Annotated[str, Field(pattern=r"^[A-Z]{2,10}$", examples=["DRILL"])]
MetricId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", examples=["time_to_full_shutdown_minutes"])]
FrameworkId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.-]*$", examples=["NIST-AI-RMF"])]
Weight = Annotated[float, Field(gt=0, le=100)]
Level = Annotated[int, Field(ge=1, le=9)]
Basis = Literal["V", "S", "T", "A"]
Unit = Literal["minutes", "hours", "days", "percent", "count", "ratio"]
Comparison = Literal["<=", "<", ">=", ">", "=="]
LifecycleStatus = Literal["active", "deprecated", "withdrawn"]
CapReason = Literal["missing_evidence", "stale_evidence", "metric_not_reported", "metric_failed"]


class SourceRef(StrictModel):
    """Where in the paper a domain or requirement comes from, and how firmly (V/S/T/A, see the README)."""

    section: Annotated[str, Field(pattern=r"^(§[0-9](\.[0-9]+)*|Rec\. [1-4]|Abstract|App\. I)$")]
    title: NonEmptyStr
    basis: Basis


CrosswalkRelationship = Literal["equivalent-to", "subset-of", "superset-of", "intersects-with"]


class CrosswalkRef(StrictModel):
    """A clause of another framework that asks for the same thing; from 1.3.0 typed, read requirement -> clause
    (OSCAL's set-theory relationships: `subset-of` means the requirement asks for less than the clause)."""

    framework: FrameworkId
    ref: NonEmptyStr
    relationship: CrosswalkRelationship | None = since_1_1(
        "From 1.3.0: how the requirement relates to the clause (OSCAL control-mapping relationship)."
    )
    rationale: NonEmptyStr | None = since_1_1("From 1.3.0: why the relationship holds, in a sentence or two.")


class Condition(StrictModel):
    """A test on the submission's deployment profile; every part given must hold."""

    surfaces_any: list[Surface] | None = None
    surfaces_all: list[Surface] | None = None
    surfaces_none: list[Surface] | None = None


class EvidenceExpectation(StrictModel):
    """An evidence type a fully/largely claim needs, and how old it may be at the assessment date."""

    type: EvidenceTypeId
    max_age_days: Annotated[int, Field(gt=0, le=3650)]


class MetricThreshold(StrictModel):
    """A measured value the evidence must report and meet, e.g. time_to_full_shutdown_minutes <= 60."""

    metric: MetricId
    op: Comparison
    value: float | int


class Requirement(StrictModel):
    """One requirement; its id is permanent and never reused."""

    id: RequirementId
    title: NonEmptyStr
    statement: Annotated[str, Field(min_length=10, pattern=r"\bMUST\b")]
    rationale: NonEmptyStr
    guidance: NonEmptyStr
    level: Level
    critical: bool = False
    weight: Weight
    applies_when: Condition | None = None
    evidence: list[EvidenceExpectation] = Field(default_factory=list)
    metrics: list[MetricThreshold] = Field(default_factory=list)
    source: SourceRef
    crosswalk: list[CrosswalkRef] = Field(default_factory=list)
    status: LifecycleStatus = "active"
    since: SemVer
    replaced_by: RequirementId | None = None


class Domain(StrictModel):
    """A domain file: one area of readiness and its requirements."""

    id: DomainId
    title: NonEmptyStr
    purpose: NonEmptyStr
    sources: Annotated[list[SourceRef], Field(min_length=1)]
    requirements: list[Requirement]

    def active(self) -> list[Requirement]:
        """The requirements a submission answers: active and deprecated ones, not withdrawn ones."""
        return [r for r in self.requirements if r.status != "withdrawn"]


class EvidenceType(StrictModel):
    """An entry of the evidence-type registry."""

    id: EvidenceTypeId
    name: NonEmptyStr
    description: NonEmptyStr
    operational: bool | None = since_1_1("Produced by doing the work (records, tests, drills, metrics, attestations).")


class Sufficiency(StrictModel):
    """The least coverage and sample a reading needs before it can count as a pass (ISA 530)."""

    coverage_percent: Annotated[float, Field(ge=0, le=100)]
    sample_size: Annotated[int, Field(ge=0)]


class MetricDefinition(StrictModel):
    """A quantity evidence can report; thresholds in requirements refer to it by id."""

    id: MetricId
    name: NonEmptyStr
    unit: Unit
    kind: Literal["number", "integer"] = "number"
    minimum: float | None = None
    maximum: float | None = None
    event_driven: bool | None = since_1_1("From 1.2.0: readings may say there is nothing to measure yet.")
    tolerance_percent: Annotated[float, Field(ge=0, lt=100)] | None = since_1_1(
        "From 1.2.0: a miss within this share of the threshold weakens a claim instead of failing it."
    )
    sufficiency: Sufficiency | None = since_1_1("From 1.2.0: the least coverage and sample a passing reading needs.")
    description: NonEmptyStr


class Framework(StrictModel):
    """Another framework the crosswalk refers to."""

    id: FrameworkId
    title: NonEmptyStr
    url: str | None = None


class LevelDefinition(StrictModel):
    """A readiness level's name and meaning; level 0 is 'not yet at level 1'."""

    level: Annotated[int, Field(ge=0, le=9)]
    name: NonEmptyStr
    description: NonEmptyStr


class LevelRule(StrictModel):
    """A domain is at level n when every applicable requirement at levels 1..n has one of these statuses."""

    qualifying: Annotated[list[ScoredStatus], Field(min_length=1)]


class CriticalCap(StrictModel):
    """A critical requirement supported below `below` caps the overall level at `overall_level`."""

    below: ScoredStatus
    overall_level: Annotated[int, Field(ge=0)]


class NotApplicablePolicy(StrictModel):
    """When a not-applicable answer is accepted, and what it counts as otherwise."""

    justification_required: bool
    only_when_out_of_scope: bool
    otherwise: ScoredStatus


class StalenessRule(StrictModel):
    """Graded staleness: an item at most grace_fraction x its max age past the window caps at grace_cap."""

    grace_fraction: Annotated[float, Field(ge=0, le=1)]
    grace_cap: ScoredStatus
    # A fresh cited item of a listed type stands in for a stale item of the key type (same capability exercised).
    substitutes: dict[EvidenceTypeId, list[EvidenceTypeId]] = Field(default_factory=dict)


class MeasurementRule(StrictModel):
    """Which metric readings count: those within window_days; full scope = coverage of at least this share."""

    window_days: Annotated[int, Field(gt=0, le=3650)]
    full_scope_percent: Annotated[float, Field(gt=0, le=100)]


class FullyRule(StrictModel):
    """What evidence distinguishes fully from the rest of the claim band (either suffices)."""

    live_full_scope_metrics: bool
    attestation_types: list[EvidenceTypeId]


class ConsistencyRule(StrictModel):
    """Words that tie a register item to a surface, and words that mark an operational item as only planned."""

    surface_terms: dict[Surface, list[NonEmptyStr]]
    planning_terms: list[NonEmptyStr]


class EvidenceRules(StrictModel):
    """DCRS 1.1.0's rules (declared as keys of `scoring`): credit follows cited, fresh evidence."""

    no_evidence: ScoredStatus
    documents_only: ScoredStatus
    claim_band: Annotated[list[ScoredStatus], Field(min_length=1)]
    fully_when: FullyRule
    staleness: StalenessRule
    measurements: MeasurementRule
    consistency: ConsistencyRule


RuleName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", examples=["artefact_identity"])]


class RuleUse(StrictModel):
    """One scoring rule a version uses, by its registered name, with its declared parameters."""

    rule: RuleName
    params: dict[str, Any] = Field(default_factory=dict)


class ScoringRules(StrictModel):
    """Every number and rule the scoring engine uses."""

    credits: dict[ScoredStatus, Annotated[float, Field(ge=0, le=1)]]
    evidence_required_for: Annotated[list[ScoredStatus], Field(min_length=1)]
    caps: dict[CapReason, ScoredStatus]
    level_rule: LevelRule
    critical_cap: CriticalCap
    not_applicable: NotApplicablePolicy
    missing_response: ScoredStatus
    # DCRS 1.1.0 rules (docs/scoring.md, "from DCRS 1.1.0"), declared all together or not at all; each is its own
    # key so that a diff between versions names every rule.
    no_evidence: ScoredStatus | None = since_1_1("Rule 1: what a claim no cited fresh evidence carries falls to.")
    documents_only: ScoredStatus | None = since_1_1("Rule 2: the cap when only documents carry an operational claim.")
    claim_band: list[ScoredStatus] | None = since_1_1("Rule 3: claims judged by their evidence alone.")
    fully_when: FullyRule | None = since_1_1("Rule 3: what evidence distinguishes fully.")
    staleness: StalenessRule | None = since_1_1("Rule 5: graded staleness and substitution.")
    measurements: MeasurementRule | None = since_1_1("Rule 4: which metric readings count.")
    consistency: ConsistencyRule | None = since_1_1("Rule 8: register, profile and type consistency.")
    rules: list[RuleUse] | None = since_1_1(
        "From 1.2.0: the registered scoring rules this version runs, in order, with their parameters."
    )

    @model_validator(mode="after")
    def _all_or_none(self) -> ScoringRules:
        """The 1.1.0 rules come as a set: half of them would score by rules nobody declared."""
        given = [name for name in _EVIDENCE_RULES if getattr(self, name) is not None]
        if given and len(given) != len(_EVIDENCE_RULES):
            missing = ", ".join(n for n in _EVIDENCE_RULES if n not in given)
            raise ValueError(f"the evidence rules are declared together; missing: {missing}")
        if given and self.rules is not None:
            raise ValueError("declare the scoring rules either as a `rules` list or as the 1.1.0 keys, not both")
        return self

    def evidence_rules(self) -> EvidenceRules | None:
        """The 1.1.0 rules as one object, or None when the version declares none (1.0.0)."""
        if self.claim_band is None:
            return None
        return EvidenceRules.model_validate({name: getattr(self, name) for name in _EVIDENCE_RULES})


_EVIDENCE_RULES = tuple(EvidenceRules.model_fields)


class ScopeCaveat(StrictModel):
    """A profile under which some domains cannot be met at all (the paper's open-weights caveat)."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    title: NonEmptyStr
    statement: NonEmptyStr
    recommendation: NonEmptyStr
    when: Condition
    domains: Annotated[list[DomainId], Field(min_length=1)]
    cap: ScoredStatus
    source: SourceRef
    requirements: list[RequirementId] | None = since_1_1(
        "When given, the caveat caps exactly these requirements, for each model it holds for, instead of its domains."
    )


class RelationshipDefinition(StrictModel):
    """How to read one crosswalk relationship (the OSCAL control-mapping vocabulary, requirement -> clause)."""

    relationship: CrosswalkRelationship
    description: NonEmptyStr


class PaperRef(StrictModel):
    """The publication the standard is derived from."""

    title: NonEmptyStr
    authors: list[NonEmptyStr]
    year: int
    url: NonEmptyStr


class Manifest(StrictModel):
    """standard/manifest.yaml: identity, version, registries, scoring rules and the domain list."""

    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]*$")]
    title: NonEmptyStr
    version: SemVer
    status: Literal["draft", "published", "superseded"]
    released: IsoDate | None = None
    publisher: NonEmptyStr
    license: NonEmptyStr
    description: NonEmptyStr
    derived_from: PaperRef
    domains: Annotated[list[DomainId], Field(min_length=1)]
    levels: Annotated[list[LevelDefinition], Field(min_length=2)]
    evidence_types: Annotated[list[EvidenceType], Field(min_length=1)]
    metrics: list[MetricDefinition]
    frameworks: list[Framework]
    scoring: ScoringRules
    scope_caveats: list[ScopeCaveat] = Field(default_factory=list)
    crosswalk_relationships: list[RelationshipDefinition] | None = since_1_1(
        "From 1.3.0: the relationships crosswalk entries are typed with, and how to read them; when declared, every "
        "crosswalk entry carries a relationship and a rationale."
    )


class GlossaryEntry(StrictModel):
    """A defined term."""

    term: NonEmptyStr
    definition: NonEmptyStr


class Glossary(StrictModel):
    """standard/glossary.yaml."""

    terms: Annotated[list[GlossaryEntry], Field(min_length=1)]


class Standard(StrictModel):
    """The whole standard as loaded: manifest, domains in manifest order, glossary."""

    manifest: Manifest
    domains: list[Domain]
    glossary: Glossary

    def requirements(self) -> list[Requirement]:
        """Every requirement, in domain then file order."""
        return [r for d in self.domains for r in d.requirements]

    def active_requirements(self) -> list[Requirement]:
        """Requirements a submission is scored against (active and deprecated, not withdrawn)."""
        return [r for d in self.domains for r in d.active()]

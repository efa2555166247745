"""Models of a submission: the developer's deployment profile, evidence register and responses."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from assessor.core.validation import CodedError
from assessor.dcrs.base import SURFACES, IsoDate, NonEmptyStr, ResponseStatus, SemVer, StrictModel, Surface
from assessor.dcrs.models import EvidenceTypeId, MetricId, RequirementId, Unit
from assessor.dcrs.since import since_1_1
from assessor.intake.attestation import Attestation

EvidenceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", examples=["EV-001"])]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class StandardRef(StrictModel):
    """Which standard, and which version of it, the submission answers."""

    id: NonEmptyStr
    version: SemVer


class Organisation(StrictModel):
    """The developer being assessed."""

    name: NonEmptyStr
    jurisdiction: str | None = None
    contact: str | None = None


class Assessor(StrictModel):
    """Who carried out the assessment."""

    name: NonEmptyStr
    role: str | None = None
    organisation: str | None = None


class AssessmentInfo(StrictModel):
    """Kind and date of the assessment; evidence age is measured at this date."""

    type: Literal["self", "independent"]
    date: IsoDate
    assessor: Assessor


def _canonical_surfaces(surfaces: list[Surface]) -> list[Surface]:
    """Surfaces are a set: refuse repeats and keep them in the standard order, so every format reads alike."""
    repeated = sorted({s for s, n in Counter(surfaces).items() if n > 1})  # linear: lists may be long
    if repeated:
        raise ValueError(f"surface listed more than once: {', '.join(repeated)}")
    return sorted(surfaces, key=SURFACES.index)


class ModelInScope(StrictModel):
    """A model covered by the assessment and every surface it is made available on."""

    name: NonEmptyStr
    description: str | None = None
    surfaces: Annotated[list[Surface], Field(min_length=1), AfterValidator(_canonical_surfaces)]
    version: NonEmptyStr | None = since_1_1("From 1.2.0: the model's version or snapshot name.")
    release_date: IsoDate | None = since_1_1(
        "From 1.2.0: when the model was first made available; activities before it are not evidence about it."
    )


class DeploymentProfile(StrictModel):
    """The models in scope; their surfaces decide which requirements apply."""

    models: Annotated[list[ModelInScope], Field(min_length=1)]

    def surfaces(self) -> frozenset[str]:
        """Every surface any in-scope model is served on."""
        return frozenset(s for model in self.models for s in model.surfaces)


Setting = Literal["live", "exercise"]


class MetricValue(StrictModel):
    """A measured value reported by an evidence item, in the unit the standard declares, and what it covered.

    From DCRS 1.1.0 a reading may instead state, with a reason, that there is nothing to measure yet.
    """

    metric: MetricId
    value: float | None = since_1_1("The measured value; omitted only with nothing_to_measure.")
    unit: Unit
    setting: Setting | None = since_1_1("live: measured on production traffic or a real event; exercise: staging.")
    coverage_percent: Annotated[float, Field(ge=0, le=100)] | None = since_1_1(
        "Share of the declared surfaces or deployments the reading covers."
    )
    surfaces: list[Surface] | None = since_1_1("The surfaces the reading covers.")
    sample_size: Annotated[int, Field(ge=0)] | None = since_1_1("How many events the value is computed over.")
    nothing_to_measure: NonEmptyStr | None = since_1_1(
        "Why there is nothing to measure yet (e.g. no report fell due); scored as neither a pass nor a fail."
    )
    at_most: float | None = since_1_1("From 1.2.0: a reading known only as an upper bound (or a range's top).")
    at_least: float | None = since_1_1("From 1.2.0: a reading known only as a lower bound (or a range's bottom).")
    models: list[NonEmptyStr] | None = since_1_1("From 1.2.0: the models the reading is about (the item's if omitted).")

    @model_validator(mode="after")
    def _value_or_reason(self) -> MetricValue:
        """A reading has a value, a bound or range, or says why there is nothing to measure yet: one of them."""
        bounded = self.at_most is not None or self.at_least is not None
        kinds = (self.value is not None) + bounded + (self.nothing_to_measure is not None)
        if kinds != 1:
            given = [k for k in ("value", "at_most", "at_least", "nothing_to_measure") if getattr(self, k) is not None]
            shown = ", ".join(given) or "none of them"
            message = f"{self.metric}: give exactly one of value, at_most/at_least (a bound or range), or "
            raise CodedError("reading-kind", message + f"nothing_to_measure; given: {shown}")
        if self.at_most is not None and self.at_least is not None and self.at_least > self.at_most:
            raise CodedError(
                "empty-range", f"{self.metric}: at_least {self.at_least:g} is above at_most {self.at_most:g}"
            )
        return self


class Issuer(StrictModel):
    """Who produced an evidence item: an organisation and, optionally, the role within it."""

    organisation: NonEmptyStr
    role: str | None = None


class InForce(StrictModel):
    """A standing decision or control: when it took effect and, if it was lifted, when it ended."""

    since: IsoDate
    until: IsoDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> InForce:
        """A control cannot end before it took effect."""
        if self.until is not None and self.until < self.since:
            message = f"in force until {self.until.isoformat()}, before it took effect ({self.since.isoformat()})"
            raise CodedError("in-force-order", message)
        return self


class EvidenceItem(StrictModel):
    """An entry of the evidence register."""

    id: EvidenceId
    type: EvidenceTypeId
    title: NonEmptyStr
    description: str = ""
    location: NonEmptyStr = Field(description="A URL, or a path relative to the submission's folder.")
    sha256: Sha256 | None = None
    date: IsoDate = Field(description="Effective date: when the document took effect or the test/drill ran.")
    owner: str | None = None
    metrics: list[MetricValue] = Field(default_factory=list)
    surfaces: list[Surface] | None = since_1_1(
        "The surfaces the item concerns (e.g. a partner agreement: cloud_partners)."
    )
    issuer: Issuer | None = since_1_1("From 1.2.0: who produced the item; undeclared means the developer itself.")
    models: list[NonEmptyStr] | None = since_1_1("From 1.2.0: the in-scope models the activity exercised.")
    performed: IsoDate | None = since_1_1("From 1.2.0: when the activity happened (date is when it was issued).")
    in_force: InForce | None = since_1_1("From 1.2.0: a standing decision or control and when it held.")
    secondary: bool | None = since_1_1("From 1.2.0: true when the item cites someone else's account.")


class Response(StrictModel):
    """The developer's answer to one requirement."""

    requirement: RequirementId
    status: ResponseStatus
    narrative: str = ""
    evidence: list[EvidenceId] = Field(default_factory=list)
    justification: str | None = Field(default=None, description="Required when status is not_applicable.")


class Submission(StrictModel):
    """A developer's evidence for one assessment against one version of the standard."""

    standard: StandardRef
    organisation: Organisation
    assessment: AssessmentInfo
    profile: DeploymentProfile
    evidence: list[EvidenceItem] = Field(default_factory=list)
    responses: list[Response] = Field(default_factory=list)
    attestation: Attestation | None = since_1_1(
        "The developer's accountable-executive attestation (name, role, date, statement); any version."
    )

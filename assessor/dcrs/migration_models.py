"""Models of how versions of the standard relate: the typed migration map and the versioning policy.

The map lives beside the newer version (`standard/<new>/migration.yaml`) and accounts for every requirement id
of the previous version. Relationships use the OSCAL control-mapping vocabulary, read source -> target: a
source `subset-of` its target asks for less than the target does.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from assessor.dcrs.base import NonEmptyStr, SemVer, StrictModel
from assessor.dcrs.models import Manifest, RequirementId

ChangeKind = Literal[
    "added",
    "unchanged",
    "reworded",
    "changed",
    "moved",
    "split",
    "merged",
    "withdrawn",
    "threshold",
    "level",
    "weight",
    "criticality",
    "evidence",
]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "added",
    "unchanged",
    "reworded",
    "changed",
    "moved",
    "split",
    "merged",
    "withdrawn",
    "threshold",
    "level",
    "weight",
    "criticality",
    "evidence",
)
Relationship = Literal["equivalent-to", "subset-of", "superset-of", "intersects-with", "no-relationship"]
Bump = Literal["none", "patch", "minor", "major"]
BUMP_ORDER: tuple[Bump, ...] = ("none", "patch", "minor", "major")


class Mapping(StrictModel):
    """What became of one requirement of the older version (or, for `added`, where a new one came from)."""

    source: RequirementId | None = Field(default=None, description="The older version's id; absent for added.")
    targets: list[RequirementId] = Field(
        default_factory=list, description="The newer version's ids that carry it on (replaced_by for withdrawn)."
    )
    changes: Annotated[list[ChangeKind], Field(min_length=1)]
    relationship: Relationship
    note: str | None = Field(default=None, description="Why, in a sentence; shown in diffs and migration notes.")


class MigrationMap(StrictModel):
    """standard/<version>/migration.yaml: every id of `from_version` and every id new in `to_version`, typed."""

    from_version: SemVer
    to_version: SemVer
    mappings: list[Mapping]


_LIFECYCLE = {"version", "status", "released"}  # differ between any two versions; not compared


class VersioningPolicy(StrictModel):
    """The versioning rules the standard declares (the `policy` of standard/versions.yaml)."""

    bumps: dict[ChangeKind, Bump] = Field(description="The least version bump each kind of change needs.")
    manifest: dict[NonEmptyStr, Bump] = Field(
        description="The least bump a change to each manifest section needs (scoring rules, registries, ...)."
    )
    manifest_default: Bump = "patch"
    wording_only: Bump = Field(
        default="patch", description="A version whose every change needs at most this bump is bumped by exactly it."
    )
    review: list[ChangeKind] = Field(
        default_factory=list, description="Answers carried across these kinds of change need a person's review."
    )

    @field_validator("manifest")
    @classmethod
    def _known_sections(cls, value: dict[str, Bump]) -> dict[str, Bump]:
        """A misspelt section would never match a change, leaving it to the default bump."""
        unknown = sorted(set(value) - set(Manifest.model_fields) | set(value) & _LIFECYCLE)
        if unknown:
            raise ValueError(f"not a manifest section the versions compare: {', '.join(unknown)}")
        return value


class VersionEntry(StrictModel):
    """One version in the library's index, with the content digest that pins it once published."""

    version: SemVer
    status: Literal["draft", "published", "superseded"]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="SHA-256 over the version folder's files; required once published."
    )


class VersionIndex(StrictModel):
    """standard/versions.yaml: every version and where it stands, and the versioning policy."""

    versions: Annotated[list[VersionEntry], Field(min_length=1)]
    policy: VersioningPolicy

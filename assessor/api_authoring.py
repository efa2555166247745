"""The public API for authoring versions of the standard: new draft versions, content pins, publishing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assessor.dcrs import authoring
from assessor.dcrs.loader import default_standard_dir

__all__ = ["standard_new_version", "standard_pin", "standard_publish"]


def _root(standard: Path | str | None) -> Path:
    return Path(standard) if standard is not None else default_standard_dir()


def standard_new_version(version: str, *, standard: Path | str | None = None) -> Path:
    """Start draft `version` (SemVer, pre-releases such as 1.3.0-rc.1 included) in `standard` (default: the
    bundled standard or $DCR_STANDARD): the newest version copied, its manifest renumbered, its migration map
    scaffolded, the draft listed in versions.yaml. The new folder."""
    return authoring.new_version(_root(standard), version)


def standard_pin(version: str, *, standard: Path | str | None = None) -> str:
    """Pin draft `version`'s content hash in versions.yaml; the hash."""
    return authoring.pin(_root(standard), version)


def standard_publish(version: str, *, standard: Path | str | None = None, released: date | None = None) -> list[str]:
    """Publish pinned draft `version`, newer than every published version and built on a published one, after
    the versioning rules pass against the version its migration map starts from (InvalidStandard with every
    located problem otherwise). Its manifest is stamped `status: published` and `released` (default today) and
    its pin recorded again; the versions it supersedes."""
    return authoring.publish(_root(standard), version, released)

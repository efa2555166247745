"""SemVer 2.0.0, once: every version number is parsed and ordered by the maintained `semver` library.

1.2.0-rc.1 sorts before 1.2.0; numeric pre-release identifiers compare as numbers and before alphanumeric ones;
build metadata (+build.7) is allowed and ignored for precedence (semver.org, section 11). SEMVER_PATTERN is the
same grammar as a regular expression, for the published JSON Schemas only (a schema cannot call a library).
"""

from __future__ import annotations

from typing import NamedTuple

import semver as _semver

_IDENT = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
SEMVER_PATTERN = (
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    rf"(?:-({_IDENT}(?:\.{_IDENT})*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)


SortKey = _semver.Version
"""What `key` returns: totally ordered by SemVer precedence."""


class Version(NamedTuple):
    """A parsed version: the core numbers, the pre-release identifiers and the build metadata."""

    major: int
    minor: int
    patch: int
    pre: tuple[str, ...]
    build: str


def _parsed(version: str) -> _semver.Version:
    try:
        return _semver.Version.parse(version)
    except (ValueError, TypeError):
        raise ValueError(f"{version!r} is not a SemVer version (MAJOR.MINOR.PATCH[-PRE][+BUILD])") from None


def parse(version: str) -> Version:
    """The version's parts; ValueError when it is not SemVer 2.0.0."""
    v = _parsed(version)
    pre = tuple(v.prerelease.split(".")) if v.prerelease else ()
    return Version(v.major, v.minor, v.patch, pre, v.build or "")


def core(version: str) -> tuple[int, int, int]:
    """MAJOR, MINOR and PATCH."""
    v = _parsed(version)
    return v.major, v.minor, v.patch


def key(version: str) -> SortKey:
    """A sort key in SemVer precedence: a pre-release before its release, build metadata ignored."""
    return _parsed(version).replace(build=None)


def is_prerelease(version: str) -> bool:
    """Whether `version` is a pre-release (1.3.0-rc.1)."""
    return _parsed(version).prerelease is not None

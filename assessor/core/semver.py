"""SemVer 2.0.0, once: the pattern every model checks, and precedence with pre-releases and build metadata.

1.2.0-rc.1 sorts before 1.2.0; numeric pre-release identifiers compare as numbers and before alphanumeric ones;
build metadata (+build.7) is allowed and ignored for precedence (semver.org, section 11).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_IDENT = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
SEMVER_PATTERN = (
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    rf"(?:-({_IDENT}(?:\.{_IDENT})*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)
_SEMVER = re.compile(SEMVER_PATTERN)


class Version(NamedTuple):
    """A parsed version: the core numbers, the pre-release identifiers and the build metadata."""

    major: int
    minor: int
    patch: int
    pre: tuple[str, ...]
    build: str


def parse(version: str) -> Version:
    """The version's parts; ValueError when it is not SemVer 2.0.0."""
    match = _SEMVER.match(version)
    if match is None:
        raise ValueError(f"{version!r} is not a SemVer version (MAJOR.MINOR.PATCH[-PRE][+BUILD])")
    major, minor, patch, pre, build = match.groups()
    return Version(int(major), int(minor), int(patch), tuple(pre.split(".")) if pre else (), build or "")


def core(version: str) -> tuple[int, int, int]:
    """MAJOR, MINOR and PATCH."""
    parsed = parse(version)
    return parsed.major, parsed.minor, parsed.patch


def key(version: str) -> tuple[int, int, int, int, tuple[tuple[int, int, str], ...]]:
    """A sort key in SemVer precedence: a pre-release before its release, build metadata ignored."""
    parsed = parse(version)
    pre = tuple((0, int(i), "") if i.isdigit() else (1, 0, i) for i in parsed.pre)
    return parsed.major, parsed.minor, parsed.patch, 0 if parsed.pre else 1, pre

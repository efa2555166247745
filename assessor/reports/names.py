"""The names of the ids the engine's sentences and tables use, read from the bundled versions of the standard."""

from __future__ import annotations

from assessor.core.problems import DcrError
from assessor.core.semver import key
from assessor.dcrs.loader import load_standard
from assessor.reports.labels import engine_words


def bundled_names(versions: set[str]) -> dict[str, str]:
    """Metric and evidence type ids to their names in the bundled `versions` (a later version's name wins); a
    version not bundled names nothing."""
    names: dict[str, str] = {}
    for version in sorted(versions, key=key):
        try:
            names |= engine_words(load_standard(version=version))[0]
        except DcrError:
            continue
    return names

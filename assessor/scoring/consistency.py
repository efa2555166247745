"""DCRS 1.1.0 rule 8: where the register contradicts the profile, or an item's type its description or date.

The effective register is what scoring sees: a record, test or drill dated after the assessment carries
nothing, one described as only planned counts as a document, and the surfaces the register shows in use but
the profile omits become an extra scope judged like a model, so nothing about them is waived.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assessor.dcrs.base import SURFACES
from assessor.dcrs.models import ConsistencyRule
from assessor.intake.models import EvidenceItem, Submission
from assessor.scoring.models import Inconsistency

DOCUMENT = "DOC"


@dataclass(frozen=True)
class Register:
    """The evidence scoring may use, and what the consistency checks found."""

    items: Mapping[str, EvidenceItem]
    undeclared: frozenset[str]
    inconsistencies: tuple[Inconsistency, ...]


def examine(submission: Submission, rule: ConsistencyRule, operational: frozenset[str]) -> Register:
    """Check every register item against the profile, its type and the assessment date."""
    on, declared = submission.assessment.date, submission.profile.surfaces()
    items: dict[str, EvidenceItem] = {}
    found: list[Inconsistency] = []
    undeclared: set[str] = set()
    # Only words naming a surface no model declares can add one; one scan for all of them spares the rest.
    terms: dict[str, list[str]] = {s: t for s, t in rule.surface_terms.items() if s not in declared}
    may = any_term([t for ts in terms.values() for t in ts])
    for item in submission.evidence:
        extra = _surfaces(item, terms, may) - declared
        if extra:
            undeclared |= extra
            found.append(undeclared_surfaces(item, extra))
        if item.type in operational and item.date > on:
            message = f"{item.id} is a {item.type} dated {item.date.isoformat()}, after the assessment date"
            found.append(Inconsistency(code="future_dated", evidence=[item.id], requirement=None, message=message))
            continue
        items[item.id] = _checked_type(item, rule, operational, found)
    return Register(items, frozenset(undeclared), tuple(found))


def _checked_type(
    item: EvidenceItem, rule: ConsistencyRule, operational: frozenset[str], found: list[Inconsistency]
) -> EvidenceItem:
    if item.type not in operational:
        return item
    term = first_term(f"{item.title} {item.description}", rule.planning_terms)
    if term is None:
        return item
    message = f"{item.id} is typed {item.type} but describes something planned ('{term}'); it counts as a document"
    found.append(Inconsistency(code="type_mismatch", evidence=[item.id], requirement=None, message=message))
    return item.model_copy(update={"type": DOCUMENT, "metrics": []})


def _surfaces(item: EvidenceItem, terms: Mapping[str, Sequence[str]], may: Callable[[str], bool]) -> set[str]:
    """The surfaces an item concerns: declared on it, on its readings, or named in its title and description
    (by `terms`, per surface; `may`: whether the text may name any of them)."""
    named: set[str] = set(item.surfaces or ())
    named |= {s for m in item.metrics for s in (m.surfaces or ())}
    text = f"{item.title} {item.description}"
    if may(text):
        named |= {s for s, words in terms.items() if first_term(text, words) is not None}
    return named


def first_term(text: str, terms: Sequence[str]) -> str | None:
    """The first term found as whole words (case-insensitive), or None."""
    found = _search(text, _pattern(tuple(terms)))
    return next((t for t in terms if t.lower() == found.group(1)), None) if found else None


def any_term(terms: Sequence[str]) -> Callable[[str], bool]:
    """Whether a text may contain one of `terms` as whole words: false only when `first_term` finds none of them
    in any sub-list, so one scan can spare the scans per list."""
    compiled = _pattern(tuple(terms))
    return lambda text: _search(text, compiled) is not None


def _search(text: str, compiled: tuple[tuple[str, ...], re.Pattern[str]]) -> re.Match[str] | None:
    """The first whole-word match in `text`, looked for only when some term occurs in it as a substring."""
    lowered, pattern = compiled
    low = text.lower()
    return pattern.search(low) if any(t in low for t in lowered) else None


@functools.cache
def _pattern(terms: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The terms in lower case, and one pattern finding them as whole words. A whole word is a substring first:
    the substring test runs in C at memory speed, the pattern a step per character, and a text (a submission's
    every narrative, in `narrative_flags`) seldom holds any of the terms."""
    # Longest first, so "on-premises" wins over "on-prem"; one compiled pattern per term list.
    ordered = sorted({t.lower() for t in terms}, key=lambda t: (-len(t), t))
    return tuple(ordered), re.compile(r"(?<![a-z])(" + "|".join(re.escape(t) for t in ordered) + r")(?![a-z])")


def undeclared_surfaces(item: EvidenceItem, extra: set[str]) -> Inconsistency:
    """An item concerns surfaces no in-scope model declares."""
    names = ", ".join(sorted(extra, key=_surface_order))
    message = f"{item.id} ({item.title}) concerns {names}, which no in-scope model declares"
    return Inconsistency(code="undeclared_surface", evidence=[item.id], requirement=None, message=message)


def _surface_order(surface: str) -> int:
    return [str(s) for s in SURFACES].index(surface)


def not_applicable_contradicted(requirement: str, surfaces: frozenset[str]) -> Inconsistency:
    """N/A was claimed for a requirement that applies to surfaces the register shows in use."""
    message = f"{requirement} is claimed not applicable, but the register shows {', '.join(sorted(surfaces))} in use"
    return Inconsistency(code="not_applicable_contradicted", evidence=[], requirement=requirement, message=message)

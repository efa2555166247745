"""Rule `artefact_identity` (register): one artefact counts once, however it is registered (ISA 500).

Registrations sharing a sha256, or a location without its `#fragment`, are one artefact. It keeps the first
registration's id (every other id is an alias of it) and the least favourable value of every field: the weakest
registered type (`type_strength`, weakest first), the oldest dates, the fewest models and surfaces, the developer
as issuer unless every registration names the same one, secondary if any says so, standing only if every
registration says so, and every reading any registration carries. A finding names the ids.
`merged_type` says how an artefact registered under different types is typed: `weakest` (the default, DCRS
1.2.0) as above; `agreed` only as the type every registration agrees on, so registrations that disagree on the
type (or on being a secondary account) support nothing, though the artefact's failing readings still count.
Example: one PDF registered as EV-1 (DRILL), EV-2 (TEST) and EV-3 (DOC) is one DOC; under `agreed` it supports
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field

from assessor.dcrs.base import StrictModel
from assessor.dcrs.models import EvidenceTypeId
from assessor.intake.models import EvidenceItem, InForce
from assessor.scoring.models import Inconsistency
from assessor.scoring.registry import Rule, register
from assessor.scoring.state import Context, Register


class Params(StrictModel):
    """Evidence types from weakest to strongest, and how an artefact registered under several types is typed."""

    type_strength: Annotated[list[EvidenceTypeId], Field(min_length=1)]
    # An expectation is met by its type exactly, so each type meets expectations the others do not. Under
    # `weakest` a REC registered again as a DOC starts meeting a DOC expectation the REC alone did not: registering
    # again can raise a score. The only typing under which another registration never adds an expectation the
    # artefact meets is the set of types every registration agrees on: one type when all agree, none otherwise.
    # Typing it per expectation by the best registered type would do the opposite (a DOC registered again as a
    # DRILL would meet a DRILL expectation). `agreed` therefore counts a disagreeing artefact for nothing, as a
    # contradictory model scope is; its failing readings still count against every model it may be about.
    merged_type: Literal["weakest", "agreed"] = "weakest"


def artefact_identity(register: Register, ctx: Context, params: Params) -> Register:
    """Merge registrations of one artefact into one item; alias every id to it."""
    groups = _groups(list(register.items.values()))
    items: dict[str, EvidenceItem] = {}
    aliases: dict[str, str] = dict(register.aliases)
    found = list(register.inconsistencies)
    late: dict[str, EvidenceItem] = {}
    disowned: dict[str, EvidenceItem] = {}
    rank = {t: i for i, t in enumerate(params.type_strength)}
    profile = [m.name for m in ctx.submission.profile.models]
    for group in groups:
        weakest = min(group, key=lambda e: rank.get(e.type, -1)).type
        group = _scoped(group, profile, weakest in ctx.operational)
        merged = _merge(group, params.type_strength) if len(group) > 1 else group[0]
        for item in group:
            aliases[item.id] = merged.id
        if len(group) > 1:
            found.append(_duplicate(group, merged, params.merged_type == "agreed"))
        if _contradictory_scope(group):  # it supports nothing, but its failures count against every model named
            named = sorted({m for e in group for m in e.models or []})
            late[merged.id] = _latest(group, merged).model_copy(update={"models": named})
            continue
        if params.merged_type == "agreed" and _disagreeing_types(group):  # supports nothing; failures still count
            disowned[merged.id] = _latest(group, merged)
            continue
        items[merged.id] = merged
        if len({(e.date, e.performed) for e in group}) > 1:
            late[merged.id] = _latest(group, merged)
    return register.with_(items=items, aliases=aliases, inconsistencies=tuple(found), late=late, failures_only=disowned)


def _latest(group: Sequence[EvidenceItem], merged: EvidenceItem) -> EvidenceItem:
    """The merged artefact at the latest date any registration gives (for its failing readings only)."""
    performed = [e.performed for e in group]
    latest = None if any(p is None for p in performed) else max(p for p in performed if p is not None)
    return merged.model_copy(update={"date": max(e.date for e in group), "performed": latest})


def _scoped(group: list[EvidenceItem], profile: list[str], operational: bool) -> list[EvidenceItem]:
    """Registrations with their model scope as read: with one model, none given is that model; with several, an
    operational artefact one registration leaves unscoped is about no model (none given never widens it; a
    document's unscoped registrations leave the others' scope as declared)."""
    if len(group) < 2:
        return group
    if len(profile) == 1:
        return [e if e.models is not None else e.model_copy(update={"models": list(profile)}) for e in group]
    if operational and any(e.models is None for e in group):
        return [e.model_copy(update={"models": None}) for e in group]
    return group


def _disagreeing_types(group: Sequence[EvidenceItem]) -> bool:
    """Registrations that type the artefact differently: another type, or a secondary account of a primary one."""
    return len({(e.type, bool(e.secondary)) for e in group}) > 1


def _contradictory_scope(group: Sequence[EvidenceItem]) -> bool:
    """One registration says the artefact is about the organisation (`models: []`), another about models."""
    declared = [e.models for e in group if e.models is not None]
    return any(m == [] for m in declared) and any(m for m in declared)


def registrations(register: Register, evidence: Sequence[EvidenceItem]) -> dict[str, list[EvidenceItem]]:
    """Every registration of each artefact as submitted, keyed by the id the artefact counts under.

    Later rules use it to read an artefact at its least favourable registration: what one registration cannot
    count for, the artefact cannot count for.
    """
    groups: dict[str, list[EvidenceItem]] = {}
    for item in evidence:
        groups.setdefault(register.canonical(item.id), []).append(item)
    return groups


def location_key(location: str) -> str:
    """A location without its fragment and surrounding space; scheme and host compare case-insensitively."""
    bare = location.strip().split("#", 1)[0].rstrip("/")
    if "://" in bare:
        scheme, rest = bare.split("://", 1)
        host, _, path = rest.partition("/")
        return f"{scheme.lower()}://{host.lower()}/{path}"
    return bare.removeprefix("./")


def _groups(items: Sequence[EvidenceItem]) -> list[list[EvidenceItem]]:
    """Items joined by a shared sha256 or location key (union-find), in register order."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, item in enumerate(items):
        keys = [("location", location_key(item.location))] + ([("sha256", item.sha256)] if item.sha256 else [])
        for key in keys:
            j = first.setdefault(key, i)
            parent[root(i)] = root(j)
    groups: dict[int, list[EvidenceItem]] = {}  # keyed by root, filled in register order
    for i, item in enumerate(items):
        groups.setdefault(root(i), []).append(item)
    order = {id(item): i for i, item in enumerate(items)}
    return sorted(groups.values(), key=lambda g: order[id(g[0])])


def _merge(group: Sequence[EvidenceItem], strength: Sequence[str]) -> EvidenceItem:
    """The least favourable reading of every field across the registrations."""
    rank = {t: i for i, t in enumerate(strength)}
    weakest = min(group, key=lambda e: rank.get(e.type, -1))
    issuers = {e.issuer.organisation if e.issuer else None for e in group}  # a role's wording never decides
    readings = []
    for e in group:
        readings += [m for m in e.metrics if m not in readings]
    update: dict[str, Any] = {
        "type": weakest.type,
        "date": min(e.date for e in group),
        "performed": _oldest([e.performed for e in group]),
        "models": _narrowest([e.models for e in group]),
        "surfaces": _narrowest([e.surfaces for e in group]),
        "issuer": group[0].issuer if len(issuers) == 1 else None,
        "secondary": True if any(e.secondary for e in group) else group[0].secondary,
        "in_force": _standing([e.in_force for e in group]),
        "sha256": next((e.sha256 for e in group if e.sha256), None),
        "metrics": readings,
    }
    return group[0].model_copy(update=update)


def _oldest(dates: Sequence[date | None]) -> date | None:
    """Undeclared anywhere is undeclared; otherwise the oldest."""
    return None if any(d is None for d in dates) else min(d for d in dates if d is not None)


def _narrowest(lists: Sequence[Sequence[Any] | None]) -> list[Any] | None:
    """The intersection of the declared lists (an undeclared one never widens it)."""
    declared = [list(x) for x in lists if x is not None]
    if not declared:
        return None
    return [v for v in declared[0] if all(v in other for other in declared[1:])]


def _standing(spans: Sequence[InForce | None]) -> InForce | None:
    """Standing only where every registration says so: the latest start and the earliest end."""
    if any(s is None for s in spans):
        return None
    known = [s for s in spans if s is not None]
    ends = [s.until for s in known if s.until is not None]
    since = max(s.since for s in known)
    until = min(ends) if ends else None
    return InForce(since=since, until=until if until is None or until >= since else since)


def _duplicate(group: Sequence[EvidenceItem], merged: EvidenceItem, agreed: bool) -> Inconsistency:
    ids = [e.id for e in group]
    figure = f"sha256 {merged.sha256[:12]}…" if merged.sha256 else f"location {location_key(merged.location)}"
    message = f"{', '.join(ids)} are one artefact ({figure}); counted once, as {merged.type}"
    if agreed and _disagreeing_types(group):
        kinds = ", ".join(sorted({e.type + (" (secondary)" if e.secondary else "") for e in group}))
        message = f"{', '.join(ids)} are one artefact ({figure}), registered as {kinds}: it counts for nothing"
    if _contradictory_scope(group):
        message = f"{', '.join(ids)} are one artefact ({figure}), said to be about the organisation in one "
        message += "registration and about models in another: it counts for nothing"
    return Inconsistency(code="duplicate_artefact", evidence=ids, requirement=None, message=message, figure=figure)


RULE = register(
    Rule(
        name="artefact_identity",
        phase="register",
        params=Params,
        apply=artefact_identity,
        summary="One artefact (same sha256, or same location without fragment) counts once: as its weakest type, or "
        "with `merged_type: agreed` only as the type every registration agrees on (disagreeing, it supports nothing).",
        example="One PDF registered as EV-1 (DRILL), EV-2 (TEST) and EV-3 (DOC) is one DOC; under `merged_type: "
        "agreed` it supports nothing, and its failing readings still count.",
    )
)

"""The typed context of the readable standard: every domain and requirement, and, against an earlier version,
what each requirement's change is (added, changed with its kinds and a redline, withdrawn)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from assessor.dcrs.diff import RequirementChange, VersionDiff
from assessor.dcrs.diff_render import manifest_lines
from assessor.dcrs.models import Requirement, Standard
from assessor.render.redline import redline


@dataclass(frozen=True)
class RequirementDoc:
    """One requirement as the document shows it."""

    id: str
    title: str
    statement: Markup
    rationale: str
    guidance: str
    level: int
    critical: bool
    weight: float
    evidence: list[str]
    metrics: list[Markup]
    status: str
    mark: str | None = None
    """added, changed or withdrawn against the earlier version; None when unchanged or with no comparison."""
    changes: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True)
class DomainDoc:
    """A domain and its requirements."""

    id: str
    title: str
    purpose: str
    requirements: list[RequirementDoc]


@dataclass(frozen=True)
class StandardDoc:
    """The whole document."""

    id: str
    version: str
    against: str | None
    domains: list[DomainDoc]
    withdrawn: list[RequirementDoc]
    counts: dict[str, int]
    status: str
    """The manifest's lifecycle: a draft says so in the title and on the first page."""
    released: str | None
    manifest: list[str]
    """Against an older version: each change of the scoring rules and registries, with its values."""


def document(standard: Standard, old: Standard | None = None, changes: VersionDiff | None = None) -> StandardDoc:
    """The readable standard; with `old` and the diff to `standard`, its redline."""
    by_target = {t: c for c in (changes.requirements if changes else []) for t in c.targets}
    before = {r.id: r for d in old.domains for r in d.requirements} if old else {}
    domains = [
        DomainDoc(d.id, d.title, d.purpose, [_requirement(r, by_target.get(r.id), before) for r in d.requirements])
        for d in standard.domains
    ]
    gone = [c for c in (changes.requirements if changes else []) if not c.targets and c.source in before]
    withdrawn = [_plain(before[c.source or ""], "withdrawn", list(c.changes), c.note) for c in gone]
    counts: dict[str, int] = {}
    for doc in [r for d in domains for r in d.requirements] + withdrawn:
        if doc.mark:
            counts[doc.mark] = counts.get(doc.mark, 0) + 1
    m = standard.manifest
    released = m.released.isoformat() if m.released else None
    manifest = manifest_lines(changes) if changes is not None else []
    return StandardDoc(m.id, m.version, old.manifest.version if old else None, domains, withdrawn, counts,
                       m.status, released, manifest)  # fmt: skip


def _requirement(req: Requirement, change: RequirementChange | None, before: dict[str, Requirement]) -> RequirementDoc:
    if change is None or (change.changes == ["unchanged"] and not change.fields):
        return _plain(req, None, [], None)
    if change.changes == ["unchanged"]:  # typed unchanged, a field that changes no meaning edited (the crosswalk)
        return _plain(req, "edited", sorted({f.field for f in change.fields}), change.note)
    if change.source is None or change.source not in before:
        return _plain(req, "added", list(change.changes), change.note)
    doc = _plain(req, "changed", list(change.changes), change.note)
    old = before[change.source]
    statement = redline(old.statement, req.statement)
    metrics = doc.metrics
    if _thresholds(old) != _thresholds(req):
        metrics = [redline("; ".join(_thresholds(old)), "; ".join(_thresholds(req)))]
    return RequirementDoc(**{**doc.__dict__, "statement": statement, "metrics": metrics})


def _thresholds(req: Requirement) -> list[str]:
    return [f"{m.metric} {m.op} {m.value:g}" for m in req.metrics]


def _plain(req: Requirement, mark: str | None, changes: list[str], note: str | None) -> RequirementDoc:
    return RequirementDoc(
        id=req.id, title=req.title, statement=Markup(escape(req.statement)), rationale=req.rationale,
        guidance=req.guidance, level=req.level, critical=req.critical, weight=float(req.weight),
        evidence=[f"{e.type} (at most {e.max_age_days} days old)" for e in req.evidence],
        metrics=[Markup(escape(m)) for m in _thresholds(req)], status=req.status, mark=mark,
        changes=changes, note=note,
    )  # fmt: skip

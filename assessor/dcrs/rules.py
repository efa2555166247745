"""Semantic rules for a standard: each rule yields located problems; all rules always run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import get_args

from assessor.core import semver
from assessor.core.problems import Location, Problem
from assessor.dcrs.base import SCORED_ORDER
from assessor.dcrs.loaded import LoadedStandard
from assessor.dcrs.models import CapReason, Domain, Requirement

Rule = Callable[["Context"], Iterator[Problem]]


@dataclass
class Context:
    """The loaded standard with helpers to locate a manifest path or a requirement's field."""

    loaded: LoadedStandard

    def manifest_at(self, *path: str | int) -> Location:
        return self.loaded.manifest_doc.locate(path)

    def domain_at(self, domain: Domain, *path: str | int) -> Location:
        return self.loaded.domain_docs[domain.id].locate(path)

    def requirements(self) -> Iterator[tuple[Domain, int, Requirement]]:
        for domain in self.loaded.standard.domains:
            for index, requirement in enumerate(domain.requirements):
                yield domain, index, requirement

    def req_at(self, domain: Domain, index: int, *path: str | int) -> Location:
        return self.domain_at(domain, "requirements", index, *path)


def run_rules(loaded: LoadedStandard) -> list[Problem]:
    """Every problem every rule finds."""
    ctx = Context(loaded)
    return [problem for rule in RULES for problem in rule(ctx)]


def duplicate_requirement_ids(ctx: Context) -> Iterator[Problem]:
    """Each occurrence of a repeated id names the other occurrences."""
    places: dict[str, list[Location]] = {}
    for domain, index, req in ctx.requirements():
        places.setdefault(req.id, []).append(ctx.req_at(domain, index, "id"))
    for req_id, where in places.items():
        for here in where if len(where) > 1 else []:
            others = ", ".join(f"{o.file}:{o.line}" for o in where if o != here)
            yield Problem(here, "duplicate-id", f"{req_id} is also defined at {others}")


def id_grammar(ctx: Context) -> Iterator[Problem]:
    """Requirement ids read <standard>-<domain>-<NN>."""
    prefix = ctx.loaded.standard.manifest.id
    for domain, index, req in ctx.requirements():
        if not req.id.startswith(f"{prefix}-{domain.id}-"):
            message = f"{req.id} must start with {prefix}-{domain.id}- (standard and domain ids)"
            yield Problem(ctx.req_at(domain, index, "id"), "id-domain-mismatch", message)


def lifecycle(ctx: Context) -> Iterator[Problem]:
    """replaced_by points at a live requirement; withdrawn ones are not scored; since is not in the future."""
    by_id = {req.id: req for _, _, req in ctx.requirements()}
    version = _semver(ctx.loaded.standard.manifest.version)
    for domain, index, req in ctx.requirements():
        yield from _replacement_problems(ctx, domain, index, req, by_id)
        if req.status == "withdrawn" and (req.critical or req.evidence or req.metrics):
            message = f"{req.id} is withdrawn but still marked critical or expects evidence or metrics"
            yield Problem(ctx.req_at(domain, index, "status"), "withdrawn-scored", message)
        if _semver(req.since) > version:
            message = f"since {req.since} is later than the standard's version {ctx.loaded.standard.manifest.version}"
            yield Problem(ctx.req_at(domain, index, "since"), "since-after-version", message)


def _replacement_problems(
    ctx: Context, domain: Domain, index: int, req: Requirement, by_id: dict[str, Requirement]
) -> Iterator[Problem]:
    if req.replaced_by is None:
        return
    where = ctx.req_at(domain, index, "replaced_by")
    target = by_id.get(req.replaced_by)
    if req.status == "active":
        yield Problem(where, "replaced-active", f"{req.id} is active; only deprecated or withdrawn ones are replaced")
    if req.replaced_by == req.id:
        yield Problem(where, "dangling-replaced-by", f"{req.id} is replaced by itself")
    elif target is None:
        yield Problem(
            where,
            "dangling-replaced-by",
            f"replaced_by {req.replaced_by} is not a requirement of the standard",
        )
    elif target.status == "withdrawn":
        yield Problem(where, "dangling-replaced-by", f"replaced_by {req.replaced_by} is itself withdrawn")


def registry_references(ctx: Context) -> Iterator[Problem]:
    """Evidence types, metrics and frameworks named by requirements exist in the manifest's registries."""
    manifest = ctx.loaded.standard.manifest
    evidence_types = {e.id for e in manifest.evidence_types}
    frameworks = {f.id for f in manifest.frameworks}
    for domain, index, req in ctx.requirements():
        for i, expectation in enumerate(req.evidence):
            if expectation.type not in evidence_types:
                message = f"evidence type {expectation.type} is not in the manifest's evidence_types"
                yield Problem(ctx.req_at(domain, index, "evidence", i, "type"), "unknown-evidence-type", message)
        for i, ref in enumerate(req.crosswalk):
            if ref.framework not in frameworks:
                message = f"framework {ref.framework} is not in the manifest's frameworks"
                yield Problem(ctx.req_at(domain, index, "crosswalk", i, "framework"), "unknown-framework", message)
        if req.status == "active" and not req.crosswalk:
            yield Problem(ctx.req_at(domain, index), "missing-crosswalk", f"{req.id} has no crosswalk reference")
        for kind, items in (
            ("evidence type", [e.type for e in req.evidence]),
            ("metric", [m.metric for m in req.metrics]),
        ):
            for item, count in Counter(items).items():
                if count > 1:
                    yield Problem(ctx.req_at(domain, index), "duplicate-id", f"{kind} {item} is listed {count} times")


def metric_thresholds(ctx: Context) -> Iterator[Problem]:
    """Thresholds name a known metric and lie inside its declared range and kind."""
    metrics = {m.id: m for m in ctx.loaded.standard.manifest.metrics}
    for domain, index, req in ctx.requirements():
        for i, threshold in enumerate(req.metrics):
            where = ctx.req_at(domain, index, "metrics", i)
            metric = metrics.get(threshold.metric)
            if metric is None:
                yield Problem(where, "unknown-metric", f"metric {threshold.metric} is not in the manifest's metrics")
                continue
            low = metric.minimum if metric.minimum is not None else float("-inf")
            high = metric.maximum if metric.maximum is not None else float("inf")
            if not low <= threshold.value <= high:
                message = f"threshold {threshold.value} lies outside {metric.id}'s range [{low}, {high}]"
                yield Problem(where, "threshold-out-of-range", message)
            if metric.kind == "integer" and not float(threshold.value).is_integer():
                yield Problem(where, "threshold-out-of-range", f"{metric.id} counts whole numbers")


def tolerance_bands(ctx: Context) -> Iterator[Problem]:
    """A metric's tolerance band around each threshold on it stays inside the metric's declared range."""
    metrics = {m.id: m for m in ctx.loaded.standard.manifest.metrics}
    for domain, index, req in ctx.requirements():
        for i, threshold in enumerate(req.metrics):
            metric = metrics.get(threshold.metric)
            if metric is None or not metric.tolerance_percent or threshold.op == "==":
                continue
            band = metric.tolerance_percent / 100 * abs(threshold.value)
            upward = threshold.op in ("<=", "<")
            edge = threshold.value + band if upward else threshold.value - band
            bound = metric.maximum if upward else metric.minimum
            if bound is not None and (edge > bound if upward else edge < bound):
                message = (
                    f"{metric.id}'s {metric.tolerance_percent:g}% tolerance band around {threshold.op} "
                    f"{threshold.value:g} reaches {edge:g}, beyond the metric's {'maximum' if upward else 'minimum'} "
                    f"{bound:g}"
                )
                yield Problem(ctx.req_at(domain, index, "metrics", i), "tolerance-band", message)


def sufficiency_declared(ctx: Context) -> Iterator[Problem]:
    """Where the version scores thresholds by rule, every metric a requirement uses says what a reading needs."""
    manifest = ctx.loaded.standard.manifest
    if not any(use.rule == "thresholds" for use in manifest.scoring.rules or []):
        return
    used = {t.metric for _, _, req in ctx.requirements() if req.status != "withdrawn" for t in req.metrics}
    for i, metric in enumerate(manifest.metrics):
        if metric.id in used and metric.sufficiency is None:
            message = f"{metric.id} is used by a requirement but declares no sufficiency (coverage and sample)"
            yield Problem(ctx.manifest_at("metrics", i), "missing-sufficiency", message)


def levels(ctx: Context) -> Iterator[Problem]:
    """Readiness levels run 0..N; each domain's active requirements use levels 1..k with no gap."""
    manifest = ctx.loaded.standard.manifest
    defined = [lv.level for lv in manifest.levels]
    if defined != list(range(len(defined))):
        yield Problem(
            ctx.manifest_at("levels"),
            "levels-not-contiguous",
            f"levels must be 0, 1, 2, ... in order, not {defined}",
        )
    top = max(defined)
    for domain in ctx.loaded.standard.domains:
        used = sorted({r.level for r in domain.active()})
        if not used:
            yield Problem(
                ctx.domain_at(domain, "requirements"),
                "empty-domain",
                f"domain {domain.id} has no active requirement",
            )
        elif used != list(range(1, top + 1)):
            # A domain with no requirement at some level would reach that level vacuously.
            message = f"domain {domain.id} uses levels {used}; every domain needs requirements at levels 1..{top}"
            yield Problem(ctx.domain_at(domain, "requirements"), "levels-not-contiguous", message)
        for index, req in enumerate(domain.requirements):
            if req.level > top:
                yield Problem(ctx.req_at(domain, index, "level"), "unknown-level", f"level {req.level} is not defined")


def scoring_rules(ctx: Context) -> Iterator[Problem]:
    """Credits cover every status and never fall as the status rises; caps name defined levels and domains."""
    manifest = ctx.loaded.standard.manifest
    credits = manifest.scoring.credits
    missing = [s for s in SCORED_ORDER if s not in credits]
    if missing:
        yield Problem(
            ctx.manifest_at("scoring", "credits"), "incomplete-credits", f"no credit for {', '.join(missing)}"
        )
    elif [credits[s] for s in SCORED_ORDER] != sorted(credits[s] for s in SCORED_ORDER):
        yield Problem(
            ctx.manifest_at("scoring", "credits"), "credits-not-monotone", "credits must rise with the status"
        )
    missing_caps = [reason for reason in get_args(CapReason) if reason not in manifest.scoring.caps]
    if missing_caps:
        yield Problem(ctx.manifest_at("scoring", "caps"), "incomplete-caps", f"no cap for {', '.join(missing_caps)}")
    if manifest.scoring.critical_cap.overall_level not in {lv.level for lv in manifest.levels}:
        yield Problem(
            ctx.manifest_at("scoring", "critical_cap"),
            "unknown-level",
            "critical_cap names an undefined level",
        )
    for i, caveat in enumerate(manifest.scope_caveats):
        for domain_id in caveat.domains:
            if domain_id not in manifest.domains:
                yield Problem(
                    ctx.manifest_at("scope_caveats", i, "domains"), "unknown-domain", f"no domain {domain_id}"
                )


def evidence_rules(ctx: Context) -> Iterator[Problem]:
    """The 1.1.0 rules and per-model caveats name evidence types, statuses and requirements that exist."""
    manifest = ctx.loaded.standard.manifest
    types = {t.id for t in manifest.evidence_types}
    rules = manifest.scoring.evidence_rules()
    if rules is not None:
        named = [*rules.fully_when.attestation_types, *rules.staleness.substitutes]
        named += [t for subs in rules.staleness.substitutes.values() for t in subs]
        for t in sorted(set(named) - types):
            where = ctx.manifest_at("scoring")
            yield Problem(
                where, "unknown-evidence-type", f"the evidence rules name evidence type {t}, not in the registry"
            )
        if not any(t.operational for t in manifest.evidence_types):
            where = ctx.manifest_at("evidence_types")
            yield Problem(where, "no-operational-type", "the evidence rules need evidence types marked operational")
    known = {r.id for r in ctx.loaded.standard.requirements()}
    # A domain whose file did not load has its own problem already; its ids are not "unknown" on top of it.
    unread = {d for d in manifest.domains if d not in {domain.id for domain in ctx.loaded.standard.domains}}
    for i, caveat in enumerate(manifest.scope_caveats):
        for req in sorted(set(caveat.requirements or []) - known):
            if any(req.startswith(f"{manifest.id}-{d}-") for d in unread):
                continue
            where = ctx.manifest_at("scope_caveats", i, "requirements")
            yield Problem(where, "unknown-requirement", f"scope caveat {caveat.id} names {req}, which does not exist")


def registries_unique(ctx: Context) -> Iterator[Problem]:
    """Ids in the manifest's lists and glossary terms are each given once."""
    manifest = ctx.loaded.standard.manifest
    lists: list[tuple[str, list[str]]] = [
        ("domains", list(manifest.domains)),
        ("evidence_types", [e.id for e in manifest.evidence_types]),
        ("metrics", [m.id for m in manifest.metrics]),
        ("frameworks", [f.id for f in manifest.frameworks]),
        ("scope_caveats", [c.id for c in manifest.scope_caveats]),
    ]
    for key, ids in lists:
        for item, count in Counter(ids).items():
            if count > 1:
                yield Problem(ctx.manifest_at(key), "duplicate-id", f"{key}: {item} is listed {count} times")
    seen: dict[str, int] = {}
    for index, entry in enumerate(ctx.loaded.standard.glossary.terms):
        first = seen.setdefault(entry.term.lower(), index)
        if first != index:
            where = ctx.loaded.glossary_doc.locate(("terms", index)) if ctx.loaded.glossary_doc else Location()
            yield Problem(
                where,
                "duplicate-term",
                f"glossary term '{entry.term}' is already defined (entry {first + 1})",
            )


def conditions(ctx: Context) -> Iterator[Problem]:
    """An applies_when condition says something."""
    for domain, index, req in ctx.requirements():
        cond = req.applies_when
        if cond is not None and not (cond.surfaces_any or cond.surfaces_all or cond.surfaces_none):
            yield Problem(ctx.req_at(domain, index, "applies_when"), "empty-condition", "applies_when has no test")


def _semver(version: str) -> semver.SortKey:
    return semver.key(version)  # SemVer precedence: a pre-release comes before its release


def crosswalk_typing(ctx: Context) -> Iterator[Problem]:
    """A manifest that declares crosswalk relationships types every crosswalk entry (relationship and rationale)
    with one of them; one that declares none types no entry."""
    declared = ctx.loaded.standard.manifest.crosswalk_relationships
    known = {d.relationship for d in declared or []}
    for domain, index, req in ctx.requirements():
        for i, ref in enumerate(req.crosswalk):
            where = ctx.req_at(domain, index, "crosswalk", i)
            if declared is None and (ref.relationship or ref.rationale):
                message = f"{req.id}: a typed crosswalk entry needs the manifest's crosswalk_relationships"
                yield Problem(where, "undeclared-relationship", message)
            elif declared is not None and (ref.relationship is None or ref.rationale is None):
                message = f"{req.id}: crosswalk entry {ref.framework} needs a relationship and a rationale"
                yield Problem(where, "untyped-crosswalk", message)
            elif declared is not None and ref.relationship not in known:
                message = (
                    f"{req.id}: relationship {ref.relationship} is not among the manifest's crosswalk_relationships"
                )
                yield Problem(where, "undeclared-relationship", message)


RULES: tuple[Rule, ...] = (
    duplicate_requirement_ids,
    id_grammar,
    lifecycle,
    registry_references,
    metric_thresholds,
    tolerance_bands,
    sufficiency_declared,
    levels,
    scoring_rules,
    evidence_rules,
    registries_unique,
    conditions,
    crosswalk_typing,
)

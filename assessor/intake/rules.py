"""Semantic rules for a submission, each yielding located problems; all rules always run."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import TypeAdapter, ValidationError

from assessor.core.problems import Location, Problem
from assessor.core.text import single_line_problem
from assessor.dcrs.conditions import holds
from assessor.dcrs.models import EvidenceTypeId, Requirement, RequirementId, Standard
from assessor.intake.checked import CheckedSubmission
from assessor.intake.models import EvidenceId, EvidenceItem, Response, Submission

Rule = Callable[["Context"], Iterator[Problem]]
_HASH_CHUNK = 1 << 20
_REQUIREMENT_ID: TypeAdapter[str] = TypeAdapter(RequirementId)
_EVIDENCE_ID: TypeAdapter[str] = TypeAdapter(EvidenceId)
_EVIDENCE_TYPE: TypeAdapter[str] = TypeAdapter(EvidenceTypeId)


@dataclass
class Context:
    """A checked submission and its standard, with helpers to locate items in the source document."""

    checked: CheckedSubmission
    standard: Standard

    @property
    def sub(self) -> Submission:
        assert self.checked.submission is not None
        return self.checked.submission

    def at(self, *path: str | int) -> Location:
        return self.checked.doc.locate(path)

    def evidence(self) -> Iterator[tuple[int, EvidenceItem]]:
        """Evidence items with their index in the source document."""
        yield from zip(self.checked.evidence_index, self.sub.evidence, strict=True)

    def responses(self) -> Iterator[tuple[int, Response]]:
        """Responses with their index in the source document."""
        yield from zip(self.checked.response_index, self.sub.responses, strict=True)

    def requirements(self) -> dict[str, Requirement]:
        return {r.id: r for r in self.standard.requirements()}

    def raw(self, section: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every item of a section as written, valid or not: a bad value in one field must neither hide
        the problems of its other fields nor make the item look absent to other rules."""
        items = self.checked.doc.data.get(section) if isinstance(self.checked.doc.data, dict) else None
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield index, item

    def raw_field(self, section: str, key: str, valid: TypeAdapter[str]) -> Iterator[tuple[int, str]]:
        """(index, value) of one field over every item where that field itself is well-formed."""
        for index, item in self.raw(section):
            value = item.get(key)
            if isinstance(value, str) and _well_formed(valid, value):
                yield index, value


def run_rules(checked: CheckedSubmission, standard: Standard) -> list[Problem]:
    """Every problem every rule finds."""
    ctx = Context(checked, standard)
    return [problem for rule in RULES for problem in rule(ctx)]


def standard_version(ctx: Context) -> Iterator[Problem]:
    """The submission answers this standard and this version of it."""
    ref, manifest = ctx.sub.standard, ctx.standard.manifest
    if ref.id != manifest.id:
        yield Problem(
            ctx.at("standard", "id"), "standard-mismatch", f"answers {ref.id}; this standard is {manifest.id}"
        )
    elif ref.version != manifest.version:
        message = f"answers {ref.id} {ref.version}; this is {manifest.id} {manifest.version}"
        yield Problem(ctx.at("standard", "version"), "standard-mismatch", message)


def unique_ids(ctx: Context) -> Iterator[Problem]:
    """Each evidence id and each requirement's response appears once (items with other errors included)."""
    seen: dict[str, int] = {}
    for index, evidence_id in ctx.raw_field("evidence", "id", _EVIDENCE_ID):
        first = seen.setdefault(evidence_id, index)
        if first != index:
            message = f"evidence id {evidence_id} is already used by item {first + 1} ({ctx.at('evidence', first)})"
            yield Problem(ctx.at("evidence", index, "id"), "duplicate-id", message)
    answered: dict[str, int] = {}
    for index, requirement in ctx.raw_field("responses", "requirement", _REQUIREMENT_ID):
        first = answered.setdefault(requirement, index)
        if first != index:
            message = f"{requirement} is already answered at {ctx.at('responses', first)}"
            yield Problem(ctx.at("responses", index, "requirement"), "duplicate-response", message)


def known_requirements(ctx: Context) -> Iterator[Problem]:
    """Responses name requirements of the standard that are not withdrawn (items with other errors included)."""
    requirements = ctx.requirements()
    for index, requirement in ctx.raw_field("responses", "requirement", _REQUIREMENT_ID):
        req = requirements.get(requirement)
        if req is None:
            message = f"{requirement} is not a requirement of the standard"
            yield Problem(ctx.at("responses", index, "requirement"), "unknown-requirement", message)
        elif req.status == "withdrawn":
            hint = f"; answer {req.replaced_by} instead" if req.replaced_by else ""
            message = f"{req.id} is withdrawn{hint}"
            yield Problem(ctx.at("responses", index, "requirement"), "withdrawn-requirement", message)


def cited_evidence_exists(ctx: Context) -> Iterator[Problem]:
    """Every evidence id a response cites is in the register; an item with a bad field is still registered."""
    registered = {evidence_id for _, evidence_id in ctx.raw_field("evidence", "id", _EVIDENCE_ID)}
    for index, response in ctx.raw("responses"):
        cited = response.get("evidence")
        for i, evidence_id in enumerate(cited if isinstance(cited, list) else []):
            known = not isinstance(evidence_id, str) or evidence_id in registered
            if not known and _well_formed(_EVIDENCE_ID, evidence_id):
                message = f"evidence {evidence_id} is not in the evidence register"
                yield Problem(ctx.at("responses", index, "evidence", i), "unknown-evidence", message)


def not_applicable_justified(ctx: Context) -> Iterator[Problem]:
    """A not-applicable answer carries a justification when the standard asks for one (items with other
    errors included)."""
    if not ctx.standard.manifest.scoring.not_applicable.justification_required:
        return
    for index, response in ctx.raw("responses"):
        justification = response.get("justification")
        blank = justification is None or (isinstance(justification, str) and not justification.strip())
        if response.get("status") == "not_applicable" and blank:
            requirement = response.get("requirement")
            named = requirement if isinstance(requirement, str) else f"response {index + 1}"
            message = f"{named} is marked not_applicable without a justification"
            yield Problem(ctx.at("responses", index, "status"), "missing-justification", message)


def evidence_types(ctx: Context) -> Iterator[Problem]:
    """Evidence types are the standard's (items with other errors included)."""
    types = {t.id for t in ctx.standard.manifest.evidence_types}
    for index, kind in ctx.raw_field("evidence", "type", _EVIDENCE_TYPE):
        if kind not in types:
            message = f"evidence type {kind} is not one of {', '.join(sorted(types))}"
            yield Problem(ctx.at("evidence", index, "type"), "unknown-evidence-type", message)


def evidence_registry(ctx: Context) -> Iterator[Problem]:
    """Metrics are the standard's; metric values use the declared unit and range."""
    metrics = {m.id: m for m in ctx.standard.manifest.metrics}
    for index, item in ctx.evidence():
        for i, value in enumerate(item.metrics):
            metric = metrics.get(value.metric)
            if metric is None:
                code, message = "unknown-metric", f"metric {value.metric} is not defined by the standard"
            elif value.unit != metric.unit:
                code, message = "metric-unit", f"{metric.id} is measured in {metric.unit}, not {value.unit}"
            elif value.value is not None and not _in_range(
                value.value, metric.minimum, metric.maximum, metric.kind == "integer"
            ):
                code, message = "metric-value", f"{metric.id} = {value.value:g} is outside its range or kind"
            else:
                continue
            yield Problem(ctx.at("evidence", index, "metrics", i), code, message)


def evidence_dates(ctx: Context) -> Iterator[Problem]:
    """No evidence is dated after the assessment."""
    on = ctx.sub.assessment.date
    for index, item in ctx.evidence():
        if item.date > on:
            message = f"{item.id} is dated {item.date.isoformat()}, after the assessment date {on.isoformat()}"
            yield Problem(ctx.at("evidence", index, "date"), "evidence-after-assessment", message)


def assessed_after_release(ctx: Context) -> Iterator[Problem]:
    """An assessment dated before the standard's release answers a version that did not exist yet."""
    released = ctx.standard.manifest.released
    on = ctx.sub.assessment.date
    if released is not None and on < released:
        message = f"assessment dated {on.isoformat()}, before {ctx.standard.manifest.version} was released ({released})"
        yield Problem(ctx.at("assessment", "date"), "assessed-before-release", message, severity="warning")


def evidence_locations(ctx: Context) -> Iterator[Problem]:
    """Local evidence paths stay inside the submission's folder; a given sha256 names a regular file there
    that matches it. Without a folder (text from standard input or the app) no file is ever opened, so a
    submission cannot probe the server's own files."""
    bundle = ctx.checked.bundle
    for index, item in ctx.evidence():
        if _is_url(item.location):
            continue
        where = ctx.at("evidence", index, "location")
        try:
            target = _bundle_path(bundle, item.location)
        except (OSError, RuntimeError, ValueError):  # a symlink loop, an unreadable folder
            yield Problem(where, "evidence-unreadable", f"{item.location} cannot be resolved (a symbolic link loop?)")
            continue
        if target is None:
            yield Problem(where, "unsafe-location", f"{item.location} points outside the submission's folder")
        elif item.sha256 and bundle is not None:
            found = _hash_problem(target, item.sha256)
            if found:
                severity = "warning" if found[0] == "sha256-unchecked" else "error"
                yield Problem(where, found[0], f"{item.location} {found[1]}", severity)


_ONE_LINE: tuple[tuple[str, ...], ...] = (
    ("organisation", "name"),
    ("organisation", "jurisdiction"),
    ("organisation", "contact"),
    ("assessment", "assessor", "name"),
    ("assessment", "assessor", "role"),
    ("assessment", "assessor", "organisation"),
    ("attestation", "name"),
    ("attestation", "role"),
)


def one_line_names(ctx: Context) -> Iterator[Problem]:
    """Names, titles and locations are one line: a line break, control character or bidi control in them could
    forge a line of a summary or a review skeleton, or reorder what a reader sees."""
    data = ctx.checked.doc.data if isinstance(ctx.checked.doc.data, dict) else {}
    places: list[tuple[tuple[str | int, ...], object]] = [(path, _at(data, path)) for path in _ONE_LINE]
    models = _at(data, ("profile", "models"))
    for index, model in enumerate(models if isinstance(models, list) else []):
        places.append((("profile", "models", index, "name"), model.get("name") if isinstance(model, dict) else None))
    for index, item in ctx.raw("evidence"):
        places += [(("evidence", index, key), item.get(key)) for key in ("title", "owner", "location")]
    for path, value in places:
        why = single_line_problem(value) if isinstance(value, str) else None
        if why:
            yield Problem(ctx.at(*path), "not-one-line", f"{path[-1]} {why}")


def _at(data: dict[str, Any], path: tuple[str, ...]) -> object:
    node: object = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def missing_responses(ctx: Context) -> Iterator[Problem]:
    """Applicable requirements without a response are listed; they count as the standard says."""
    # A response that failed validation is reported as such, not again as missing.
    answered = {r["requirement"] for _, r in ctx.raw("responses") if isinstance(r.get("requirement"), str)}
    surfaces = ctx.sub.profile.surfaces()
    counted_as = ctx.standard.manifest.scoring.missing_response
    for req in ctx.standard.active_requirements():
        if req.id not in answered and holds(req.applies_when, surfaces):
            message = f"{req.id} has no response; it counts as {counted_as}"
            yield Problem(ctx.at("responses"), "missing-response", message, severity="warning")


def _well_formed(valid: TypeAdapter[str], value: str) -> bool:
    try:
        valid.validate_python(value)
    except ValidationError:
        return False
    return True


def _in_range(value: float, low: float | None, high: float | None, integer: bool) -> bool:
    if integer and not float(value).is_integer():
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def _is_url(location: str) -> bool:
    return location.lower().startswith(("https://", "http://"))


def _bundle_path(bundle: Path | None, location: str) -> Path | None:
    """The evidence file's path, or None when the location escapes the bundle (absolute, .., scheme, or a link
    out of it); a link loop raises."""
    relative = PurePosixPath(location.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or ":" in location:
        return None
    if bundle is None:
        return Path(relative)
    base = bundle.resolve()
    target = (base / relative).resolve()
    return target if target.is_relative_to(base) else None


def _hash_problem(path: Path, expected: str) -> tuple[str, str] | None:
    """(code, message) when the file is missing, not a regular file, or does not match its sha256."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return "sha256-unchecked", "is not in the submission's folder, so its sha256 is not checked"
    except OSError as err:
        return "evidence-unreadable", f"cannot be read to check its sha256 ({err.strerror})"
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return "evidence-not-a-file", "is not a regular file, so its sha256 cannot be checked"
    with os.fdopen(fd, "rb") as handle:
        digest = hashlib.sha256()
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return None if digest.hexdigest() == expected else ("sha256-mismatch", "does not match its sha256")


RULES: tuple[Rule, ...] = (
    standard_version,
    unique_ids,
    known_requirements,
    cited_evidence_exists,
    not_applicable_justified,
    evidence_types,
    evidence_registry,
    evidence_dates,
    assessed_after_release,
    evidence_locations,
    one_line_names,
    missing_responses,
)

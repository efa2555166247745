"""Semantic rules for a submission, each yielding located problems; all rules always run."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from pydantic import TypeAdapter, ValidationError

from assessor.core.limits import EVIDENCE_BYTES
from assessor.core.problems import Location, Problem
from assessor.core.text import single_line_problem
from assessor.dcrs.base import IsoDate
from assessor.dcrs.conditions import holds
from assessor.dcrs.models import EvidenceTypeId, MetricDefinition, MetricId, Requirement, RequirementId, Standard
from assessor.intake.checked import CheckedSubmission
from assessor.intake.models import EvidenceId, EvidenceItem, Response, Submission
from assessor.intake.scope_rules import SCOPE_RULES

Rule = Callable[["Context"], Iterator[Problem]]
_HASH_CHUNK = 1 << 20
EVIDENCE_FOLDER = "evidence"  # the evidence folder beside a submission, unless --evidence names another
_REQUIREMENT_ID: TypeAdapter[str] = TypeAdapter(RequirementId)
_EVIDENCE_ID: TypeAdapter[str] = TypeAdapter(EvidenceId)
_EVIDENCE_TYPE: TypeAdapter[str] = TypeAdapter(EvidenceTypeId)
_DATE: TypeAdapter[dt.date] = TypeAdapter(IsoDate)
_METRIC_ID: TypeAdapter[str] = TypeAdapter(MetricId)


@dataclass
class Context:
    """A checked submission and its standard, with helpers to locate items in the source document."""

    checked: CheckedSubmission
    standard: Standard
    _fields: dict[tuple[str, str, TypeAdapter[str]], list[tuple[int, str]]] = field(default_factory=dict, repr=False)

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

    def raw_field(self, section: str, key: str, valid: TypeAdapter[str]) -> list[tuple[int, str]]:
        """(index, value) of one field over every item where that field itself is well-formed; found once per
        field, since several rules read the same (ids, requirements)."""
        found = self._fields.get((section, key, valid))
        if found is None:
            found = self._fields[(section, key, valid)] = [
                (index, value)
                for index, item in self.raw(section)
                if isinstance(value := item.get(key), str) and _well_formed(valid, value)
            ]
        return found


def run_rules(checked: CheckedSubmission, standard: Standard) -> list[Problem]:
    """Every problem every rule finds."""
    ctx = Context(checked, standard)
    return [problem for rule in RULES for problem in rule(ctx)]


def standard_version(ctx: Context) -> Iterator[Problem]:
    """The submission answers this standard and this version of it."""
    if "standard" in ctx.checked.broken:
        return
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
    """Metrics are the standard's; metric values use the declared unit and range (readings with other errors
    included)."""
    metrics = {m.id: m for m in ctx.standard.manifest.metrics}
    for index, item in ctx.raw("evidence"):
        readings = item.get("metrics")
        for i, value in enumerate(readings if isinstance(readings, list) else []):
            found = _reading_problem(value, metrics) if isinstance(value, dict) else None
            if found is not None:
                yield Problem(ctx.at("evidence", index, "metrics", i), *found)


def _reading_problem(reading: dict[str, Any], metrics: dict[str, MetricDefinition]) -> tuple[str, str] | None:
    """(code, message) when a reading, as written, names an unknown metric or breaks its unit or range."""
    name, unit = reading.get("metric"), reading.get("unit")
    if not isinstance(name, str) or not _well_formed(_METRIC_ID, name):
        return None
    metric = metrics.get(name)
    if metric is None:
        return "unknown-metric", f"metric {name} is not defined by the standard"
    if isinstance(unit, str) and unit != metric.unit:
        return "metric-unit", f"{metric.id} is measured in {metric.unit}, not {unit}"
    value = reading.get("value")
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is not None and not _in_range(number, metric.minimum, metric.maximum, metric.kind == "integer"):
        return "metric-value", f"{metric.id} = {number:g} is outside its range or kind"
    return None


def evidence_dates(ctx: Context) -> Iterator[Problem]:
    """No evidence is dated after the assessment (items with other errors included)."""
    if "assessment" in ctx.checked.broken:
        return
    on = ctx.sub.assessment.date
    for index, item in ctx.raw("evidence"):
        issued = _valid_date(item.get("date"))
        if issued is not None and issued > on:
            name = item["id"] if isinstance(item.get("id"), str) else f"evidence item {index + 1}"
            message = f"{name} is dated {issued.isoformat()}, after the assessment date {on.isoformat()}"
            yield Problem(ctx.at("evidence", index, "date"), "evidence-after-assessment", message)


def assessed_after_release(ctx: Context) -> Iterator[Problem]:
    """An assessment dated before the standard's release answers a version that did not exist yet."""
    if "assessment" in ctx.checked.broken:
        return
    released = ctx.standard.manifest.released
    on = ctx.sub.assessment.date
    if released is not None and on < released:
        message = f"assessment dated {on.isoformat()}, before {ctx.standard.manifest.version} was released ({released})"
        yield Problem(ctx.at("assessment", "date"), "assessed-before-release", message, severity="warning")


def evidence_locations(ctx: Context) -> Iterator[Problem]:
    """Local evidence paths stay inside the evidence folder; a given sha256 names a regular file there that
    matches it, opened without following links. The evidence folder is `--evidence DIR` (locations relative to
    it) or else the `evidence/` folder beside the submission (locations start `evidence/`); nothing outside it
    is ever opened, so whether another file exists cannot be learnt. Without a folder (text from standard input
    or the app) no file is opened at all."""
    for index, item in ctx.evidence():
        where = ctx.at("evidence", index, "location")
        if _is_url(item.location):
            if item.sha256:
                message = f"{item.location} is a URL, which is never fetched, so its sha256 is not checked"
                yield Problem(where, "sha256-unchecked", message, "warning")
            continue
        absolute, parts = location_parts(item.location)
        if absolute or ".." in parts or ":" in item.location:
            yield Problem(where, "unsafe-location", f"{item.location} points outside the submission's folder")
        elif item.sha256 and (ctx.checked.bundle or ctx.checked.evidence_root) is not None:
            found = _evidence_problem(ctx.checked, parts, item.sha256)
            if found:
                severity = "warning" if found[0] == "sha256-unchecked" else "error"
                yield Problem(where, found[0], f"{item.location} {found[1]}", severity)


def location_parts(location: str) -> tuple[bool, tuple[str, ...]]:
    """Whether an evidence location is absolute, and its names (the root left out), as `PurePosixPath` reads them
    (backslashes taken as slashes). Read as text: a Path interns each name, and a batch reads many locations
    (see `assessor.batch.discover`)."""
    text = location.replace("\\", "/")
    return text.startswith("/"), tuple(name for name in text.split("/") if name not in ("", "."))


def _evidence_problem(checked: CheckedSubmission, parts: tuple[str, ...], expected: str) -> tuple[str, str] | None:
    """(code, message) when the evidence file is outside the evidence folder, missing, reached through a link,
    not a regular file, too large, or does not match its sha256."""
    if not parts:
        return "sha256-unchecked", "names no file, so its sha256 is not checked"
    if checked.evidence_root is None and (len(parts) < 2 or parts[0] != EVIDENCE_FOLDER):
        return "sha256-unchecked", f"is not in the {EVIDENCE_FOLDER}/ folder, so its sha256 is not checked"
    try:
        fd = _open_evidence(checked, parts)
    except (FileNotFoundError, NotADirectoryError):
        return "sha256-unchecked", "is not in the evidence folder, so its sha256 is not checked"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "unsafe-location", "is reached through a symbolic link; evidence is opened without following links"
        return "evidence-unreadable", f"cannot be read to check its sha256 ({err.strerror})"
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return "evidence-not-a-file", "is not a regular file, so its sha256 cannot be checked"
    with os.fdopen(fd, "rb") as handle:
        return _hash_problem(handle, info.st_size, expected)


def _open_evidence(checked: CheckedSubmission, parts: tuple[str, ...]) -> int:
    """A descriptor for the file, walked to from the evidence folder one name at a time, no link followed
    (the default evidence folder itself included)."""
    if checked.evidence_root is not None:
        folder = os.open(checked.evidence_root, os.O_RDONLY | os.O_DIRECTORY)
    else:
        assert checked.bundle is not None
        folder = os.open(checked.bundle, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            inner = _open_folder(part, folder)
            os.close(folder)
            folder = inner
        return os.open(parts[-1], os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW, dir_fd=folder)
    finally:
        os.close(folder)


def _open_folder(name: str, parent: int) -> int:
    """A folder inside `parent`, not through a link (ELOOP for a link, as for the file itself)."""
    try:
        return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)
    except NotADirectoryError:
        if stat.S_ISLNK(os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode):
            raise OSError(errno.ELOOP, "a symbolic link") from None
        raise


def _hash_problem(handle: BinaryIO, size: int, expected: str) -> tuple[str, str] | None:
    """(code, message) when the opened file is over the evidence limit or does not match its sha256; the size
    is checked before any byte is read (a sparse 200 GB file costs nothing), and counted while reading."""
    if size > EVIDENCE_BYTES:
        return "too-large", f"is {size:,} bytes; a file whose sha256 is checked may have {EVIDENCE_BYTES:,}"
    digest, total = hashlib.sha256(), 0
    while (chunk := handle.read(_HASH_CHUNK)) and total <= EVIDENCE_BYTES:
        digest.update(chunk)
        total += len(chunk)
    if total > EVIDENCE_BYTES:
        return "too-large", f"grew past {EVIDENCE_BYTES:,} bytes while being read"
    return None if digest.hexdigest() == expected else ("sha256-mismatch", "does not match its sha256")


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
    if "profile" in ctx.checked.broken:
        return
    answered = {r["requirement"] for _, r in ctx.raw("responses") if isinstance(r.get("requirement"), str)}
    surfaces = ctx.sub.profile.surfaces()
    counted_as = ctx.standard.manifest.scoring.missing_response
    for req in ctx.standard.active_requirements():
        if req.id not in answered and holds(req.applies_when, surfaces):
            message = f"{req.id} has no response; it counts as {counted_as.replace('_', ' ')}"
            yield Problem(_unanswered(ctx, req.id), "missing-response", message, severity="warning")


def _unanswered(ctx: Context, requirement: str) -> Location:
    """Where a requirement is left unanswered: its blank row in a workbook, else the list of responses."""
    cell = ctx.checked.doc.blank_rows.get(requirement)
    return replace(ctx.at("responses"), cell=cell) if cell else ctx.at("responses")


def _valid_date(value: Any) -> dt.date | None:
    try:
        return _DATE.validate_python(value) if value is not None else None
    except ValidationError:
        return None


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
    *SCOPE_RULES,
)

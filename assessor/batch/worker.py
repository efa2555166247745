"""Assessing one input of a batch, in whichever process runs it: read, check, score, write, record."""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import replace
from pathlib import Path

from assessor.batch.options import Options
from assessor.batch.outputs import intact, record_path, write
from assessor.batch.records import Record, from_json, to_json
from assessor.batch.reports import write_reports
from assessor.batch.standards import Chosen, Standards
from assessor.core.documents import DEFAULT_MAX_BYTES, Document
from assessor.core.problems import DcrError, DocumentError, Problem, ProblemsError, sort_problems
from assessor.core.version import __version__
from assessor.intake.loader import answered_version, check_document, read_submission
from assessor.intake.models import Submission
from assessor.scoring.engine import score

SUBMISSION_KEYS = frozenset({"profile", "responses", "evidence"})
"""A document holding none of these is some other document (a review, a result), not a submission."""

_STANDARDS: dict[Path, Standards] = {}  # this process's libraries, each loaded once


def standards_for(root: Path) -> Standards:
    """This process's copy of the library at `root`, created on first use (a pool's initializer calls it)."""
    if root not in _STANDARDS:
        _STANDARDS[root] = Standards(root)
    return _STANDARDS[root]


def assess_chunk(options: Options, names: list[str]) -> list[Record]:
    """Assess a chunk of inputs (names relative to the folder), one record each, in order."""
    return [assess_input(options, name) for name in names]


def assess_input(options: Options, name: str) -> Record:
    """One input's record; every failure, expected or not, becomes the record's located problems."""
    path = os.path.join(options.folder, name)  # text, not a Path: see `discover`
    try:
        return _assess(options, standards_for(options.standard_root), path, name)
    except ProblemsError as err:
        return Record(name, "error", tool_version=__version__, problems=sort_problems(err.problems))
    except (DcrError, OSError) as err:
        return Record(name, "error", tool_version=__version__, problems=[Problem.at(path, "error", str(err))])
    except Exception as err:  # a bug in dcr must not stop the other inputs
        problem = Problem.at(path, "internal-error", f"{type(err).__name__}: {err}")
        return Record(name, "error", tool_version=__version__, problems=[problem])


def _assess(options: Options, standards: Standards, path: str, name: str) -> Record:
    with open(path, "rb") as handle:
        input_sha = hashlib.sha256(handle.read(DEFAULT_MAX_BYTES + 1)).hexdigest()
    previous = _current(options, standards, name, input_sha)
    if previous is not None:
        return previous
    base = Record(name, "invalid", input_sha, tool_version=__version__)
    try:
        doc, read_problems = read_submission(path, name=path)
    except DocumentError as err:
        return _finish(options, replace(base, problems=sort_problems(err.problems)), standards)
    if not (isinstance(doc.data, dict) and SUBMISSION_KEYS & doc.data.keys()):
        message = "holds none of a submission's profile, evidence or responses: not a submission, skipped"
        problem = Problem(doc.locate(()), "not-a-submission", message, severity="warning")
        return _finish(options, replace(base, status="not-a-submission", problems=[problem]), standards)
    chosen = standards.choose(answered_version(doc), options.version)
    return _checked(options, standards, base, doc, read_problems, chosen)


def _checked(
    options: Options, standards: Standards, base: Record, doc: Document, read: list[Problem], chosen: Chosen
) -> Record:
    checked = check_document(doc, chosen.standard, bundle=_folder(os.path.dirname(doc.name)))
    problems = read + checked.problems + _draft(options, doc, chosen)
    manifest = chosen.standard.manifest
    base = replace(base, standard_version=manifest.version, standard_sha256=chosen.sha256)
    submission = checked.submission
    if submission is None or any(p.severity == "error" for p in problems):
        return _finish(options, replace(base, problems=sort_problems(problems)), standards)
    assessment = score(chosen.standard, submission)
    outputs = write_reports(options, base.input, chosen, submission, assessment)
    overall = assessment.overall
    assessed = replace(
        base, status="assessed", submission_sha256=assessment.provenance.submission_sha256, outputs=outputs,
        organisation=submission.organisation.name, assessment_date=submission.assessment.date.isoformat(),
        level=overall.level, score=overall.score, problems=sort_problems(problems),
        evidence_types=cited_types(submission),
    )  # fmt: skip
    return _finish(options, assessed, standards)


@functools.lru_cache(maxsize=4)
def _folder(name: str) -> Path:
    """The folder of an input, made once for the inputs in it (a Path interns its parts: see `discover`)."""
    return Path(name)


def cited_types(submission: Submission) -> dict[str, list[str]]:
    """Per requirement answered, the sorted types of the registered evidence its response cites."""
    types = {item.id: item.type for item in submission.evidence}
    return {
        r.requirement: sorted({types[e] for e in r.evidence if e in types}) for r in submission.responses if r.evidence
    }


def _draft(options: Options, doc: Document, chosen: Chosen) -> list[Problem]:
    """A submission answering a draft is an error unless the batch was asked for that version by name."""
    if not chosen.draft or options.version is not None:
        return []
    manifest = chosen.standard.manifest
    message = (
        f"answers {manifest.id} {manifest.version}, a draft: drafts are assessed only when asked for by name "
        f"(--standard-version {manifest.version})"
    )
    return [Problem(doc.locate(("standard", "version")), "draft-version", message)]


def freshness_key(options: Options, standards: Standards, input_sha: str, standard_sha: str | None) -> str:
    """What a result depends on, hashed: the input's bytes, the standard's content, the library's index (which
    version an input is scored against), the tool's version, and the options."""
    parts = (input_sha, standard_sha or "", standards.index_sha256, __version__, options.reports(), options.version)
    return hashlib.sha256("\n".join(p or "" for p in parts).encode("utf-8")).hexdigest()


def _finish(options: Options, record: Record, standards: Standards) -> Record:
    record = replace(record, key=freshness_key(options, standards, record.input_sha256, record.standard_sha256))
    write(record_path(options, record.input), to_json(record) + "\n")
    return record


def _current(options: Options, standards: Standards, name: str, input_sha: str) -> Record | None:
    """The earlier record of this input when nothing it depends on has changed and its outputs still exist."""
    try:
        with open(record_path(options, name), encoding="utf-8") as handle:
            previous = from_json(handle.read())
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if previous.input_sha256 != input_sha or previous.tool_version != __version__:
        return None
    standard_sha = standards.sha_of(previous.standard_version) if previous.standard_version else None
    fresh = freshness_key(options, standards, input_sha, standard_sha) == previous.key
    if not fresh or not intact(options.out, previous.outputs):
        return None
    return replace(previous, reused=True)

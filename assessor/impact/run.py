"""Re-scoring a corpus under a draft next to its current version: each submission is brought to the current
version (through the maps, when it answers an older one), scored, carried to the draft, scored again, and the
two results compared requirement by requirement."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assessor.batch.discover import inputs
from assessor.compare.build import rule_changes, step
from assessor.core.problems import DcrError, DocumentError
from assessor.dcrs.compare import Opened, open_version, policy_for, versions_pair
from assessor.dcrs.diff import Pair, diff
from assessor.dcrs.library import load_map
from assessor.dcrs.versions import VersionStatus, latest_published, library
from assessor.impact.attribute import causes
from assessor.impact.models import Cause, Impact, ModelMove, Mover, Skipped
from assessor.intake.loader import answered_version, check_document, read_submission
from assessor.intake.migration import migrate_submission
from assessor.intake.models import Submission
from assessor.scoring.declared import declared_rules
from assessor.scoring.engine import score
from assessor.scoring.models import Assessment


@dataclass(frozen=True)
class Versions:
    """The draft, the version it revises, the map between them and what else differs."""

    draft: Opened
    current: Opened
    pair: Pair
    review: tuple[str, ...]
    manifest: list[str]
    opened: dict[str, Opened | None] = field(default_factory=dict)


def versions(draft: str | Path, root: Path | None) -> Versions:
    """The draft and the version its migration map starts from (else the latest published)."""
    new = open_version(draft, root)
    migration = load_map(new.folder)
    base = migration.from_version if migration is not None else latest_published(new.library).version
    old = open_version(base, new.library)
    pair = versions_pair(old, new)
    review = tuple(policy_for(new).review)
    rules = rule_changes(declared_rules(pair.old.manifest.scoring), declared_rules(pair.new.manifest.scoring))
    other = [f"manifest {c.change}: {c.key}" for c in diff(pair, review).manifest if not c.key.startswith("scoring")]
    return Versions(new, old, pair, review, rules + other)


def impact(draft: str | Path, corpus: Path, root: Path | None = None) -> Impact:
    """Every submission under `corpus` under the current version and the draft; movers sorted by name."""
    v = versions(draft, root)
    current, new = v.pair.old.manifest.version, v.pair.new.manifest.version
    through = f"DCRS {current} → {new} through the migration map ({v.pair.origin})"
    movers: list[Mover] = []
    skipped: list[Skipped] = []
    scored = 0
    for outcome in _scored(v, corpus):
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
            continue
        scored += 1
        if outcome is not None:
            movers.append(outcome)
    by_cause: dict[str, list[str]] = {}
    for mover in movers:
        for cause in mover.causes:
            by_cause.setdefault(cause, []).append(mover.submission)
    return Impact(current=current, draft=new, draft_status=_status(v.draft, new), through=through,
                  rules=v.manifest, scored=scored, movers=movers,
                  causes=[Cause(change=c, submissions=sorted(s)) for c, s in sorted(by_cause.items())],
                  skipped=skipped)  # fmt: skip


def _scored(v: Versions, corpus: Path) -> Iterator[Mover | Skipped | None]:
    for found in inputs(corpus):
        if found.candidate:
            yield _one(v, found.path, found.name)


def _one(v: Versions, path: str, name: str) -> Mover | Skipped | None:
    submission = _current_submission(v, path, name)
    if isinstance(submission, Skipped):
        return submission
    before = score(v.pair.old, submission)
    carried = migrate_submission(submission, v.pair.map, v.pair.new, v.review).submission
    after = score(v.pair.new, carried)
    compared = step((name, name), before, after, v.pair.map, None)
    models = _model_moves(before, after)
    if not compared.requirements and not models and (before.overall.level, before.overall.score) == (
        after.overall.level, after.overall.score,
    ):  # fmt: skip
        return None
    delta = round((after.overall.score or 0.0) - (before.overall.score or 0.0), 2)
    why = causes(compared.requirements, v.manifest) or v.manifest or ["unattributed"]
    return Mover(submission=name, organisation=before.subject.organisation, level_before=before.overall.level,
                 level_after=after.overall.level, score_before=before.overall.score, score_after=after.overall.score,
                 delta=delta, causes=why, requirements=compared.requirements, models=models)  # fmt: skip


def _model_moves(before: Assessment, after: Assessment) -> list[ModelMove]:
    """The models whose level or score differs between the two results (a model in one of them only is left to
    the requirement changes, which say why it came or went)."""
    old = {m.name: m for m in before.models or []}
    moves = []
    for m in after.models or []:
        was = old.get(m.name)
        if was is not None and (was.level, was.score) != (m.level, m.score):
            moves.append(ModelMove(model=m.name, level_before=was.level, level_after=m.level,
                                   score_before=was.score, score_after=m.score))  # fmt: skip
    return moves


def _current_submission(v: Versions, path: str, name: str) -> Submission | Skipped:
    """The submission as it answers the current version: valid for the version it answers, carried forward."""
    try:
        doc, _ = read_submission(path, name=name)
    except DocumentError as err:
        return Skipped(submission=name, problems=[str(p) for p in err.problems])
    answered = answered_version(doc) or v.pair.old.manifest.version
    source = v.current if answered == v.pair.old.manifest.version else _open(answered, v)
    if source is None:
        return Skipped(submission=name, problems=[f"{name}: answers DCRS {answered}, which the library lacks"])
    checked = check_document(doc, source.loaded.standard, bundle=Path(path).parent)
    errors = [str(p) for p in checked.problems if p.severity == "error"]
    if errors or checked.submission is None:
        return Skipped(submission=name, problems=errors)
    if source is v.current:
        return checked.submission
    onward = versions_pair(source, v.current)
    return migrate_submission(checked.submission, onward.map, onward.new, v.review).submission


def _open(version: str, v: Versions) -> Opened | None:
    """A version of the current one's library, opened once per analysis; None when the library lacks it."""
    if version not in v.opened:
        try:
            v.opened[version] = open_version(version, v.current.library)
        except DcrError:
            v.opened[version] = None
    return v.opened[version]


def _status(opened: Opened, version: str) -> VersionStatus:
    """The candidate's status in its library's index (a folder the index does not list is a draft)."""
    here = opened.folder.resolve()
    listed = (i.status for i in library(opened.library) if i.version == version and i.folder.resolve() == here)
    return next(listed, "draft")

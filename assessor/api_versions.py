"""The public API for versions of the standard: diff two versions, check a new one against an older one, and
migrate a submission with its level and score under both versions. Re-exported by assessor.api."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assessor.core.atomic import write_atomic
from assessor.core.documents import Document
from assessor.core.problems import DocumentError, InvalidSubmission, Problem, UsageError
from assessor.core.yaml_text import dump_yaml
from assessor.dcrs.compare import Opened, check_against, open_version, policy_for, version_diff, versions_pair
from assessor.dcrs.diff import VersionDiff
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.models import Standard
from assessor.intake.loader import answered_version, check_document, read_submission
from assessor.intake.migration import MigratedSubmission, migrate_submission
from assessor.intake.models import Submission
from assessor.scoring.effect import Effect, effect
from assessor.scoring.engine import score

OUTPUT_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".xlsx": "xlsx"}


def diff_standards(old: str | Path, new: str | Path, *, standard: Path | str | None = None) -> VersionDiff:
    """The typed diff from version `old` to `new` (version numbers in the folder of versions `standard`, default
    the bundled one, or versions' folders), following the migration map between them."""
    return version_diff(old, new, _root(standard))


def check_versioning(old: str | Path, new: str | Path, *, standard: Path | str | None = None) -> list[Problem]:
    """Every problem of `new` against `old` (the earlier version first, as every diff-like function takes them)
    under the versioning rules of the folder of versions `standard` (default: the bundled one); empty when sound."""
    return check_against(new, old, _root(standard))


@dataclass
class Migration:
    """A submission carried to another version: the migrated draft, what happened to each answer, both
    versions' standards and the effect on level and score."""

    migrated: MigratedSubmission
    old_standard: Standard
    new_standard: Standard
    effect: Effect
    problems: list[Problem] = field(default_factory=list)

    @property
    def submission(self) -> Submission:
        return self.migrated.submission


def migrate(source: Path | str | Document, *, to_version: str, standard: Path | str | None = None) -> Migration:
    """Carry `source` (YAML, JSON or XLSX; it must be valid for the version it answers) to `to_version`:
    answers follow the migration map, answers whose meaning may have shifted are marked for review, new
    requirements stay unanswered, and both versions score it. `problems` are the migrated draft's own."""
    root = _root(standard) or default_standard_dir()
    submission, old = _valid_source(source, root)
    new = open_version(to_version, root)
    pair = versions_pair(old, new)
    migrated = migrate_submission(submission, pair.map, pair.new, tuple(policy_for(new).review))
    before, after = score(pair.old, submission), score(pair.new, migrated.submission)
    qualifying = (_qualifying(pair.old), _qualifying(pair.new))
    name = f"{source.name if isinstance(source, Document) else source} migrated to {to_version}"
    again = check_document(Document(name, submission_data(migrated.submission)), pair.new, bundle=_bundle(source))
    return Migration(migrated, pair.old, pair.new, effect(before, after, pair.map, qualifying), again.problems)


def _valid_source(source: Path | str | Document, root: Path) -> tuple[Submission, Opened]:
    """The submission, valid for the version it answers, and that version; InvalidSubmission otherwise."""
    try:
        doc, read_problems = (source, []) if isinstance(source, Document) else read_submission(Path(source))
    except DocumentError as err:  # unreadable at all: still the submission's fault, so exit 4 with its problems
        raise InvalidSubmission(err.problems) from None
    version = answered_version(doc)
    if version is None:
        raise UsageError("the submission does not say which version of the standard it answers")
    old = open_version(version, root)
    checked = check_document(doc, old.loaded.standard, bundle=_bundle(source))
    errors = [p for p in read_problems if p.severity == "error"] + checked.errors
    if checked.submission is None or errors:
        raise InvalidSubmission(errors)
    return checked.submission, old


def _qualifying(standard: Standard) -> list[str]:
    return list(standard.manifest.scoring.level_rule.qualifying)


def submission_data(submission: Submission) -> dict[str, object]:
    """A submission as plain data, as it would be written (no empty optional keys)."""
    data: dict[str, object] = submission.model_dump(mode="json", exclude_none=True)
    return data


def write_submission(submission: Submission, out: Path | str, *, standard: Standard, replace: bool = True) -> None:
    """Write a submission as YAML, JSON or the evidence workbook, by the file's suffix (atomically; an existing
    file is kept, with an OutputError, unless `replace`)."""
    path = Path(out)
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{path.name}: write .yaml, .yml, .json or .xlsx")
    if fmt == "xlsx":
        from assessor.intake.workbook_template import workbook_template

        write_atomic(path, workbook_template(standard, submission), replace=replace)
        return
    data = submission_data(submission)
    if fmt == "json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        header = f"# {standard.manifest.id} {standard.manifest.version} submission, written by `dcr migrate`.\n"
        text = header + dump_yaml(data)
    write_atomic(path, text, replace=replace)


def _root(standard: Path | str | None) -> Path | None:
    return Path(standard) if standard is not None else None


def _bundle(source: Path | str | Document) -> Path | None:
    return None if isinstance(source, Document) else Path(source).parent

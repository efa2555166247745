"""The public API: load, validate, score and report. The CLI and the app call exactly these functions.

Heavy libraries load only when used: WeasyPrint for PDFs, openpyxl for workbooks.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessor.core.atomic import write_atomic
from assessor.core.canonical import content_sha256, pretty_json
from assessor.core.documents import DEFAULT_MAX_BYTES, Document, parse_json, parse_yaml
from assessor.core.problems import (
    DcrError,
    DocumentError,
    InvalidReview,
    InvalidSubmission,
    Problem,
    UsageError,
)
from assessor.dcrs.loaded import LoadedStandard
from assessor.dcrs.loader import check_standard as _check_standard
from assessor.dcrs.loader import default_standard_dir, valid_standard
from assessor.dcrs.models import Standard
from assessor.dcrs.versions import available
from assessor.intake.fingerprint import submission_sha256
from assessor.intake.loader import answered_version, check_document, read_submission
from assessor.intake.models import Submission

if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner as Signer

    from assessor.api_versions import (
        Migration,
        check_versioning,
        diff_standards,
        migrate,
        write_submission,
    )
    from assessor.dcrs.diff import VersionDiff
    from assessor.reports.context import ReportContext
    from assessor.review.models import Review
    from assessor.scoring.engine import score
    from assessor.scoring.models import Assessment, Overall
    from assessor.trust.findings import VerifyReport

# Names imported on first use: validating and assessing load neither the versions part of the API nor the
# verifier (and with it pyHanko), and validating loads neither scoring nor reviews.
_LAZY = {
    "Assessment": "assessor.scoring.models",
    "Review": "assessor.review.models",
    "score": "assessor.scoring.engine",
    "Migration": "assessor.api_versions",
    "VersionDiff": "assessor.dcrs.diff",
    "check_versioning": "assessor.api_versions",
    "diff_standards": "assessor.api_versions",
    "migrate": "assessor.api_versions",
    "write_submission": "assessor.api_versions",
    "VerifyReport": "assessor.trust.findings",
}


def __getattr__(name: str) -> Any:
    """A name of the versions part of the API or the verifier's report, imported when first asked for."""
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


Source = Path | str | Document
"""A file path (YAML, JSON or XLSX), or a document already parsed (e.g. from standard input)."""

__all__ = [
    "Assessment",
    "Document",
    "LoadedStandard",
    "Migration",
    "Result",
    "Review",
    "Source",
    "Standard",
    "Submission",
    "Validation",
    "VerifyReport",
    "VersionDiff",
    "assess",
    "check_standard",
    "check_versioning",
    "diff_standards",
    "evidence_workbook",
    "example",
    "json_text",
    "load_review",
    "load_signer",
    "load_signer_data",
    "load_standard",
    "load_submission",
    "migrate",
    "parse_text",
    "pdf_bytes",
    "rebind_review",
    "score",
    "sign_file",
    "sign_pdf_data",
    "validate",
    "verify_data",
    "verify_file",
    "version_notice",
    "write_json",
    "write_pdf",
    "write_submission",
    "write_xlsx",
    "xlsx_bytes",
]


@dataclass
class Validation:
    """Every problem found in a submission and, when one was given, its review."""

    submission: Submission | None
    problems: list[Problem] = field(default_factory=list)
    standard: Standard | None = None
    review: Review | None = None
    review_problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems + self.review_problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems + self.review_problems if p.severity == "warning"]

    @property
    def submission_ok(self) -> bool:
        return self.submission is not None and not any(p.severity == "error" for p in self.problems)

    def require(self) -> tuple[Submission, Standard]:
        """The valid submission and the standard it was checked against; InvalidSubmission with every error."""
        if not self.submission_ok or self.submission is None or self.standard is None:
            raise InvalidSubmission([p for p in self.problems if p.severity == "error"])
        return self.submission, self.standard

    @property
    def ok(self) -> bool:
        return self.submission_ok and not self.errors


@dataclass
class Result:
    """An assessment with the standard, submission and review it was made from: everything a report needs."""

    standard: Standard
    submission: Submission
    assessment: Assessment
    review: Review | None = None
    warnings: list[Problem] = field(default_factory=list)
    notice: str | None = None
    """Said on every surface when the version answered is superseded: the newer version, `dcr migrate`."""

    @property
    def level(self) -> int:
        """The headline readiness level (verified where a review was applied)."""
        return self.headline.level

    @property
    def score(self) -> float | None:
        """The headline score 0–100 (verified where a review was applied)."""
        return self.headline.score

    @property
    def headline(self) -> Overall:
        """The verified overall result where a signed-off review was applied, else the self-assessed one."""
        verification = self.assessment.verification
        return verification.overall if verification and verification.overall else self.assessment.overall

    @property
    def verified(self) -> bool:
        """Whether the headline is verified: only a signed-off review verifies anything."""
        verification = self.assessment.verification
        return verification is not None and verification.overall is not None


def load_standard(standard: Path | str | None = None, *, version: str | None = None) -> Standard:
    """The validated standard: `version` (default: the latest published) of the library at `standard` (the folder
    of the standard's versions; default: the bundled DCRS, or $DCR_STANDARD), or the single version in that
    folder; InvalidStandard if it is invalid."""
    return valid_standard(Path(standard) if standard is not None else None, version, _checked)


def _checked(root: Path | None, version: str | None) -> LoadedStandard:
    return check_standard(root, version=version)


def check_standard(standard: Path | str | None = None, *, version: str | None = None) -> LoadedStandard:
    """Every problem with a standard (chosen as load_standard does), each located: its schema, its semantic
    rules, and the scoring rules its manifest declares (unknown rules, bad parameters, phases). Raises
    InvalidStandard only when the manifest cannot be read at all."""
    from assessor.scoring.plan_check import plan_problems

    loaded = _check_standard(Path(standard) if standard is not None else None, version)
    loaded.problems += plan_problems(loaded)
    return loaded


def standard_for(source: Source, path: Path | str | None = None) -> Standard:
    """The standard a submission answers: the version it names when the library has it, else the latest
    published (the submission's rules then report the mismatch)."""
    try:
        doc = _submission_document(source)[0]
    except DocumentError:
        return load_standard(path)
    return _answered_standard(answered_version(doc), path)


def _answered_standard(version: str | None, path: Path | str | None = None) -> Standard:
    """The version a document declares when the library at `path` has it, else the latest published."""
    root = Path(path) if path is not None else default_standard_dir()
    return load_standard(root, version=version if version and available(root, version) else None)


def _reviewed_version(doc: Document) -> str | None:
    """The standard version a parsed review says its submission answers, if it says so legibly."""
    bound = doc.data.get("submission") if isinstance(doc.data, dict) else None
    ref = bound.get("standard") if isinstance(bound, dict) else None
    version = ref.get("version") if isinstance(ref, dict) else None
    return version if isinstance(version, str) else None


def example(name: str, *, version: str | None = None) -> Path:
    """A bundled example submission by name ("mature-lab", "developing-lab" or "open-weights-release") answering
    `version` of the standard: by default the latest published version that has examples of its own, so the
    command line, the app and this function open the same file."""
    from assessor.core.resources import examples_root
    from assessor.core.semver import SEMVER_PATTERN, key
    from assessor.dcrs.versions import latest_published

    root, stem = examples_root(), Path(name).stem
    folders = {
        p.name: p
        for p in root.iterdir()
        if p.is_dir() and re.fullmatch(SEMVER_PATTERN, p.name) and (p / f"{stem}.yaml").is_file()
    }
    folders[ROOT_EXAMPLES_VERSION] = root
    if version is None:
        latest = key(latest_published(default_standard_dir()).version)
        version = max((v for v in folders if key(v) <= latest), key=key, default=ROOT_EXAMPLES_VERSION)
    folder = folders.get(version)
    path = folder / f"{stem}.yaml" if folder is not None else None
    if path is None or not path.is_file():
        known = ", ".join(p.stem for p in sorted(root.glob("*.yaml")))
        raise DcrError(f"no bundled example {name!r} for version {version}; there are: {known}, for versions "
                       f"{', '.join(sorted(folders, key=key))}")  # fmt: skip
    return path


# The examples at the top of the examples folder answer DCRS 1.0.0; later versions' are in examples/<version>/.
ROOT_EXAMPLES_VERSION = "1.0.0"


def parse_text(text: str, *, fmt: str, name: str = "<stdin>") -> Document:
    """Parse submission or review text given as YAML or JSON (`fmt` is "yaml" or "json")."""
    if fmt not in ("yaml", "json"):
        raise ValueError(f"format must be yaml or json, not {fmt!r}")
    return parse_yaml(text, name) if fmt == "yaml" else parse_json(text, name)


def validate(
    source: Source,
    *,
    standard: Standard | Path | str | None = None,
    review: Source | None = None,
    evidence: Path | str | None = None,
) -> Validation:
    """Check a submission (and optionally its review) against `standard`: a loaded standard, or the folder of a
    standard's versions (default: the bundled DCRS) from which the version the submission answers is taken.
    Every problem, each with its location. A document that cannot be parsed at all is reported as
    its problems, not raised. sha256 claims are checked against files in `evidence` (locations relative to
    it), or else in the `evidence/` folder beside a submission file; no other file is opened."""
    try:
        doc, read_problems = _submission_document(source)
    except DocumentError as err:
        return Validation(None, problems=list(err.problems))
    root = Path(standard) if isinstance(standard, (str, Path)) else None
    if not isinstance(standard, Standard):
        standard = _answered_standard(answered_version(doc), standard)
    bundle = Path(source).parent if not isinstance(source, Document) else None
    evidence_root = Path(evidence) if evidence is not None else None
    checked = check_document(doc, standard, bundle=bundle, evidence_root=evidence_root)
    notice = version_notice(standard.manifest.id, version=standard.manifest.version, standard=root)
    where = doc.locate(("standard", "version"))
    code = "draft-version" if standard.manifest.status == "draft" else "superseded-version"
    lifecycle = [Problem(where, code, notice, severity="warning")] if notice else []
    problems = read_problems + checked.problems + lifecycle
    result = Validation(checked.submission, problems, standard=standard)
    if review is not None and result.submission_ok and checked.submission is not None:
        from assessor.review.loader import check_review_document

        try:
            checked_review = check_review_document(_document(review), checked.submission, standard)
        except DocumentError as err:
            result.review_problems = list(err.problems)
            return result
        result.review, result.review_problems = checked_review.review, list(checked_review.problems)
    return result


def load_submission(source: Source, *, standard: Standard | Path | str | None = None) -> Submission:
    """The valid submission from a file of any format or a parsed document, checked against the version of the
    standard it declares (or `standard`: a loaded standard or the folder of versions); InvalidSubmission with
    every error."""
    return validate(source, standard=standard).require()[0]


def load_review(source: Source, *, submission: Submission, standard: Standard | Path | str | None = None) -> Review:
    """The valid review of `submission`, checked against the version of the standard the review declares (or
    `standard`: a loaded standard or the folder of versions); InvalidReview with every error."""
    from assessor.review.loader import check_review_document

    doc = _document(source)
    if not isinstance(standard, Standard):
        standard = _answered_standard(_reviewed_version(doc) or submission.standard.version, standard)
    checked = check_review_document(doc, submission, standard)
    if checked.errors or checked.review is None:
        raise InvalidReview(checked.errors)
    return checked.review


def assess(
    source: Source,
    *,
    review: Source | None = None,
    standard: Standard | Path | str | None = None,
    evidence: Path | str | None = None,
) -> Result:
    """Validate and score a submission (verified by `review` when given; sha256 claims checked as `validate`
    says). Raises InvalidSubmission or InvalidReview with every problem when either is invalid."""
    from assessor.scoring.engine import score

    standard_path = standard
    checked = validate(source, standard=standard, review=review, evidence=evidence)
    submission, standard = checked.require()
    if review is not None and (checked.errors or checked.review is None):
        raise InvalidReview(checked.errors)
    assessment = score(standard, submission, checked.review)
    root = Path(standard_path) if isinstance(standard_path, (str, Path)) else None
    notice = version_notice(standard.manifest.id, version=standard.manifest.version, standard=root)
    return Result(standard, submission, assessment, checked.review, checked.warnings, notice)


def version_notice(standard_id: str, *, version: str, standard: Path | str | None = None) -> str | None:
    """The notice for a result against a superseded version of the standard in the folder of versions
    `standard` (default: the bundled one or $DCR_STANDARD): the newer version and the `dcr migrate` command; for
    a draft, that it is not published and may change; None when current."""
    from assessor.dcrs.versions import draft_notice, superseded_notice

    root = Path(standard) if standard is not None else default_standard_dir()
    return superseded_notice(standard_id, version, root) or draft_notice(standard_id, version, root)


def json_text(result: Result) -> str:
    """The assessment as stable JSON text: the same inputs give the same bytes."""
    return pretty_json(result.assessment)


def pdf_bytes(result: Result, *, templates: Path | str | None = None) -> bytes:
    """The PDF/A-3 report as bytes, with the submission and the result embedded."""
    from assessor.reports.pdf import pdf_bytes as render_pdf
    from assessor.reports.pdf import prepare_pdf

    override = Path(templates) if templates is not None else None
    return render_pdf(prepare_pdf(_context(result), override), override)


def xlsx_bytes(result: Result) -> bytes:
    """The report workbook as bytes."""
    from assessor.reports.xlsx import workbook_bytes

    return workbook_bytes(_context(result))


def evidence_workbook(standard: Standard, *, prefill: Submission | None = None) -> bytes:
    """The fillable evidence workbook generated from `standard`, optionally prefilled from a submission."""
    from assessor.intake.workbook_template import workbook_template

    return workbook_template(standard, prefill)


def rebind_review(review: Path | str, *, submission: Source, standard: Standard | Path | str | None = None) -> str:
    """Move a review file's binding from the pre-0.2 hash to the RFC 8785 hash of `submission`, which must be
    exactly the submission reviewed; rewrites the file atomically and returns the new hash."""
    from assessor.core.documents import load_document
    from assessor.core.validation import validate_document
    from assessor.review.binding import rebind_text
    from assessor.review.models import Review

    path = Path(review)
    reviewed = load_submission(submission, standard=standard)
    text = rebind_text(path.read_text(encoding="utf-8"), validate_document(Review, load_document(path)), reviewed)
    write_atomic(path, text)
    return submission_sha256(reviewed)


def write_json(
    result: Result, out: Path | str, *, signer: Signer | None = None, tsa: str | None = None, replace: bool = True
) -> None:
    """Write the assessment as stable, byte-identical JSON (atomically); with `signer`, also its detached
    signature beside it (OUT.p7s); with `tsa` (a time-stamping authority's URL), timestamped. Unless
    `replace`, an existing file is kept (OutputError)."""
    text = json_text(result)
    signature = None
    if signer is not None:  # signed before anything is written: a failure leaves nothing behind
        from assessor.trust.signing import sign_json

        signature = sign_json(text.encode("utf-8"), signer, tsa)
    write_atomic(Path(out), text, replace=replace)
    if signature is not None and signer is not None:
        _write_signature(Path(out), text.encode("utf-8"), signature, signer, replace=replace)


def write_pdf(
    result: Result,
    out: Path | str,
    *,
    templates: Path | str | None = None,
    signer: Signer | None = None,
    tsa: str | None = None,
    replace: bool = True,
) -> None:
    """Write the PDF/A-3 report, with the submission, the result and any review embedded (atomically);
    with `signer`, PAdES-signed (timestamped, with long-term validation data, when `tsa` names a time-stamping
    authority). Unless `replace`, an existing file is kept (OutputError)."""
    data = pdf_bytes(result, templates=templates)
    if signer is not None:
        from assessor.trust.signing import sign_pdf

        data = sign_pdf(data, signer, tsa)
    write_atomic(Path(out), data, replace=replace)


def load_signer(key: Path | str, *, cert: Path | str | None = None, passphrase: bytes | None = None) -> Signer:
    """The user's signing key and certificate: a PKCS#12 file (`key` alone) or a PEM/DER key and certificate.
    The passphrase defaults to $DCR_KEY_PASSPHRASE."""
    from assessor.trust.keys import load_signer as _load_signer

    return _load_signer(Path(key), Path(cert) if cert is not None else None, passphrase)


def sign_file(
    path: Path | str, *, signer: Signer, out: Path | str | None = None, tsa: str | None = None, replace: bool = True
) -> Path:
    """Sign a report: a PDF gets a PAdES signature (written to `out`, default in place); a JSON result gets a
    detached signature over its canonical bytes, written beside it as PATH.p7s; a submission gets the
    developer's detached signature over its RFC 8785 bytes. With `tsa` (a time-stamping authority's URL) the
    signature is timestamped and a PDF carries long-term validation data. Returns what was written. The
    report is read bounded (REPORT_BYTES) from a regular file; unless `replace`, `out` or the .p7s must not
    exist yet (signing a PDF in place always replaces it)."""
    from assessor.core.documents import read_bounded
    from assessor.core.limits import REPORT_BYTES
    from assessor.trust.signing import sign_pdf

    path = Path(path)
    try:
        data = read_bounded(path, str(path), REPORT_BYTES)
    except DocumentError as err:
        raise UsageError("; ".join(p.message for p in err.problems) + f": {path}") from None
    if data.startswith(b"%PDF-"):
        target = Path(out) if out is not None else path
        write_atomic(target, sign_pdf(data, signer, tsa), replace=replace or out is None)
        return target
    if _is_result(data):
        return _sign_json_file(path, data, signer, tsa, replace=replace)
    return _sign_submission_file(path, signer, tsa, replace=replace)


def _is_result(data: bytes) -> bool:
    """Whether `data` is a JSON assessment result (anything else that is not a PDF is read as a submission)."""
    import json

    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):
        return False
    return isinstance(parsed, dict) and "format" in parsed and "provenance" in parsed


def _sign_submission_file(path: Path, signer: Signer, tsa: str | None, *, replace: bool = True) -> Path:
    """The developer signs their (valid) submission: a detached signature over its RFC 8785 bytes, PATH.p7s."""
    from assessor.intake.fingerprint import submission_canonical_bytes
    from assessor.trust.signing import SIGNATURE_SUFFIX, sign_detached

    target = path.with_name(path.name + SIGNATURE_SUFFIX)
    write_atomic(target, sign_detached(submission_canonical_bytes(load_submission(path)), signer, tsa), replace=replace)
    return target


def verify_file(
    path: Path | str,
    *,
    trust: list[Path] | None = None,
    signature: Path | str | None = None,
    submission: Source | None = None,
    review: Source | None = None,
    at: datetime | None = None,
) -> VerifyReport:
    """Check a report's signature (against the `trust` roots, if given), its embedded attachments against the
    hashes in the result, and the review's binding; with `submission` (and `review`), also that the result was
    made from exactly those files; certificates as of `at` (default now). See VerifyReport.status."""
    from assessor.trust.attachments import source_checks
    from assessor.trust.verify import verify_file as _verify_file

    sig = Path(signature) if signature is not None else None
    if _is_submission(Path(path)):
        from assessor.intake.fingerprint import submission_canonical_bytes
        from assessor.trust.verify import verify_submission

        content = submission_canonical_bytes(load_submission(path))
        return verify_submission(content, Path(path), trust, sig, at=at)
    report = _verify_file(Path(path), trust, sig, at=at)
    if submission is not None:
        sub = load_submission(submission)
        bound = None
        if review is not None:
            checked = load_review(review, submission=sub, standard=standard_for(submission))
            bound = (content_sha256(checked), checked.submission.sha256)
        report.checks.extend(source_checks(report.result, submission_sha256(sub), bound))
    return report


def _is_submission(path: Path) -> bool:
    """Whether `dcr verify` was given a submission (YAML, XLSX, or JSON that is not a result) rather than a
    report."""
    from assessor.core.documents import read_bounded
    from assessor.core.limits import REPORT_BYTES

    if path.suffix.lower() in (".yaml", ".yml", ".xlsx"):
        return True
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    import json

    try:
        parsed = json.loads(read_bounded(path, str(path), REPORT_BYTES))
    except (DcrError, ValueError, RecursionError):
        return False
    return isinstance(parsed, dict) and "format" not in parsed and "organisation" in parsed and "responses" in parsed


def verify_data(
    data: bytes,
    *,
    name: str,
    trust: list[bytes] | None = None,
    signature: bytes | None = None,
    at: datetime | None = None,
) -> VerifyReport:
    """verify_file for bytes in memory (an upload): `trust` holds PEM/DER root certificates."""
    from assessor.trust.verify import verify_data as _verify_data

    return _verify_data(data, name, trust or [], signature, at=at)


def _sign_json_file(path: Path, data: bytes, signer: Signer, tsa: str | None = None, *, replace: bool = True) -> Path:
    """The detached CMS signature (PATH.p7s) and, beside it, a DSSE envelope (PATH.dsse) that `trestle verify`
    checks; both over the result's RFC 8785 bytes, both made before anything is written."""
    from assessor.trust.signing import sign_json

    return _write_signature(path, data, sign_json(data, signer, tsa), signer, replace=replace)


def _write_signature(path: Path, data: bytes, signature: bytes, signer: Signer, *, replace: bool = True) -> Path:
    from assessor.trust.dsse import DSSE_SUFFIX, envelope, supported
    from assessor.trust.signing import SIGNATURE_SUFFIX, json_canonical

    # The envelope is for trestle, which verifies fewer key types than CMS carries; the .p7s is always written.
    dsse = envelope(json_canonical(data), path.name, signer) if supported(signer) else None
    target = path.with_name(path.name + SIGNATURE_SUFFIX)
    write_atomic(target, signature, replace=replace)
    beside = path.with_name(path.name + DSSE_SUFFIX)
    if dsse is not None:
        write_atomic(beside, dsse, replace=replace)
    elif replace:
        beside.unlink(missing_ok=True)  # an envelope by an earlier key would no longer match the .p7s
    return target


def write_xlsx(result: Result, out: Path | str, *, replace: bool = True) -> None:
    """Write the report workbook (atomically). Unless `replace`, an existing file is kept (OutputError)."""
    write_atomic(Path(out), xlsx_bytes(result), replace=replace)


def _context(result: Result) -> ReportContext:
    from assessor.reports.context import build_context

    return build_context(result.standard, result.submission, result.assessment, result.review, result.notice)


def _submission_document(source: Source) -> tuple[Document, list[Problem]]:
    if isinstance(source, Document):
        return source, []
    return read_submission(Path(source), max_bytes=DEFAULT_MAX_BYTES)


def _document(source: Source) -> Document:
    if isinstance(source, Document):
        return source
    from assessor.core.documents import load_document

    return load_document(Path(source))


def load_signer_data(data: bytes, *, passphrase: bytes | None, name: str = "key.p12") -> Signer:
    """The signer in a PKCS#12 file's bytes (`name` says where it came from in errors); SigningKeyError (a usage
    error) when the passphrase does not open it or it lacks a key or a certificate."""
    from assessor.trust.keys import load_pkcs12

    return load_pkcs12(data, name, passphrase)


def sign_pdf_data(data: bytes, *, signer: Signer, tsa: str | None = None) -> bytes:
    """The PDF's bytes with a PAdES signature by `signer` (timestamped, with long-term validation data, when
    `tsa` names a time-stamping authority); the certificate is checked first as `dcr sign` checks it."""
    from assessor.trust.signing import sign_pdf

    return sign_pdf(data, signer, tsa)

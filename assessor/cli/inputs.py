"""Arguments and options the verbs share, and turning them into API inputs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from assessor.api import Source, load_standard, parse_text
from assessor.core.documents import DEFAULT_MAX_BYTES
from assessor.core.problems import DocumentError, InvalidSubmission, OutputError, Problem
from assessor.dcrs.models import Standard

STDIN = "-"

standard_option = click.option(
    "--standard",
    "standard_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the standard to use (default: the bundled DCRS, or $DCR_STANDARD).",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    default=None,
    help="Format of a submission read from standard input (-).",
)
evidence_option = click.option(
    "--evidence",
    "evidence_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of the evidence files whose sha256 is checked; locations are relative to it (default: the "
    "evidence/ folder beside the submission).",
)
review_option = click.option(
    "--review",
    "review_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A review of the submission (YAML/JSON) to check and apply.",
)


submission_argument = click.argument(
    "submission", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path)
)  # a submission file, or - for standard input


version_option = click.option(
    "--standard-version",
    "standard_version",
    default=None,
    metavar="X.Y.Z",
    help="Version of the standard to use (default: the one the submission answers; for templates, the latest "
    "published).",
)


def standard_from(standard_dir: Path | None, version: str | None = None) -> Standard:
    """The standard to use: `version` (default: latest published) of the given or the bundled library."""
    return load_standard(existing_dir(standard_dir), version=version)


def standard_choice(standard_dir: Path | None, version: str | None) -> Standard | Path | None:
    """For a submission: an explicit version is loaded now; otherwise the API takes the version it answers."""
    if version is not None:
        return standard_from(standard_dir, version)
    return existing_dir(standard_dir)


def existing_dir(path: Path | None, hint: str = "--standard") -> Path | None:
    if path is not None and not path.is_dir():
        raise click.BadParameter(f"{path} is not a folder", param_hint=hint)
    return path


def existing_file(path: Path, hint: str) -> Path:
    if not path.is_file():
        raise click.BadParameter(f"{path} does not exist or is not a file", param_hint=hint)
    return path


def submission_source(path: Path, fmt: str | None) -> Source:
    """A path, or the document read (bounded) from standard input when the path is -."""
    if str(path) != STDIN:
        if fmt is not None:
            raise click.UsageError("--format applies to a submission read from standard input (-)")
        return existing_file(path, "SUBMISSION")
    if fmt is None:
        raise click.UsageError("reading from standard input (-) needs --format yaml or --format json")
    if sys.stdin is None:
        raise click.UsageError("standard input is closed: pipe the submission to - or give a file")
    try:
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
    except OSError as err:
        raise click.UsageError(f"standard input cannot be read ({err.strerror or err})") from None
    if len(data) > DEFAULT_MAX_BYTES:
        raise InvalidSubmission([Problem.at("<stdin>", "too-large", f"more than {DEFAULT_MAX_BYTES} bytes")])
    try:
        return parse_text(data.decode("utf-8"), fmt=fmt, name="<stdin>")
    except UnicodeDecodeError as err:
        raise InvalidSubmission([Problem.at("<stdin>", "encoding", f"not UTF-8 (byte {err.start})")]) from None
    except DocumentError as err:
        raise InvalidSubmission(err.problems) from None


force_option = click.option(
    "--force", is_flag=True, help="Replace output files that already exist (atomically); without it they are kept."
)


def output_path(path: Path | None, option: str) -> Path | None:
    """An output file whose folder must already exist (a typo should not create folders)."""
    if path is None or str(path) == STDIN:
        return path
    if not _is_dir(path.parent):
        raise click.BadParameter(f"folder {path.parent} does not exist", param_hint=option)
    if _is_dir(path):
        raise click.BadParameter(f"{path} is a folder", param_hint=option)
    return path


def check_outputs(outputs: dict[str, Path | None], inputs: list[Path | None], *, force: bool) -> None:
    """Refuse, before any work: an output whose folder is missing, one that exists (unless --force), one that is
    also an input of this run or another output of it, a special file that cannot be written through, and
    standard output when it is closed."""
    from assessor.core.atomic import target_kind

    sources = {_identity(path): path for path in inputs if path is not None and str(path) != STDIN}
    seen: dict[object, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        if str(path) == STDIN:
            if sys.stdout is None:
                raise OutputError("-", f"{option} -: standard output is closed")
            continue
        output_path(path, option)
        if target_kind(path) == "regular" and not force:
            raise click.BadParameter(f"{path} exists; give --force to replace it", param_hint=option)
        key = _identity(path)
        if key in sources:
            raise click.BadParameter(f"{path} is also an input of this command; write elsewhere", param_hint=option)
        if key in seen:
            raise click.BadParameter(f"{path} is also where {seen[key]} writes; give each its own", param_hint=option)
        seen[key] = option


def _identity(path: Path) -> object:
    """What a path names: the file's device and inode when it exists, else its resolved path."""
    try:
        info = path.stat()
        return (info.st_dev, info.st_ino)
    except OSError:
        return os.path.realpath(path)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError as err:  # a name too long, a loop of links
        raise OutputError(str(path), err.strerror or str(err)) from None

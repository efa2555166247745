"""Arguments and options the verbs share, and turning them into API inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assessor.api import Source, load_standard, parse_text
from assessor.core.documents import DEFAULT_MAX_BYTES
from assessor.core.problems import DocumentError, InvalidSubmission, Problem
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
    return load_standard(existing_dir(standard_dir), version)


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
    data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
    if len(data) > DEFAULT_MAX_BYTES:
        raise InvalidSubmission([Problem.at("<stdin>", "too-large", f"more than {DEFAULT_MAX_BYTES} bytes")])
    try:
        return parse_text(data.decode("utf-8"), fmt, "<stdin>")
    except UnicodeDecodeError as err:
        raise InvalidSubmission([Problem.at("<stdin>", "encoding", f"not UTF-8 (byte {err.start})")]) from None
    except DocumentError as err:
        raise InvalidSubmission(err.problems) from None


def output_path(path: Path | None, option: str) -> Path | None:
    """An output file whose folder must already exist (a typo should not create folders)."""
    if path is None or str(path) == STDIN:
        return path
    if not path.parent.is_dir():
        raise click.BadParameter(f"folder {path.parent} does not exist", param_hint=option)
    if path.is_dir():
        raise click.BadParameter(f"{path} is a folder", param_hint=option)
    return path

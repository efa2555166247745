"""Check an uploaded submission without touching the server's files: the bytes are bounded, parsed from a
private temporary copy, named by the upload's own (sanitised) name, and validated with no evidence folder,
so sha256 claims are never checked against files on the server."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from assessor.core import limits
from assessor.core.documents import Document
from assessor.core.problems import DocumentError, Problem
from assessor.dcrs.models import Standard
from assessor.intake.checked import CheckedSubmission
from assessor.intake.loader import check_document, read_submission

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    """An upload's file name reduced to harmless characters (it is shown and used as a suffix)."""
    return _SAFE_NAME.sub("_", Path(name).name)[-100:] or "upload.yaml"


def check_upload(
    name: str, content: bytes, standard: Standard | Callable[[Document], Standard]
) -> CheckedSubmission | list[Problem]:
    """The checked submission in an uploaded file (against `standard`, or the one it picks for the document),
    or the problems that stop it being read at all."""
    safe = safe_name(name)
    if len(content) > limits.FILE_BYTES:
        message = f"file is {len(content):,} bytes; the limit is {limits.FILE_BYTES:,}"
        return [Problem.at(safe, "too-large", message)]
    with tempfile.TemporaryDirectory(prefix="dcr-upload-") as folder:
        path = Path(folder) / safe
        path.write_bytes(content)
        try:
            doc, read_problems = read_submission(path, name=safe)
        except DocumentError as err:
            return _renamed(err.problems, str(path), safe)
    chosen = standard if isinstance(standard, Standard) else standard(doc)
    checked = check_document(doc, chosen, bundle=None)
    checked.problems = _renamed(read_problems + checked.problems, str(path), safe)
    return checked


def _renamed(problems: list[Problem], temp: str, name: str) -> list[Problem]:
    """Problems located in the upload's own name, never the server's temporary path."""
    return [replace(p, location=replace(p.location, file=name)) if p.location.file == temp else p for p in problems]

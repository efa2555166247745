"""The public API for a readable rendering of the standard, with a redline against an earlier version."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from assessor.core.atomic import write_atomic
from assessor.dcrs.compare import open_version, policy_for, versions_pair
from assessor.dcrs.diff import diff
from assessor.dcrs.loader import default_standard_dir
from assessor.dcrs.versions import latest_published
from assessor.render.document import StandardDoc, document
from assessor.render.output import standard_html, standard_pdf

__all__ = ["StandardDoc", "render_standard", "standard_document"]


def standard_document(
    version: str | None = None, *, against: str | None = None, standard: Path | str | None = None
) -> StandardDoc:
    """The readable document of `version` (default: the latest published) in the folder of versions `standard`
    (default: the bundled one); with `against`, each requirement marked added, changed (with its kinds and a
    word redline of its statement) or withdrawn, through the migration maps."""
    root = Path(standard) if standard is not None else default_standard_dir()
    new = open_version(version or latest_published(root).version, root)
    if against is None:
        return document(new.loaded.standard)
    old = open_version(against, root)
    pair = versions_pair(old, new)
    return document(pair.new, pair.old, diff(pair, tuple(policy_for(new).review)))


def render_standard(doc: StandardDoc, out: Path | str, *, kind: Literal["html", "pdf"], replace: bool = True) -> None:
    """Write the document as HTML or PDF, atomically."""
    write_atomic(Path(out), standard_html(doc) if kind == "html" else standard_pdf(doc), replace=replace)

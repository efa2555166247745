"""The public API for standards bodies: a draft version's impact on a corpus of submissions."""

from __future__ import annotations

from pathlib import Path

from assessor.core.problems import UsageError
from assessor.core.resources import examples_root
from assessor.impact.models import Impact
from assessor.impact.run import impact
from assessor.impact.text import impact_text

__all__ = ["Impact", "impact_html", "impact_pdf", "impact_text", "standard_impact"]


def standard_impact(
    draft: str | Path, *, corpus: Path | str | None = None, standard: Path | str | None = None
) -> Impact:
    """Re-score every submission under `corpus` (default: the bundled fictional reference corpus) under the
    draft version `draft` (a version in the folder of versions `standard`, default the bundled one, or a
    version's folder) next to the version it revises: who moves, by how much, and which change (a
    requirement's threshold, level, weight ..., or a scoring rule) moved each."""
    folder = Path(corpus) if corpus is not None else examples_root() / "corpus"
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    return impact(draft, folder, Path(standard) if standard is not None else None)


def impact_html(result: Impact) -> str:
    """The impact analysis as one self-contained HTML document: who moves, by how much, which change moved each,
    every requirement that moved and why, and a chart of the score changes from a visible zero."""
    from assessor.impact.output import impact_html as render

    return render(result)


def impact_pdf(result: Impact) -> bytes:
    """The same document as PDF/A, with the analysis's JSON embedded."""
    from assessor.impact.output import impact_pdf as render  # WeasyPrint loads only for PDFs

    return render(result)

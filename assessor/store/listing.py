"""Listing drafts a page at a time: summaries without their data, filtered by title, counted and paged in the
database (LIMIT/OFFSET over an index on organisation, kind and time), so a long list costs one page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, func, select

from assessor.store.schema import drafts

PER_PAGE = 20
MAX_PER_PAGE = 100
SEARCH_CHARS = 200  # longer search text is cut: no title is longer than the column allows anyway
COLUMNS = ("id", "kind", "title", "source", "version", "created", "updated", "organisation_id", "created_by")


@dataclass(frozen=True)
class DraftSummary:
    """A draft as a list shows it: everything but its data."""

    id: str
    kind: str
    title: str
    source: str
    version: int
    created: str
    updated: str
    organisation_id: str | None
    created_by: str


@dataclass(frozen=True)
class DraftPage:
    """One page of a listing: its drafts, which page of how many, and how many drafts match in all."""

    drafts: list[DraftSummary]
    page: int
    pages: int
    total: int
    per_page: int


def page(connection: Connection, scope: ColumnElement[bool], kind: str | None, search: str, number: int,
         per_page: int) -> DraftPage:  # fmt: skip
    """The page `number` (from 1, clamped to 1..last) of the drafts in scope matching kind and search."""
    size = max(1, min(int(per_page), MAX_PER_PAGE))
    criteria = [scope, *([drafts.c.kind == kind] if kind else [])]
    wanted = search.strip()[:SEARCH_CHARS].lower()
    if wanted:
        criteria.append(func.lower(drafts.c.title).contains(wanted, autoescape=True))
    total = int(connection.execute(select(func.count()).select_from(drafts).where(*criteria)).scalar_one())
    pages = max(1, -(-total // size))
    current = max(1, min(int(number), pages))
    query = (
        select(*(drafts.c[name] for name in COLUMNS))
        .where(*criteria)
        .order_by(drafts.c.updated.desc(), drafts.c.id.desc())
        .limit(size)
        .offset((current - 1) * size)
    )
    rows = connection.execute(query).all()
    return DraftPage([DraftSummary(*row) for row in rows], current, pages, total, size)

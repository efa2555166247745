"""Listing drafts a page at a time: paged, searched, counted and scoped in the database, data left behind."""

from __future__ import annotations

from sqlalchemy import text

from assessor.store import Store
from assessor.store.listing import MAX_PER_PAGE


def _many(store: Store, count: int, *, organisation: str | None = None) -> list[str]:
    return [store.create_draft({"n": n}, f"Lab {n:04d} self-assessment", organisation_id=organisation).id
            for n in range(count)]  # fmt: skip


def test_pages_cover_every_draft_once_newest_first(store: Store) -> None:
    """Walking the pages yields every draft exactly once, most recently updated first, with the right count."""
    ids = _many(store, 45)
    pages = [store.draft_page(page=n, per_page=20) for n in (1, 2, 3)]
    assert [(p.page, p.pages, p.total, len(p.drafts)) for p in pages] == [(1, 3, 45, 20), (2, 3, 45, 20),
                                                                          (3, 3, 45, 5)]  # fmt: skip
    listed = [d.id for p in pages for d in p.drafts]
    assert sorted(listed) == sorted(ids) and listed[0] == ids[-1]
    assert not hasattr(pages[0].drafts[0], "data")


def test_out_of_range_pages_and_sizes_are_clamped(store: Store) -> None:
    """Page 0, a negative page and a page past the end show the first or last page; sizes stay 1..100."""
    _many(store, 5)
    assert store.draft_page(page=0, per_page=2).page == 1 and store.draft_page(page=-3, per_page=2).page == 1
    assert store.draft_page(page=99, per_page=2).page == 3
    assert store.draft_page(per_page=0).per_page == 1 and store.draft_page(per_page=10_000).per_page == MAX_PER_PAGE


def test_search_is_by_title_any_case_and_wildcards_are_literal(store: Store) -> None:
    """Search matches title text in any case; % and _ are matched as themselves, not as SQL wildcards."""
    _many(store, 12)
    store.create_draft({}, "Kestrel 100% ready_now")
    assert store.draft_page(search="LAB 001").total == 2  # Lab 0010 and Lab 0011
    assert [d.title for d in store.draft_page(search="100%").drafts] == ["Kestrel 100% ready_now"]
    assert store.draft_page(search="_").total == 1 and store.draft_page(search="%").total == 1
    assert store.draft_page(search="nothing like it").total == 0 and store.draft_page(search="").total == 13


def test_listing_is_scoped_to_the_identity(team: dict[str, Store]) -> None:
    """A lab member's pages hold only its organisation's drafts; a reviewer sees none."""
    for n in range(3):
        team["mia"].create_draft({"n": n}, f"Meridian {n}")
    team["kai"].create_draft({}, "Kestrel")
    assert [team[n].draft_page().total for n in ("mia", "kai", "rita", "admin")] == [3, 1, 0, 4]
    assert {d.title for d in team["kai"].draft_page(search="meridian").drafts} == set()


def test_listing_uses_an_index(store: Store) -> None:
    """The listing query for one organisation is answered from a listing index on SQLite and PostgreSQL."""
    _many(store, 3)
    query = ("SELECT id FROM drafts WHERE organisation_id = 'x' AND kind = 'submission' ORDER BY updated DESC "
             "LIMIT 20")  # fmt: skip
    explain = "EXPLAIN QUERY PLAN " if store.url.get_backend_name() == "sqlite" else "EXPLAIN "
    with store.engine.begin() as connection:
        if store.url.get_backend_name() == "postgresql":
            connection.execute(text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(str(row) for row in connection.execute(text(explain + query)))
    assert "ix_drafts_listing" in plan or "ix_drafts_kind_updated" in plan


def test_drafts_where_finds_by_source_creator_and_exact_data(store: Store) -> None:
    """drafts_where finds a draft by its source, creator and exact data without listing every draft."""
    one = store.create_draft({"a": 1}, "one", source="example:x.yaml")
    store.create_draft({"a": 1.0}, "two", source="upload:y.yaml")
    assert [d.id for d in store.drafts_where("submission", source="example:x.yaml", created_by="local")] == [one.id]
    assert [d.id for d in store.drafts_where("submission", data={"a": 1})] == [one.id]
    assert store.drafts_where("review", source="example:x.yaml") == []

"""PostgreSQL: a page of the ledger and its records in one round trip (entry_records_pg.page_rows): the same
pages and records as reading them one after the other, handed over only while nothing else ran."""

import datetime

import pytest
from statement_helpers import record_statements

from desk_app.db import open_database
from desk_app.db.models import LedgerEntry, database
from desk_app.services import entry_records_pg, ledger_paging
from desk_app.services.entry_records import load_records
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def pg_demo(demo, pg_database):
    pg_database("demo")
    open_database()
    return demo


def _apart(monkeypatch):
    """Pages read by their own statement, as before (the reference)."""
    monkeypatch.setattr(entry_records_pg, "page_rows", lambda *args: None)


def _fresh(ids):
    database.execute_sql("SELECT 1")  # any statement: what a page brought along is no longer used
    return load_records(ids)


@pytest.mark.parametrize("sort", sorted(ledger_paging.SORT_KEYS))
def test_every_sorts_pages_and_keys_are_as_their_own_statement_gives_them(pg_demo, monkeypatch, sort):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    LedgerEntry.update(updated_at=datetime.datetime(2026, 3, 1, 8, 30, 0, 500000)).where(
        LedgerEntry.id.in_([e.id for e in LedgerEntry.select(LedgerEntry.id).limit(40)])).execute()
    walked = {}
    for way in ("together", "apart"):
        if way == "apart":
            _apart(monkeypatch)
        pages = []
        for descending in (False, True):
            first = ledger_paging.page(f, sort, descending, limit=30)
            second = ledger_paging.page(f, sort, descending, limit=30, after=first.last_key) if first.continues \
                else ledger_paging.page(f, sort, descending, limit=30, offset=30)
            pages += [first, second]
        walked[way] = pages
    assert walked["together"] == walked["apart"]
    assert any(type(v) is str for p in walked["apart"] for v in p.last_key or ())  # keys as text, not objects


def test_the_records_of_the_page_just_read_come_without_a_statement(pg_demo, monkeypatch):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    for sort in ("code", "kind", "deadline"):
        first = ledger_paging.page(f, sort, limit=50)
        page = ledger_paging.page(f, sort, limit=50, after=first.last_key)
        assert len(page.ids) == 50
        seen = record_statements(monkeypatch)
        records = load_records(page.ids)
        assert seen == []
        monkeypatch.undo()
        assert [r.id for r in records] == page.ids
        assert records == _fresh(page.ids) and [vars(r) for r in records] == [vars(r) for r in _fresh(page.ids)]


def test_records_are_read_afresh_after_any_other_statement_or_for_other_ids(pg_demo, monkeypatch):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    page = ledger_paging.page(f, "code", limit=20)
    database.execute_sql('UPDATE "ledger_entry" SET "note" = ? WHERE "id" = ?', ("刚改的备注", page.ids[0]))
    assert load_records(page.ids)[0].note == "刚改的备注"

    page = ledger_paging.page(f, "code", limit=20)
    seen = record_statements(monkeypatch)
    assert [r.id for r in load_records(page.ids[:5])] == page.ids[:5]  # not the page's ids: a statement
    assert len(seen) == 1
    assert len(load_records(page.ids)) == 20 and len(seen) == 2  # taken once only


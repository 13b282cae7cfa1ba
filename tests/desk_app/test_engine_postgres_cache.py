"""PostgreSQL: the ledger list a client lists again (services/ledger_pg_cache, db/pg_stamps) reads only the rows'
stamps and the records that changed, and is at every moment, byte for byte, the listing without it, whatever
another clerk's connection changed: pages forward and back by keyset, sorts with ties, filters, a search."""

import datetime
import os

import psycopg
import pytest
from statement_helpers import record_statements

from desk_app.db import close_database, open_database, pg_schema, pg_stamps
from desk_app.db.models import EntryEvent, LedgerEntry, ProgressUpdate, database
from desk_app.services import entry_records_pg, ledger_paging, ledger_pg_cache, ledger_summary
from desk_app.services.entry_records import load_records
from desk_app.services.ledger_query import LedgerFilter

LIMIT = 25
TIED = datetime.datetime(2026, 3, 1, 8, 30)


@pytest.fixture
def pg_demo(demo, pg_database):
    pg_database("demo")
    open_database()
    ledger_pg_cache.clear()
    return demo


@pytest.fixture
def other_clerk(pg_demo):
    """A second connection, as another clerk's program: each statement commits at once."""
    with psycopg.connect(os.environ["DESK_APP_DATABASE"], autocommit=True) as conn:
        yield lambda sql, params=(): conn.execute(sql, params)


def _walk(f, sort, descending):
    """What the list shows: the figures, two pages forward by keyset and their records (as the ledger page
    reads them), as plain values."""
    summary = ledger_summary.summarize(f)
    shown = [summary]
    current = ledger_paging.page(f, sort, descending, limit=LIMIT, expected=summary.total)
    for _ in range(2):
        shown.append((current.ids, current.last_key, [vars(r) for r in load_records(current.ids)]))
        if not current.continues:
            break
        current = ledger_paging.page(f, sort, descending, limit=LIMIT, after=current.last_key,
                                     expected=summary.total)
    return shown


def _uncached(f, sort, descending, monkeypatch):
    """The same walk with every page read by its own statement and its records read afresh (the reference)."""
    with monkeypatch.context() as m:
        m.setattr(entry_records_pg, "page_rows", lambda *args: None)
        return _walk(f, sort, descending)


LISTS = [("code", False, {}), ("code", True, {}), ("updated_at", False, {}), ("updated_at", True, {}),
         ("status", False, {}), ("owner", True, {}), ("deadline", False, {"statuses": ["推进中"]}),
         ("code", False, {"text": "整改"})]


def _same_everywhere(campaign_id, monkeypatch):
    for sort, descending, extra in LISTS:
        f = LedgerFilter(campaign_id=campaign_id, **extra)
        cached = _walk(f, sort, descending)
        assert cached == _uncached(f, sort, descending, monkeypatch), (sort, descending, extra)
        assert len(cached) > 1 and cached[1][0]


def test_every_listing_is_the_uncached_one_after_each_kind_of_change_by_another_clerk(pg_demo, other_clerk,
                                                                                    monkeypatch):
    campaign = pg_demo.campaign_id
    first = [e.id for e in LedgerEntry.select(LedgerEntry.id).where(LedgerEntry.campaign == campaign)
             .order_by(LedgerEntry.code_key, LedgerEntry.id).limit(LIMIT)]
    # ties: the same 更新时间 on the first page's entries (their order then comes from 问题编号 and id)
    other_clerk('UPDATE "ledger_entry" SET "updated_at" = %s WHERE "id" = ANY(%s)', (TIED, first))
    entry = LedgerEntry.get_by_id(first[3])
    people = [p for e in LedgerEntry.select().where(LedgerEntry.id.in_(first))
              for p in (e.owner_id, e.leader_id, e.responsible_id, e.reviewer_id) if p]
    progress = ProgressUpdate.select().where(ProgressUpdate.entry.in_(first)).first()
    changes = [
        ('UPDATE "ledger_entry" SET "note" = %s, "version" = "version" + 1 WHERE "id" = %s', ("另一位改的备注", first[0])),
        ('INSERT INTO "progress_update" ("uuid", "entry_id", "date", "month", "text", "author", "created_at") '
         "VALUES ('p-new', %s, %s, '2030-01', %s, '', %s)",
         (first[1], datetime.date(2030, 1, 1), "最新的进展", datetime.datetime(2030, 1, 1))),
        ('UPDATE "progress_update" SET "text" = %s WHERE "id" = %s', ("改过的进展", progress.id)),
        ('DELETE FROM "progress_update" WHERE "id" = %s', (progress.id,)),
        ('INSERT INTO "entry_event" ("uuid", "entry_id", "kind", "text", "actor", "at") '
         "VALUES ('e-new', %s, %s, %s, '', %s)", (first[2], "延期", "延期一次", datetime.datetime(2026, 4, 1))),
        ('DELETE FROM "entry_event" WHERE "entry_id" = %s AND "text" = %s', (first[2], "延期一次")),
        ('UPDATE "person" SET "name" = %s WHERE "id" = %s', ("改名的人", people[0])),
        ('UPDATE "department" SET "name" = %s WHERE "id" = %s', ("改名的科室", entry.department_id)),
        ('UPDATE "task_force" SET "name" = %s WHERE "id" = (SELECT "task_force_id" FROM "ledger_entry" '
         'WHERE "task_force_id" IS NOT NULL LIMIT 1)', ("改名的专班",)),
        ('UPDATE "ledger_entry" SET "status" = %s, "version" = "version" + 1 WHERE "id" = %s', ("已销号", first[4])),
        ('UPDATE "ledger_entry" SET "deleted_at" = %s WHERE "id" = %s', (TIED, first[5])),  # the pages shift
        ('UPDATE "ledger_entry" SET "code_key" = %s, "code" = %s WHERE "id" = %s', ("", "000", first[-1])),
    ]
    _same_everywhere(campaign, monkeypatch)
    for sql, params in changes:
        before = dict(ledger_pg_cache.counts)
        other_clerk(sql, params)
        _same_everywhere(campaign, monkeypatch)
        assert ledger_pg_cache.counts["kept"] > before["kept"]  # the listings did use what was kept
    assert ProgressUpdate.select().where(ProgressUpdate.entry == first[1]).exists()
    assert not EntryEvent.select().where(EntryEvent.text == "延期一次").exists()


def _every_statement(monkeypatch) -> list:
    """Every statement sent from now on: execute_sql's and the list's own (execute_bound)."""
    seen = record_statements(monkeypatch)
    engine = type(database.obj)
    real = engine.execute_bound

    def recording(self, statement):
        seen.append(statement)
        return real(self, statement)

    monkeypatch.setattr(engine, "execute_bound", recording)
    return seen


def _listing(f):
    """What the ledger page runs (bench/shared.py's list_once): figures, first page, its records."""
    summary = ledger_summary.summarize(f)
    page = ledger_paging.page(f, "code", limit=LIMIT, expected=summary.total)
    return summary, page, load_records(page.ids)


def test_a_listing_again_is_one_round_trip_of_stamps_and_then_reads_only_what_changed(pg_demo, other_clerk,
                                                                                       monkeypatch):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    first = _listing(f)  # the records read along and kept
    _listing(f)  # the figures learn which page follows them
    seen = _every_statement(monkeypatch)
    before = dict(ledger_pg_cache.counts)
    again = _listing(f)
    assert len(seen) == 1 and b"ledger_dated_count" in seen[0] and b"json_build_array(e." not in seen[0]
    assert ledger_pg_cache.counts == {"kept": before["kept"] + LIMIT, "read": before["read"]}
    assert again == first
    other_clerk('UPDATE "ledger_entry" SET "note" = %s WHERE "id" = %s', ("改了一条", first[1].ids[7]))
    changed = _listing(f)
    assert len(seen) == 3 and ledger_pg_cache.counts["read"] == before["read"] + 1  # that one record alone
    assert changed[2][7].note == "改了一条" and changed[2][:7] == first[2][:7] and changed[2][8:] == first[2][8:]
    monkeypatch.undo()
    with monkeypatch.context() as m:  # byte for byte the listing without the cache
        m.setattr(entry_records_pg, "page_rows", lambda *args: None)
        assert _listing(f) == changed


def test_a_page_read_along_with_the_figures_is_used_only_for_that_statement_and_at_once(pg_demo, monkeypatch):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    for _ in range(2):
        _listing(f)
    seen = _every_statement(monkeypatch)
    summary = ledger_summary.summarize(f)
    other = ledger_paging.page(f, "code", True, limit=LIMIT, expected=summary.total)  # not the page that followed
    assert len(seen) == 2 and other.ids == ledger_paging.entry_ids(f, "code", True, limit=LIMIT)
    summary = ledger_summary.summarize(f)
    database.execute_sql("SELECT 1")
    page = ledger_paging.page(f, "code", limit=LIMIT, expected=summary.total)
    assert len(seen) == 6 and page.ids == ledger_paging.entry_ids(f, "code", limit=LIMIT)
    summary = ledger_summary.summarize(f)
    monkeypatch.setattr(ledger_pg_cache, "AHEAD_SECONDS", -1.0)
    ledger_summary.summarize(f)
    ledger_paging.page(f, "code", limit=LIMIT, expected=summary.total)
    assert len(seen) == 10


def test_nothing_is_kept_or_used_inside_a_transaction(pg_demo, monkeypatch):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    page = ledger_paging.page(f, "code", limit=LIMIT)
    load_records(page.ids)
    before = dict(ledger_pg_cache.counts)
    with database.atomic():
        database.execute_sql('UPDATE "ledger_entry" SET "note" = ? WHERE "id" = ?', ("一", page.ids[0]))
        assert load_records(ledger_paging.page(f, "code", limit=LIMIT).ids)[0].note == "一"
        database.execute_sql('UPDATE "ledger_entry" SET "note" = ? WHERE "id" = ?', ("二", page.ids[0]))
        assert load_records(ledger_paging.page(f, "code", limit=LIMIT).ids)[0].note == "二"  # the same xmin
    assert ledger_pg_cache.counts == before
    assert load_records(ledger_paging.page(f, "code", limit=LIMIT).ids)[0].note == "二"


def test_opening_an_up_to_date_database_again_builds_no_reference_schema_and_takes_no_lock(pg_demo, monkeypatch):
    real, built = pg_schema.reference_sqlite, []
    monkeypatch.setattr(pg_schema, "reference_sqlite", lambda: built.append(1) or real())
    seen = record_statements(monkeypatch)
    for _ in range(2):
        close_database()
        open_database()
    assert built == [] and database.has_table("list_global_stamp")
    assert not [sql for sql in seen if "pg_advisory_xact_lock" in sql]


def test_an_older_programs_database_gets_the_stamps_on_opening(pg_demo, other_clerk, monkeypatch):
    for name in (*pg_stamps.TRIGGERS, *pg_stamps.FUNCTIONS, *pg_stamps.TABLES):
        kind = "TRIGGER" if name in pg_stamps.TRIGGERS else "FUNCTION" if name in pg_stamps.FUNCTIONS else "TABLE"
        table = pg_stamps.TRIGGERS[name].split('ON "')[1].split('"')[0] if kind == "TRIGGER" else None
        other_clerk(f'DROP {kind} "{name}"' + (f' ON "{table}"' if table else "") + (" CASCADE" if kind != "TRIGGER" else ""))
    close_database()
    open_database()
    assert database.has_table("list_global_stamp")
    _same_everywhere(pg_demo.campaign_id, monkeypatch)

"""PostgreSQL: the ledger list a client lists again (services/ledger_pg_cache, db/pg_stamps) is one round trip
and reads only what changed, and is at every moment what an uncached listing gives, whatever another clerk's
connection changed."""

import datetime
import os

import psycopg
import pytest

from desk_app.db import open_database, pg_stamps
from desk_app.db.models import LedgerEntry, database
from desk_app.services import entry_records_pg, ledger_paging, ledger_pg_cache, ledger_summary
from desk_app.services.entry_records import load_records
from desk_app.services.ledger_query import LedgerFilter

LIMIT = 40


@pytest.fixture
def pg_demo(demo, pg_database):
    pg_database("demo")
    open_database()
    return demo


@pytest.fixture
def other_clerk(pg_demo):
    """A second connection, as another clerk's program: each statement commits at once."""
    with psycopg.connect(os.environ["DESK_APP_DATABASE"], autocommit=True) as conn:
        yield lambda sql, params=(): conn.execute(sql, params)


def _statements(monkeypatch) -> list[str]:
    """Every statement the program sends from now on (execute_sql and the list's own, execute_bound)."""
    seen = []
    engine = type(database.obj)
    for name in ("execute_sql", "execute_bound"):
        real = getattr(engine, name)

        def recording(self, sql, params=None, _real=real, **options):
            seen.append(sql)
            return _real(self, sql, params, **options)

        monkeypatch.setattr(engine, name, recording)
    return seen


def _listing(f):
    """What the ledger page runs (bench/shared.py's list_once): figures, first page, its records."""
    summary = ledger_summary.summarize(f)
    page = ledger_paging.page(f, "code", limit=LIMIT, expected=summary.total)
    return summary, page, load_records(page.ids)


def _uncached(f, campaign_id):
    """The same listing read without anything kept or brought along (the reference)."""
    from test_engine_postgres_list import _truth

    ids = ledger_paging.entry_ids(f, "code", limit=LIMIT)
    database.execute_sql("SELECT 1")  # nothing brought along is used
    rows = {r[0]: r for r in database.execute_sql(entry_records_pg.RECORDS_SQL,
                                                  (entry_records_pg.EXTEND, entry_records_pg.id_array(ids))).fetchall()}
    return _truth(campaign_id, True), ids, [entry_records_pg.record_of(rows[i]) for i in ids]


def _same_as_uncached(f, campaign_id):
    summary, page, records = _listing(f)
    truth, ids, fresh = _uncached(f, campaign_id)
    assert summary == truth
    assert page.ids == ids
    assert [vars(r) for r in records] == [vars(r) for r in fresh]
    return page, records


def test_a_listing_again_is_one_round_trip_reading_no_record(pg_demo, monkeypatch):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    first = _listing(f)
    _listing(f)  # the figures learn which page follows them
    seen = _statements(monkeypatch)
    fetched = []
    real_record_of = entry_records_pg.record_of
    monkeypatch.setattr(entry_records_pg, "record_of", lambda row: fetched.append(row) or real_record_of(row))
    again = _listing(f)
    assert len(seen) == 1 and b"ledger_status_count" in seen[0] and b"entry_list_stamp" in seen[0]
    assert fetched == []  # every record held at the stamp the server gave
    assert again[0] == first[0] and again[1] == first[1]
    assert all(a is b for a, b in zip(again[2], first[2], strict=True))


def test_every_kind_of_change_by_another_clerk_is_seen_at_once(pg_demo, other_clerk):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    page, records = _same_as_uncached(f, pg_demo.campaign_id)
    _same_as_uncached(f, pg_demo.campaign_id)
    first, second = records[0], records[1]
    person = next(i for r in records for i in (r.owner_id, r.responsible_id, r.leader_id) if i)
    department = next(r for r in records if r.department_id)
    task_force = next((r for r in records if r.task_force_id), None)
    today = datetime.date.today()
    changes = [
        ('UPDATE "ledger_entry" SET "note" = %s WHERE "id" = %s', ("另一位办事员的备注", first.id)),
        ('INSERT INTO "progress_update" ("uuid", "entry_id", "date", "month", "text", "author", "created_at") '
         "VALUES ('p-test-1', %s, %s, '2099-01', '别处写的新进展', '', now())", (second.id, datetime.date(2099, 1, 5))),
        ('UPDATE "progress_update" SET "text" = %s WHERE "uuid" = %s', ("改过的进展", "p-test-1")),
        ('DELETE FROM "progress_update" WHERE "uuid" = %s', ("p-test-1",)),
        ('INSERT INTO "entry_event" ("uuid", "entry_id", "kind", "text", "actor", "at") '
         "VALUES ('e-test-1', %s, '延期', '延期一月', '', now())", (first.id,)),
        ('DELETE FROM "entry_event" WHERE "uuid" = %s', ("e-test-1",)),
        ('UPDATE "person" SET "name" = %s WHERE "id" = %s', ("改名的人", person)),
        ('UPDATE "department" SET "name" = %s WHERE "id" = %s', ("改名的科室", department.department_id)),
        ('UPDATE "ledger_entry" SET "status" = %s, "deadline" = %s WHERE "id" = %s',
         ("推进中", today - datetime.timedelta(days=2), second.id)),
        ('UPDATE "ledger_entry" SET "deleted_at" = now() WHERE "id" = %s', (first.id,)),
        ('UPDATE "ledger_entry" SET "deleted_at" = NULL WHERE "id" = %s', (first.id,)),
    ]
    if task_force is not None:
        changes.append(('UPDATE "task_force" SET "name" = %s WHERE "id" = %s', ("改名的专班", task_force.task_force_id)))
    for sql, params in changes:
        other_clerk(sql, params)
        page, records = _same_as_uncached(f, pg_demo.campaign_id)
    shown = {r.id: r for r in records}
    assert shown[first.id].note == "另一位办事员的备注" and shown[first.id].extension_count == first.extension_count
    assert shown[second.id].latest_progress == second.latest_progress
    assert any("改名的人" in (r.owner_name, r.responsible_name, r.leader_name) for r in records) and any(r.department_name == "改名的科室" for r in records)


def test_a_new_entry_at_the_top_and_own_writes_in_a_transaction(pg_demo):
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    page, records = _same_as_uncached(f, pg_demo.campaign_id)
    _same_as_uncached(f, pg_demo.campaign_id)
    values = dict(LedgerEntry.get_by_id(page.ids[0]).__data__)
    values.pop("id")
    values.update(uuid="new-top-entry", code="0-0", code_key="")
    new_id = LedgerEntry.insert(values).execute()  # an own write: a new entry sorting first
    page, records = _same_as_uncached(f, pg_demo.campaign_id)
    assert page.ids[0] == new_id
    with database.atomic():  # a row changed twice in one transaction keeps its xmin: nothing kept meanwhile
        LedgerEntry.update(note="一").where(LedgerEntry.id == new_id).execute()
        assert _listing(f)[2][0].note == "一"
        LedgerEntry.update(note="二").where(LedgerEntry.id == new_id).execute()
        assert _listing(f)[2][0].note == "二"
    _same_as_uncached(f, pg_demo.campaign_id)


def test_memory_is_bounded_and_a_dropped_record_is_read_again(pg_demo, monkeypatch):
    monkeypatch.setattr(ledger_pg_cache, "KEEP_RECORDS", 10)
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    _same_as_uncached(f, pg_demo.campaign_id)
    assert len(ledger_pg_cache._records) == 10
    _same_as_uncached(f, pg_demo.campaign_id)
    for sort in ("kind", "deadline"):  # other lists push the page's records out
        load_records(ledger_paging.page(f, sort, limit=LIMIT).ids)
    _same_as_uncached(f, pg_demo.campaign_id)
    assert len(ledger_pg_cache._records) == 10
    summary = ledger_summary.summarize(f)
    page = ledger_paging.page(f, "code", limit=LIMIT, expected=summary.total)
    ledger_pg_cache._records.clear()  # dropped between the page and its records (another thread's list)
    assert [vars(r) for r in load_records(page.ids)] == [vars(r) for r in _uncached(f, pg_demo.campaign_id)[2]]


def test_a_database_an_older_program_initialised_gets_the_stamps_on_opening(pg_demo):
    for name in pg_stamps.TRIGGERS:
        table = name.split("_list_stamp_")[0].split("_names_stamp_")[0]
        database.execute_sql(f'DROP TRIGGER "{name}" ON "{table}"')
    database.execute_sql('DROP TABLE "entry_list_stamp", "list_names_stamp"')
    open_database()
    f = LedgerFilter(campaign_id=pg_demo.campaign_id)
    _same_as_uncached(f, pg_demo.campaign_id)
    other_clerk = LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.code_key).first()
    database.execute_sql('INSERT INTO "entry_event" ("uuid", "entry_id", "kind", "text", "actor", "at") '
                         "VALUES ('e-old-db', ?, '延期', '', '', now())", (other_clerk.id,))
    _same_as_uncached(f, pg_demo.campaign_id)

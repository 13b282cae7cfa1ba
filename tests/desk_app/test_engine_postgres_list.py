"""PostgreSQL's ledger list with few round trips: the whole campaign's figures from counters the tally's
trigger keeps (pg_schema.LIVE_COUNTERS), a page's records in one statement, statements of many values bound
from a cached template (engine_postgres)."""

import datetime

import pytest
from statement_helpers import record_statements

from desk_app.db import close_database, open_database, pg_schema
from desk_app.db.models import LedgerEntry, database
from desk_app.services import context, ledger_summary
from desk_app.services.entry_records import load_records
from desk_app.services.ledger_query import LedgerFilter


@pytest.fixture
def pg_demo(demo, pg_database):
    pg_database("demo")
    open_database()
    return demo


def _truth(campaign_id: int, live: bool) -> ledger_summary.LedgerSummary:
    """The figures counted entry by entry, without tally or counters."""
    today = context.today()
    rows = LedgerEntry.select().where(LedgerEntry.campaign == campaign_id,
                                      LedgerEntry.deleted_at.is_null() if live else LedgerEntry.deleted_at.is_null(False))
    total = rows.count()
    done = rows.where(LedgerEntry.status.in_(["已销号", "长期坚持"])).count()
    overdue = rows.where(ledger_summary.overdue_condition(today)).count()
    pending = rows.where(LedgerEntry.status == "申请销号").count()
    return ledger_summary.LedgerSummary(total, done, overdue, pending, total - done)


def _summary(campaign_id: int, live: bool) -> ledger_summary.LedgerSummary:
    return ledger_summary.summarize(LedgerFilter(campaign_id=campaign_id, deleted=not live))


def test_a_whole_campaigns_figures_come_from_the_counters_in_one_statement_whatever_changes(pg_demo, monkeypatch):
    campaign = pg_demo.campaign_id
    assert _summary(campaign, True) == _truth(campaign, True)
    seen = record_statements(monkeypatch)
    _summary(campaign, True)
    assert len(seen) == 1 and "ledger_dated_count" in seen[0] and "ledger_tally" not in seen[0]
    assert _truth(campaign, True).overdue > 0
    today = context.today()
    open_dated = (LedgerEntry.select().where(LedgerEntry.campaign == campaign, LedgerEntry.deleted_at.is_null(),
                                             ledger_summary.overdue_condition(today))
                  .order_by(LedgerEntry.id).limit(6))
    ids = [e.id for e in open_dated]
    changes = [
        ('UPDATE "ledger_entry" SET "deadline" = ? WHERE "id" = ?', (today + datetime.timedelta(days=30), ids[0])),
        ('UPDATE "ledger_entry" SET "status" = ? WHERE "id" = ?', ("已销号", ids[1])),
        ('UPDATE "ledger_entry" SET "deadline_type" = ? WHERE "id" = ?', ("长期坚持", ids[2])),
        ('UPDATE "ledger_entry" SET "deleted_at" = ? WHERE "id" IN (?, ?)', (datetime.datetime(2026, 1, 5), ids[3], ids[4])),
        ('UPDATE "ledger_entry" SET "deleted_at" = NULL WHERE "id" = ?', (ids[4],)),
        ('UPDATE "ledger_entry" SET "note" = ?, "version" = "version" + 1 WHERE "id" = ?', ("只改备注", ids[5])),
        ('UPDATE "ledger_entry" SET "deadline" = ?, "status" = ? WHERE "id" = ?',
         (today - datetime.timedelta(days=3), "推进中", ids[1])),
        ('DELETE FROM "ledger_entry" WHERE "id" = ?', (ids[5],)),
    ]
    for sql, params in changes:
        database.execute_sql(sql, params)
        assert _summary(campaign, True) == _truth(campaign, True), sql
        assert _summary(campaign, False) == _truth(campaign, False), sql
    # Many rows in one statement (imports, bulk edits): counted once per statement by the trigger.
    template = LedgerEntry.select().where(LedgerEntry.id.in_(ids[:3]))
    LedgerEntry.insert_many([{**{f.name: getattr(e, f.name) for f in LedgerEntry._meta.sorted_fields if f.name != "id"},
                              "uuid": f"bulk-{i}", "code": f"BULK-{i}", "code_key": f"BULK-{i:012d}",
                              "status": "推进中", "deadline_type": "按期", "deadline": today - datetime.timedelta(days=1)}
                             for i, e in enumerate(template)]).execute()
    LedgerEntry.update(deadline=None).where(LedgerEntry.code == "BULK-1").execute()
    assert _summary(campaign, True) == _truth(campaign, True)


def test_other_filters_are_counted_as_before(pg_demo, monkeypatch):
    calls = []
    real = ledger_summary._tally_counts
    monkeypatch.setattr(ledger_summary, "_tally_counts", lambda f, column="status": calls.append(f) or real(f, column))
    f = LedgerFilter(campaign_id=pg_demo.campaign_id, statuses=["推进中"])
    summary = ledger_summary.summarize(f)
    assert calls and summary.total == LedgerEntry.select().where(
        LedgerEntry.campaign == pg_demo.campaign_id, LedgerEntry.deleted_at.is_null(), LedgerEntry.status == "推进中").count()


def test_a_database_an_older_program_initialised_gets_the_counters_filled_on_opening(pg_demo):
    campaign = pg_demo.campaign_id
    for name in pg_schema.LIVE_COUNTERS:
        database.execute_sql(f'DROP TABLE "{name}"')  # the trigger's upkeep fails until they are back
    close_database()
    open_database()
    assert _summary(campaign, True) == _truth(campaign, True)
    entry = LedgerEntry.select().where(LedgerEntry.campaign == campaign, LedgerEntry.status == "未启动").first()
    database.execute_sql('UPDATE "ledger_entry" SET "status" = ? WHERE "id" = ?', ("申请销号", entry.id))
    assert _summary(campaign, True) == _truth(campaign, True)


def test_a_page_of_records_is_one_statement_with_its_extensions_and_latest_progress(pg_demo, monkeypatch):
    from desk_app.services import workflow

    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id).limit(200)]
    with_progress = [i for i in ids if workflow.progress_of(i)]
    assert with_progress
    seen = record_statements(monkeypatch)
    records = load_records(list(reversed(ids)))
    assert len(seen) == 1
    assert [r.id for r in records] == list(reversed(ids))
    for record in records:
        progress = workflow.progress_of(record.id)
        assert record.latest_progress == (progress[-1].text if progress else "")
    events = database.execute_sql("SELECT entry_id, COUNT(*) FROM entry_event WHERE kind = '延期' GROUP BY entry_id")
    extended = dict(events.fetchall())
    assert all(r.extension_count == extended.get(r.id, 0) for r in records)


def test_many_values_are_bound_as_psycopg_binds_them(pg_demo):
    values = [None, 0, 7, -3, 2**40, "it's 100%", "名称", datetime.date(2026, 3, 1),
              datetime.datetime(2026, 3, 1, 8, 30), 1.25, True, False] * 6
    sql = "SELECT " + ", ".join("?" for _ in values) + ", '100%' LIKE '100%%', '?'"
    row = database.execute_sql(sql, values).fetchone()
    expected = [v.isoformat(sep=" ") if isinstance(v, datetime.datetime) else
                v.isoformat() if isinstance(v, datetime.date) else int(v) if isinstance(v, bool) else v for v in values]
    assert list(row[:len(values)]) == expected
    assert row[len(values):] == (True, "?")
    with pytest.raises(Exception, match="placeholder"):
        database.execute_sql("SELECT ?, ?", [1])


def test_the_records_statement_names_every_field_of_a_record():
    import dataclasses

    from desk_app.services import entry_records_pg
    from desk_app.services.entry_input import EntryRecord

    names = [*entry_records_pg.RECORD_FIELDS, "missing"]
    assert sorted(names) == sorted(f.name for f in dataclasses.fields(EntryRecord)) and len(set(names)) == len(names)


def test_a_page_of_records_is_what_the_models_give_from_one_prepared_statement(pg_demo, monkeypatch):
    from dataclasses import replace

    from desk_app.db.engine_postgres import Prepared
    from desk_app.db.models import EntryEvent
    from desk_app.services import entry_records, ledger_query

    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).order_by(LedgerEntry.id.desc()).limit(250)]
    for _ in range(2):
        EntryEvent.create(entry=ids[3], kind="延期", text="因故延期")
    EntryEvent.create(entry=ids[4], kind="申请销号")
    LedgerEntry.update(deleted_at=datetime.datetime(2026, 1, 5, 8, 30)).where(LedgerEntry.id == ids[5]).execute()
    LedgerEntry.update(target="", responsible=None, department=None).where(LedgerEntry.id == ids[6]).execute()
    asked = [*ids, 10**9, ids[0]]  # an id that does not exist is left out; a repeated one comes again
    seen = record_statements(monkeypatch)
    records = load_records(asked)
    assert len(seen) == 1 and type(seen[0]) is Prepared
    rows = {r.id: r for r in entry_records.joined_select().where(LedgerEntry.id.in_(ids)).objects()}
    extensions, latest = entry_records.extension_counts(ids), ledger_query.latest_progress(ids)
    expected = [replace(entry_records.to_record(rows[i], extensions.get(i, 0)), latest_progress=latest.get(i, ""))
                for i in [*ids, ids[0]]]
    assert records == expected and [vars(r) for r in records] == [vars(r) for r in expected]
    assert records[3].extension_count == 2 and records[4].extension_count == 0
    assert records[6].missing[:2] == ("定目标", "定责任") and any(r.latest_progress for r in records)
    assert isinstance(records[5].deleted_at, datetime.datetime) and isinstance(records[0].found_date, datetime.date)
    again = load_records(ids[:7])  # another length: the same prepared statement
    assert again == records[:7]
    prepared = database.execute_sql("SELECT COUNT(*) FROM pg_prepared_statements").fetchone()[0]
    assert prepared >= 1

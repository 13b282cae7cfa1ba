"""PostgreSQL's save of an entry in one statement (entry_records_pg.save_entry): the UPDATE with its version
check, the change-log rows and the saved record, the same as the UPDATE, INSERT and SELECT SQLite runs."""

import datetime
from dataclasses import replace

import pytest
from statement_helpers import record_statements

from desk_app.db import open_database
from desk_app.db.engine_postgres import Prepared
from desk_app.db.models import ChangeLog, LedgerEntry, Person
from desk_app.db.versioned import RowChangedError
from desk_app.services import context, entry_records_pg, ledger, ledger_summary
from desk_app.services.ledger_filter import LedgerFilter


@pytest.fixture
def pg_demo(demo, pg_database):
    pg_database("demo")
    open_database()
    return demo


def _log_rows(entry_id: int, after: int) -> list[tuple]:
    return list(ChangeLog.select(ChangeLog.actor, ChangeLog.entity, ChangeLog.entity_id, ChangeLog.action,
                                 ChangeLog.field, ChangeLog.old, ChangeLog.new)
                .where(ChangeLog.entity_id == entry_id, ChangeLog.id > after).order_by(ChangeLog.id).tuples())


def test_an_edit_is_written_logged_and_read_back_in_one_statement(pg_demo, monkeypatch):
    monkeypatch.setattr(context, "_actor", "王五")
    entry = LedgerEntry.select().where(LedgerEntry.owner.is_null(False), LedgerEntry.deadline.is_null(False),
                                       LedgerEntry.kind == "问题整改").order_by(LedgerEntry.id).first()
    record = ledger.get_entry(entry.id)
    other = Person.select().where(Person.id != record.owner_id).order_by(Person.id).first()
    last_log = ChangeLog.select(ChangeLog.id).order_by(ChangeLog.id.desc()).scalar() or 0
    wanted = replace(record.as_input(), note="周三前报送", owner_id=other.id, kind="重点任务", layer="",
                     deadline_type="长期坚持", deadline=None, measures="一是…\n二是…")
    seen = record_statements(monkeypatch)
    saved = ledger.update_entry(entry.id, wanted, base_version=record.version)
    writes = [s for s in seen if s.lstrip().startswith(("WITH", "UPDATE", "INSERT", "DELETE"))]
    assert len(writes) == 1 and type(writes[0]) is Prepared and "change_log" in writes[0]
    assert saved == ledger.get_entry(entry.id) and vars(saved) == vars(ledger.get_entry(entry.id))
    assert saved.version == record.version + 1 and saved.owner_name == other.name and saved.code.startswith("RW-")
    assert (saved.note, saved.deadline, saved.kind, saved.measures) == ("周三前报送", None, "重点任务", "一是…\n二是…")
    logged = _log_rows(entry.id, last_log)
    by_field = {row[4]: row for row in logged}
    assert all(row[:4] == ("王五", "ledger_entry", entry.id, "update") for row in logged)
    assert by_field["owner_id"][5:] == (record.owner_name, other.name)
    assert by_field["deadline"][5:] == (record.deadline.isoformat(), None)
    assert by_field["code"][5:] == (None, saved.code) and by_field["note"][6] == "周三前报送"
    assert [row[4] for row in logged] == list(by_field)  # one row per field, in the order the edit named them
    # The statement's UPDATE ran the tally's and the counters' triggers as any UPDATE does.
    f = LedgerFilter(campaign_id=saved.campaign_id)
    live = LedgerEntry.select().where(LedgerEntry.campaign == saved.campaign_id, LedgerEntry.deleted_at.is_null())
    summary = ledger_summary.summarize(f)
    assert summary.total == live.count()
    assert summary.overdue == live.where(ledger_summary.overdue_condition(context.today())).count()
    assert ledger_summary.counts_by(f, "kind") == {k: live.where(LedgerEntry.kind == k).count()
                                                  for k in {e.kind for e in live}}


def test_a_row_changed_since_it_was_read_is_refused_and_nothing_is_written(pg_demo):
    entry = LedgerEntry.select().order_by(LedgerEntry.id).first()
    before = ledger.get_entry(entry.id)
    last_log = ChangeLog.select(ChangeLog.id).order_by(ChangeLog.id.desc()).scalar() or 0
    row = ledger.get_entry_model(entry.id)
    LedgerEntry.update(note="插队").where(LedgerEntry.id == entry.id).execute()  # committed by "someone"
    row.measures = "旧的读数"
    row.updated_at = datetime.datetime(2026, 3, 1, 9, 0)
    with pytest.raises(RowChangedError):
        entry_records_pg.save_entry(row, {"measures": (before.measures, "旧的读数")})
    after = ledger.get_entry(entry.id)
    assert (after.note, after.measures, after.version) == ("插队", before.measures, before.version + 1)
    assert _log_rows(entry.id, last_log) == []

"""Concurrent edits: row versions, stale saves refused with both sides, retries of whole transactions.

"Another clerk" is a second connection to the same SQLite file: peewee keeps one connection per thread,
so a write made in another thread is a write by another program as far as SQLite can tell."""

import sqlite3
import threading
from dataclasses import replace
from datetime import date

import peewee
import pytest
from other_clerk import elsewhere

from desk_app import paths
from desk_app.db import database as db_module
from desk_app.db.models import LedgerEntry, database
from desk_app.db.versioned import RowChangedError
from desk_app.domain import Layer
from desk_app.errors import StaleVersionError, ValidationErrors
from desk_app.services import campaigns, concurrency, ledger, ledger_bulk, meetings, org, session, workflow
from desk_app.services.ledger import EntryInput


@pytest.fixture
def entry(db):
    c = campaigns.create_campaign("活动", 2026)
    dept = org.create_department("国库科")
    p = org.create_person("王五", dept.id)
    return ledger.create_entry(c.id, EntryInput(layer=Layer.SECTION_CHIEF, description="支付审核慢", target="当月办结",
                                                responsible_id=p.id, owner_id=p.id,
                                                department_id=dept.id, found_date=date(2026, 9, 1),
                                                deadline=date(2026, 12, 31)))


def test_every_write_bumps_the_version(entry):
    assert entry.version == 1
    e = ledger.update_entry(entry.id, replace(entry.as_input(), note="一"))
    assert e.version == 2
    workflow.add_progress(entry.id, "已梳理流程")  # 未启动 → 推进中 writes the row
    assert ledger.get_entry(entry.id).version == 3
    workflow.extend_deadline(entry.id, date(2027, 3, 31), "跨部门")
    ledger_bulk.bulk_update([entry.id], "status", "长期坚持")
    ledger.delete_entries([entry.id])
    ledger.restore_entries([entry.id])
    assert ledger.get_entry(entry.id).version == 7
    LedgerEntry.update(note="直接").where(LedgerEntry.id == entry.id).execute()  # any peewee UPDATE
    assert ledger.get_entry(entry.id).version == 8


def test_a_stale_save_is_refused_with_yours_and_theirs(entry):
    base = entry.as_input()
    elsewhere(ledger.update_entry, entry.id, replace(base, target="年底前办结", note="对方备注"),
              base_version=entry.version)
    mine = replace(base, target="十月底前办结", measures="我的措施")
    with pytest.raises(StaleVersionError) as err:
        ledger.update_entry(entry.id, mine, base_version=entry.version, base=base)
    stale = err.value
    assert (stale.base_version, stale.current_version) == (1, 2)
    assert stale.changed_by == "测试员" and "在你打开之后已被测试员修改" in stale.message
    by_field = stale.by_field()
    assert set(by_field) == {"target", "measures", "note"}
    target = by_field["target"]
    assert (target.yours, target.theirs, target.base) == ("十月底前办结", "年底前办结", "当月办结")
    assert target.both_changed and target.suggestion == ""
    assert by_field["measures"].suggestion == "yours" and by_field["note"].suggestion == "theirs"
    assert by_field["note"].theirs_text == "对方备注" and by_field["note"].yours_text == ""
    stored = ledger.get_entry(entry.id)
    assert stored.target == "年底前办结" and stored.measures == "" and stored.version == 2  # nothing written


def test_names_not_ids_in_the_conflict_texts(entry):
    other = org.create_person("李四")
    elsewhere(ledger.update_entry, entry.id, replace(entry.as_input(), responsible_id=other.id),
              base_version=entry.version)
    with pytest.raises(StaleVersionError) as err:
        ledger.update_entry(entry.id, replace(entry.as_input(), deadline=date(2026, 11, 30)),
                            base_version=entry.version, base=entry.as_input())
    fields = err.value.by_field()
    assert (fields["responsible_id"].yours_text, fields["responsible_id"].theirs_text) == ("王五", "李四")
    assert fields["deadline"].yours_text == "2026-11-30"


def test_saving_the_merge_on_the_new_base_goes_through(entry):
    base = entry.as_input()
    elsewhere(ledger.update_entry, entry.id, replace(base, note="对方备注"), base_version=1)
    mine = replace(base, measures="我的措施")
    with pytest.raises(StaleVersionError) as err:
        ledger.update_entry(entry.id, mine, base_version=1, base=base)
    merged = replace(mine, note="对方备注")  # took theirs where only they changed
    saved = ledger.update_entry(entry.id, merged, base_version=err.value.current_version)
    assert (saved.measures, saved.note, saved.version) == ("我的措施", "对方备注", 3)


def test_two_clerks_saving_the_same_entry_at_once_lose_nothing(entry):
    base = entry.as_input()
    barrier = threading.Barrier(2)
    results = []

    def clerk(text):
        barrier.wait()
        try:
            ledger.update_entry(entry.id, replace(base, note=text), base_version=1)
            results.append(("saved", text))
        except StaleVersionError:
            results.append(("stale", text))
        finally:
            session.release_thread_connection()

    threads = [threading.Thread(target=clerk, args=(t,)) for t in ("甲", "乙")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r[0] for r in results) == ["saved", "stale"]
    winner = next(text for outcome, text in results if outcome == "saved")
    assert ledger.get_entry(entry.id).note == winner


def test_without_a_base_version_a_save_is_not_checked(entry):
    elsewhere(ledger.update_entry, entry.id, replace(entry.as_input(), note="对方"))
    assert ledger.update_entry(entry.id, replace(entry.as_input(), measures="措施")).version == 3  # CLI, undo


def test_validation_still_comes_first_after_a_merge(entry):
    with pytest.raises(ValidationErrors):
        ledger.update_entry(entry.id, replace(entry.as_input(), description=""), base_version=entry.version)


def test_a_row_changed_under_a_save_raises_and_the_write_runs_again(entry):
    row = LedgerEntry.get_by_id(entry.id)
    LedgerEntry.update(note="插队").where(LedgerEntry.id == entry.id).execute()  # committed by "someone"
    row.measures = "旧的读数"
    with pytest.raises(RowChangedError):
        row.save()  # it would have overwritten 插队 with the note it read
    calls = []

    def write():
        calls.append(1)
        fresh = LedgerEntry.get_by_id(entry.id) if len(calls) > 1 else row
        fresh.measures = "重读后写入"
        fresh.save()

    concurrency.run_write(write)
    stored = LedgerEntry.get_by_id(entry.id)
    assert len(calls) == 2 and (stored.note, stored.measures) == ("插队", "重读后写入")


def test_a_save_racing_another_on_the_same_entry_waits_and_is_a_conflict_at_once(entry):
    """The other clerk's save holds the entry, not yet committed, when ours starts: ours waits for it, then
    reads their version and is refused for the merge view, without a rolled-back attempt run again
    (PostgreSQL: the save reads its row FOR UPDATE; SQLite: the write lock comes first)."""
    holding, release = threading.Event(), threading.Event()

    def theirs():
        with concurrency.write_transaction():
            LedgerEntry.update(note="他们的").where(LedgerEntry.id == entry.id).execute()
            holding.set()
            release.wait(10)

    other = threading.Thread(target=elsewhere, args=(theirs,))
    other.start()
    assert holding.wait(10)
    threading.Timer(0.3, release.set).start()
    retries = concurrency.retries_so_far()
    with pytest.raises(StaleVersionError):
        ledger.update_entry(entry.id, replace(entry.as_input(), note="我的"), base_version=entry.version)
    other.join(10)
    assert concurrency.retries_so_far() == retries
    assert ledger.get_entry(entry.id).note == "他们的"


@pytest.mark.sqlite_only  # another program's lock on the SQLite file
def test_a_bulk_change_waits_out_another_programs_lock_and_retries(entry, monkeypatch):
    monkeypatch.setitem(db_module.PRAGMAS, "busy_timeout", 100)
    session.close_data()
    db_module.open_database()
    other = sqlite3.connect(paths.database_path(), isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.35, other.rollback)
    timer.start()
    before = concurrency.retries_so_far()
    try:
        change = ledger_bulk.bulk_update([entry.id], "status", "推进中")
    finally:
        timer.join()
        other.close()
    assert change.changed == 1 and ledger.get_entry(entry.id).status == "推进中"
    assert concurrency.retries_so_far() > before


class _Driver(Exception):
    def __init__(self, sqlstate):
        super().__init__("could not serialize access")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(("error", "retry"), [
    (peewee.OperationalError(_Driver("40001")), True),  # PostgreSQL serialization_failure, wrapped by peewee
    (_Driver("40P01"), True),  # deadlock_detected
    (peewee.OperationalError("database is locked"), True),
    (sqlite3.OperationalError("database is busy"), False),
    (peewee.IntegrityError("UNIQUE constraint failed"), False),
    (_Driver("23505"), False),
])
def test_which_failures_are_retried(error, retry):
    assert concurrency.is_retryable(error) is retry


def test_a_stale_meeting_save_is_refused_too(db):
    from datetime import datetime

    c = campaigns.create_campaign("活动", 2026)
    m = meetings.create_meeting(c.id, meetings.MeetingInput(start_at=datetime(2026, 11, 20, 9, 0), place="一楼"))
    elsewhere(meetings.set_minutes, m.id, "对方的纪要", base_version=m.version)
    with pytest.raises(StaleVersionError) as err:
        meetings.set_minutes(m.id, "我的纪要", base_version=m.version, base="")
    conflict = err.value.by_field()["minutes"]
    assert (conflict.yours, conflict.theirs, conflict.suggestion) == ("我的纪要", "对方的纪要", "")
    base = meetings.input_of(m)
    mine = replace(base, place="二楼")
    saved = meetings.update_meeting(m.id, mine, base_version=m.version, base=base)
    assert saved.place == "二楼"  # only the minutes changed meanwhile: another part of the meeting
    elsewhere(meetings.update_meeting, m.id, replace(base, place="三楼"), base_version=saved.version, base=base)
    with pytest.raises(StaleVersionError) as err:
        meetings.update_meeting(m.id, replace(base, place="四楼"), base_version=saved.version, base=mine)
    assert set(err.value.by_field()) == {"place"} and err.value.by_field()["place"].theirs == "三楼"
    assert meetings.update_meeting(m.id, replace(base, place="四楼"),
                                   base_version=err.value.current_version).place == "四楼"


def test_hand_written_updates_of_versioned_tables_bump_the_version():
    """Writers that build their own UPDATE statements must add bump_sql() (db/versioned)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "desk_app"
    offenders = []
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'UPDATE \\?"?(ledger_entry|meeting|\{model\._meta\.table_name\})\\?"? SET', text):
            window = text[match.start():match.start() + 400]
            if "bump_sql" not in window and "bump_sql" not in text[max(0, match.start() - 300):match.start()]:
                offenders.append(f"{path.name}: {window[:60]}")
    assert not offenders


def test_database_now_is_utc_without_microseconds(db):
    now = concurrency.db_now()
    assert now.microsecond == 0 and now.tzinfo is None
    assert database.execute_sql("SELECT 1").fetchone()[0] == 1

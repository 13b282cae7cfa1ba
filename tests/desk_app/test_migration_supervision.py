"""Migration 0012 (督办 clock: source fields, plans, node dates, 催办) upgrades a database of the version
before it, data kept."""

import sqlite3
from datetime import date

from peewee import SqliteDatabase

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS, m0011_supervision
from desk_app.services import context, ledger, supervision, supervision_urges

BEFORE = MIGRATIONS.index(m0011_supervision)


def _previous_version_database(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    old = SqliteDatabase(str(path))
    for migration in MIGRATIONS[:BEFORE]:
        migration.upgrade(old)
    old.execute_sql(f"PRAGMA user_version = {BEFORE}")
    old.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                    "VALUES ('2026年活动', 2026, 1, '', '2026-01-01 00:00:00')")
    old.execute_sql("INSERT INTO department (name, short_name, sort_order, active) VALUES ('预算科', '', 1, 1)")
    old.execute_sql(
        "INSERT INTO ledger_entry (uuid, code, code_key, campaign_id, kind, layer, category, source, description, "
        "cause, target, measures, standard, department_id, co_departments, found_date, deadline_type, deadline, "
        "rectify_mode, schedule, status, completion_summary, note, source_unit, created_at, updated_at) VALUES "
        "('7b0c8d52-0f5e-4d7e-9a59-0d4c1c7f0a01', 'DB-2026-0001', 'DB-000002026-000000001', 1, '督办事项', '', '', "
        "'上级督查', '落实市督查室交办事项', '', '', '', '', 1, '', '2026-09-28', '按期', '2026-10-13', '', '', "
        "'推进中', '', '', '', '2026-09-28 09:00:00', '2026-09-28 09:00:00')")
    old.close()


def test_a_database_of_the_previous_version_gains_the_supervision_clock(user_folders):
    path = paths.database_path()
    _previous_version_database(path)
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    e = ledger.get_entry(1)
    assert (e.code, e.source, e.task_source, e.doc_number, e.assigned_date) == (
        "DB-2026-0001", "上级督查", "", "", None)
    assert supervision.clock(1) is None  # no 交办日期 yet: nothing is guessed
    context.set_today(date(2026, 10, 9))
    try:
        ledger.update_entry(1, ledger.EntryInput(**{**e.as_input().__dict__, "assigned_date": date(2026, 9, 28),
                                                   "doc_number": "市督查室交办函〔2026〕3号"}))
        clock = supervision.clock(1)
        assert [n.due for n in clock.nodes] == [date(2026, 9, 28), date(2026, 10, 8), date(2026, 10, 13)]
        supervision.set_done_date(1, 1, date(2026, 9, 28))
        supervision_urges.add_urge(1, date(2026, 10, 9), "电话", "预算科")
        assert len(supervision_urges.list_urges(1)) == 1
    finally:
        context.set_today(None)
    backups = list(paths.backups_dir().glob(f"pre-migrate-v{BEFORE}-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "urge" not in tables and "ledger_entry" in tables

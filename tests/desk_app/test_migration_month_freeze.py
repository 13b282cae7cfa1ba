"""Migration 10 (封账) upgrades a database of the version before it, whose data stays as it was."""

from datetime import date

from peewee import SqliteDatabase

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS, m0008_month_freeze
from desk_app.services import month_freeze

BEFORE = MIGRATIONS.index(m0008_month_freeze)  # the version just before 封账, whatever precedes it


def _previous_version_database(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    old = SqliteDatabase(str(path))
    for migration in MIGRATIONS[:BEFORE]:
        migration.upgrade(old)
    old.execute_sql(f"PRAGMA user_version = {BEFORE}")
    old.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                    "VALUES ('2026年活动', 2026, 1, '', '2026-01-01 00:00:00')")
    old.execute_sql("INSERT INTO department (name, short_name, sort_order, active) VALUES ('办公室', '', 1, 1)")
    old.execute_sql(
        "INSERT INTO ledger_entry (uuid, code, campaign_id, kind, layer, category, source, description, cause, "
        "target, measures, standard, co_departments, deadline_type, deadline, rectify_mode, schedule, status, "
        "completion_summary, note, source_unit, created_at, updated_at, department_id, found_date) VALUES "
        "('u-1', 'ZG-2026-0001', 1, '问题整改', '处级干部', '慢作为', '自查', '审批慢', '', '', '', '', '', '按期', "
        "'2026-10-31', '', '', '推进中', '', '', '', '2026-10-01 09:00:00', '2026-10-01 09:00:00', 1, '2026-10-01')")
    # The snapshot table of version 1 existed, unused; an old row in it must not stop the upgrade.
    old.execute_sql("INSERT INTO monthly_snapshot (campaign_id, month, report_day, data, created_at) "
                    "VALUES (1, '2026-09', '2026-09-25', '{}', '2026-09-25 10:00:00')")
    old.close()


def test_the_version_before_is_upgraded_and_a_month_can_be_frozen(user_folders):
    _previous_version_database(paths.database_path())
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    assert {"frozen_record", "frozen_entry"} <= tables
    frozen = month_freeze.freeze_month(1, "2026-11", report_day=date(2026, 11, 20))
    assert [(e.code, e.department_name, e.overdue, e.light) for e in frozen.entries] == [
        ("ZG-2026-0001", "办公室", True, "red")]
    assert month_freeze.frozen_months(1) == ["2026-09", "2026-11"]
    legacy = month_freeze.frozen_month(1, "2026-09")
    assert legacy.entries == () and legacy.figures.total.total == 0

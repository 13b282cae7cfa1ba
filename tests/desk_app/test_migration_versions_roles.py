"""Migration 12 (row versions, roles, editing leases) upgrades a database of the version before it."""

import sqlite3
from dataclasses import replace

from migration_helpers import database_before

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS, m0012_versions_roles
from desk_app.services import editing_lease, ledger, meetings, roles

BEFORE = MIGRATIONS.index(m0012_versions_roles)


def _previous_version_database(path):
    old = database_before(m0012_versions_roles, path)
    old.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                    "VALUES ('2026年活动', 2026, 1, '', '2026-01-01 00:00:00')")
    old.execute_sql("INSERT INTO ledger_entry (uuid, code, campaign_id, kind, layer, category, source, description, "
                    "cause, target, measures, standard, co_departments, deadline_type, rectify_mode, schedule, "
                    "status, completion_summary, note, source_unit, created_at, updated_at) VALUES "
                    "('u-1', 'ZG-2026-0001', 1, '问题整改', '科长(主任)', '', '', '审批慢', '', '', '', '', '', "
                    "'按期', '', '', '推进中', '', '', '', '2026-01-02 00:00:00', '2026-01-02 00:00:00')")
    old.execute_sql("INSERT INTO meeting (campaign_id, meeting_type, year, number, title, start_at, place, contact, "
                    "agenda, minutes) VALUES (1, '专班推进会', 2026, 1, '第1次推进会', '2026-02-01 09:00:00', '', '', '', '')")
    old.close()


def test_a_database_of_the_previous_version_gains_versions_roles_and_leases(user_folders):
    path = paths.database_path()
    _previous_version_database(path)
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    entry = ledger.get_entry(1)
    assert entry.version == 1 and entry.description == "审批慢"
    assert meetings.get_meeting(1).version == 1
    saved = ledger.update_entry(1, replace(entry.as_input(), note="升级后"), base_version=1)
    assert saved.version == 2
    assert roles.current().role == roles.Role.OFFICE and not roles.current().roles_in_use  # as before
    assert editing_lease.hold("ledger_entry", 1) == []
    backups = list(paths.backups_dir().glob(f"pre-migrate-v{BEFORE}-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {r[1] for r in old.execute('PRAGMA table_info("ledger_entry")')}
    assert "user_role" not in tables and "version" not in columns

"""Migration 11 (rankings, 约谈, registers) upgrades a database of the version before it, data kept."""

import sqlite3

from peewee import SqliteDatabase

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS, m0010_rankings_registers
from desk_app.services import campaigns, rankings, registers
from desk_app.services.rankings import ScoreInput

BEFORE = MIGRATIONS.index(m0010_rankings_registers)


def _previous_version_database(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    old = SqliteDatabase(str(path))
    for migration in MIGRATIONS[:BEFORE]:
        migration.upgrade(old)
    old.execute_sql(f"PRAGMA user_version = {BEFORE}")
    old.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                    "VALUES ('2026年活动', 2026, 1, '', '2026-01-01 00:00:00')")
    old.execute_sql("INSERT INTO department (name, short_name, sort_order, active) VALUES ('预算科', '', 1, 1)")
    old.close()


def test_a_database_of_the_previous_version_gains_rankings_and_registers(user_folders):
    path = paths.database_path()
    _previous_version_database(path)
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    assert [k.name for k in rankings.list_kinds()] == ["作风指数评价", "财政大讲堂"]
    kind = rankings.kind_by_name("作风指数评价")
    assert (kind.bottom_count, kind.consecutive, kind.higher_is_better) == (3, 2, True)
    r = rankings.create_round(kind.id, "2026-Q1")
    assert rankings.set_scores(r.id, [ScoreInput("预算科", 91.5)])[0].department_id == 1
    campaign = campaigns.current_campaign()
    assert campaign.name == "2026年活动"
    assert registers.create_item(campaign.id, "制度清单", title="公文处理实施细则").status == "梳理中"
    backups = list(paths.backups_dir().glob(f"pre-migrate-v{BEFORE}-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "ranking_kind" not in tables and "department" in tables

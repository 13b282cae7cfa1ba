"""Migration 12 (配合 references, measures, 月度序时进度) upgrades a database of the version before it:
free-text 配合处室 becomes references, names that match no department stay as text."""

import sqlite3

from peewee import SqliteDatabase

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS, m0013_measures
from desk_app.services import assists, campaigns, ledger, measures
from desk_app.services.measures import MeasureInput

BEFORE = MIGRATIONS.index(m0013_measures)

ENTRY_SQL = ('INSERT INTO "ledger_entry" ("uuid", "code", "campaign_id", "kind", "layer", "category", "source", '
             '"description", "cause", "target", "measures", "standard", "department_id", "co_departments", '
             '"deadline_type", "rectify_mode", "schedule", "status", "completion_summary", "note", "source_unit", '
             '"created_at", "updated_at", "code_key") VALUES (?, ?, 1, \'重点任务\', \'\', \'\', \'\', ?, \'\', \'\', '
             '\'\', \'\', ?, ?, \'按期\', \'\', \'\', \'推进中\', \'\', \'\', \'\', \'2026-02-01 09:00:00\', '
             '\'2026-02-01 09:00:00\', ?)')


def _previous_version_database(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    old = SqliteDatabase(str(path))
    for migration in MIGRATIONS[:BEFORE]:
        migration.upgrade(old)
    old.execute_sql(f"PRAGMA user_version = {BEFORE}")
    old.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                    "VALUES ('2026年改作风提效能专项行动', 2026, 1, '', '2026-01-01 00:00:00')")
    for i, (name, short) in enumerate((("办公室", ""), ("预算科", "预算"), ("国库支付科", "国库")), start=1):
        old.execute_sql("INSERT INTO department (name, short_name, sort_order, active) VALUES (?, ?, ?, 1)",
                        (name, short, i))
    rows = [("深化预算管理制度改革", 1, "预算科、国库支付科"),  # both known
            ("强化直达资金监控", 2, "国库，办公室；各盟市财政局"),  # short name, full name, unknown
            ("做好政务信息宣传", 1, "办公室"),  # the lead itself: not a 配合 department
            ("推进财政电子票据应用", 3, "")]
    for n, (text, lead, co) in enumerate(rows, start=1):
        old.execute_sql(ENTRY_SQL, (f"00000000-0000-4000-8000-00000000000{n}", f"RW-2026-000{n}", text, lead, co,
                                    f"RW-2026-{n:04d}"))
    old.close()


def test_previous_version_upgrades_and_free_text_becomes_references(user_folders):
    path = paths.database_path()
    _previous_version_database(path)
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    entries = {e.code: e for e in (ledger.get_entry(i) for i in range(1, 5))}
    assert assists.assist_ids(1) == [2, 3]
    assert entries["RW-2026-0001"].co_departments == "预算科、国库支付科"
    assert assists.assist_ids(2) == [3, 1]
    assert entries["RW-2026-0002"].co_departments == "国库支付科、办公室、各盟市财政局"
    assert assists.assist_ids(3) == [] and entries["RW-2026-0003"].co_departments == ""
    campaign = campaigns.current_campaign()
    assert assists.unmatched_names(campaign.id) == {"各盟市财政局": 1}
    # The new tables work on the upgraded data.
    measures.add_measure(1, MeasureInput("出台预算管理办法", department_id=2))
    assert measures.measures_of(1)[0].department_name == "预算科"
    backups = list(paths.backups_dir().glob(f"pre-migrate-v{BEFORE}-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        texts = [r[0] for r in old.execute("SELECT co_departments FROM ledger_entry ORDER BY id")]
    assert "entry_assist" not in tables and texts[1] == "国库，办公室；各盟市财政局"

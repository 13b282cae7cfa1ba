"""Migrations 6 (问题编号 in numeric order) and 7 (tally, covering index) upgrade a version-5 database."""

import sqlite3
from datetime import date

from peewee import SqliteDatabase

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, MIGRATIONS
from desk_app.db.models import database
from desk_app.services import ledger, ledger_query
from desk_app.services.ledger import EntryInput
from desk_app.services.ledger_query import LedgerFilter

ENTRY_SQL = ("INSERT INTO ledger_entry (uuid, code, campaign_id, kind, layer, owner_id, category, source, description, "
             "cause, target, measures, standard, co_departments, deadline_type, rectify_mode, schedule, status, "
             "completion_summary, note, source_unit, created_at, updated_at, deleted_at, department_id) "
             "VALUES (?, ?, 1, '问题整改', '处级干部', ?, ?, '自查', ?, '', '', '', '', '', '按期', '', '', ?, '', '', ?, "
             "'2026-01-02 09:00:00', '2026-01-02 09:00:00', ?, NULL)")


def _version_5_database(path):
    """A clerk's database as release 5 left it: 问题编号 past 9,999, an entry in the bin, a sub-unit's entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    v5 = SqliteDatabase(str(path))
    for migration in MIGRATIONS[:5]:
        migration.upgrade(v5)
    v5.execute_sql("PRAGMA user_version = 5")
    v5.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                   "VALUES ('2026年活动', 2026, 1, '', '2026-01-01 00:00:00')")
    v5.execute_sql("INSERT INTO person (name, title, level, phone, active, sort_order) "
                   "VALUES ('张三', '', '', '', 1, 1)")
    rows = [(f"u-{n}", f"ZG-2026-{n:04d}", 1, "慢作为", f"问题{n}", "推进中", "", None) for n in (9, 10, 999, 1000)]
    rows += [("u-9999", "ZG-2026-9999", None, "", "问题9999", "已销号", "", None),
             ("u-10000", "ZG-2026-10000", 1, "慢作为", "问题10000", "推进中", "", "2026-03-01 10:00:00"),
             ("u-unit", "ZG-2026-50000", None, "", "下级的问题", "未启动", "区财政局", None)]
    for row in rows:
        v5.execute_sql(ENTRY_SQL, row)
    v5.close()


def test_a_version_5_database_is_upgraded_with_numeric_codes_and_a_tally(user_folders):
    path = paths.database_path()
    _version_5_database(path)
    db = open_database()
    assert schema_version(db) == LATEST_VERSION  # 7 when written; later migrations keep what 6 and 7 did
    f = LedgerFilter(campaign_id=1)
    assert [e.code for e in ledger_query.fetch_entries(f, sort="code")] == [
        "ZG-2026-0009", "ZG-2026-0010", "ZG-2026-0999", "ZG-2026-1000", "ZG-2026-9999", "ZG-2026-50000"]
    tally = dict(db.execute_sql("SELECT status, SUM(n) FROM ledger_tally WHERE live = 1 GROUP BY status").fetchall())
    assert tally == {"推进中": 4, "已销号": 1, "未启动": 1}
    assert ledger_query.summarize(f).total == 6 and ledger_query.summarize(LedgerFilter(deleted=True)).total == 1
    # The search index is rebuilt with its tags column: every entry is queued (a queue this short is
    # indexed by the first search; a long one by the background step, scanned meanwhile).
    from desk_app.services import search

    assert search.pending() == 7
    assert [e.code for e in ledger_query.fetch_entries(LedgerFilter(campaign_id=1, text="问题9999"))] == [
        "ZG-2026-9999"]
    assert search.pending() == 0 and search.summary_counts("问题", 1, False, date(2026, 11, 23))[0] == 6
    # The entry in the bin keeps its number taken: the next one is 10,001.
    assert ledger.create_entry(1, EntryInput(layer="处级干部", description="升级后的新问题")).code == "ZG-2026-10001"
    indexes = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}
    assert {"ledger_entry_by_id", "ledger_entry_code_number", "ledger_entry_live_kind"} <= indexes
    assert not {"ledger_entry_kind", "ledger_entry_status", "ledger_entry_layer"} & indexes
    backups = list(paths.backups_dir().glob("pre-migrate-v5-*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 5


def test_the_tally_follows_every_kind_of_write(demo):
    """Triggers keep it exact whoever writes: services, bulk SQL, foreign-key actions, deletions."""
    from desk_app.db.models import Department, LedgerEntry, Person
    from desk_app.services import ledger_bulk, ledger_summary, recycle_bin

    def recount():
        return dict(((c, live, k, lay, d, o, cat, s), n) for c, live, k, lay, d, o, cat, s, n in database.execute_sql(
            "SELECT campaign_id, deleted_at IS NULL, kind, layer, COALESCE(department_id, 0), COALESCE(owner_id, 0), "
            "category, status, COUNT(*) FROM ledger_entry GROUP BY 1, 2, 3, 4, 5, 6, 7, 8").fetchall())

    def tally():
        return dict(((c, live, k, lay, d, o, cat, s), n) for c, live, k, lay, d, o, cat, s, n in database.execute_sql(
            "SELECT campaign_id, live, kind, layer, department_id, owner_id, category, status, n FROM ledger_tally "
            "WHERE n <> 0").fetchall())

    assert tally() == recount()
    ids = [e.id for e in LedgerEntry.select(LedgerEntry.id).where(LedgerEntry.status == "推进中").limit(30)]
    ledger_bulk.bulk_update(ids[:10], "status", "未启动")
    ledger_bulk.bulk_update(ids[10:20], "department_id", Department.select().order_by(Department.id.desc()).first().id)
    ledger.delete_entries(ids[20:25])
    recycle_bin.purge("ledger_entry", ids[20:22])
    LedgerEntry.update(layer="班子成员").where(LedgerEntry.id == ids[26]).execute()
    owner = Person.get_by_id(LedgerEntry.get_by_id(ids[27]).owner_id)
    Person.delete().where(Person.id == owner.id).execute()  # ON DELETE SET NULL updates the entries
    assert tally() == recount()
    assert ledger_summary.summarize(LedgerFilter(campaign_id=demo.campaign_id)).total == LedgerEntry.select().where(
        LedgerEntry.deleted_at.is_null()).count()

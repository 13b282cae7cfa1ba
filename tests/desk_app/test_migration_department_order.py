"""Migration 16 (a 责任单位's entries in 问题编号 order) upgrades a database of the version before it: its entries stay
as they were, and a department's list sorted by 编号 is read by the new index."""

import pytest
from migration_helpers import database_before

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, m0015_ledger_department_order
from desk_app.services import ledger_paging, ledger_query
from desk_app.services.ledger_query import LedgerFilter


def _previous_version_database(path):
    old = database_before(m0015_ledger_department_order, path)
    old.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                    "VALUES ('2026年改作风提效能专项行动', 2026, 1, '', '2026-01-01 00:00:00')")
    for number, name in ((1, "综合科"), (2, "预算科")):
        _insert(old, "department", {"name": name, "sort_order": number, "active": 1})
    for n in range(1, 31):
        _insert(old, "ledger_entry", {
            "uuid": f"u{n}", "code": f"ZG-2026-{n:04d}", "code_key": f"ZG-000000002026-{n:012d}", "campaign_id": 1,
            "department_id": 1 if n <= 20 else 2, "kind": "问题整改", "created_at": "2026-01-02 09:00:00",
            "updated_at": "2026-01-02 09:00:00"})
    old.close()


def _insert(db, table: str, values: dict) -> None:
    """A row with the given values and an empty text (or 0) in every other column that needs one."""
    columns = db.execute_sql(f"PRAGMA table_info({table})").fetchall()
    empty = {c[1]: (0 if c[2].upper() in ("INTEGER", "REAL") else "") for c in columns
             if c[3] and c[4] is None and c[1] != "id" and c[1] not in values}
    row = {**empty, **values}
    db.execute_sql(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


@pytest.mark.sqlite_only  # a SQLite file of the previous version (PostgreSQL's schema is built at the newest)
def test_previous_version_upgrades_and_a_department_by_code_seeks_its_index(user_folders):
    _previous_version_database(paths.database_path())
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    names = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()}
    assert "ledger_entry_live_department" in names
    f = LedgerFilter(campaign_id=1, department_ids=[2])
    assert ledger_paging._seek(f, "code")[0] == "ledger_entry_live_department"
    codes = [f"ZG-2026-{n:04d}" for n in range(21, 31)]
    page = ledger_query.page(f, "code", limit=4)
    assert [r.code for r in ledger_query.load_records(page.ids)] == codes[:4]
    rest = ledger_query.page(f, "code", limit=20, after=page.last_key)
    assert [r.code for r in ledger_query.load_records(rest.ids)] == codes[4:]

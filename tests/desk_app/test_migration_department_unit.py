"""Migration 20 (a sub-unit's departments are the sub-unit's) upgrades a database of the version before it: what
earlier package imports filed under our 办公室 and our 张三 moves to the county's; our own entries stay as they were."""

import pytest
from migration_helpers import database_before
from test_migration_department_order import _insert

from desk_app import paths
from desk_app.db import open_database, schema_version
from desk_app.db.migrations import LATEST_VERSION, m0020_department_unit
from desk_app.db.models import Department, LedgerEntry, Measure, Person
from desk_app.services import org


def _previous_version_database(path):
    old = database_before(m0020_department_unit, path)
    old.execute_sql("INSERT INTO campaign (name, year, is_current, note, created_at) "
                    "VALUES ('2026年改作风提效能专项行动', 2026, 1, '', '2026-01-01 00:00:00')")
    _insert(old, "unit", {"name": "XX县财政局", "sort_order": 1, "active": 1})
    for number, name in ((1, "办公室"), (2, "预算科")):
        _insert(old, "department", {"name": name, "sort_order": number, "active": 1})
    _insert(old, "person", {"name": "张三", "department_id": 1, "active": 1, "sort_order": 1})
    _insert(old, "person", {"name": "李四", "active": 0, "sort_order": 9999})  # a county person, no 科室 named
    for n, unit in ((1, ""), (2, ""), (3, "XX县财政局"), (4, "XX县财政局")):
        _insert(old, "ledger_entry", {
            "uuid": f"u{n}", "code": f"ZG-2026-{n:04d}", "code_key": f"ZG-000000002026-{n:012d}", "campaign_id": 1,
            "department_id": 1, "owner_id": 1 if n != 4 else 2, "responsible_id": 1, "kind": "问题整改",
            "source_unit": unit, "created_at": "2026-01-02 09:00:00", "updated_at": "2026-01-02 09:00:00"})
    _insert(old, "measure", {"uuid": "m1", "entry_id": 3, "seq": 1, "content": "建立台账", "department_id": 1,
                             "responsible_id": 1, "status": "推进中", "created_at": "2026-01-02 09:00:00",
                             "updated_at": "2026-01-02 09:00:00"})
    old.close()


@pytest.mark.sqlite_only  # a SQLite file of the previous version (PostgreSQL's schema is built at the newest)
def test_previous_version_upgrades_and_the_countys_entries_get_the_countys_departments(user_folders):
    _previous_version_database(paths.database_path())
    db = open_database()
    assert schema_version(db) == LATEST_VERSION
    ours = list(LedgerEntry.select().where(LedgerEntry.source_unit == "").order_by(LedgerEntry.id))
    assert [(e.department.name, e.owner.name, e.owner_id) for e in ours] == [("办公室", "张三", 1)] * 2
    county = list(LedgerEntry.select().where(LedgerEntry.source_unit == "XX县财政局").order_by(LedgerEntry.id))
    office = Department.get(Department.name == "XX县财政局·办公室")
    assert office.unit.name == "XX县财政局" and not office.active
    assert all(e.department_id == office.id for e in county)
    zhang = county[0].owner
    assert zhang.name == "张三" and zhang.id != 1 and zhang.department_id == office.id and not zhang.active
    assert county[0].responsible_id == county[1].responsible_id == zhang.id  # one county 张三, not one per field
    assert county[1].owner.name == "李四" and county[1].owner.department.name == "XX县财政局·本级"
    measure = Measure.get(Measure.uuid == "m1")
    assert measure.department_id == office.id and measure.responsible_id == zhang.id
    assert [d.name for d in org.list_departments(include_inactive=True)] == ["办公室", "预算科"]
    assert Person.get_by_id(1).department.name == "办公室"

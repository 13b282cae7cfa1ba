"""Entries given a field at a time (services/entry_columns, a package's new entries) are stored as
create_entries stores the same entries, and anything create_entries refuses is refused with its words."""

from datetime import date, datetime

import pytest

from desk_app.db.models import database
from desk_app.domain import EntryKind, Layer, Status
from desk_app.errors import ValidationErrors
from desk_app.services import campaigns, org
from desk_app.services.entry_columns import INPUT_FIELDS, create_entry_columns
from desk_app.services.ledger import EntryInput, NewEntry, create_entries

OTHER_FIELDS = ("status", "completed_date", "closed_date", "completion_summary", "source_unit", "code", "meeting_id",
                "decision_no", "reviewer_id", "uuid", "created_at", "updated_at", "deleted_at")


@pytest.fixture
def setup(db):
    c = campaigns.create_campaign("2026年观念能力作风建设年", 2026)
    dept = org.create_department("预算科")
    other = org.create_department("办公室")
    person = org.create_person("张三", dept.id, "科长", "科长(主任)", "13800000000")
    return c, dept, other, person


def _entries(dept, other, person, unit: str, count: int = 4) -> list[NewEntry]:
    out = []
    for i in range(count):
        data = EntryInput(kind=EntryKind.RECTIFICATION, layer=Layer.SECTION_CHIEF, owner_id=person.id,
                          category="慢作为", source="自查", description=f"办理预算调整事项拖延{i}", target="按时办结",
                          measures="一是…", standard="超时件清零", department_id=dept.id,
                          co_departments="办公室" if i % 2 else "", responsible_id=person.id,
                          found_date=date(2026, 3, 1 + i), deadline=date(2026, 6, 30),
                          schedule="3月底完成30%，6月底完成100%" if i == 1 else "", note="备注")
        out.append(NewEntry(data, status=Status.CLOSED if i == 2 else Status.IN_PROGRESS,
                            completed_date=date(2026, 5, 1) if i == 2 else None, completion_summary="已完成" if i == 2
                            else "", reviewer_id=person.id if i == 2 else None, source_unit=unit, code=f"ZG-2026-{i + 7:04d}",
                            decision_no=None, uuid=f"00000000-0000-4000-8000-{unit.encode().hex()[:6]}{i:06d}",
                            created_at=datetime(2026, 3, 1, 9, 0, i), updated_at=datetime(2026, 4, 1, 9, 30),
                            deleted_at=datetime(2026, 4, 2, 8, 0) if i == 3 else None))
    return out


def _columns(items: list[NewEntry]) -> dict[str, list]:
    def stored(value):
        if isinstance(value, datetime):
            return str(value)
        return value.isoformat() if isinstance(value, date) else value

    columns = {name: [stored(getattr(item.data, name)) for item in items] for name in INPUT_FIELDS}
    columns.update({name: [stored(getattr(item, name)) for item in items] for name in OTHER_FIELDS})
    return columns


def _stored(unit: str) -> list[tuple]:
    """The unit's entries as stored, without what differs by unit (ids, uuids); their 配合处室 and plans."""
    rows = database.execute_sql(
        'SELECT * FROM "ledger_entry" WHERE "source_unit" = ? ORDER BY "code"', (unit,))
    names = [d[0] for d in rows.description]
    out = []
    for row in rows.fetchall():
        values = dict(zip(names, row, strict=True))
        assists = database.execute_sql('SELECT "department_id", "sort_order" FROM "entry_assist" WHERE "entry_id" = ?',
                                       (values["id"],)).fetchall()
        plans = database.execute_sql('SELECT "month", "planned" FROM "progress_plan" WHERE "entry_id" = ? '
                                     'ORDER BY "month"', (values["id"],)).fetchall()
        for name in ("id", "uuid", "source_unit"):
            values.pop(name)
        out.append((values, assists, plans))
    return out


def test_columns_store_what_create_entries_stores(setup):
    c, dept, other, person = setup
    create_entries(c.id, _entries(dept, other, person, "甲局"), log=False, index_now=False)
    ids = create_entry_columns(c.id, _columns(_entries(dept, other, person, "乙局")), log=False, index_now=False)
    assert len(ids) == 4 and _stored("乙局") == _stored("甲局")
    assert any(assists for _values, assists, _plans in _stored("乙局"))
    assert any(plans for _values, _assists, plans in _stored("乙局"))


@pytest.mark.parametrize("change", [
    lambda items: setattr(items[1].data, "description", ""),  # a field problem
    lambda items: setattr(items[2].data, "department_id", 999),  # a 科室 that is not here
    lambda items: setattr(items[3], "code", items[0].code),  # a code twice
    lambda items: setattr(items[0], "status", "差不多"),
    lambda items: setattr(items[0], "meeting_id", 42),
])
def test_a_refusal_is_create_entries_own(setup, change):
    c, dept, other, person = setup
    items = _entries(dept, other, person, "丙局")
    change(items)
    with pytest.raises(ValidationErrors) as by_columns:
        create_entry_columns(c.id, _columns(items))
    with pytest.raises(ValidationErrors) as by_entries:
        create_entries(c.id, items)
    assert str(by_columns.value) == str(by_entries.value)
    assert not _stored("丙局")


def test_a_code_taken_here_or_missing_goes_the_per_entry_way(setup):
    c, dept, other, person = setup
    create_entry_columns(c.id, _columns(_entries(dept, other, person, "丁局", 1)))
    items = _entries(dept, other, person, "丁局")[1:]
    items[0].code = "ZG-2026-0007"  # the first one's, stored above
    with pytest.raises(ValidationErrors, match="已被使用"):
        create_entry_columns(c.id, _columns(items))
    items[0].code = None  # numbered, as create_entries numbers it
    ids = create_entry_columns(c.id, _columns(items))
    assert len(ids) == 3 and len(_stored("丁局")) == 4

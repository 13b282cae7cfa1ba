from dataclasses import replace
from datetime import date

import pytest
from statement_helpers import record_statements

from desk_app.domain import DeadlineType, EntryKind, Layer, Status
from desk_app.errors import NotFoundError, ValidationErrors
from desk_app.services import campaigns, changelog, ledger, org, taskforces
from desk_app.services.entry_input import missing_references
from desk_app.services.ledger import EntryInput


@pytest.fixture
def setup(db):
    c = campaigns.create_campaign("2022年观念能力作风建设年", 2022)
    dept = org.create_department("预算科")
    person = org.create_person("张三", dept.id, "科长", "科长(主任)", "13800000000")
    return c, dept, person


def _input(person, dept, **kw):
    values = dict(kind=EntryKind.RECTIFICATION, layer=Layer.SECTION_CHIEF, owner_id=person.id,
                  category="慢作为", source="自查", description="办理预算调整事项拖延",
                  target="按时办结", measures="一是…", standard="超时件清零", department_id=dept.id,
                  responsible_id=person.id, found_date=date(2026, 3, 1), deadline=date(2026, 6, 30))
    values.update(kw)
    return EntryInput(**values)


def test_create_assigns_code_uuid_and_names(setup):
    c, dept, person = setup
    first = ledger.create_entry(c.id, _input(person, dept))
    second = ledger.create_entry(c.id, _input(person, dept))
    assert first.code == "ZG-2022-0001" and second.code == "ZG-2022-0002"
    assert first.uuid != second.uuid and len(first.uuid) == 36
    assert first.owner_name == "张三" and first.department_name == "预算科"
    assert first.status == Status.NOT_STARTED and first.is_ready
    decision = ledger.create_entry(c.id, _input(person, dept, kind=EntryKind.DECISION, layer=""))
    assert decision.code == "YD-2022-0001"


def test_validation_reports_every_field_in_chinese(setup):
    c, dept, person = setup
    bad = _input(person, dept, description="   ", deadline=date(2026, 2, 1), layer="", deadline_type="随便")
    with pytest.raises(ValidationErrors) as err:
        ledger.create_entry(c.id, bad)
    fields = err.value.by_field()
    assert fields["deadline"] == "整改时限不能早于发现日期"
    assert "不能为空" in fields["description"]
    assert "层级" in fields["layer"]
    assert "deadline_type" in fields


def test_text_is_cleaned_of_control_characters(setup):
    c, dept, person = setup
    e = ledger.create_entry(c.id, _input(person, dept, description="问题\x00描述\x07\r\n第二行  "))
    assert e.description == "问题描述\n第二行"


def test_missing_essentials_shows_the_four_fixes(setup):
    c, dept, person = setup
    e = ledger.create_entry(c.id, _input(person, dept, target="", standard="", responsible_id=None,
                                         department_id=None, deadline=None))
    assert e.missing == ("定目标", "定责任", "定时限", "定标准")
    long_term = ledger.create_entry(c.id, _input(person, dept, deadline=None,
                                                 deadline_type=DeadlineType.LONG_TERM))
    assert "定时限" not in long_term.missing


def test_update_logs_each_changed_field_by_name(setup):
    c, dept, person = setup
    other = org.create_person("李四", dept.id)
    e = ledger.create_entry(c.id, _input(person, dept))
    data = e.as_input()
    data.responsible_id = other.id
    data.measures = "新措施"
    updated = ledger.update_entry(e.id, data)
    assert updated.responsible_name == "李四"
    log = {r.field: r for r in changelog.history("ledger_entry", e.id) if r.action == "update"}
    assert log["responsible_id"].old == "张三" and log["responsible_id"].new == "李四"
    assert log["measures"].new == "新措施"
    assert log["measures"].actor == "测试员"
    before = len(changelog.history("ledger_entry", e.id))
    ledger.update_entry(e.id, updated.as_input())  # no change, no log
    assert len(changelog.history("ledger_entry", e.id)) == before


def test_delete_moves_to_recycle_bin_and_restore_brings_back(setup):
    from desk_app.services.ledger_query import LedgerFilter, count_entries

    c, dept, person = setup
    e = ledger.create_entry(c.id, _input(person, dept))
    assert ledger.delete_entries([e.id]) == 1
    assert count_entries(LedgerFilter(campaign_id=c.id)) == 0
    assert count_entries(LedgerFilter(campaign_id=c.id, deleted=True)) == 1
    assert ledger.restore_entries([e.id]) == 1
    assert count_entries(LedgerFilter(campaign_id=c.id)) == 1
    actions = [r.action for r in changelog.history("ledger_entry", e.id)]
    assert "delete" in actions and "restore" in actions


def test_unknown_entry_is_a_clear_error(db):
    with pytest.raises(NotFoundError) as err:
        ledger.get_entry(999)
    assert "找不到" in err.value.message


# The references an entry names (人员, 科室, 专班) are checked in one statement, however many models they reach.
def test_missing_people_departments_and_task_forces_are_found_in_one_statement(setup, monkeypatch):
    _c, dept, person = setup
    other = org.create_department("办公室")
    force = taskforces.create_task_force(_c.id, "作风专班")
    good = _input(person, dept, leader_id=person.id, task_force_id=force.id)
    bad = replace(_input(person, other), owner_id=9001, leader_id=9002, department_id=9003, task_force_id=9004)
    seen = record_statements(monkeypatch)
    missing = missing_references([good, bad])
    assert len(seen) == 1
    assert missing == {"owner_id": {9001, 9002}, "leader_id": {9001, 9002}, "responsible_id": {9001, 9002},
                       "department_id": {9003}, "task_force_id": {9004}}
    assert missing_references([replace(good, task_force_id=None)]) == {
        name: set() for name in ("owner_id", "leader_id", "responsible_id", "department_id", "task_force_id")}


def test_many_references_are_checked_in_statements_of_at_most_900_values(setup, monkeypatch):
    _c, dept, person = setup
    inputs = [replace(_input(person, dept), owner_id=10_000 + n) for n in range(1500)]
    seen = record_statements(monkeypatch)
    missing = missing_references(inputs)
    assert missing["owner_id"] == {10_000 + n for n in range(1500)} and person.id not in missing["owner_id"]
    assert missing["department_id"] == set() and len(seen) == 2

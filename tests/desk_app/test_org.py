import pytest

from desk_app.errors import ValidationError
from desk_app.services import changelog, org


def test_departments_keep_the_clerks_order(db):
    a = org.create_department("办公室")
    b = org.create_department("预算科")
    c = org.create_department("国库科")
    org.reorder_departments([c.id, a.id, b.id])
    assert [d.name for d in org.list_departments()] == ["国库科", "办公室", "预算科"]


def test_department_names_are_unique_and_renames_are_logged(db):
    a = org.create_department("办公室")
    org.create_department("预算科")
    with pytest.raises(ValidationError, match="已存在"):
        org.update_department(a.id, name="预算科")
    org.update_department(a.id, name="局办公室")
    assert [r.new for r in changelog.history("department", a.id) if r.field == "name"][0] == "局办公室"


def test_inactive_people_and_departments_leave_pickers_but_keep_history(db):
    d = org.create_department("预算科")
    p = org.create_person("张三", d.id, level="一般干部")
    org.update_person(p.id, active=False)
    assert org.list_people() == []
    assert [x.name for x in org.list_people(include_inactive=True)] == ["张三"]
    org.update_department(d.id, active=False)
    assert org.list_departments() == []


def test_person_validation_messages(db):
    with pytest.raises(ValidationError, match="姓名不能为空"):
        org.create_person("  ")
    with pytest.raises(ValidationError, match="层级"):
        org.create_person("李四", level="部长")
    with pytest.raises(ValidationError, match="联系电话"):
        org.create_person("李四", phone="abc")

"""Roles on a shared database: the one guard of every write service, checked per role."""

import importlib
import inspect
import pkgutil
from dataclasses import replace
from datetime import date

import pytest

import desk_app.exchange
import desk_app.services
from desk_app.db.models import LedgerEntry, Person, TaskForceMember
from desk_app.errors import PermissionDeniedError, ValidationError
from desk_app.services import (
    attachments,
    context,
    ledger,
    ledger_bulk,
    org,
    roles,
    roles_admin,
    taskforce_reports,
    taskforces,
    workflow,
)


def write_services() -> dict[str, object]:
    """Every function wrapped by context.writes, in desk_app.services and desk_app.exchange."""
    found = {}
    for package in (desk_app.services, desk_app.exchange):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, obj in vars(module).items():
                if callable(obj) and hasattr(obj, "write_allow") and getattr(obj, "__module__", "") == module.__name__:
                    found[f"{info.name}.{name}"] = obj
    return found


def call_with_nothing(service):
    """Call a write service with None for every parameter: the guard must refuse before any of them is read."""
    params = inspect.signature(service.__wrapped__).parameters.values()
    args = [None for p in params if p.kind == p.POSITIONAL_OR_KEYWORD and p.default is p.empty]
    kwargs = {p.name: None for p in params if p.kind == p.KEYWORD_ONLY and p.default is p.empty}
    return service(*args, **kwargs)


@pytest.fixture
def office(demo):
    """The demo with roles in use: the test clerk is 活动办; a 专班联络员, a 科室联络员 and a leader (只读)."""
    member = TaskForceMember.select().order_by(TaskForceMember.id).first()
    people = list(Person.select().where(Person.department.is_null(False)).order_by(Person.id))
    clerk = org.create_person("测试员")
    roles_admin.set_role(clerk.id, "活动办")
    dept_person = next(p for p in people if p.id != member.person_id)
    leader = next(p for p in people if p.id not in (member.person_id, dept_person.id))
    roles_admin.set_role(member.person_id, "专班联络员")
    roles_admin.set_role(dept_person.id, "科室联络员")
    roles_admin.set_role(leader.id, "只读")
    return {"tf_person": Person.get_by_id(member.person_id), "task_force_id": member.task_force_id,
            "dept_person": dept_person, "leader": leader}


def act_as(person) -> None:
    context.set_actor(person.name if person else None)
    roles.forget_cached()


def own_and_other_entry(identity_test):
    entries = list(LedgerEntry.select().where(LedgerEntry.deleted_at.is_null()).order_by(LedgerEntry.id))
    own = next(e for e in entries if identity_test(e))
    other = next(e for e in entries if not identity_test(e))
    return own, other


def test_without_roles_everyone_is_the_office(db):
    context.set_actor("随便谁")
    assert roles.current().role == roles.Role.OFFICE and not roles.current().roles_in_use
    org.create_department("办公室")  # nothing changes for a one-PC office


def test_a_clerk_not_listed_is_read_only_once_roles_are_in_use(office):
    act_as(None)
    context.set_actor("陌生人")
    with pytest.raises(PermissionDeniedError) as err:
        org.create_department("新科室")
    assert "没有在“设置 › 角色”中登记" in err.value.message and "陌生人" in err.value.message


def test_read_only_is_refused_by_every_write_service(office):
    services = write_services()
    assert len(services) > 60 and "ledger.update_entry" in services and "package_apply._apply" in services
    act_as(office["leader"])
    allowed = []
    for name, service in services.items():
        if service.write_allow is not None and service.write_allow.permission == roles.VIEW:
            allowed.append(name)
            continue
        with pytest.raises(PermissionDeniedError, match="只读"):
            call_with_nothing(service)
    assert allowed == ["campaigns.set_current"]


@pytest.mark.parametrize("who", ["tf_person", "dept_person"])
def test_liaisons_are_refused_by_every_office_only_service(office, who):
    act_as(office[who])
    for name, service in write_services().items():
        if service.write_allow is None:
            with pytest.raises(PermissionDeniedError, match="只有活动办可以做"):
                call_with_nothing(service)
        else:
            assert name in ("workflow.add_progress", "workflow.set_month_progress", "ledger_bulk.set_month_progress",
                            "ledger_bulk.redo_month_progress", "ledger_bulk.undo_month_progress",
                            "ledger_bulk.add_progress", "ledger_bulk.remove_progress", "attachments._link",
                            "attachments.remove_attachment", "attachments.restore_attachment",
                            "taskforce_reports.save_report", "taskforce_reports.delete_report",
                            "taskforces.add_member", "taskforces.change_member_role", "taskforces.remove_member",
                            "org.create_person", "org.update_person", "campaigns.set_current"), name


def test_task_force_liaison_reports_progress_on_own_entries_only(office, tmp_path):
    tf = office["task_force_id"]
    own, other = own_and_other_entry(lambda e: e.task_force_id == tf)
    act_as(office["tf_person"])
    workflow.add_progress(own.id, "本专班事项的进展")
    change = ledger_bulk.set_month_progress(own.id, "2026-11", "本月进展")
    ledger_bulk.undo_month_progress(change)
    evidence = tmp_path / "佐证.pdf"
    evidence.write_bytes(b"%PDF-1.4 x")
    record = attachments.add_attachment(own.id, evidence)
    attachments.remove_attachment(record.id)
    taskforce_reports.save_report(tf, "2026-11", "本月完成三项")
    for refused in (lambda: workflow.add_progress(other.id, "别人的事项"),
                    lambda: ledger_bulk.set_month_progress(other.id, "2026-11", "x"),
                    lambda: attachments.add_attachment(other.id, evidence),
                    lambda: ledger.update_entry(own.id, replace(ledger.get_entry(own.id).as_input(), note="改")),
                    lambda: workflow.apply_close(own.id, "完成了"),
                    lambda: ledger_bulk.bulk_update([own.id], "status", "推进中")):
        with pytest.raises(PermissionDeniedError) as err:
            refused()
        assert "专班联络员" in err.value.message and "没有保存任何内容" in err.value.message
    assert "不属于你负责的范围" in pytest.raises(PermissionDeniedError, workflow.add_progress, other.id, "x").value.message


def test_task_force_liaison_keeps_own_roster(office):
    tf = office["task_force_id"]
    act_as(office["tf_person"])
    newcomer = Person.select().where(Person.id.not_in(
        TaskForceMember.select(TaskForceMember.person).where(TaskForceMember.task_force == tf))).first()
    member = taskforces.add_member(tf, newcomer.id, "抽调人员")
    taskforces.change_member_role(member.id, "联络员")
    taskforces.remove_member(member.id)
    other_tf = TaskForceMember.select().where(TaskForceMember.task_force != tf).first()
    with pytest.raises(PermissionDeniedError, match="不是你所在的专班"):
        taskforces.add_member(other_tf.task_force_id, newcomer.id, "抽调人员")
    with pytest.raises(PermissionDeniedError):
        taskforces.remove_member(other_tf.id)
    with pytest.raises(PermissionDeniedError):
        org.create_person("新人", office["tf_person"].department_id)  # departments are not theirs


def test_department_liaison_reports_on_own_department_and_keeps_its_people(office):
    person = office["dept_person"]
    own, other = own_and_other_entry(lambda e: e.department_id == person.department_id)
    act_as(person)
    workflow.set_month_progress(own.id, "2026-11", "本科室本月进展")
    with pytest.raises(PermissionDeniedError, match="不属于你负责的范围"):
        workflow.set_month_progress(other.id, "2026-11", "别的科室")
    newcomer = org.create_person("新来的", person.department_id)
    org.update_person(newcomer.id, phone="123")
    with pytest.raises(PermissionDeniedError, match="不是你所在的科室"):
        org.update_person(newcomer.id, department_id=other.department_id)  # moving someone out
    with pytest.raises(PermissionDeniedError):
        org.create_person("无科室的人")
    with pytest.raises(PermissionDeniedError):
        taskforce_reports.save_report(office["task_force_id"], "2026-11", "不是专班联络员")


def test_office_does_everything_and_cannot_lock_itself_out(office):
    entry = LedgerEntry.select().first()
    ledger.update_entry(entry.id, replace(ledger.get_entry(entry.id).as_input(), note="活动办改的"))
    me = Person.get(Person.name == "测试员")
    with pytest.raises(ValidationError, match="将不再是活动办"):
        roles_admin.set_role(me.id, "只读")
    with pytest.raises(ValidationError, match="将不再是活动办"):
        roles_admin.remove_role(me.id)
    assert roles_admin.role_of(me.id) == "活动办"


def test_the_window_asks_what_the_role_allows(office):
    tf = office["task_force_id"]
    own, other = own_and_other_entry(lambda e: e.task_force_id == tf)
    act_as(office["tf_person"])
    assert roles.allows(roles.PROGRESS, entry=own) and not roles.allows(roles.PROGRESS, entry=other)
    assert not roles.allows() and roles.allows(roles.VIEW)
    act_as(office["leader"])
    assert not roles.allows(roles.PROGRESS, entry=own) and roles.current().read_only


def test_a_database_login_maps_to_a_person(office, monkeypatch):
    leader = office["leader"]
    roles_admin.set_role(leader.id, "只读", login="leader_li")
    with pytest.raises(ValidationError, match="已对应"):
        roles_admin.set_role(office["dept_person"].id, "科室联络员", login="leader_li")
    monkeypatch.setattr(roles, "_login", lambda: "leader_li")  # as on PostgreSQL: SELECT current_user
    act_as(None)
    context.set_actor("活动办的电脑上随便填的名字")
    assert roles.current().person_id == leader.id and roles.current().read_only
    monkeypatch.setattr(roles, "_login", lambda: "nobody")
    roles.forget_cached()
    assert roles.current().read_only and roles.current().person_id is None


def test_deadline_and_status_moves_stay_with_the_office(office):
    own = LedgerEntry.select().where(LedgerEntry.task_force == office["task_force_id"]).first()
    act_as(office["tf_person"])
    with pytest.raises(PermissionDeniedError):
        workflow.extend_deadline(own.id, date(2027, 6, 30), "理由")

"""设置 › 角色: who has which role on the shared database, and which database login acts as whom.

Only 活动办 changes roles (the default guard of context.writes). A change that would leave the clerk
making it without 活动办 is refused, so an office can never lock itself out of this page.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN

from desk_app.db.models import Department, Person, UserRole
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, roles


@dataclass(frozen=True)
class RoleAssignment:
    person_id: int
    person_name: str
    department_name: str
    role: str
    login: str


def list_assignments() -> list[RoleAssignment]:
    rows = (UserRole.select(UserRole, Person, Department).join(Person)
            .join_from(Person, Department, JOIN.LEFT_OUTER, on=(Person.department == Department.id))
            .order_by(Person.pinyin, Person.name, Person.id))
    return [RoleAssignment(r.person.id, r.person.name, r.person.department.name if r.person.department_id else "",
                           r.role, r.login or "") for r in rows]


def role_of(person_id: int) -> str:
    row = UserRole.get_or_none(UserRole.person == person_id)
    return row.role if row else ""


def _require_office_left() -> None:
    roles.forget_cached()  # this program's next check reads the roles as this change leaves them
    me = roles.resolve_now()
    if not me.is_office:
        who = f"登录名“{me.login}”" if me.login else f"“{me.name or '（未设置文员姓名）'}”"
        raise ValidationError(f"这样设置后你（{who}）将不再是活动办，再也不能修改角色；没有保存。"
                              "请先把你自己设为活动办（在“设置 › 常规”中填写的文员姓名须与人员名单中的姓名一致）。",
                              "role")


@context.writes
def set_role(person_id: int, role: str, login: str = "") -> RoleAssignment:
    """Give a person a role (and, on PostgreSQL, the database login that acts as them)."""
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise NotFoundError(f"找不到编号为 {person_id} 的人员")
    if role not in roles.ROLES:
        raise ValidationError(f"角色“{role}”不正确，应为：{'、'.join(roles.ROLES)}", "role")
    login = (login or "").strip() or None
    if login is not None:
        taken = UserRole.get_or_none((UserRole.login == login) & (UserRole.person != person_id))
        if taken is not None:
            raise ValidationError(f"登录名“{login}”已对应 {taken.person.name}，一个登录名只能对应一个人", "login")
    row = UserRole.get_or_none(UserRole.person == person_id)
    if row is None:
        UserRole.create(person=person_id, role=role, login=login, updated_at=context.now())
        changelog.record("user_role", person_id, "create", "role", None, f"{person.name}：{role}")
    elif (row.role, row.login) != (role, login):
        changelog.record("user_role", person_id, "update", "role", f"{person.name}：{row.role}",
                         f"{person.name}：{role}")
        row.role, row.login, row.updated_at = role, login, context.now()
        row.save()
    _require_office_left()
    return next(a for a in list_assignments() if a.person_id == person_id)


@context.writes
def remove_role(person_id: int) -> None:
    row = UserRole.get_or_none(UserRole.person == person_id)
    if row is None:
        return
    changelog.record("user_role", person_id, "delete", "role", f"{row.person.name}：{row.role}", None)
    row.delete_instance()
    _require_office_left()

"""Roles on a shared database, and the one guard every write service passes (context.writes).

* 活动办 — everything.
* 专班联络员 — the progress of their own 专班's entries (整改进展, 本月进展, 佐证材料, the 专班's monthly
  report) and their own 专班's roster; their 专班 are the ones they are a member of.
* 科室联络员 — the progress of their own department's entries (责任单位) and their department's people.
* 只读 — leaders: read everything, change nothing.

Who is acting: on PostgreSQL the database login, mapped to a person in 设置 › 角色; on SQLite the clerk
name of 设置 › 常规 (context.actor()), matched to a person by name. As long as nobody has a role (every
data folder until someone assigns one) everyone is 活动办, so a one-PC office sees no difference. Once
roles are in use, a login or clerk not listed is 只读.

A write service declares what else than 活动办 may call it with ``@context.writes(allow=Allow(...))``;
without it only 活动办 may. The guard runs once per outermost call, before the transaction.
"""

from __future__ import annotations

import inspect
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from desk_app.db.models import Attachment, Department, LedgerEntry, Person, TaskForce, TaskForceMember, UserRole
from desk_app.errors import PermissionDeniedError

from . import concurrency, context


class Role(StrEnum):
    OFFICE = "活动办"
    TASK_FORCE_LIAISON = "专班联络员"
    DEPARTMENT_LIAISON = "科室联络员"
    READ_ONLY = "只读"


ROLES = tuple(r.value for r in Role)
ROLE_HELP = {
    Role.OFFICE: "可以修改全部数据",
    Role.TASK_FORCE_LIAISON: "只能填报本专班事项的进展（整改进展、本月进展、佐证材料、专班月报）和维护本专班名单",
    Role.DEPARTMENT_LIAISON: "只能填报本科室事项的进展（整改进展、本月进展、佐证材料）和维护本科室人员",
    Role.READ_ONLY: "只能查阅，不能修改",
}

# What a liaison may do besides reading (活动办 may do everything; 只读 nothing).
PROGRESS = "progress"  # progress of entries (and a 专班's monthly report) in their scope
ROSTER = "roster"  # the people of their 专班 / department
VIEW = "view"  # choices of what to look at that are kept in the database (the current campaign): every role
SCOPES = ("entry", "task_force", "department", "member", "attachment", "person", "campaign")


@dataclass(frozen=True)
class Allow:
    """What a write service lets liaisons do: `permission` on the records named by the argument `arg`
    (an id, a list of ids, or an object whose `attr` is one), which are of kind `scope`."""

    permission: str
    arg: str
    scope: str = "entry"
    attr: str | None = None

    def __post_init__(self):
        if self.permission not in (PROGRESS, ROSTER, VIEW) or self.scope not in SCOPES:
            raise ValueError(f"bad Allow: {self}")


@dataclass(frozen=True)
class Identity:
    name: str  # the clerk name / login the program acts as
    role: Role
    person_id: int | None = None
    person_name: str = ""
    roles_in_use: bool = False
    login: str = ""  # the PostgreSQL login ('' on SQLite)
    task_force_ids: frozenset[int] = frozenset()
    department_id: int | None = None

    @property
    def is_office(self) -> bool:
        return self.role == Role.OFFICE

    @property
    def read_only(self) -> bool:
        return self.role == Role.READ_ONLY

    def owns_entry(self, task_force_id: int | None, department_id: int | None) -> bool:
        """May report progress on an entry of this 专班 and 责任单位."""
        if self.is_office:
            return True
        if self.role == Role.TASK_FORCE_LIAISON:
            return task_force_id is not None and task_force_id in self.task_force_ids
        if self.role == Role.DEPARTMENT_LIAISON:
            return department_id is not None and department_id == self.department_id
        return False

    def describe(self) -> str:
        who = self.person_name or self.name or "（未设置文员姓名）"
        return f"{who}（{self.role}）"


_CACHE_SECONDS = 2.0
_cache: dict[tuple, tuple[float, Identity]] = {}
_guarding = threading.local()


def forget_cached() -> None:
    """After roles, memberships or the clerk name changed."""
    _cache.clear()


def _login() -> str:
    if concurrency.engine() != "postgresql":
        return ""
    return str(concurrency.database.execute_sql("SELECT current_user").fetchone()[0])


def _resolve(actor: str, login: str) -> Identity:
    if not UserRole.select().exists():
        return Identity(actor or login, Role.OFFICE, login=login)
    query = UserRole.select(UserRole, Person).join(Person)
    if login:
        row = query.where(UserRole.login == login).first()
    else:
        row = query.where(Person.name == actor).order_by(UserRole.id).first() if actor else None
    if row is None:
        return Identity(actor or login, Role.READ_ONLY, roles_in_use=True, login=login)
    person = row.person
    role = Role(row.role) if row.role in ROLES else Role.READ_ONLY
    task_forces = frozenset(m.task_force_id for m in TaskForceMember.select(TaskForceMember.task_force)
                            .where(TaskForceMember.person == person.id))
    return Identity(actor or login, role, person.id, person.name, True, login, task_forces, person.department_id)


def resolve_now() -> Identity:
    """Like current(), read afresh and not cached (inside a transaction that may still roll back)."""
    return _resolve(context.actor(), _login())


def current() -> Identity:
    """Who this program acts as, with the role (cached a moment: the guard runs on every write)."""
    actor, login_key = context.actor(), concurrency.engine()
    key = (actor, login_key, id(concurrency.database.obj))
    hit = _cache.get(key)
    if hit is not None and time.monotonic() - hit[0] < _CACHE_SECONDS:
        return hit[1]
    identity = _resolve(actor, _login())
    _cache[key] = (time.monotonic(), identity)
    return identity


# -- the guard ------------------------------------------------------------------------------------

def _ids(value, attr: str | None) -> list[int]:
    items = value if isinstance(value, list | tuple | set | frozenset) else [value]
    out = []
    for item in items:
        item = getattr(item, attr, None) if attr else item
        if item is not None:
            out.append(int(item))
    return out


def _entries_out_of_scope(identity: Identity, entry_ids: list[int]) -> list[str]:
    wrong = []
    for start in range(0, len(entry_ids), 500):
        rows = (LedgerEntry.select(LedgerEntry.code, LedgerEntry.task_force, LedgerEntry.department)
                .where(LedgerEntry.id.in_(entry_ids[start:start + 500])).tuples())
        wrong.extend(code for code, tf, dept in rows if not identity.owns_entry(tf, dept))
    return wrong


def _scope_text(identity: Identity) -> str:
    if identity.role == Role.TASK_FORCE_LIAISON:
        names = [t.name for t in TaskForce.select(TaskForce.name).where(TaskForce.id.in_(sorted(identity.task_force_ids)))]
        return f"本专班（{'、'.join(names)}）" if names else "本专班（你还不是任何专班的成员）"
    dept = Department.get_or_none(Department.id == identity.department_id) if identity.department_id else None
    return f"本科室（{dept.name}）" if dept else "本科室（你的人员信息里没有所在科室）"


def _refuse(identity: Identity, what: str = "") -> None:
    if identity.read_only:
        if identity.person_id is None:
            who = f"登录名“{identity.login}”" if identity.login else f"文员“{identity.name or '（未设置）'}”"
            raise PermissionDeniedError(f"{who}没有在“设置 › 角色”中登记，只能查阅，不能修改数据，没有保存任何内容。"
                                        "请联系活动办为你设置角色。")
        raise PermissionDeniedError(f"你（{identity.person_name}）的角色是“只读”，只能查阅，不能修改数据，"
                                    "没有保存任何内容。如需修改，请联系活动办。")
    scope = _scope_text(identity)
    detail = what or "这项修改只有活动办可以做"
    raise PermissionDeniedError(f"你（{identity.person_name}）的角色是“{identity.role}”：{detail}。你只能"
                                f"{ROLE_HELP[identity.role].removeprefix('只能')}，范围是{scope}。"
                                "没有保存任何内容；如需修改，请联系活动办。")


def _check_scope(identity: Identity, allow: Allow, ids: list[int], extra_department: object = None) -> None:
    role = identity.role
    if allow.scope == "attachment":
        ids = [r[0] for r in Attachment.select(Attachment.entry).where(Attachment.id.in_(ids)).tuples() if r[0]]
    if allow.scope in ("entry", "attachment"):
        wrong = _entries_out_of_scope(identity, ids)
        if wrong:
            shown = "、".join(wrong[:5]) + (f" 等 {len(wrong)} 条" if len(wrong) > 5 else "")
            _refuse(identity, f"事项 {shown} 不属于你负责的范围")
        return
    if allow.scope == "member":
        ids = [r[0] for r in TaskForceMember.select(TaskForceMember.task_force)
               .where(TaskForceMember.id.in_(ids)).tuples()]
    if allow.scope in ("task_force", "member"):
        if role != Role.TASK_FORCE_LIAISON or any(i not in identity.task_force_ids for i in ids):
            _refuse(identity, "这个专班不是你所在的专班")
        return
    if allow.scope == "person":
        ids = [r[0] for r in Person.select(Person.department).where(Person.id.in_(ids)).tuples()]
    departments = [*ids, *([extra_department] if extra_department is not None else [])]
    if role != Role.DEPARTMENT_LIAISON or not departments or any(d != identity.department_id for d in departments):
        _refuse(identity, "这个科室不是你所在的科室")


def guard(permission: str | None = None, *, allow: Allow | None = None, ids: Iterable[int] = (),
          department_id: object = None) -> None:
    """Refuse (PermissionDeniedError, in Chinese) unless the acting clerk may do this write.

    permission None: 活动办 only. Otherwise `allow` (or a bare permission with entry ids) says on which
    records a liaison may do it; department_id is a department the write moves a person into."""
    identity = current()
    if identity.is_office or permission == VIEW:
        return
    if identity.read_only or permission is None:
        _refuse(identity)
    allow = allow or Allow(permission, "ids")
    if permission == ROSTER and identity.role not in (Role.TASK_FORCE_LIAISON, Role.DEPARTMENT_LIAISON):
        _refuse(identity)
    _check_scope(identity, allow, list(ids), department_id)


_signatures: dict[object, inspect.Signature] = {}


def _check_call(wrapper, args, kwargs) -> None:
    allow: Allow | None = getattr(wrapper, "write_allow", None)
    if allow is None:
        guard(None)
        return
    signature = _signatures.get(wrapper)
    if signature is None:
        signature = _signatures[wrapper] = inspect.signature(wrapper.__wrapped__)
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    moved_to = bound.arguments.get("values", {}).get("department_id") if allow.scope == "person" else None
    guard(allow.permission, allow=allow, ids=_ids(bound.arguments[allow.arg], allow.attr), department_id=moved_to)


@contextmanager
def guarded(wrapper, args, kwargs) -> Iterator[None]:
    """context.writes' check, once per outermost write call: the writes it makes inside are part of it."""
    if getattr(_guarding, "active", False):
        yield
        return
    _check_call(wrapper, args, kwargs)
    _guarding.active = True
    try:
        yield
    finally:
        _guarding.active = False


def allows(permission: str | None = None, *, entry: object = None) -> bool:
    """For the window: may the acting clerk do this (entry: a record with task_force_id, department_id)?"""
    identity = current()
    if identity.is_office or permission == VIEW:
        return True
    if identity.read_only or permission is None:
        return False
    if permission == PROGRESS and entry is not None:
        return identity.owns_entry(entry.task_force_id, entry.department_id)
    return True

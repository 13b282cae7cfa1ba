"""Departments (in the clerk's fixed order) and people."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN, fn

from desk_app.db.database import is_read_only
from desk_app.db.models import Department, Person, database
from desk_app.domain import PersonLevel
from desk_app.errors import NotFoundError, ValidationError

from . import changelog, context, roles


@dataclass(frozen=True)
class DepartmentRecord:
    id: int
    name: str
    short_name: str
    sort_order: int
    active: bool
    unit_id: int | None = None  # a sub-unit's department (「县局·办公室」, from its packages); None: our own


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str
    department_id: int | None
    department_name: str
    title: str
    level: str
    phone: str
    active: bool
    pinyin: str = ""  # "guo yi ming": lists sort by it
    initials: str = ""  # "gym": pickers find the person by it


def _dept(d: Department) -> DepartmentRecord:
    return DepartmentRecord(d.id, d.name, d.short_name, d.sort_order, d.active, d.unit_id)


def _person(p: Person, dept_name: str | None = None) -> PersonRecord:
    if dept_name is None:
        dept_name = p.department.name if p.department_id else ""
    return PersonRecord(p.id, p.name, p.department_id, dept_name, p.title, p.level, p.phone, p.active,
                        p.pinyin, p.initials)


def list_departments(*, include_inactive: bool = False, include_units: bool = False) -> list[DepartmentRecord]:
    """This office's departments (its lists, pickers, rankings); include_units adds the sub-units' (named
    「县局·办公室」), for naming or ordering any department an entry may point at."""
    query = Department.select()
    if not include_units:
        query = query.where(Department.unit.is_null())
    if not include_inactive:
        query = query.where(Department.active == True)  # noqa: E712
    return [_dept(d) for d in query.order_by(Department.sort_order, Department.id)]


def department_by_name(name: str) -> DepartmentRecord | None:
    d = Department.get_or_none(Department.name == name.strip())
    return _dept(d) if d else None


@context.writes
def create_department(name: str, short_name: str = "") -> DepartmentRecord:
    name = (name or "").strip()
    if not name:
        raise ValidationError("科室（单位）名称不能为空", "name")
    if Department.select().where(Department.name == name).exists():
        raise ValidationError(f"科室（单位）“{name}”已存在", "name")
    order = (Department.select(fn.MAX(Department.sort_order)).scalar() or 0) + 1
    d = Department.create(name=name, short_name=short_name.strip(), sort_order=order)
    changelog.record("department", d.id, "create", "name", None, name)
    _relink_assists([name, d.short_name])
    return _dept(d)


@context.writes
def reorder_departments(ids_in_order: list[int]) -> None:
    for position, dept_id in enumerate(ids_in_order, start=1):
        Department.update(sort_order=position).where(Department.id == dept_id).execute()
    changelog.record("department", 0, "update", "sort_order", None, ",".join(map(str, ids_in_order)))


def refresh_name_keys() -> int:
    """Give people written around the program (or renamed there) their pinyin keys; how many needed it.
    Cheap when there are none: pypinyin is imported only if someone lacks a key."""
    missing = list(Person.select().where((Person.pinyin == "") & (Person.name != "")))
    if missing:
        with database.atomic():
            for p in missing:
                p.save()  # Person.save computes the keys of a person without them
    return len(missing)


def name_order():
    """ORDER BY terms for people: by the reading of the name (拼音), then the name, then who came first."""
    return (Person.pinyin, Person.name, Person.id)


def list_people(*, department_id: int | None = None, include_inactive: bool = False,
                level: str | None = None) -> list[PersonRecord]:
    """People in pinyin order of their names (the order of a printed roster)."""
    if not is_read_only():
        refresh_name_keys()
    query = (Person.select(Person, Department.name.alias("dept_name"))
             .join(Department, join_type=JOIN.LEFT_OUTER, on=(Person.department == Department.id)))
    if not include_inactive:
        query = query.where(Person.active == True)  # noqa: E712
    if department_id is not None:
        query = query.where(Person.department == department_id)
    if level:
        query = query.where(Person.level == level)
    query = query.order_by(*name_order()).objects()
    return [_person(p, p.dept_name or "") for p in query]


def get_person(person_id: int) -> PersonRecord:
    p = Person.get_or_none(Person.id == person_id)
    if p is None:
        raise NotFoundError(f"找不到编号为 {person_id} 的人员")
    return _person(p)


def find_people_by_name(name: str) -> list[PersonRecord]:
    query = Person.select().where(Person.name == name.strip()).order_by(*name_order())
    return [_person(p) for p in query]


_PERSON_FIELDS = ("name", "department_id", "title", "level", "phone", "active")


def _validate_person(values: dict) -> None:
    if not (values.get("name") or "").strip():
        raise ValidationError("姓名不能为空", "name")
    level = values.get("level") or ""
    if level and level not in {lv.value for lv in PersonLevel}:
        raise ValidationError(f"层级“{level}”不正确，应为：{'、'.join(PersonLevel)}", "level")
    phone = (values.get("phone") or "").strip()
    if phone and not all(c.isdigit() or c in "-+ ()" for c in phone):
        raise ValidationError("联系电话只能包含数字和“-”", "phone")
    dept = values.get("department_id")
    if dept is not None and not Department.select().where(Department.id == dept).exists():
        raise ValidationError("所选科室（单位）不存在", "department_id")


@context.writes(allow=roles.Allow(roles.ROSTER, "department_id", scope="department"))
def create_person(name: str, department_id: int | None = None, title: str = "", level: str = "",
                  phone: str = "") -> PersonRecord:
    values = dict(name=name.strip(), department_id=department_id, title=title.strip(), level=level,
                  phone=phone.strip())
    _validate_person(values)
    order = (Person.select(fn.MAX(Person.sort_order)).scalar() or 0) + 1
    p = Person.create(name=values["name"], department=department_id, title=values["title"],
                      level=level, phone=values["phone"], sort_order=order)
    changelog.record("person", p.id, "create", "name", None, p.name)
    return _person(p)


@context.writes(allow=roles.Allow(roles.ROSTER, "person_id", scope="person"))
def update_person(person_id: int, **values) -> PersonRecord:
    p = Person.get_or_none(Person.id == person_id)
    if p is None:
        raise NotFoundError(f"找不到编号为 {person_id} 的人员")
    unknown = set(values) - set(_PERSON_FIELDS)
    if unknown:
        raise ValueError(f"unknown person fields: {unknown}")
    current = {f: getattr(p, f) for f in _PERSON_FIELDS}
    merged = {**current, **values}
    _validate_person(merged)
    changes = {f: (current[f], merged[f]) for f in _PERSON_FIELDS if current[f] != merged[f]}
    for field_name, (_, new) in changes.items():
        setattr(p, field_name, new)
    p.save()
    changelog.record_changes("person", p.id, changes)
    return _person(p)


@context.writes
def update_department(department_id: int, *, name: str | None = None, short_name: str | None = None,
                      active: bool | None = None) -> DepartmentRecord:
    d = Department.get_or_none(Department.id == department_id)
    if d is None:
        raise NotFoundError(f"找不到编号为 {department_id} 的科室（单位）")
    changes = {}
    if name is not None:
        name = name.strip()
        if not name:
            raise ValidationError("科室（单位）名称不能为空", "name")
        if name != d.name and Department.select().where(Department.name == name).exists():
            raise ValidationError(f"科室（单位）“{name}”已存在", "name")
        changes["name"] = (d.name, name)
    if short_name is not None:
        changes["short_name"] = (d.short_name, short_name.strip())
    if active is not None:
        changes["active"] = (d.active, bool(active))
    changes = {k: v for k, v in changes.items() if v[0] != v[1]}
    for field_name, (_, new) in changes.items():
        setattr(d, field_name, new)
    if changes:
        d.save()
        changelog.record_changes("department", d.id, changes)
        if "name" in changes or "short_name" in changes:
            _relink_assists([v for pair in (changes.get("name", ()), changes.get("short_name", ())) for v in pair])
    return _dept(d)


def _relink_assists(names: list[str]) -> None:
    """配合处室 texts naming a department by a name it has (or had) follow it (services/assists)."""
    from .assists import relink  # noqa: PLC0415 - assists reads ledger entries

    relink.__wrapped__(names)


def count_people(department_id: int) -> int:
    return Person.select().where(Person.department == department_id, Person.active == True).count()  # noqa: E712

"""The names a package's entries use, as this office files them, and what importing it would add: a package
comes from a sub-unit, so its 科室 are that unit's (「县局·办公室」, department.unit, migration 20), never this
office's department of the same name, and its people are the unit's people. The preview lists what is new,
so nothing is created silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import JOIN, fn

from desk_app.db.models import Department, Person, TaskForce, Unit
from desk_app.services import changelog

from .package_format import ENTRY_PERSON_FIELDS

SHOWN = 5


@dataclass(frozen=True)
class NewNames:
    departments: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # "name（department）"
    task_forces: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.departments or self.people or self.task_forces)

    def text(self) -> str:
        """One line for the preview: '将新建：科室 2 个（…）、人员 3 人（…）' ('' when nothing is new)."""
        parts = []
        for label, unit, names in (("科室", "个", self.departments), ("人员", "人", self.people),
                                   ("专班", "个", self.task_forces)):
            if names:
                more = "等" if len(names) > SHOWN else ""
                parts.append(f"{label} {len(names)} {unit}（{'、'.join(names[:SHOWN])}{more}）")
        if not parts:
            return ""
        return "将在本机新建：" + "，".join(parts)


SEPARATOR = "·"
UNIT_LEVEL = "本级"  # the department of a sub-unit's people whose package names none


def unit_department_name(unit: str, name: str) -> str:
    """How this office names a sub-unit's department: 「XX县局·办公室」 (「XX县局·本级」 for no department)."""
    return f"{unit}{SEPARATOR}{name or UNIT_LEVEL}"


def name_as_sent(name: str, unit: str) -> str:
    """A department name of `unit`'s entries here as its package writes it (「县局·办公室」 → 办公室)."""
    if name.startswith(f"{unit}{SEPARATOR}"):
        name = name[len(unit) + len(SEPARATOR):]
        return "" if name == UNIT_LEVEL else name
    return name


def names_as_sent() -> dict[int, str]:
    """Every department's name as a package writes it (for comparing our entries with a package's): a sub-unit's
    without its 「单位·」, its 本级 as ''."""
    out = {}
    for dept_id, name, unit in (Department.select(Department.id, Department.name, Unit.name)
                                .join(Unit, JOIN.LEFT_OUTER).tuples()):
        out[dept_id] = name_as_sent(name, unit) if unit else name
    return out


def unit_departments(unit: str) -> dict[str, int]:
    """The sub-unit's departments here, by the name its package uses (UNIT_LEVEL's as '')."""
    prefix = f"{unit}{SEPARATOR}"
    found = {}
    for dept_id, name in (Department.select(Department.id, Department.name).join(Unit)
                          .where(Unit.name == unit).tuples()):
        short = name[len(prefix):] if name.startswith(prefix) else name
        found["" if short == UNIT_LEVEL else short] = dept_id
    return found


def unit_people(unit: str) -> dict[tuple[str, str], int]:
    """The sub-unit's people here, by (name, the department name its package uses); the first of a key wins."""
    by_id = {dept_id: short for short, dept_id in unit_departments(unit).items()}
    found: dict[tuple[str, str], int] = {}
    if by_id:
        for pid, name, dept_id in (Person.select(Person.id, Person.name, Person.department)
                                   .where(Person.department.in_(list(by_id))).order_by(Person.id).tuples()):
            found.setdefault((name, by_id[dept_id]), pid)
    return found


def make_unit_department(unit: Unit, name: str) -> int:
    """The sub-unit's department of this name ('' = its 本级), made inactive at the end of the list when missing
    (pick lists stay clean); one of that name made before units had departments becomes the unit's."""
    full = unit_department_name(unit.name, name)
    found = Department.get_or_none(Department.name == full)
    if found is None:
        order = (Department.select(fn.MAX(Department.sort_order)).scalar() or 0) + 1
        found = Department.create(name=full, sort_order=order, active=False, unit=unit)
        changelog.record("department", found.id, "create", "name", None, full)
    elif found.unit_id != unit.id:
        Department.update(unit=unit).where(Department.id == found.id).execute()
    return found.id


def names_to_create(entries: list[dict], campaign_id: int | None, unit: str) -> NewNames:
    """The departments, people and task forces (of `campaign_id`; all when it will be created) that the
    entries of `unit`'s package name and this database lacks, as the importer would resolve them."""
    departments = set(unit_departments(unit))
    people = set(unit_people(unit))
    forces = set()
    if campaign_id is not None:
        forces = {name for (name,) in TaskForce.select(TaskForce.name).where(TaskForce.campaign == campaign_id).tuples()}
    new_departments, new_people, new_forces = {}, {}, {}
    for e in entries:
        for dept in [e.get("department", "")] + [(e[f] or {}).get("department", "") for f in ENTRY_PERSON_FIELDS]:
            if dept and dept not in departments:
                new_departments.setdefault(unit_department_name(unit, dept), None)
        for f in ENTRY_PERSON_FIELDS:
            person = e[f]
            if person and (person["name"], person.get("department", "") or "") not in people:
                if "" not in departments and not person.get("department"):
                    new_departments.setdefault(unit_department_name(unit, ""), None)
                label = f"{person['name']}（{unit_department_name(unit, person.get('department') or '')}）"
                new_people.setdefault(label, None)
        force = e.get("task_force", "")
        if force and force not in forces:
            new_forces.setdefault(force, None)
    return NewNames(list(new_departments), list(new_people), list(new_forces))

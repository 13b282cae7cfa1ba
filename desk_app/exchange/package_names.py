"""What importing a package would add to this office's own lists: 科室, people and 专班 named in the
package that do not exist here yet. The preview lists them, so nothing is created silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import JOIN

from desk_app.db.models import Department, Person, TaskForce

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


def names_to_create(entries: list[dict], campaign_id: int | None) -> NewNames:
    """The departments, people and task forces (of `campaign_id`; all when it will be created) that the
    entries name and this database lacks, as the importer would resolve them."""
    departments = {name for (name,) in Department.select(Department.name).tuples()}
    people = {(name, dept or "") for name, dept in Person.select(Person.name, Department.name)
              .join(Department, JOIN.LEFT_OUTER, on=(Person.department == Department.id)).tuples()}
    forces = set()
    if campaign_id is not None:
        forces = {name for (name,) in TaskForce.select(TaskForce.name).where(TaskForce.campaign == campaign_id).tuples()}
    new_departments, new_people, new_forces = {}, {}, {}
    for e in entries:
        for dept in [e.get("department", "")] + [(e[f] or {}).get("department", "") for f in ENTRY_PERSON_FIELDS]:
            if dept and dept not in departments:
                new_departments.setdefault(dept, None)
        for f in ENTRY_PERSON_FIELDS:
            person = e[f]
            if person and (person["name"], person.get("department", "") or "") not in people:
                label = person["name"] + (f"（{person['department']}）" if person.get("department") else "")
                new_people.setdefault(label, None)
        force = e.get("task_force", "")
        if force and force not in forces:
            new_forces.setdefault(force, None)
    return NewNames(list(new_departments), list(new_people), list(new_forces))

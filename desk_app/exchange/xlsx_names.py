"""The names an Excel import meets (科室, people, 专班) matched to ours, and the people it would create.

A person is one person per name unless the sheet itself says otherwise ("张伟（预算科）" and "张伟（国库科）"):
a 责任领导 leads the whole unit and is named on rows of every department, and a 责任人 is often named on rows
of other departments (the 责任单位 is the entry's, not the person's). The department of a person the import
creates is the one the sheet states beside the name, else the department of the rows the person owns
(所属人员), else the department most of their 责任人 rows name; a leader gets none from the rows.

Planning writes nothing: a name the import would create is given a placeholder id (negative) that the
rows and their 措施 carry until xlsx_apply creates the people and departments and puts in the real ids."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from desk_app.db.models import Department, Person, TaskForce
from desk_app.domain import LEVEL_TO_LAYER, PersonLevel

from .xlsx_people import UNIT_ENDINGS

LEADER_LEVELS = (PersonLevel.BUREAU_LEADER.value, PersonLevel.DIVISION.value)
LAYER_TO_LEVEL = {layer.value: level.value for level, layer in LEVEL_TO_LAYER.items()}
# Words of a title that make its holder one of the bureau's leaders (局领导), not a member of a section.
BUREAU_LEADER_WORDS = ("局长", "书记", "党组成员", "总会计师", "总经济师", "纪检组长")
# What may stand before a title another title names ("常务副局长" is a 副局长).
TITLE_PREFIXES = ("", "常务", "党组", "党委", "专职", "执行")


def holds_title(person_title: str, title: str) -> bool:
    """Whether a person's 职务 ("党组成员、副局长") includes `title` ("副局长"; "局长" is not "副局长")."""
    parts = [p.strip() for p in person_title.replace("，", "、").replace(",", "、").split("、")]
    return any(p.endswith(title) and p[:len(p) - len(title)] in TITLE_PREFIXES for p in parts if p)


@dataclass
class NewPerson:
    """A person the import would create, with what the sheet says about them."""

    name: str
    placeholder: int
    unit: str = ""  # the department the sheet writes beside the name
    title: str = ""
    owned_units: Counter = field(default_factory=Counter)  # departments of the rows they own (所属人员)
    row_units: Counter = field(default_factory=Counter)  # departments of the rows naming them as 责任人
    layers: Counter = field(default_factory=Counter)  # layers of the rows they own

    def department(self) -> str:
        if self.unit:
            return self.unit
        for counts in (self.owned_units, self.row_units):
            if counts:
                return counts.most_common(1)[0][0]
        return ""

    def level(self) -> str:
        if self.layers:
            return LAYER_TO_LEVEL.get(self.layers.most_common(1)[0][0], "")
        if any(word in self.title for word in BUREAU_LEADER_WORDS):
            return PersonLevel.BUREAU_LEADER.value
        return ""


class ImportNames:
    """Our 科室, people and the campaign's 专班 by name, read once per import."""

    def __init__(self, campaign_id: int, *, create_missing: bool = False):
        self.create_missing = create_missing
        self.departments: dict[str, int] = {}
        for d in Department.select():
            self.departments.setdefault(d.name, d.id)
            if d.short_name:
                self.departments.setdefault(d.short_name, d.id)
        self.people: dict[str, list[tuple[int, int | None]]] = {}
        self.levels: dict[int, str] = {}
        self.titles: dict[int, str] = {}
        self.names: dict[int, str] = {}
        active: dict[int, bool] = {}
        for p in Person.select(Person.id, Person.name, Person.department, Person.level, Person.title,
                               Person.active).order_by(Person.id):
            self.people.setdefault(p.name, []).append((p.id, p.department_id))
            self.levels[p.id], self.titles[p.id], self.names[p.id], active[p.id] = p.level, p.title, p.name, p.active
        for matches in self.people.values():  # people who left are matched only when no one else has the name
            matches.sort(key=lambda m: not active[m[0]])
        self.task_forces = dict(TaskForce.select(TaskForce.name, TaskForce.id)
                                .where(TaskForce.campaign == campaign_id).tuples())
        self.new_people: dict[tuple[str, str], NewPerson] = {}  # (name, unit the sheet states or '')
        self.new_departments: dict[int, str] = {}  # placeholder -> name (措施 only; rows keep new_names)
        self._next = -1
        self._by_surname: dict[tuple[str, str], int | None] = {}
        self._by_id: dict[int, str] | None = None

    # -- matching ours ------------------------------------------------------------------------------
    def person(self, name: str, department_id: int | None, *, role: str = "", title: str = "") -> int | None:
        """Our person of this name: the one in the row's department (a 责任领导: one of the leaders), else
        the first (active) one. A surname with a title ("王局长") is the one 王 who holds that title."""
        matches = self.people.get(name, [])
        if not matches and title and len(name) == 1:
            if (name, title) not in self._by_surname:
                found = [pid for other, people in self.people.items() if len(other) > 1 and other[0] == name
                         for pid, _ in people if holds_title(self.titles[pid], title)]
                self._by_surname[name, title] = found[0] if len(found) == 1 else None
            return self._by_surname[name, title]
        if len(matches) > 1:
            if role == "leader":
                leaders = [m for m in matches if self.levels.get(m[0]) in LEADER_LEVELS]
                matches = leaders or matches
            elif department_id is not None:
                matches = [m for m in matches if m[1] == department_id] or matches
            if title:
                matches = [m for m in matches if holds_title(self.titles[m[0]], title)] or matches
        return matches[0][0] if matches else None

    def layer_of(self, person_id: int) -> str:
        level = self.levels.get(person_id, "")
        return LEVEL_TO_LAYER[PersonLevel(level)].value if level in {lv.value for lv in PersonLevel} else ""

    def is_department(self, name: str) -> bool:
        """A 科室 of ours, or with 自动新建 a name that reads as one ("国库科" beside a 措施's 责任人)."""
        return bool(name) and (name in self.departments
                               or (self.create_missing and len(name) > 2 and name.endswith(UNIT_ENDINGS)))

    def label(self, field_name: str, value: int | None) -> str:
        """The name an id field of a planned row points at (for the preview)."""
        if value is None:
            return ""
        if value < 0:
            new = next((p.name for p in self.new_people.values() if p.placeholder == value), None)
            return f"{new or self.new_departments.get(value, '')}（新建）"
        if field_name in ("department_id",):
            return self._department_names().get(value, "")
        if field_name == "task_force_id":
            return next((n for n, i in self.task_forces.items() if i == value), "")
        return self.names.get(value, "")

    def _department_names(self) -> dict[int, str]:
        if self._by_id is None:
            self._by_id = {}
            for name, dept_id in self.departments.items():
                self._by_id.setdefault(dept_id, name)  # the full name comes first
        return self._by_id

    # -- what the import would create ---------------------------------------------------------------
    def _placeholder(self) -> int:
        self._next -= 1
        return self._next + 1

    def new_person(self, name: str, *, role: str, row_unit: str = "", unit: str = "", title: str = "",
                   layer: str = "") -> int:
        """The placeholder id of a person the import would create (one per name, or per name and the
        department the sheet writes beside it when it writes different ones)."""
        key = (name, "")
        found = self.new_people.get(key)
        if unit and found is not None and found.unit and found.unit != unit:
            key = (name, unit)
            found = self.new_people.get(key)
        if found is None:
            found = self.new_people[key] = NewPerson(name, self._placeholder())
        if unit and not found.unit:
            found.unit = unit
        if title and not found.title:
            found.title = title
        if role == "owner":
            if row_unit:
                found.owned_units[row_unit] += 1
            if layer:
                found.layers[layer] += 1
        elif role != "leader" and row_unit:
            found.row_units[row_unit] += 1
        return found.placeholder

    def measure_person(self, name: str, unit: str) -> int | None:
        """A 措施's 责任人 ("雷勇（国库科）"): ours, or with 自动新建 one the import creates."""
        found = self.person(name, self.departments.get(unit))
        if found is None and self.create_missing:
            found = self.new_person(name, role="responsible", unit=unit)
        return found

    def measure_department(self, unit: str) -> int | None:
        found = self.departments.get(unit)
        if found is None and self.create_missing and unit:
            found = next((p for p, n in self.new_departments.items() if n == unit), None) or self._placeholder()
            self.new_departments[found] = unit
        return found

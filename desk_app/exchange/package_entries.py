"""A package's new entries as columns for the ledger's write path (services/entry_columns), and the names
its entries use created first, in the order the entries name them.

An entry at a time, a package's 20,000 new entries each became a dict of values, an EntryInput and a NewEntry
(about a CPU second of a first import); here each field of all of them is read and converted by one pass over
the entries, and the rows are the columns zipped. The people, 科室 and 专班 the import creates are created
before, by one pass over every entry it takes, new or changed, in the order the entry by entry resolution
created them (_Resolver in package_apply), so they get the same ids, change records and sort order.
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter

from .package_format import ENTRY_DATE_FIELDS, ENTRY_DATETIME_FIELDS, ENTRY_PERSON_FIELDS, ENTRY_TEXT_FIELDS
from .package_rows import stored_column


def person_key(ref: dict) -> tuple[str, str]:
    """How a package's person is known here: (name, the department name its package uses)."""
    return ref["name"], ref.get("department") or ""


def create_names(resolve, entries: list[dict]) -> None:
    """Create what the entries name and this office lacks (resolve: package_apply's _Resolver), in the order
    of first mention: an entry's people, then its 科室, then its 专班, entry after entry."""
    people, departments, task_forces = resolve.people, resolve.departments, resolve.task_forces
    wanted: dict[tuple, None] = {}
    for e in entries:
        for name in ENTRY_PERSON_FIELDS:
            ref = e[name]
            if ref and person_key(ref) not in people:
                wanted.setdefault(("person", person_key(ref)), None)
        department, task_force = e.get("department", ""), e.get("task_force", "")
        if department and department not in departments:
            wanted.setdefault(("department", department), None)
        if task_force and task_force not in task_forces:
            wanted.setdefault(("task_force", task_force), None)
    for kind, key in wanted:
        if kind == "person":
            resolve.person({"name": key[0], "department": key[1]})
        elif kind == "department":
            resolve.department(key)
        else:
            resolve.task_force(key)


def new_entry_columns(entries: list[dict], resolve, unit: str) -> dict[str, list]:
    """The columns services/entry_columns takes, for `entries` of `unit`'s package (checked by package_read;
    every name they use known to `resolve`, see create_names)."""
    def column(name: str) -> list:
        return list(map(itemgetter(name), entries))

    def given(name: str) -> list:
        return list(map(dict.get, entries, repeat(name)))

    columns = {name: column(name) for name in ("uuid", *ENTRY_TEXT_FIELDS)}
    for name in ENTRY_DATE_FIELDS + ENTRY_DATETIME_FIELDS:
        columns[name] = stored_column(name, column(name))  # ISO dates, 'YYYY-MM-DD HH:MM:SS' times
    people = resolve.people
    for name in ENTRY_PERSON_FIELDS:
        columns[f"{name}_id"] = [people[person_key(ref)] if ref else None for ref in column(name)]
    departments, task_forces = resolve.departments, resolve.task_forces
    columns["department_id"] = [departments[d] if d else None for d in map(dict.get, entries, repeat("department"),
                                                                            repeat(""))]
    columns["task_force_id"] = [task_forces[t] if t else None for t in map(dict.get, entries, repeat("task_force"),
                                                                            repeat(""))]
    columns["meeting_id"] = [resolve.meeting(m) if m else None for m in given("meeting")]
    columns["decision_no"] = given("decision_no")
    columns["source_unit"] = [unit] * len(entries)
    return columns

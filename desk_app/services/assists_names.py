"""配合处室 as clerks type them ("预算科、办公室，国库科") read into department references.

Pure functions over (id, name, short name) triples, shared by migration 12 (which turns the free text of
earlier versions into references) and services/assists (every later write). A name is matched by the
department's full name, else its short name, ignoring spaces and the width of brackets; a name that
matches no department, or several, is kept as text (the clerk sees it under the picker and in
首页's reminders) rather than inventing a department: "各区财政局" or a typo would otherwise join the
list every picker, statistic and ranking offers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What clerks put between names: 、，, ; ； / and line breaks (spaces only between latin-free names).
SEPARATORS = re.compile(r"[、，,;；/／\n\r\t]+|\s{2,}|(?<=[\u4e00-\u9fff）)])\s+(?=[\u4e00-\u9fff（(])")
_BRACKETS = str.maketrans({"(": "（", ")": "）"})


def split_names(text: str) -> list[str]:
    """The names in a 配合处室 text, in order, each once."""
    names: list[str] = []
    for part in SEPARATORS.split(text or ""):
        name = part.strip().strip("。.")
        if name and name not in names:
            names.append(name)
    return names


def name_key(name: str) -> str:
    return "".join(name.split()).translate(_BRACKETS)


@dataclass(frozen=True)
class Matched:
    department_ids: list[int]  # in the order written, without the 牵头 department
    unmatched: list[str]  # names kept as text

    def text(self, names_by_id: dict[int, str]) -> str:
        """The canonical 配合处室 text: the departments' full names in order, then the unmatched names."""
        return "、".join([names_by_id[i] for i in self.department_ids] + self.unmatched)


class DepartmentNames:
    """Departments by full and short name (a short name shared by two departments matches neither)."""

    def __init__(self, departments):
        departments = list(departments)
        self.full_names = {dept_id: name for dept_id, name, _ in departments}
        self.by_name: dict[str, int] = {}
        short: dict[str, set[int]] = {}
        for dept_id, name, short_name in departments:
            self.by_name.setdefault(name_key(name), dept_id)
            if short_name:
                short.setdefault(name_key(short_name), set()).add(dept_id)
        self.by_short = {k: next(iter(v)) for k, v in short.items() if len(v) == 1}

    def find(self, name: str) -> int | None:
        key = name_key(name)
        return self.by_name.get(key) or self.by_short.get(key)

    def match(self, text: str, lead_id: int | None = None) -> Matched:
        ids: list[int] = []
        unmatched: list[str] = []
        for name in split_names(text):
            found = self.find(name)
            if found is None:
                unmatched.append(name)
            elif found != lead_id and found not in ids:
                ids.append(found)
        return Matched(ids, unmatched)

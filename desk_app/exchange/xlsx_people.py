"""Lists of units and people in one cell: split on 、，,；;/ outside brackets only (so "各县（市、区）
人民政府" stays one unit), and job titles taken off names ("党组书记 周建华" is 周建华, 职务 党组书记)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

OPEN, CLOSE = "（(【[〔", "）)】]〕"
LIST_MARKS = "、，,；;/／\n"
_ROLE_REMARK = re.compile(r"[（(](牵头|主办|主责|配合|协办|负责)[）)]$")
UNIT_ENDINGS = ("局", "科", "室", "办", "委", "部", "院", "所", "站", "队", "处", "组", "会", "厅", "中心", "司", "府",
                "街道", "镇", "乡", "村", "社区", "公司", "党组", "党委")
_NAME = re.compile(r"^[\u4e00-\u9fa5·]{2,5}$")


def split_outside_brackets(text: str, marks: str = LIST_MARKS, *, spaces: bool = False) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(depth - 1, 0)
        if depth == 0 and (ch in marks or (spaces and ch.isspace())):
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


@functools.lru_cache(maxsize=4096)
def _units(text: str) -> tuple[str, ...]:
    units: list[str] = []
    for part in split_outside_brackets(text, spaces=True):
        part = _ROLE_REMARK.sub("", part).strip()
        if part and part not in units:
            units.append(part)
    return tuple(units)


def split_units(text: str) -> list[str]:
    """"区财政局（牵头）、各县（市、区）人民政府" → ["区财政局", "各县（市、区）人民政府"]."""
    return list(_units(text))


@dataclass(frozen=True)
class NamedPerson:
    name: str  # '' when the cell names only a title ("区长")
    title: str = ""


class TitleReader:
    def __init__(self, titles: tuple[str, ...]):
        self.titles = sorted(set(titles), key=len, reverse=True)
        self._cache: dict[str, tuple[NamedPerson, ...]] = {}  # a ledger names the same people on many rows

    def _strip(self, text: str) -> tuple[str, list[str]]:
        """Titles off the front and out of a trailing bracket."""
        found = []
        bracket = re.search(r"[（(]([^（）()]+)[）)]$", text)
        if bracket and any(bracket[1].startswith(t) or bracket[1].endswith(t) for t in self.titles):
            found.append(bracket[1])
            text = text[:bracket.start()].strip()
        changed = True
        while changed:
            changed = False
            text = text.strip(" \u3000、,，")
            for title in self.titles:
                if text.startswith(title) and len(text) >= len(title):
                    found.append(title)
                    text = text[len(title):]
                    changed = True
                    break
        # "应急局局长", "市委副书记": a title after a unit's name is a title as a whole
        for title in self.titles:
            head = text[:-len(title)] if text.endswith(title) else ""
            if head and head.endswith(UNIT_ENDINGS):
                return "", [*found, text]
        # "周建华局长": a title after the name
        for title in self.titles:
            if text.endswith(title) and len(text) - len(title) >= 2 and _NAME.match(text[:-len(title)]):
                found.append(title)
                text = text[:-len(title)]
                break
        return text.strip(), found

    def people(self, text: str) -> list[NamedPerson]:
        """Every person a cell names, in order; a bare title binds to the name after it."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._people(text)
        return list(cached)

    def _people(self, text: str) -> tuple[NamedPerson, ...]:
        result: list[NamedPerson] = []
        pending: list[str] = []
        for part in split_outside_brackets(text):
            for piece in part.split():  # "张三 李四" is two people; "党组书记 周建华" one, titled
                name, titles = self._strip(piece)
                if not name:
                    pending.extend(titles)
                    continue
                result.append(NamedPerson(name, "、".join(pending + titles)))
                pending = []
        if pending:
            result.append(NamedPerson("", "、".join(pending)))
        return tuple(result)

